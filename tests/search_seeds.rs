//! The search engine on the seed collection: the exact article sets the issue pins, and the
//! behaviour a reader relies on (ranking of substring matches, snippets, facets, sort).
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::index::Index;
use dossier_core::query::Query;
use dossier_core::search::{FacetGroup, Options, Searcher, Sort};

fn index() -> Index {
    let files = dossier::embedded::files();
    dossier::build_index(
        dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes))).articles,
    )
}

/// The three-digit prefixes of the matching files, sorted.
fn matches(idx: &Index, q: &str) -> Vec<String> {
    let mut v: Vec<String> = Searcher::new(idx)
        .search(&Query::parse(q), &Options::default())
        .hits
        .iter()
        .map(|h| idx.articles()[h.doc].file[..3].to_owned())
        .collect();
    v.sort();
    v
}

#[path = "support/seed_table.rs"]
mod seed_table;
use seed_table::TABLE;

#[test]
fn the_issue_table_holds_exactly() {
    let idx = index();
    let mut wrong = Vec::new();
    for (q, want) in TABLE {
        let got = matches(&idx, q);
        if got != *want {
            wrong.push(format!("{q}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "queries with the wrong article set:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn whole_word_matches_rank_above_substring_matches() {
    let idx = index();
    let r = Searcher::new(&idx).search(&Query::parse("东扩"), &Options::default());
    let first = &idx.articles()[r.hits[0].doc].file;
    assert!(
        first.starts_with("000"),
        "000 says 东扩 twice as a word; first was {first}"
    );
    let last = &idx.articles()[r.hits.last().unwrap().doc].file;
    assert!(
        last.starts_with("001"),
        "001 has only 向东扩张; last was {last}"
    );
}

#[test]
fn snippets_highlight_the_query_in_original_text() {
    let idx = index();
    let r = Searcher::new(&idx).search(&Query::parse("北約"), &Options::default());
    for h in &r.hits {
        let snippets = Searcher::new(&idx).snippets(h.doc, &r.needles, 3, 100);
        assert!(
            !snippets.is_empty() && snippets.len() <= 3,
            "{}: {} snippets",
            idx.articles()[h.doc].file,
            snippets.len()
        );
        for s in snippets {
            assert!(
                s.text.chars().count() <= 102,
                "snippet too long: {}",
                s.text
            );
            for &(a, b) in &s.highlights {
                assert_eq!(&s.text[a..b], "北约", "highlight on {:?}", s.text);
            }
        }
    }
}

#[test]
fn empty_query_lists_everything_newest_first() {
    let idx = index();
    let r = Searcher::new(&idx).search(&Query::parse(""), &Options::default());
    assert_eq!(r.hits.len(), 5);
    let dates: Vec<_> = r
        .hits
        .iter()
        .map(|h| idx.articles()[h.doc].date.map(|d| d.day))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let oldest = Searcher::new(&idx).search(
        &Query::parse(""),
        &Options {
            sort: Sort::Oldest,
            ..Options::default()
        },
    );
    assert!(
        idx.articles()[oldest.hits[0].doc].file.starts_with("004"),
        "004 (2021-12-30) is the oldest"
    );
}

#[test]
fn filters_and_facets_follow_the_query() {
    let idx = index();
    assert_eq!(matches(&idx, "tag:北约"), ["000", "003"]);
    assert_eq!(matches(&idx, "source:观察者网"), ["000", "002"]);
    assert_eq!(matches(&idx, "source:观察者网 2022-02"), ["002"]);
    assert_eq!(matches(&idx, "2022-01-27"), ["000", "003"]);
    let r = Searcher::new(&idx).search(&Query::parse("布林肯"), &Options::default());
    let sources = &r
        .facets
        .iter()
        .find(|(g, _)| *g == FacetGroup::Filter(dossier_core::index::Facet::Source))
        .unwrap()
        .1;
    let total: usize = sources.iter().map(|(_, n)| n).sum();
    assert_eq!(
        total, 2,
        "000 (观察者网) and 003 (大纪元) have outlets; 001 has none: {sources:?}"
    );
}

#[test]
fn keyword_and_entity_facets_name_what_the_articles_are_about() {
    use dossier_core::index::Facet;
    let idx = index();
    let values = |file: &str, kind| {
        let doc = idx
            .articles()
            .iter()
            .position(|a| a.file.starts_with(file))
            .expect("seed");
        idx.facet_values(doc, kind)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(
        values("000", Facet::Keyword).contains(&"红线".to_owned()),
        "000's keywords: {:?}",
        values("000", Facet::Keyword)
    );
    assert_eq!(matches(&idx, "keyword:红线"), ["000"]);
    for (file, person) in [
        ("000", "布林肯"),
        ("001", "佩斯科夫"),
        ("003", "佩斯科夫"),
        ("004", "拜登"),
    ] {
        assert!(
            values(file, Facet::Person).contains(&person.to_owned()),
            "{person} is a person in {file}"
        );
    }
    for place in ["乌克兰", "俄罗斯", "美国"] {
        assert!(
            values("001", Facet::Place).contains(&place.to_owned()),
            "{place} is a place"
        );
        assert!(
            !values("001", Facet::Person).contains(&place.to_owned()),
            "{place} is not a person"
        );
    }
    assert!(values("003", Facet::Org).contains(&"克里姆林宫".to_owned()));
    assert!(!values("004", Facet::Place).contains(&"两国".to_owned()));
}

#[test]
fn exact_mode_matches_substrings_only() {
    let idx = index();
    let exact = Options {
        exact: true,
        ..Options::default()
    };
    let r = Searcher::new(&idx).search(&Query::parse("东扩"), &exact);
    assert_eq!(
        r.hits.len(),
        3,
        "东扩 stands as written in 000 and 004, and inside 001's 向东扩张"
    );
    assert_eq!(
        r.segmented,
        [vec!["东扩".to_owned()]],
        "exact mode does not segment"
    );
    let r = Searcher::new(&idx).search(&Query::parse("美国制裁"), &exact);
    assert!(
        r.hits.is_empty(),
        "no article has 美国制裁 as one string: {:?}",
        r.hits
    );
}

/// The app cuts queries without jieba's HMM model (it would cost 150 KB of gzip): runs of
/// single characters are joined into the words the index knows. Every indexed word, typed on
/// its own, must come out as that word (jieba with the model manages 1,663 of 1,686).
#[test]
fn every_indexed_word_typed_alone_is_one_query_word() {
    let idx = index();
    let known = |w: &str| idx.has_term(w);
    let split: Vec<(String, Vec<String>)> = idx
        .terms()
        .map(|t| (t.to_string(), idx.analyzer().query_words(t, known)))
        .filter(|(t, q)| q != std::slice::from_ref(t))
        .collect();
    assert!(split.is_empty(), "cut apart: {split:?}");
    assert!(idx.term_count() > 1_000);
}

/// Words the dictionary does not have, which jieba's model joined in the articles, are found
/// whole in queries too, inside longer queries as well.
#[test]
fn query_words_join_what_the_model_joined_in_the_articles() {
    let idx = index();
    let known = |w: &str| idx.has_term(w);
    // 崔洪建 and 东扩 are in neither the dictionary nor the discovered names.
    assert_eq!(
        idx.analyzer().query_words("崔洪建认为", known),
        ["崔洪建", "认为"]
    );
    assert_eq!(
        idx.analyzer().query_words("北约东扩", known),
        ["北约", "东扩"]
    );
    assert_eq!(idx.analyzer().query_words("AK-47", known), ["ak-47"]);
    assert_eq!(matches(&idx, "崔洪建"), ["004"]);
    // A run of characters that joins no known word stays one word, matched as a substring:
    // a name the collection does not have finds nothing, not every article with its
    // characters somewhere (002 has 特别, 伊朗 and 普京).
    assert_eq!(idx.analyzer().query_words("啊呀", known), ["啊呀"]);
    assert_eq!(
        idx.analyzer().query_words("特朗普表示", known),
        ["特朗普", "表示"]
    );
    assert!(matches(&idx, "特朗普").is_empty());
    assert!(matches(&idx, "苏纳克").is_empty());
}
