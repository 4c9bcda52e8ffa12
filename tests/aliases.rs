//! Golden tests of name variants on a small made-up collection, through the app's own path
//! (`bundle_aliased`: parse, trim, index, pack; then unpack and search): every form of an
//! entity finds the same articles, the facets show one entry per entity, a quoted phrase
//! matches only the form typed, the pack round-trips the table, and a collection's own
//! `aliases.tsv` is read and is no article.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use dossier_core::bundle::{Bundle, bundle_aliased};
use dossier_core::corpus::{self, SourceFile};
use dossier_core::index::pack::{Unpacker, pack};
use dossier_core::index::{Facet, Index};
use dossier_core::query::Query;
use dossier_core::search::{FacetGroup, Options, Results, Searcher};
use dossier_core::text::Dictionary;
use dossier_core::text::aliases::AliasTable;

const CURATED: &str = include_str!("../data/aliases.tsv");

/// Made-up articles, each naming Putin, Zelensky or NATO in another spelling.
const ARTICLES: &[(&str, &str)] = &[
    (
        "a1.txt",
        "普京谈安全\n\n俄罗斯总统普京周二表示，北约不应继续东扩。",
    ),
    (
        "a2.txt",
        "普丁談安全\n\n俄羅斯總統普丁週二表示，北大西洋公約組織不應繼續東擴。",
    ),
    ("a3.txt", "蒲亭抵达明斯克\n\n俄国总统蒲亭周三抵达明斯克。"),
    ("a4.txt", "普亭会见泽伦斯基\n\n普亭周四会见了泽伦斯基。"),
    (
        "a5.txt",
        "外电摘要\n\n路透社报道：Putin said that NATO must stop，此话引起关注。",
    ),
    ("a6.txt", "拜登在白宫讲话\n\n美国总统拜登周五在白宫讲话。"),
    ("a7.txt", "泽连斯基讲话\n\n乌克兰总统泽连斯基周六发表讲话。"),
];

fn files() -> Vec<SourceFile> {
    ARTICLES
        .iter()
        .map(|(path, text)| SourceFile::new((*path).to_owned(), text.as_bytes().to_vec()))
        .collect()
}

fn full_dictionary() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba/dict.txt"))
        .expect("data/jieba/dict.txt is readable")
}

/// The fixture bundled with the curated table, and its index as the page unpacks it.
fn built() -> &'static (Bundle, Index) {
    static BUILT: OnceLock<(Bundle, Index)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let (table, errors) = AliasTable::parse(CURATED);
        assert_eq!(errors, []);
        let b = bundle_aliased(&files(), &full_dictionary(), &table).expect("bundle");
        let (index, _) = Unpacker::new(&b.pack)
            .and_then(|u| u.finish(&Dictionary::Words(&b.dictionary)))
            .expect("the pack reads");
        (b, index)
    })
}

fn search(q: &str) -> Results {
    Searcher::new(&built().1).search(&Query::parse(q), &Options::default())
}

fn found(q: &str) -> Vec<String> {
    let index = &built().1;
    let mut f: Vec<String> = search(q)
        .hits
        .iter()
        .map(|h| index.articles()[h.doc].file.clone())
        .collect();
    f.sort();
    f
}

#[test]
fn every_variant_of_an_entity_finds_the_same_articles() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &[
                "普京",
                "普丁",
                "普亭",
                "蒲亭",
                "Putin",
                "putin",
                "ＰＵＴＩＮ",
            ],
            &["a1.txt", "a2.txt", "a3.txt", "a4.txt", "a5.txt"],
        ),
        (
            &["泽连斯基", "泽伦斯基", "澤倫斯基", "Zelensky"],
            &["a4.txt", "a7.txt"],
        ),
        (
            &["北约", "北約", "北大西洋公约组织", "NATO", "nato"],
            &["a1.txt", "a2.txt", "a5.txt"],
        ),
    ];
    for (forms, expected) in cases {
        for form in *forms {
            assert_eq!(found(form), *expected, "{form}");
        }
    }
    // With other words and filters, as any word.
    assert_eq!(found("普丁 安全"), ["a1.txt", "a2.txt"]);
    assert_eq!(found("普京 -明斯克 北约"), ["a1.txt", "a2.txt", "a5.txt"]);
    assert_eq!(found("拜登"), ["a6.txt"]);
}

#[test]
fn the_variants_that_matched_are_listed() {
    let r = search("普京");
    assert_eq!(r.also, ["普丁", "普亭", "蒲亭", "putin"]);
    assert!(
        r.needles.contains(&"蒲亭".to_owned()),
        "variants are highlighted"
    );
    assert_eq!(search("拜登").also, Vec::<String>::new());
    assert_eq!(search("\"普京\"").also, Vec::<String>::new());
    // Listed whether or not the other words of the name's term share an article with it (a
    // term cut into two words, nothing found): what was searched for, not what was found.
    let r = search("xyzzy普京");
    assert_eq!(r.segmented, [["xyzzy", "普京"]]);
    assert!(r.hits.is_empty());
    assert_eq!(r.also, ["普丁", "普亭", "蒲亭", "putin"]);
}

#[test]
fn a_quoted_phrase_matches_only_the_form_typed() {
    assert_eq!(found("\"普丁\""), ["a2.txt"]);
    assert_eq!(found("「普京」"), ["a1.txt"]);
    assert_eq!(found("\"Putin\""), ["a5.txt"]);
    let exact = Options {
        exact: true,
        ..Options::default()
    };
    let r = Searcher::new(&built().1).search(&Query::parse("蒲亭"), &exact);
    assert_eq!(r.hits.len(), 1, "exact substring mode does not expand");
}

