//! Entity kinds for the people, places and organisations facets.
//!
//! jieba's dictionary tags are too noisy to use alone (it tags 乌克兰 and 莫斯科 as people and
//! 普京 as a place), so every candidate word collects votes across the whole collection: its
//! dictionary tag counts a little, the words around it count more (a title before it makes a
//! person, 总统 or 政府 after it makes a place, a suffix like 组织 or 宫 makes an
//! organisation), and a name found by [`super::names`] counts most.

use rustc_hash::FxHashMap;

use super::names::{DOTS, TITLES};
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

/// A word for a role, not a name: a title (总统, 发言人) or a word ending in a role
/// (总统顾问, 国家安全助理), which follows a title as a name would (总统顾问 → 顾问).
fn is_role(word: &str) -> bool {
    const ROLES: &[&str] = &[
        "顾问", "助理", "官员", "特使", "代表", "议员", "主任", "委员", "记者", "专家", "人士",
        "官", "长", "员",
    ];
    TITLES.contains(&word) || ROLES.iter().any(|r| word.ends_with(r))
}

/// 两国, 各国, 本国, 该国, 两人: words that point at places or people without naming one.
pub(crate) fn is_deictic(word: &str) -> bool {
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
pub struct Votes(FxHashMap<String, [i32; 3]>, Alone, Curated);

/// The kinds a curated alias table gives its forms: they win over any vote.
type Curated = FxHashMap<String, Kind>;

/// Candidates seen at least once on their own: at the start of a text or after something
/// other than a Han character.
type Alone = rustc_hash::FxHashSet<String>;

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

    /// Gives the forms of a curated alias table their kind: the table says what they are,
    /// whatever the contexts vote (中共 before 政府 is still an organisation).
    pub fn curated(&mut self, table: &super::aliases::AliasTable) {
        for g in table.groups() {
            for form in &g.forms {
                self.add(form, g.kind, 10);
                self.2.insert(form.clone(), g.kind);
            }
        }
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
            let prev = i
                .checked_sub(1)
                .and_then(|p| tagged.get(p))
                .map(|w| w.0.as_str());
            let next = tagged.get(i + 1).map(|w| w.0.as_str());
            // 弗拉基米尔 in 弗拉基米尔·普京: a given name, part of a name, not an entity.
            if next.is_some_and(|n| n.starts_with(DOTS)) {
                continue;
            }
            // Whether the word stands on its own here rather than right after other Han
            // characters (姆林宫 in 布里姆林宫); see [`Votes::fragments`].
            let stands_alone = prev.is_none_or(|p| !p.ends_with(is_han));
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
            if prev.is_some_and(|p| TITLES.contains(&p)) && !is_role(word) {
                self.add(word, Kind::Person, 3);
            }
            if next.is_some_and(|n| AFTER_PLACE.contains(&n)) {
                self.add(word, Kind::Place, 3);
            }
            if prev.is_some_and(|p| BEFORE_PLACE.contains(&p)) {
                self.add(word, Kind::Place, 2);
            }
            if stands_alone && !self.1.contains(word.as_str()) {
                self.1.insert(word.clone());
            }
            if !candidates.contains(word) {
                candidates.push(word.clone());
            }
        }
        candidates
    }

    /// The candidates of `kinds` (each candidate word with its kind) that are fragments of a
    /// longer one of the same kind: never seen on their own, and the end of a longer name
    /// (姆林宫, cut from the misspelt 布里姆林宫, beside 克里姆林宫). They are no entities.
    pub fn fragments(&self, kinds: &FxHashMap<&str, Kind>) -> rustc_hash::FxHashSet<String> {
        kinds
            .iter()
            .filter(|(word, kind)| {
                !self.1.contains(**word)
                    && kinds.iter().any(|(long, k)| {
                        k == *kind && long.len() > word.len() && long.ends_with(**word)
                    })
            })
            .map(|(word, _)| (*word).to_owned())
            .collect()
    }

    /// The kind with the most votes, if it clearly wins and more than the dictionary's tag
    /// backs it (a context, a suffix or a discovered name).
    pub fn kind(&self, word: &str) -> Option<Kind> {
        if let Some(&kind) = self.2.get(word) {
            return Some(kind);
        }
        let v = self.0.get(word)?;
        let (best, &score) = v.iter().enumerate().max_by_key(|(_, s)| **s)?;
        let ties = v.iter().filter(|&&s| s == score).count();
        if score < 2 || ties > 1 {
            return None;
        }
        Some([Kind::Person, Kind::Place, Kind::Org][best])
    }
}

