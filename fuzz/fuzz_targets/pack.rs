//! The index unpacker on arbitrary bytes: an index or an error, never a panic (nor an
//! allocation a length field asks for); and an index it returns is as safe to use as one
//! `Index::build` made: searched with facets and snippets, every posting read, every article's
//! facet values, the timeline.
#![no_main]

use dossier_core::index::pack::Unpacker;
use dossier_core::index::{Facet, Index};
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher, Sort};
use dossier_core::text::Dictionary;
use dossier_core::timeline::{Timeline, mentions_of};
use libfuzzer_sys::fuzz_target;

/// The segmenter's words. The unpacker builds its segmenter for every index it returns, so a
/// few words rather than the collection's dictionary (thousands of words to load per input);
/// queries still find the index's words, which runs of characters are joined into.
const WORDS: &str = "北约 3 nt\n东扩 3 v\n美国 3 ns\n布林肯 3 nr\n";

/// Queries over every part of the index: words, phrases, exclusions, alternatives, each
/// facet's filter, dates.
const QUERIES: [&str; 14] = [
    "北约",
    "北約 -大纪元",
    "\"书面回复\"",
    "东扩 OR 美国",
    "tag:北约",
    "的",
    "2022-01",
    "date:2021..2022-02",
    "nato",
    "person:布林肯 place:乌克兰",
    "org:北约 keyword:东扩 source:大纪元",
    "-的",
    "",
    "布",
];

fn exercise(index: &Index) {
    let searcher = Searcher::new(index);
    let sorts = [Sort::Relevance, Sort::Newest, Sort::Oldest];
    for (i, q) in QUERIES.iter().enumerate() {
        let opts = Options {
            sort: sorts[i % 3],
            exact: i % 4 == 3,
            ..Options::default()
        };
        let r = searcher.search(&Query::parse(q), &opts);
        assert!(r.hits.iter().all(|h| h.doc < index.len()));
        for hit in r.hits.iter().take(5) {
            for s in searcher.snippets(hit.doc, &r.needles, 3, 100) {
                assert!(
                    s.highlights
                        .iter()
                        .all(|&(a, b)| a <= b && b <= s.text.len())
                );
            }
        }
    }
    // A few of the index's own words, whose postings the search reads.
    for word in index.terms().take(4) {
        searcher.search(&Query::parse(word), &Options::default());
    }
    // What the search reads of every posting: its article's lengths, by field.
    for term in index.terms() {
        for (doc, field, _) in index.postings(term).into_iter().flat_map(|p| p.counts()) {
            std::hint::black_box(index.docs()[doc].len[field as usize]);
        }
    }
    for doc in 0..index.len() {
        for kind in Facet::ALL {
            index.facet_values(doc, kind).for_each(drop);
        }
        searcher.snippets(doc, &[], 1, 40);
    }
    let all: Vec<usize> = (0..index.len()).collect();
    let mentions = mentions_of(index.articles(), all.iter().copied());
    for m in &mentions {
        m.text(index.articles());
    }
    // Buckets span the dates, a year a bucket at most: dates far apart would make millions,
    // whatever the pack (a limit of the timeline, not of the unpacker).
    let years = index
        .articles()
        .iter()
        .filter_map(|a| a.date.map(|d| d.day.year))
        .chain(mentions.iter().map(|m| m.date.start.year));
    let (min, max) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if i64::from(max) - i64::from(min) <= 10_000 {
        let t = Timeline::of(index.articles(), &mentions, &all);
        t.mentions_between(None, None).for_each(drop);
        Timeline::build(index.articles(), &all[..all.len() / 2]);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(mut unpacker) = Unpacker::new(data) else {
        return;
    };
    let _ = (unpacker.len(), unpacker.is_empty());
    let mut last = unpacker.progress();
    loop {
        match unpacker.step() {
            Ok(true) => {
                let now = unpacker.progress();
                assert!(last < now && now <= 1.0, "progress {last} then {now}");
                last = now;
            }
            Ok(false) => break,
            Err(_) => return,
        }
    }
    if let Ok((index, _failures)) = unpacker.finish(&Dictionary::Words(WORDS)) {
        exercise(&index);
    }
});