#[test]
fn variants_are_words_of_the_segmenter() {
    let index = &built().1;
    for form in ["普丁", "普亭", "蒲亭", "泽伦斯基"] {
        assert!(index.has_term(form), "{form} is cut as one word");
    }
}

#[test]
fn facets_show_one_entry_per_entity() {
    let r = search("");
    let facet = |kind: Facet| -> Vec<(String, usize)> {
        r.facets
            .iter()
            .find(|(g, _)| *g == FacetGroup::Filter(kind))
            .map(|(_, c)| c.iter().map(|(v, n)| (v.to_string(), *n)).collect())
            .unwrap_or_default()
    };
    let people = facet(Facet::Person);
    let count = |name: &str| people.iter().find(|(v, _)| v == name).map(|(_, n)| *n);
    // Every Han spelling counts (Latin words are never entity candidates).
    assert_eq!(count("普京"), Some(4), "{people:?}");
    assert_eq!(count("泽连斯基"), Some(2), "{people:?}");
    for variant in ["普丁", "普亭", "蒲亭", "泽伦斯基"] {
        assert_eq!(count(variant), None, "{variant} is merged: {people:?}");
    }
    let orgs = facet(Facet::Org);
    assert!(
        orgs.iter().any(|(v, n)| v == "北约" && *n == 2),
        "北约 and 北大西洋公约组织 are one: {orgs:?}"
    );
    assert!(
        !orgs.iter().any(|(v, _)| v == "北大西洋公约组织"),
        "{orgs:?}"
    );
    // A filter by any spelling is the entity's.
    assert_eq!(found("person:普丁"), found("person:普京"));
    assert_eq!(found("person:普京").len(), 4);
}

#[test]
fn the_pack_round_trips_the_table_of_the_collection() {
    let (b, index) = built();
    let aliases = index.aliases();
    // Only the entities the collection names, whole.
    assert!(aliases.len() < 20, "{} entities packed", aliases.len());
    let putin = aliases.group("普丁").expect("packed");
    assert_eq!(putin.forms[0], "普京");
    assert!(
        aliases.group("斯托尔滕贝格").is_none(),
        "not in the collection"
    );
    // Packing the unpacked index gives the same bytes.
    assert!(pack(index, &[]) == b.pack, "the pack round-trips");
}

#[test]
fn a_collection_adds_its_own_aliases_beside_its_articles() {
    let dir = std::env::temp_dir().join(format!("dossier-aliases-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, text) in ARTICLES {
        std::fs::write(dir.join(path), text).unwrap();
    }
    std::fs::write(
        dir.join(corpus::ALIASES_FILE),
        "# the collection's own\nperson\t拜登\t老拜\nbogus line\n",
    )
    .unwrap();
    let files = corpus::read_dir(&dir).unwrap();
    assert_eq!(files.len(), ARTICLES.len(), "aliases.tsv is no article");
    let own = corpus::read_aliases(&dir).unwrap();
    let (table, messages) = AliasTable::load(CURATED, own.as_deref());
    assert_eq!(
        messages,
        ["aliases.tsv: line 3: unknown kind \"bogus line\" (person, place or org)"]
    );
    assert_eq!(
        table.group("老拜").map(|g| g.forms[0].as_str()),
        Some("拜登")
    );
    let b = bundle_aliased(&files, &full_dictionary(), &table).unwrap();
    let (index, failures) = Unpacker::new(&b.pack)
        .and_then(|u| u.finish(&Dictionary::Words(&b.dictionary)))
        .unwrap();
    assert_eq!(failures, []);
    let r = Searcher::new(&index).search(&Query::parse("老拜"), &Options::default());
    assert_eq!(r.hits.len(), 1);
    assert_eq!(index.articles()[r.hits[0].doc].file, "a6.txt");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The seed table of `tests/search_seeds.rs` with the app's name variants (it pins the engine
/// without them): every row holds but the two whose word has variants in the seeds, which
/// now find the articles that spell the entity otherwise; quoting the word gives the old set.
#[test]
fn the_seed_table_with_variants() {
    let files = dossier::embedded::files();
    let articles =
        dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes))).articles;
    let index =
        Index::build_with_aliases(articles, &dossier::dictionary(), &dossier::alias_table())
            .unwrap();
    let table: &[(&str, &[&str])] = &[
        ("布林肯", &["000", "001", "003"]),
        ("佩斯科夫", &["001", "003"]),
        // 泽连斯基 in 000.
        ("泽伦斯基", &["000", "001"]),
        ("\"泽伦斯基\"", &["001"]),
        ("普京", &["000", "001", "002", "004"]),
        ("东扩", &["000", "001", "004"]),
        ("北約", &["000", "001", "002", "003", "004"]),
        ("美国 制裁", &["000", "001", "004"]),
        // 北约 everywhere.
        ("NATO", &["000", "001", "002", "003", "004"]),
        ("\"NATO\"", &["004"]),
        ("战斧", &["001", "002"]),
        ("\"书面回复\" -大纪元", &["000", "001", "002"]),
    ];
    for (q, want) in table {
        let mut got: Vec<&str> = Searcher::new(&index)
            .search(&Query::parse(q), &Options::default())
            .hits
            .iter()
            .map(|h| &index.articles()[h.doc].file[..3])
            .collect();
        got.sort();
        assert_eq!(got, *want, "{q}");
    }
}
