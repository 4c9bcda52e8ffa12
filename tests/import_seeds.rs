//! Import (`dossier_core::import`, what the import worker runs): an empty collection that
//! imports the five seed files with jieba's whole dictionary, as the browser's import does,
//! finds exactly the articles of the seed search table (`tests/search_seeds.rs`, the engine
//! without name variants); with the curated name variants, as the page has them, every query
//! finds what the page's own pack finds, in the same order.
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::import;
use dossier_core::index::Index;
use dossier_core::index::pack::{Unpacker, pack};
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher};
use dossier_core::text::Dictionary;
use dossier_core::text::aliases::AliasTable;

#[path = "support/seed_table.rs"]
mod seed_table;
use seed_table::TABLE;

/// The seeds imported into an empty collection, as the page unpacks the worker's pack.
fn imported(aliases: &AliasTable) -> Index {
    let dict = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba/dict.txt"))
        .unwrap();
    let files: Vec<(String, Vec<u8>)> = dossier::embedded::files()
        .iter()
        .map(|f| (f.path.clone(), f.bytes.to_vec()))
        .collect();
    let out = import::import(
        import::Base::default(),
        &files,
        &[],
        &dict,
        aliases,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((out.added, out.refused), (5, 0));
    assert!(out.failures.is_empty());
    let packed = pack(&out.index, &out.failures);
    Unpacker::new(&packed)
        .unwrap()
        .finish(&Dictionary::Words(&out.dictionary))
        .unwrap()
        .0
}

/// The files `q` finds in `idx`, in rank order, without the import's prefix.
fn found(idx: &Index, q: &str) -> Vec<String> {
    Searcher::new(idx)
        .search(&Query::parse(q), &Options::default())
        .hits
        .iter()
        .map(|h| {
            let f = &idx.articles()[h.doc].file;
            f.strip_prefix(import::PREFIX).unwrap_or(f).to_owned()
        })
        .collect()
}

#[test]
fn importing_the_seeds_into_an_empty_collection_gives_the_seed_table() {
    let idx = imported(&AliasTable::default());
    assert!(idx.articles().iter().all(|a| import::is_imported(&a.file)));
    let mut wrong = Vec::new();
    for (q, want) in TABLE {
        let mut got: Vec<String> = found(&idx, q).iter().map(|f| f[..3].to_owned()).collect();
        got.sort();
        if got != *want {
            wrong.push(format!("{q}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn with_name_variants_the_import_finds_what_the_page_finds() {
    let idx = imported(&dossier::alias_table());
    let library = dossier::ui::Library::unpack_all(dossier::pack()).unwrap();
    let page = library.index();
    let extra = [
        "\"泽伦斯基\"",
        "\"NATO\"",
        "普丁",
        "person:普丁",
        "tag:北约",
        "2022-01",
    ];
    for q in TABLE.iter().map(|(q, _)| *q).chain(extra) {
        assert_eq!(found(&idx, q), found(&page, q), "{q}");
    }
}
