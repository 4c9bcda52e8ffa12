//! The sharded index's catalogue reader (`dossier_core::shard::CatalogueReader`, what a
//! sharded page reads first) on arbitrary bytes: an index or an error, never a panic; and an
//! index it returns answers searches (noting the shards it lacks), lists its articles' facet
//! values, and its mentions point at its articles.
#![no_main]

use dossier_core::index::Facet;
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher};
use dossier_core::shard::CatalogueReader;
use libfuzzer_sys::fuzz_target;

const WORDS: &str = "北约 3 nt\n东扩 3 v\n美国 3 ns\n布林肯 3 nr\n";

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = CatalogueReader::new("catalogue", None, data.to_vec()) else {
        return;
    };
    let _ = (reader.len(), reader.is_empty());
    let mut last = reader.progress();
    loop {
        match reader.step() {
            Ok(true) => {
                let now = reader.progress();
                assert!(last < now && now <= 1.0, "progress {last} then {now}");
                last = now;
            }
            Ok(false) => break,
            Err(_) => return,
        }
    }
    let Ok(sharded) = reader.finish(WORDS) else {
        return;
    };
    let index = sharded.index();
    for q in ["北约", "\"书面回复\"", "tag:北约 -美国", "2022-01", ""] {
        let r = Searcher::new(index).search(&Query::parse(q), &Options::default());
        assert!(r.hits.iter().all(|h| h.doc < index.len()));
    }
    for doc in 0..index.len() {
        for kind in Facet::ALL {
            index.facet_values(doc, kind).for_each(drop);
        }
        assert!(!index.has_text(doc));
    }
    assert!(sharded.mentions().iter().all(|m| m.doc < index.len()));
    let _ = sharded.take_missing();
});
