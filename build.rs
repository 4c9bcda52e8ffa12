//! Build stage: everything the app needs from the collection at compile time.
//!
//! 1. Embeds every file under `articles/` as raw bytes (`embedded_articles.rs`) for the native
//!    tests and tools. Files in a legacy encoding (GBK/GB18030, Big5, UTF-16) are decoded here,
//!    by the parser's own `decode`, and embedded as UTF-8 with a note of their encoding.
//! 2. Turns OpenCC's traditional-to-simplified character table into a sorted array
//!    (`t2s.rs`) for `text::fold`.
//! 3. Parses the collection with the real parser and trims jieba's 5 MB default dictionary
//!    (`data/jieba/dict.txt`) to the words that occur in its folded text (`jieba_dict.txt`),
//!    plus one placeholder entry carrying the rest of the total frequency, so every cut of the
//!    collection's text is the one the whole dictionary would give. `tests/segmentation.rs`
//!    checks that identity.
//! 4. Indexes the parsed articles with the real indexer and packs the index
//!    (`index.pack`, see `src/index/pack.rs`): the web app unpacks it instead of parsing and
//!    segmenting at start-up. No file's content can break the build: unreadable files are
//!    packed as failures, with their reason, for the app to list.

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/corpus/walk.rs"]
mod walk;

// The real parser and indexer, so the dictionary is trimmed against exactly the text the app
// segments, and the app gets the very index the library builds. Their modules refer to each
// other as `crate::...`, declared here at the root as in the library.
#[path = "src/article.rs"]
#[allow(dead_code)]
mod article;
#[path = "src/date.rs"]
#[allow(dead_code)]
mod date;
#[path = "src/index/mod.rs"]
#[allow(dead_code)]
mod index;
#[path = "src/parse/mod.rs"]
#[allow(dead_code)]
mod parse;
#[path = "src/query.rs"]
#[allow(dead_code)]
mod query;
#[path = "src/text/mod.rs"]
#[allow(dead_code)]
mod text;

/// What the library's `generated` module holds, computed here instead of included.
mod generated {
    use std::sync::LazyLock;

    pub static T2S: LazyLock<Vec<(char, char)>> = LazyLock::new(super::t2s_table);
    /// Unused here: build.rs makes its segmenter from the dictionary it has just trimmed.
    #[allow(dead_code)]
    pub static TRIMMED_DICT: &str = "";
    #[allow(dead_code)]
    pub static PACK: &[u8] = &[];
}

/// A word that never occurs in text (a private-use character): carries the frequency of every
/// dictionary word the collection does not contain.
const PLACEHOLDER: &str = "\u{F8FF}";

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
    // any article triggers a rebuild (and `trunk serve` a reload).
    println!("cargo:rerun-if-changed={}", articles.display());
    for source in [
        "src/corpus/walk.rs",
        "src/article.rs",
        "src/date.rs",
        "src/index",
        "src/parse",
        "src/query.rs",
        "src/text",
        "data/jieba/dict.txt",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }

    let files = if articles.is_dir() {
        walk::list_files(&articles)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", articles.display()))
    } else {
        Vec::new()
    };
    let (table, sources) = embedded_table(&files, &out_dir);
    write(&out_dir.join("embedded_articles.rs"), &table);

    let t2s = &*generated::T2S;
    write(&out_dir.join("t2s.rs"), &t2s_source(t2s));

    let collection = parse::parse_all_converted(sources.iter().map(|s| {
        let converted = (!s.encoding.is_empty()).then_some(s.encoding);
        (s.rel.as_str(), &*s.text, converted)
    }));
    let texts: Vec<String> = collection
        .articles
        .iter()
        .map(|a| {
            let all: Vec<&str> = a.segmented_texts().collect();
            text::fold(&all.join("\n"))
        })
        .collect();
    let dict = fs::read_to_string(root.join("data/jieba/dict.txt"))
        .expect("data/jieba/dict.txt is readable");
    let trimmed = trim_dictionary(&dict, &texts);
    write(&out_dir.join("jieba_dict.txt"), &trimmed);

    // Index ahead of time with the same code the library runs, so the app only unpacks.
    let names = text::names::discover(&collection.articles);
    let jieba = jieba_rs::Jieba::with_dict(&mut trimmed.as_bytes())
        .expect("the trimmed dictionary is well-formed");
    let analyzer = text::Analyzer::with_jieba(jieba, &names);
    let index = index::Index::build_with(collection.articles, analyzer, names);
    let packed = index::pack::pack(&index, &collection.failures);
    fs::write(out_dir.join("index.pack"), packed).expect("OUT_DIR is writable");
}

