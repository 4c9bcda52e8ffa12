//! The parts of building an [`Index`](super::Index): words to postings, and articles to
//! interned facet values (tags, outlet, author and month as written, spellings that fold alike
//! made one; keywords and entity kinds, which are decided over the whole collection).

use rustc_hash::FxHashMap;

use super::{FIELDS, Facet, FacetTable, N_FIELDS, N_KINDS, Postings};
use crate::article::Article;
use crate::text::background::Idf;
use crate::text::entities::{self, Aliases, Kind, Votes};
use crate::text::{self, Analyzer};

/// Postings and field lengths, built one article at a time.
#[derive(Default)]
pub(super) struct Words {
    terms: FxHashMap<Box<str>, u32>,
    postings: Vec<Postings>,
    total_len: [f64; N_FIELDS],
    /// Term ids of one field's words, reused.
    of_field: Vec<u32>,
}

impl Words {
    /// Adds the words of each folded field of article `doc`; returns each field's word count.
    pub(super) fn add(
        &mut self,
        doc: usize,
        folded: &[String; N_FIELDS],
        analyzer: &Analyzer,
    ) -> [u32; N_FIELDS] {
        let mut len = [0; N_FIELDS];
        for field in FIELDS {
            self.of_field.clear();
            let mut words = 0;
            let (terms, postings, of_field) =
                (&mut self.terms, &mut self.postings, &mut self.of_field);
            analyzer.search_words(&folded[field as usize], |word, _, position| {
                words = words.max(position);
                let id = match terms.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = postings.len() as u32;
                        terms.insert(word.into(), id);
                        postings.push(Postings::default());
                        id
                    }
                };
                of_field.push(id);
            });
            self.of_field.sort_unstable();
            for group in self.of_field.chunk_by(|a, b| a == b) {
                self.postings[group[0] as usize].push(doc as u32, field, group.len() as u32);
            }
            len[field as usize] = words;
            self.total_len[field as usize] += f64::from(words);
        }
        len
    }

    /// The term ids, the postings and the average length of each field over `docs` articles.
    pub(super) fn finish(
        mut self,
        docs: usize,
    ) -> (FxHashMap<Box<str>, u32>, Vec<Postings>, [f32; N_FIELDS]) {
        for p in &mut self.postings {
            p.shrink_to_fit();
        }
        let n = docs.max(1) as f64;
        let avg_len = self.total_len.map(|t| ((t / n) as f32).max(1.0));
        (self.terms, self.postings, avg_len)
    }
}

/// Facet values by article, interned.
#[derive(Default)]
pub(super) struct Facets {
    values: [Interner; N_KINDS],
    months: Interner,
    /// Per article: value ids by facet.
    of_doc: Vec<[Vec<u32>; N_KINDS]>,
    months_of_doc: Vec<Vec<u32>>,
}

impl Facets {
    /// The next article's tags (and categories), outlet, author and month.
    pub(super) fn add_article(&mut self, article: &Article) {
        let mut ids: [Vec<u32>; N_KINDS] = Default::default();
        for t in article.tags.iter().chain(&article.categories) {
            let id = self.values[Facet::Tag as usize].id(t);
            push_once(&mut ids[Facet::Tag as usize], id);
        }
        for (facet, value) in [
            (Facet::Source, &article.source),
            (Facet::Author, &article.author),
        ] {
            if let Some(value) = value {
                ids[facet as usize].push(self.values[facet as usize].id(value));
            }
        }
        self.of_doc.push(ids);
        let months = &mut self.months;
        self.months_of_doc.push(
            article
                .date
                .iter()
                .map(|d| months.id(&format!("{:04}-{:02}", d.day.year, d.day.month)))
                .collect(),
        );
    }

    /// Each article's keywords (see [`keywords`]), in article order.
    pub(super) fn add_keywords(&mut self, keywords: &[Vec<&str>]) {
        for (ids, words) in self.of_doc.iter_mut().zip(keywords) {
            for word in words {
                let id = self.values[Facet::Keyword as usize].id(word);
                push_once(&mut ids[Facet::Keyword as usize], id);
            }
        }
    }

    /// Each article's candidate names that the collection's votes give a kind to, each under
    /// its canonical spelling (see [`Aliases`]), leaving out fragments of longer names (see
    /// [`Votes::fragments`]).
    pub(super) fn add_entities(
        &mut self,
        candidates: Vec<Vec<String>>,
        votes: &Votes,
        aliases: &Aliases,
    ) {
        let kinds: FxHashMap<&str, Kind> = candidates
            .iter()
            .flatten()
            .filter_map(|w| Some((w.as_str(), votes.kind(w)?)))
            .collect();
        let fragments = votes.fragments(&kinds);
        let aliases = aliases.clone().found(&kinds);
        for (ids, words) in self.of_doc.iter_mut().zip(&candidates) {
            for word in words {
                let Some(&kind) = kinds.get(word.as_str()) else {
                    continue;
                };
                if fragments.contains(word) {
                    continue;
                }
                let facet = Facet::from(kind);
                let id = self.values[facet as usize].id(aliases.canonical(word));
                push_once(&mut ids[facet as usize], id);
            }
        }
    }

