//! Build step of the web app: the collection, prepared at compile time by `dossier-core`.
//!
//! 1. Embeds every file under `articles/` (or `DOSSIER_ARTICLES`) as raw bytes
//!    (`embedded_articles.rs`) for the native tests and tools. Files in a legacy encoding
//!    (GBK/GB18030, Big5, UTF-16) are decoded by the parser's own `decode` and embedded as
//!    UTF-8 with a note of their encoding.
//! 2. Runs [`dossier_core::bundle::bundle`]: parses the collection, trims jieba's 5 MB default
//!    dictionary (`data/jieba/dict.txt`) to the words that occur in it (`jieba_dict.txt`; the
//!    cuts stay those of the whole dictionary, `tests/segmentation.rs` checks), indexes it and
//!    packs the index (`index.pack`): the web app unpacks it instead of parsing and segmenting
//!    at start-up. Name variants (`data/aliases.tsv` and the collection's own `aliases.tsv`)
//!    are packed for the entities that occur in the collection. No file's content can break the build: unreadable files are packed as
//!    failures, with their reason, for the app to list.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use dossier_core::corpus::{self, SourceFile};
use dossier_core::parse::decode;
use dossier_core::text::aliases::AliasTable;

fn main() {
    let root =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // DOSSIER_ARTICLES builds another collection into its own bundle (benchmarks, the XSS
    // fixtures); by default the app embeds articles/.
    println!("cargo:rerun-if-env-changed=DOSSIER_ARTICLES");
    let articles =
        env::var_os("DOSSIER_ARTICLES").map_or_else(|| root.join("articles"), PathBuf::from);
    // Cargo rescans a directory named here recursively, so adding, removing or editing
    // any article triggers a rebuild (and `trunk serve` a reload). Changes to dossier-core
    // rebuild this script, as for any dependency.
    println!("cargo:rerun-if-changed={}", articles.display());
    // DOSSIER_SHARDED=DIR (scripts/build --sharded): the collection is the sharded index in
    // DIR, which `dossier shard` wrote and the page fetches from `shards/`; nothing is
    // embedded, and the app reads `env!("DOSSIER_SHARDS")` ("1") to know.
    println!("cargo:rerun-if-env-changed=DOSSIER_SHARDED");
    let sharded = env::var_os("DOSSIER_SHARDED").is_some_and(|d| !d.is_empty());
    // The page reads shards only with the feature; natively the app always can.
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if sharded && wasm && env::var_os("CARGO_FEATURE_SHARDED").is_none() {
        panic!(
            "DOSSIER_SHARDED builds a sharded page: build it with `--features sharded` (scripts/build --sharded does)"
        );
    }
    println!(
        "cargo:rustc-env=DOSSIER_SHARDS={}",
        if sharded { "1" } else { "" }
    );
    println!("cargo:rerun-if-changed=data/jieba/dict.txt");
    println!("cargo:rerun-if-changed=data/aliases.tsv");

    let files = if articles.is_dir() && !sharded {
        corpus::list_files(&articles)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", articles.display()))
    } else {
        Vec::new()
    };
    let (table, sources) = embedded_table(&files, &out_dir);
    write(&out_dir.join("embedded_articles.rs"), &table);

    let dict = fs::read_to_string(root.join("data/jieba/dict.txt"))
        .expect("data/jieba/dict.txt is readable");
    // The curated name variants and the collection's own (`articles/aliases.tsv`, which
    // corpus::list_files leaves out of the articles); a line that cannot be read is skipped
    // with a warning. The collection's file is copied for `dossier::alias_table`.
    let curated =
        fs::read_to_string(root.join("data/aliases.tsv")).expect("data/aliases.tsv is readable");
    let own = corpus::read_aliases(&articles).unwrap_or_else(|e| {
        println!("cargo:warning=cannot read the collection's aliases.tsv: {e}");
        None
    });
    write(
        &out_dir.join("collection_aliases.tsv"),
        own.as_deref().unwrap_or_default(),
    );
    let (aliases, messages) = AliasTable::load(&curated, own.as_deref());
    for m in messages {
        println!("cargo:warning={m}");
    }
    let bundle = dossier_core::bundle::bundle_aliased(&sources, &dict, &aliases)
        .expect("data/jieba/dict.txt is a jieba dictionary");
    write(&out_dir.join("jieba_dict.txt"), &bundle.dictionary);
    fs::write(out_dir.join("index.pack"), bundle.pack).expect("OUT_DIR is writable");
}

fn write(path: &Path, contents: &str) {
    fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The source of `embedded_articles.rs`, and every file as the parser will see it (legacy
/// encodings converted to UTF-8).
fn embedded_table(files: &[(String, PathBuf)], out_dir: &Path) -> (String, Vec<SourceFile>) {
    let mut sources = Vec::new();
    let transcoded = out_dir.join("transcoded");
    let _ = fs::create_dir_all(&transcoded);
    let mut out = String::from(
        "/// Every regular file under `articles/`, sorted by relative path, with the legacy encoding\n\
         /// it was converted from at build time (\"\" for none) (generated by build.rs).\n\
         pub static EMBEDDED: &[(&str, &[u8], &str)] = &[\n",
    );
    for (i, (rel, full)) in files.iter().enumerate() {
        let full = full.canonicalize().unwrap_or_else(|_| full.clone());
        let bytes = fs::read(&full).unwrap_or_default();
        let (source, encoding, bytes) = match decode::decode(&bytes) {
            Ok(d)
                if matches!(
                    d.encoding,
                    Some("GB18030" | "Big5" | "UTF-16LE" | "UTF-16BE")
                ) =>
            {
                let path = transcoded.join(format!("{i}.txt"));
                write(&path, &d.text);
                (path, d.encoding, d.text.into_bytes())
            }
            _ => (full, None, bytes),
        };
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?}), {:?}),",
            source.display().to_string(),
            encoding.unwrap_or_default()
        )
        .expect("write to String");
        sources.push(SourceFile {
            path: rel.clone(),
            bytes: bytes.into(),
            converted_from: encoding,
        });
    }
    out.push_str("];\n");
    (out, sources)
}
