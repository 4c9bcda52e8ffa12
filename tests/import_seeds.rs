//! Import (`dossier_core::import`, groundwork of issue 15): an empty collection that imports
//! the five seed files with jieba's whole dictionary, as the browser's import would, finds
//! exactly the articles of the seed search table (`tests/search_seeds.rs`), which the
//! embedded collection finds with its trimmed dictionary.
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::import;
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher};
use dossier_core::text::Dictionary;

#[path = "support/seed_table.rs"]
mod seed_table;
use seed_table::TABLE;

#[test]
fn importing_the_seeds_into_an_empty_collection_gives_the_seed_table() {
    let dict = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba/dict.txt"))
        .unwrap();
    let files: Vec<(String, Vec<u8>)> = dossier::embedded::files()
        .iter()
        .map(|f| (f.path.clone(), f.bytes.to_vec()))
        .collect();
    let out = import::import(Vec::new(), &files, &Dictionary::Words(&dict)).unwrap();
    assert_eq!(out.added, 5);
    assert!(out.failures.is_empty());
    let idx = &out.index;
    let embedded = dossier::build_index(
        dossier_core::parse::parse_all(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
            .articles,
    );
    let mut wrong = Vec::new();
    for (q, want) in TABLE {
        let hits = Searcher::new(idx)
            .search(&Query::parse(q), &Options::default())
            .hits;
        let mut got: Vec<String> = hits
            .iter()
            .map(|h| {
                let f = &idx.articles()[h.doc].file;
                assert!(import::is_imported(f));
                f[import::PREFIX.len()..][..3].to_owned()
            })
            .collect();
        got.sort();
        if got != *want {
            wrong.push(format!("{q}: got {got:?}, want {want:?}"));
        }
        // And in the embedded collection's order.
        let order = |idx: &dossier_core::index::Index, hits: &[dossier_core::search::Hit]| {
            hits.iter()
                .map(|h| {
                    idx.articles()[h.doc]
                        .file
                        .trim_start_matches(import::PREFIX)
                        .to_owned()
                })
                .collect::<Vec<_>>()
        };
        let theirs = Searcher::new(&embedded)
            .search(&Query::parse(q), &Options::default())
            .hits;
        assert_eq!(order(idx, &hits), order(&embedded, &theirs), "order of {q}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