/// Short forms of country names that begin the names of their institutions (俄国家杜马,
/// 美国务院), with the full form.
const COUNTRY_SHORT: &[(&str, &str)] = &[
    ("俄", "俄罗斯"),
    ("美", "美国"),
    ("中", "中国"),
    ("乌", "乌克兰"),
    ("英", "英国"),
    ("法", "法国"),
    ("德", "德国"),
    ("日", "日本"),
    ("韩", "韩国"),
];

/// The spellings of one entity mapped to the one shown: 俄国家杜马 to 俄罗斯国家杜马. This is the
/// seam where a curated alias table plugs in ([`Aliases::from_pairs`]); [`Aliases::found`]
/// adds what the collection's own names make clear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases(FxHashMap<String, String>);

impl Aliases {
    /// Aliases from `(spelling, canonical)` pairs (folded); a canonical spelling that is
    /// itself an alias is followed (at most a few steps; cycles are broken).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Aliases {
        let mut a = Aliases::default();
        for (spelling, canonical) in pairs {
            if spelling != canonical {
                a.0.insert(spelling.to_owned(), canonical.to_owned());
            }
        }
        a
    }

    /// Adds the spellings the collection shows clearly: an entity that starts with a short
    /// country name (俄国家杜马) while the same name with the full country name (俄罗斯国家杜马)
    /// is an entity of the same kind. Pairs already present (curated) win.
    pub fn found(mut self, kinds: &FxHashMap<&str, Kind>) -> Aliases {
        for (word, kind) in kinds {
            for (short, full) in COUNTRY_SHORT {
                let Some(rest) = word.strip_prefix(short) else {
                    continue;
                };
                if rest.chars().count() < 2 || word.starts_with(full) {
                    continue;
                }
                let long = format!("{full}{rest}");
                if kinds.get(long.as_str()) == Some(kind) {
                    self.0.entry((*word).to_owned()).or_insert(long);
                }
            }
        }
        self
    }

    /// The spelling shown for `word`.
    pub fn canonical<'a>(&'a self, word: &'a str) -> &'a str {
        let mut w = word;
        for _ in 0..4 {
            match self.0.get(w) {
                Some(c) => w = c,
                None => break,
            }
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_before_a_dot_are_no_candidates() {
        let mut v = Votes::new(&[]);
        let c = v.observe(&tagged(&[
            ("总统", "n"),
            ("弗拉基米尔", "nr"),
            ("·", "x"),
            ("普京", "nr"),
        ]));
        assert_eq!(c, ["普京"]);
    }

    #[test]
    fn fragments_of_a_longer_name_are_found() {
        let mut v = Votes::new(&[]);
        v.observe(&tagged(&[("克里姆林宫", "nt"), ("说", "v")]));
        v.observe(&tagged(&[("布里", "x"), ("姆林宫", "nt"), ("说", "v")]));
        v.observe(&tagged(&[("，", "x"), ("白宫", "nt")]));
        v.observe(&tagged(&[("美国", "ns"), ("白宫", "nt")]));
        let kinds: FxHashMap<&str, Kind> = ["克里姆林宫", "姆林宫", "白宫", "美国白宫"]
            .into_iter()
            .map(|w| (w, Kind::Org))
            .collect();
        let f = v.fragments(&kinds);
        assert!(f.contains("姆林宫"), "{f:?}");
        assert!(!f.contains("白宫"), "白宫 stands on its own once");
        assert!(!f.contains("克里姆林宫"));
    }

    #[test]
    fn spellings_merge_into_the_full_one() {
        let kinds: FxHashMap<&str, Kind> = [
            ("俄国家杜马", Kind::Org),
            ("俄罗斯国家杜马", Kind::Org),
            ("俄外交部", Kind::Org),
            ("美国", Kind::Place),
            ("美", Kind::Place),
            ("中方", Kind::Person),
        ]
        .into_iter()
        .collect();
        let a = Aliases::from_pairs([("北大西洋公约组织", "北约")]).found(&kinds);
        assert_eq!(a.canonical("俄国家杜马"), "俄罗斯国家杜马");
        assert_eq!(
            a.canonical("俄外交部"),
            "俄外交部",
            "no full spelling in the collection"
        );
        assert_eq!(a.canonical("北大西洋公约组织"), "北约");
        assert_eq!(a.canonical("美国"), "美国");
        let cycle = Aliases::from_pairs([("甲乙", "丙丁"), ("丙丁", "甲乙")]);
        assert!(["甲乙", "丙丁"].contains(&cycle.canonical("甲乙")));
    }

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
    fn roles_after_a_title_are_not_people() {
        assert!(is_role("顾问") && is_role("发言人") && is_role("国防部长"));
        assert!(!is_role("沙利文") && !is_role("普京"));
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
