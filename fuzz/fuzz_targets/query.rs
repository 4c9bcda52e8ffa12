//! The query language and the URL-fragment codec on arbitrary text, and the query run against
//! the seed index with snippets and highlights: never panics.
#![no_main]

use std::sync::OnceLock;

use dossier_core::index::Index;
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher, highlight};
use dossier_core::state::ViewState;
use libfuzzer_sys::fuzz_target;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let files = dossier::embedded::files();
        dossier::build_index(
            dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)))
                .articles,
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let view = ViewState::from_fragment(&s);
    // The codec round-trips what it accepted.
    assert_eq!(ViewState::from_fragment(&view.to_fragment()), view);
    let idx = index();
    for (q, exact) in [(Query::parse(&s), false), (view.to_query(), view.exact)] {
        let opts = Options {
            exact,
            ..Options::default()
        };
        let r = Searcher::new(&idx).search(&q, &opts);
        for hit in r.hits.iter().take(3) {
            for sn in Searcher::new(&idx).snippets(hit.doc, &r.needles, 3, 100) {
                for &(a, b) in &sn.highlights {
                    assert!(a <= b && b <= sn.text.len());
                }
            }
            let _ = highlight(&idx.articles()[hit.doc].title, &r.needles);
        }
    }
});