    /// The table of each facet, with values that fold alike made one (see [`merge_folded`]),
    /// and of months.
    pub(super) fn finish(mut self) -> ([FacetTable; N_KINDS], FacetTable) {
        let facets = Facet::ALL.map(|facet| {
            let values = std::mem::take(&mut self.values[facet as usize].values);
            let mut lists: Vec<Vec<u32>> = self
                .of_doc
                .iter_mut()
                .map(|ids| std::mem::take(&mut ids[facet as usize]))
                .collect();
            let values = merge_folded(values, &mut lists);
            FacetTable::new(values, lists.into_iter())
        });
        let months = FacetTable::new(self.months.values, self.months_of_doc.into_iter());
        (facets, months)
    }
}

/// Keywords of each article: the nouns that most set it apart, at most
/// [`KEYWORDS_PER_ARTICLE`]. Names are left out (they have facets of their own), and so are
/// words no reader would pick (see [`is_generic`]).
///
/// With a background ([`Idf`], general Chinese usage), a noun scores by how often the article
/// uses it and how rare it is in general usage (`tf * idf`, as jieba's own extraction scores),
/// longer words a little
/// higher, and a word common in general usage (IDF below [`MIN_BACKGROUND_IDF`]) is never a
/// keyword. Without one (an index built where the table is not at hand) the rarity is the
/// collection's own: TF-IDF over its articles.
pub(super) fn keywords<'a>(
    nouns: &'a Nouns,
    votes: &Votes,
    background: Option<&Idf>,
) -> Vec<Vec<&'a str>> {
    let words = &nouns.words.values;
    let mut df = vec![0u32; words.len()];
    for &(id, _) in nouns.of_doc.iter().flatten() {
        df[id as usize] += 1;
    }
    let n_docs = nouns.of_doc.len() as f32;
    // Per noun: its rarity, and whether longer words may score a little higher; `None` for a
    // noun that is never a keyword (an entity, a generic word, one common in general usage).
    let rarity: Vec<Option<(f32, bool)>> = words
        .iter()
        .zip(&df)
        .map(|(word, &df)| {
            if votes.kind(word).is_some() || is_generic(word) {
                return None;
            }
            match background {
                Some(idf) if idf.knows(word) => Some(idf.get(word))
                    .filter(|&i| i >= MIN_BACKGROUND_IDF)
                    .map(|i| (i, true)),
                // Not in the table: a compound of common words (具体内容, 双方同意), dropped;
                // or a short word the segmenter joined, just rare enough that only a frequent
                // one counts.
                Some(_) if word.chars().count() >= 4 => None,
                Some(_) => Some((MIN_BACKGROUND_IDF, false)),
                None => Some((((n_docs + 1.0) / (df as f32 + 0.5)).ln(), true)),
            }
        })
        .collect();
    nouns
        .of_doc
        .iter()
        .map(|list| {
            let mut scored: Vec<(f32, &str)> = list
                .iter()
                .filter_map(|&(id, tf)| {
                    let (idf, by_length) = rarity[id as usize]?;
                    let word = words[id as usize].as_str();
                    let chars = word.chars().count().min(4) as f32;
                    let length = if by_length {
                        1.0 + 0.1 * (chars - 2.0)
                    } else {
                        1.0
                    };
                    Some((tf as f32 * idf * length, word))
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            scored
                .into_iter()
                .take(KEYWORDS_PER_ARTICLE)
                .map(|(_, word)| word)
                .collect()
        })
        .collect()
}

/// Makes the values that fold to the same text ([`text::fold`]: 看中国 and 看中國, NATO and
/// nato) one value, spelled as most articles spell it (ties: the first in sort order), and
/// renumbers `lists` (each article's value ids) to match, each value once per article.
/// Returns the values, in the order each was first seen.
pub(super) fn merge_folded(values: Vec<String>, lists: &mut [Vec<u32>]) -> Vec<String> {
    // Articles per spelling.
    let mut count = vec![0u32; values.len()];
    for &id in lists.iter().flatten() {
        count[id as usize] += 1;
    }
    // Spellings by folded text, in first-seen order.
    let mut group_of: FxHashMap<String, u32> = FxHashMap::default();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut new_id = vec![0u32; values.len()];
    for (id, value) in values.iter().enumerate() {
        let next = groups.len() as u32;
        let g = *group_of.entry(text::fold(value)).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        groups[g as usize].push(id as u32);
        new_id[id] = g;
    }
    if groups.len() == values.len() {
        return values;
    }
    for list in lists.iter_mut() {
        let mut merged = Vec::with_capacity(list.len());
        for &id in list.iter() {
            push_once(&mut merged, new_id[id as usize]);
        }
        *list = merged;
    }
    groups
        .iter()
        .map(|spellings| {
            let best = spellings
                .iter()
                .copied()
                .min_by(|&a, &b| {
                    count[b as usize]
                        .cmp(&count[a as usize])
                        .then_with(|| values[a as usize].cmp(&values[b as usize]))
                })
                .unwrap_or(spellings[0]);
            values[best as usize].clone()
        })
        .collect()
}

/// Words common in general Chinese (jieba's IDF below this: 代表 4.96, 两人 5.98, 关键 6.12,
/// 信任 7.08, against 红线 8.84, 制裁 8.71, 东扩 10.60) are not keywords.
pub const MIN_BACKGROUND_IDF: f32 = 7.5;

/// Longer "nouns" are phrases: tags (which have their facet) or segmenter joins.
const MAX_KEYWORD_CHARS: usize = 6;

/// Nouns that stand for something said elsewhere rather than name a subject: 俄方 and 美方
/// ("the Russian side"), 两人, 两者 and 各国 (see [`entities::is_deictic`]), and a few
/// general nouns of news prose; phrases rather than words.
fn is_generic(word: &str) -> bool {
    const GENERIC: &[&str] = &[
        "方面",
        "问题",
        "情况",
        "时候",
        "时间",
        "消息",
        "报道",
        "代表",
        "关键",
        "部分",
        "结果",
        "原因",
        "地方",
        "人士",
        "人们",
        "事情",
        "内容",
        "方式",
        "作用",
        "意义",
        "声明",
        "讲话",
        "表态",
        "说法",
        "看法",
        "立场",
        "态度",
        "行动",
        "措施",
        "举措",
        "言论",
        "评论",
        "媒体",
        "报导",
        "報導",
        "报道",
        "報道",
        "直播",
        "视频",
        "新闻",
        "来源",
        "新闻来源",
        "资料来源",
        "消息来源",
        "图片来源",
    ];
    let mut chars = word.chars();
    let side = matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(_), Some('方'), None)
    );
    // Characters that begin or end a phrase, not a word (和普京, 冲突的).
    const PARTICLES: &[char] = &['和', '的', '与', '及', '在', '对', '是', '了', '将', '被'];
    let phrase = word.starts_with(PARTICLES) || word.ends_with(PARTICLES);
    side || phrase
        || word.chars().count() > MAX_KEYWORD_CHARS
        || entities::is_deictic(word)
        || GENERIC.contains(&word)
}

