//! Entity kinds for the people, places and organisations facets.
//!
//! jieba's dictionary tags are too noisy to use alone (it tags 乌克兰 and 莫斯科 as people and
//! 普京 as a place), so every candidate word collects votes across the whole collection: its
//! dictionary tag counts a little, the words around it count more (a title before it makes a
//! person, 总统 or 政府 after it makes a place, a suffix like 组织 or 宫 makes an
//! organisation), and a name found by [`super::names`] counts most.

use rustc_hash::FxHashMap;

use super::names::TITLES;
use super::{Name, is_han};

/// What a word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person = 0,
    Place = 1,
    Org = 2,
}

impl Kind {
    /// The kind a jieba part-of-speech tag names (`nr` and its variants a person, `ns` a
    /// place, `nt` an organisation): the one mapping from tags to kinds.
    pub fn of_tag(tag: &str) -> Option<Kind> {
        match tag {
            "nr" | "nrfg" | "nrt" => Some(Kind::Person),
            "ns" => Some(Kind::Place),
            "nt" => Some(Kind::Org),
            _ => None,
        }
    }
}

/// Words that, right after a word, show it is a country or place (美国总统, 乌克兰政府).
const AFTER_PLACE: &[&str] = &[
    "政府",
    "外交部",
    "国防部",
    "军队",
    "军方",
    "境内",
    "边境",
    "首都",
    "领导人",
    "当局",
    "国内",
    "大使馆",
    "议会",
    "东部",
    "西部",
    "南部",
    "北部",
    "地区",
    "人民",
    "民众",
    "领土",
    "总统",
    "总理",
    "外长",
    "首相",
    "国防部长",
    "外交部长",
    "驻",
];

/// Words that, right before a word, show it is a place (在莫斯科, 访问基辅).
const BEFORE_PLACE: &[&str] = &["在", "于", "赴", "抵达", "访问", "前往", "来自", "到", "从"];

/// Endings of organisation names.
const ORG_SUFFIXES: &[&str] = &[
    "组织",
    "委员会",
    "理事会",
    "联盟",
    "国务院",
    "外交部",
    "国防部",
    "白宫",
    "宫",
    "议会",
    "杜马",
    "通讯社",
    "电视台",
    "新闻网",
    "公司",
    "集团",
    "大学",
    "研究院",
    "研究所",
    "银行",
    "基金会",
];

/// International organisations known by short names no rule recognises.
const ORGS: &[&str] = &[
    "北约",
    "欧盟",
    "联合国",
    "欧安组织",
    "东盟",
    "上合组织",
    "世卫组织",
    "安理会",
];

/// 两国, 各国, 本国, 该国: words that point at places without naming one.
fn is_deictic(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (
            Some('两' | '各' | '本' | '双' | '该' | '此' | '我' | '他' | '全' | '多'),
            Some(_),
            None
        )
    )
}

/// Votes for each candidate word, over the whole collection.
#[derive(Debug, Default)]
pub struct Votes(FxHashMap<String, [i32; 3]>);

impl Votes {
    /// Seeds the votes with the discovered names.
    pub fn new(names: &[Name]) -> Votes {
        let mut v = Votes::default();
        for n in names {
            // Discovered names are people or organisations (see `names`).
            if let Some(kind @ (Kind::Person | Kind::Org)) = Kind::of_tag(n.tag) {
                v.add(&super::fold(&n.word), kind, 5);
            }
        }
        v
    }

    fn add(&mut self, word: &str, kind: Kind, n: i32) {
        // Look up before inserting: most words are seen many times, and a `to_owned` per vote
        // was a large part of indexing.
        match self.0.get_mut(word) {
            Some(v) => v[kind as usize] += n,
            None => self.0.entry(word.to_owned()).or_default()[kind as usize] += n,
        }
    }