/// A file of the collection as the app's parser sees it.
struct Source {
    rel: String,
    /// UTF-8 for legacy-encoded files, else the bytes as read.
    text: Vec<u8>,
    /// The legacy encoding the file was converted from, or "".
    encoding: &'static str,
}

fn write(path: &Path, contents: &str) {
    fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The source of `embedded_articles.rs`, and every file as the parser will see it.
fn embedded_table(files: &[(String, PathBuf)], out_dir: &Path) -> (String, Vec<Source>) {
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
        let (source, encoding, text) = match parse::decode::decode(&bytes) {
            Ok(d)
                if matches!(
                    d.encoding,
                    Some("GB18030" | "Big5" | "UTF-16LE" | "UTF-16BE")
                ) =>
            {
                let path = transcoded.join(format!("{i}.txt"));
                write(&path, &d.text);
                let text = d.text.clone().into_bytes();
                (path, d.encoding.unwrap_or_default(), text)
            }
            _ => (full, "", bytes),
        };
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?}), {encoding:?}),",
            source.display().to_string()
        )
        .expect("write to String");
        sources.push(Source {
            rel: rel.clone(),
            text,
            encoding,
        });
    }
    out.push_str("];\n");
    (out, sources)
}

/// OpenCC's TSCharacters as single-character pairs (first choice), sorted.
fn t2s_table() -> Vec<(char, char)> {
    let mut pairs: BTreeMap<char, char> = BTreeMap::new();
    for (t, s) in hanconv::RawDictionary::TSCharacters.iter() {
        let (mut tc, mut sc) = (t.chars(), s.chars());
        if let (Some(t), None, Some(s), None) = (tc.next(), tc.next(), sc.next(), sc.next())
            && t != s
        {
            pairs.insert(t, s);
        }
    }
    pairs.into_iter().collect()
}

fn t2s_source(t2s: &[(char, char)]) -> String {
    let mut out = format!(
        "/// Traditional to simplified characters, sorted (generated by build.rs from OpenCC's\n\
         /// TSCharacters, Apache-2.0, via the hanconv crate).\n\
         pub static T2S: [(char, char); {}] = [\n",
        t2s.len()
    );
    for (t, s) in t2s {
        writeln!(out, "    ({t:?}, {s:?}),").expect("write to String");
    }
    out.push_str("];\n");
    out
}

/// Keeps the dictionary lines whose word occurs in one of `texts`, then a placeholder line so
/// that the total frequency equals the whole dictionary's.
fn trim_dictionary(dict: &str, texts: &[String]) -> String {
    let entries: Vec<(&str, u64, &str)> = dict
        .lines()
        .filter_map(|line| {
            let mut it = line.split_whitespace();
            let word = it.next()?;
            let freq = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            Some((word, freq, line))
        })
        .collect();
    let total: u64 = entries.iter().map(|e| e.1).sum();

    let matcher = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(entries.iter().map(|e| e.0))
        .or_else(|_| aho_corasick::AhoCorasick::new(entries.iter().map(|e| e.0)))
        .expect("dictionary words build an automaton");
    let mut seen = vec![false; entries.len()];
    for text in texts {
        for m in matcher.find_overlapping_iter(text.as_str()) {
            seen[m.pattern().as_usize()] = true;
        }
    }
    // A word listed twice counts once, with its last frequency (as jieba's loader does).
    let mut kept: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if seen[i] {
            kept.insert(e.0, (i, e.1));
        }
    }
    let mut order: Vec<usize> = kept.values().map(|v| v.0).collect();
    order.sort_unstable();
    let kept_total: u64 = kept.values().map(|v| v.1).sum();

    let mut out = String::new();
    for i in order {
        out.push_str(entries[i].2);
        out.push('\n');
    }
    writeln!(out, "{PLACEHOLDER} {} x", total - kept_total).expect("write to String");
    out
}