/// Interns strings to dense ids.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    values: Vec<String>,
}

impl Interner {
    fn id(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.to_owned());
        self.ids.insert(value.to_owned(), id);
        id
    }
}

/// Keywords kept per article.
pub const KEYWORDS_PER_ARTICLE: usize = 8;

/// The nouns of each article, interned (at 100,000 articles they were 420 MB as strings).
#[derive(Default)]
pub(super) struct Nouns {
    words: Interner,
    /// Per article: `(noun id, count)`, in the order the text first uses them.
    of_doc: Vec<Vec<(u32, u32)>>,
}

impl Nouns {
    /// Adds the next article's nouns: `tagged` words with jieba's tags `n`, `nz`, `vn`, of two
    /// or more Han characters, not a title like 总统.
    pub(super) fn add(&mut self, tagged: &[(String, String)]) {
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for (word, tag) in tagged {
            if !matches!(tag.as_str(), "n" | "nz" | "vn")
                || word.chars().count() < 2
                || !word.chars().all(text::is_han)
                || text::names::TITLES.contains(&word.as_str())
            {
                continue;
            }
            let id = self.words.id(word);
            match counts.iter_mut().find(|(i, _)| *i == id) {
                Some((_, n)) => *n += 1,
                None => counts.push((id, 1)),
            }
        }
        counts.shrink_to_fit();
        self.of_doc.push(counts);
    }

    /// Every noun, once.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.values.iter().map(String::as_str)
    }
}

/// Adds `id` to `ids` unless it is there already (facet values count once per article).
fn push_once(ids: &mut Vec<u32>, id: u32) {
    if !ids.contains(&id) {
        ids.push(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_that_fold_alike_are_one_value_spelled_as_most_articles_do() {
        let values: Vec<String> = ["看中國", "看中国", "大纪元", "NATO", "nato", "Nato"]
            .map(String::from)
            .to_vec();
        // Per article: value ids (one article has both 看中国 spellings as tags).
        let mut lists = vec![
            vec![0],
            vec![1, 2],
            vec![1],
            vec![0, 1],
            vec![3],
            vec![4],
            vec![5],
        ];
        let merged = merge_folded(values, &mut lists);
        // 看中国: 3 articles against 2; NATO, nato, Nato one each: the first in sort order.
        assert_eq!(merged, ["看中国", "大纪元", "NATO"]);
        assert_eq!(
            lists,
            [
                vec![0],
                vec![0, 1],
                vec![0],
                vec![0],
                vec![2],
                vec![2],
                vec![2]
            ]
        );
        let mut unchanged = vec![vec![0], vec![1]];
        let values = vec!["北约".to_owned(), "美国".to_owned()];
        assert_eq!(merge_folded(values.clone(), &mut unchanged), values);
        assert_eq!(unchanged, [vec![0], vec![1]]);
    }
}
