//! Segmentation: golden cuts of sentences from the seed articles (names come out whole), and
//! the identity of the trimmed dictionary with jieba's full default dictionary over the whole
//! embedded collection.
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::article::Article;
use dossier_core::text::{Analyzer, Dictionary, Name, names};

fn collection() -> Vec<Article> {
    let files = dossier::embedded::files();
    dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes))).articles
}

fn analyzers() -> (Analyzer, Analyzer, Vec<Name>) {
    let names = names::discover(&collection());
    let trimmed = Analyzer::new(&dossier::dictionary(), &names).unwrap();
    let full = Analyzer::new(&Dictionary::Default, &names).unwrap();
    (trimmed, full, names)
}

/// Sentences of the seeds and their exact cut with the collection's names.
const GOLDEN: &[(&str, &[&str])] = &[
    (
        "美国国务卿布林肯表示",
        &["美国", "国务卿", "布林肯", "表示"],
    ),
    (
        "他期待未来几天同俄外长拉夫罗夫会谈",
        &[
            "他",
            "期待",
            "未来",
            "几天",
            "同",
            "俄外长",
            "拉夫罗夫",
            "会谈",
        ],
    ),
    (
        "克里姆林宫发言人德米特里‧佩斯科夫（Dmitry Peskov）说",
        &[
            "克里姆林宫",
            "发言人",
            "德米特里",
            "‧",
            "佩斯科夫",
            "(",
            "dmitry",
            " ",
            "peskov",
            ")",
            "说",
        ],
    ),
    (
        "北约秘书长延斯·斯托尔滕贝格表示",
        &["北约", "秘书长", "延斯", "·", "斯托尔滕贝格", "表示"],
    ),
    (
        "俄副外长格鲁什科26日晚应约会见美国驻俄大使沙利文",
        &[
            "俄",
            "副外长",
            "格鲁什科",
            "26",
            "日晚",
            "应约",
            "会见",
            "美国",
            "驻",
            "俄",
            "大使",
            "沙利文",
        ],
    ),
    (
        "乌克兰总统泽伦斯基进行会谈",
        &["乌克兰", "总统", "泽伦斯基", "进行", "会谈"],
    ),
    (
        "匈牙利总理欧尔班·维克托在莫斯科进行会谈",
        &[
            "匈牙利",
            "总理",
            "欧尔班",
            "·",
            "维克托",
            "在",
            "莫斯科",
            "进行",
            "会谈",
        ],
    ),
    ("北約東擴", &["北约", "东扩"]),
];

#[test]
fn golden_cuts_keep_names_whole() {
    let (trimmed, _, names) = analyzers();
    for (sentence, expected) in GOLDEN {
        assert_eq!(
            trimmed.cut(sentence),
            *expected,
            "cut of {sentence:?}; names discovered: {:?}",
            names.iter().map(|n| n.word.as_str()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_names_the_issue_lists_are_discovered() {
    let (_, _, names) = analyzers();
    for want in [
        "布林肯",
        "拉夫罗夫",
        "佩斯科夫",
        "斯托尔滕贝格",
        "格鲁什科",
        "泽伦斯基",
        "欧尔班",
    ] {
        assert!(
            names.iter().any(|n| n.word == want),
            "{want} not discovered in the seeds"
        );
    }
}

#[test]
fn trimmed_dictionary_cuts_the_collection_exactly_as_the_full_one() {
    let (trimmed, full, _) = analyzers();
    let mut checked = 0;
    for a in collection() {
        for t in dossier_core::index::field_pieces(&a).concat() {
            assert_eq!(
                trimmed.cut(t),
                full.cut(t),
                "cut differs in {}: {t:?}",
                a.file
            );
            assert_eq!(
                trimmed.tokens(t),
                full.tokens(t),
                "search-mode tokens differ in {}: {t:?}",
                a.file
            );
            assert_eq!(
                trimmed.tag(t),
                full.tag(t),
                "part-of-speech tags differ in {}: {t:?}",
                a.file
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} texts checked");
}