    /// Reads one tagged text (folded words with jieba tags) and returns its candidate words.
    pub fn observe(&mut self, tagged: &[(String, String)]) -> Vec<String> {
        let mut candidates: Vec<String> = Vec::new();
        for (i, (word, tag)) in tagged.iter().enumerate() {
            if word.chars().count() < 2 || !word.chars().all(is_han) || is_deictic(word) {
                continue;
            }
            let known = self.0.contains_key(word.as_str());
            // The dictionary's tag is a prior, counted once per word, not per occurrence: a
            // frequent word must not outvote its contexts with a wrong tag.
            let first_sight = !known;
            let base = Kind::of_tag(tag);
            let org_word = ORGS.contains(&word.as_str());
            let org_suffix = ORG_SUFFIXES.iter().any(|s| word.ends_with(s) && word != s);
            if base.is_none() && !known && !org_word && !org_suffix {
                continue;
            }
            if let (Some(k), true) = (base, first_sight) {
                self.add(word, k, 1);
            }
            if org_word {
                self.add(word, Kind::Org, 10);
            }
            if org_suffix {
                self.add(word, Kind::Org, 3);
            }
            let prev = i
                .checked_sub(1)
                .and_then(|p| tagged.get(p))
                .map(|w| w.0.as_str());
            let next = tagged.get(i + 1).map(|w| w.0.as_str());
            if prev.is_some_and(|p| TITLES.contains(&p)) {
                self.add(word, Kind::Person, 3);
            }
            if next.is_some_and(|n| AFTER_PLACE.contains(&n)) {
                self.add(word, Kind::Place, 3);
            }
            if prev.is_some_and(|p| BEFORE_PLACE.contains(&p)) {
                self.add(word, Kind::Place, 2);
            }
            if !candidates.contains(word) {
                candidates.push(word.clone());
            }
        }
        candidates
    }

    /// The kind with the most votes, if it clearly wins and more than the dictionary's tag
    /// backs it (a context, a suffix or a discovered name).
    pub fn kind(&self, word: &str) -> Option<Kind> {
        let v = self.0.get(word)?;
        let (best, &score) = v.iter().enumerate().max_by_key(|(_, s)| **s)?;
        let ties = v.iter().filter(|&&s| s == score).count();
        if score < 2 || ties > 1 {
            return None;
        }
        Some([Kind::Person, Kind::Place, Kind::Org][best])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(w, t)| ((*w).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn context_outvotes_the_dictionary_tag() {
        let mut v = Votes::new(&[]);
        v.observe(&tagged(&[
            ("乌克兰", "nr"),
            ("总统", "n"),
            ("普京", "ns"),
            ("在", "p"),
            ("莫斯科", "nr"),
        ]));
        v.observe(&tagged(&[
            ("俄罗斯", "ns"),
            ("总统", "n"),
            ("普京", "ns"),
            ("赴", "v"),
            ("莫斯科", "nr"),
        ]));
        assert_eq!(v.kind("乌克兰"), Some(Kind::Place));
        assert_eq!(v.kind("普京"), Some(Kind::Person));
        assert_eq!(v.kind("莫斯科"), Some(Kind::Place));
        assert_eq!(v.kind("俄罗斯"), Some(Kind::Place));
    }

    #[test]
    fn organisations_by_suffix_and_name() {
        let mut v = Votes::new(&[]);
        let c = v.observe(&tagged(&[
            ("克里姆林宫", "nrt"),
            ("发言人", "n"),
            ("北约", "ns"),
            ("秘书长", "n"),
        ]));
        assert_eq!(c, ["克里姆林宫", "北约"]);
        assert_eq!(v.kind("克里姆林宫"), Some(Kind::Org));
        assert_eq!(v.kind("北约"), Some(Kind::Org));
    }

    #[test]
    fn pointing_words_are_not_places() {
        let mut v = Votes::new(&[]);
        let c = v.observe(&tagged(&[
            ("两国", "ns"),
            ("领导人", "n"),
            ("美国", "ns"),
            ("总统", "n"),
        ]));
        assert_eq!(c, ["美国"]);
        assert_eq!(v.kind("两国"), None);
    }

    #[test]
    fn discovered_names_are_people() {
        let mut v = Votes::new(&[Name {
            word: "佩斯科夫".into(),
            tag: "nr",
        }]);
        v.observe(&tagged(&[("佩斯科夫", "x"), ("说", "v")]));
        assert_eq!(v.kind("佩斯科夫"), Some(Kind::Person));
        assert_eq!(v.kind("说"), None);
    }

    #[test]
    fn a_frequent_word_with_a_wrong_tag_is_judged_by_its_contexts() {
        let mut v = Votes::new(&[]);
        for _ in 0..20 {
            v.observe(&tagged(&[("乌克兰", "nr"), ("局势", "n")]));
        }
        v.observe(&tagged(&[("乌克兰", "nr"), ("总统", "n")]));
        assert_eq!(v.kind("乌克兰"), Some(Kind::Place));
        v.observe(&tagged(&[("卫星", "nr"), ("通讯社", "n")]));
        assert_eq!(v.kind("卫星"), None, "a dictionary tag alone is not enough");
    }
}
