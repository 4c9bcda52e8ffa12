//! Stage 3, the index: every article tokenised once, with an inverted index over its fields
//! (term -> postings with positions), folded field texts for phrase and substring matching,
//! a per-character document bitmap that narrows substring scans, and the people, places and
//! organisations jieba tags in each article for the facets.

use std::collections::HashMap;

use crate::article::Article;
use crate::text::entities::{Kind, Votes};
use crate::text::{self, Analyzer, Name};

/// The fields a query searches, each with its own weight (see [`crate::search::Weights`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title = 0,
    Body = 1,
    Tags = 2,
    Captions = 3,
    /// Headlines of other reports the article lists (a timeline section).
    Related = 4,
}

/// Number of fields.
pub const N_FIELDS: usize = 5;
pub const FIELDS: [Field; N_FIELDS] = [
    Field::Title,
    Field::Body,
    Field::Tags,
    Field::Captions,
    Field::Related,
];

/// One field of one article in which a term occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub field: Field,
    /// Word ordinals of the occurrences.
    pub positions: Vec<u32>,
}

/// What the index keeps per article besides the article itself.
#[derive(Debug, Clone, Default)]
pub struct DocData {
    /// Folded text of each field (body blocks joined by newlines).
    pub folded: [String; N_FIELDS],
    /// Number of words in each field.
    pub len: [u32; N_FIELDS],
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    /// Folded tags and categories, for `tag:` filters.
    pub tags_folded: Vec<String>,
    pub source_folded: Option<String>,
}

/// A set of documents as a bitmap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocSet(Vec<u64>);

impl DocSet {
    pub fn full(n: usize) -> DocSet {
        let mut words = vec![u64::MAX; n.div_ceil(64)];
        if !n.is_multiple_of(64)
            && let Some(last) = words.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        DocSet(words)
    }

    pub fn insert(&mut self, doc: usize) {
        if self.0.len() <= doc / 64 {
            self.0.resize(doc / 64 + 1, 0);
        }
        self.0[doc / 64] |= 1 << (doc % 64);
    }

    pub fn contains(&self, doc: usize) -> bool {
        self.0
            .get(doc / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    pub fn intersect(&mut self, other: &DocSet) {
        for (i, w) in self.0.iter_mut().enumerate() {
            *w &= other.0.get(i).copied().unwrap_or(0);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| i * 64 + b)
        })
    }
}

/// The searchable collection.
pub struct Index {
    pub articles: Vec<Article>,
    pub docs: Vec<DocData>,
    pub postings: HashMap<String, Vec<Posting>>,
    /// For each Han character (folded), the documents whose fields contain it.
    pub char_docs: HashMap<char, DocSet>,
    /// Average word count of each field.
    pub avg_len: [f32; N_FIELDS],
    pub analyzer: Analyzer,
    pub names: Vec<Name>,
}

impl Index {
    /// Discovers the collection's names, builds the segmenter and indexes `articles`.
    pub fn build(articles: Vec<Article>) -> Index {
        let names = text::names::discover(&articles);
        let analyzer = Analyzer::new(&names);
        Index::build_with(articles, analyzer, names)
    }

    /// Indexes `articles` with a given segmenter.
    pub fn build_with(articles: Vec<Article>, analyzer: Analyzer, names: Vec<Name>) -> Index {
        let mut postings: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut char_docs: HashMap<char, DocSet> = HashMap::new();
        let mut docs = Vec::with_capacity(articles.len());
        // Entity kinds are decided by votes over the whole collection, then given to each doc.
        let mut votes = Votes::new(&names);
        let mut candidates: Vec<Vec<String>> = Vec::with_capacity(articles.len());
        let mut total_len = [0f64; N_FIELDS];
        for (doc, article) in articles.iter().enumerate() {
            let texts = field_texts(article);
            let mut data = DocData::default();
            for field in FIELDS {
                let text = &texts[field as usize];
                let mut by_term: HashMap<String, Vec<u32>> = HashMap::new();
                let mut words = 0;
                for t in analyzer.tokens(text) {
                    words = words.max(t.position);
                    by_term.entry(t.term).or_default().push(t.position);
                }
                for (term, positions) in by_term {
                    postings.entry(term).or_default().push(Posting {
                        doc: doc as u32,
                        field,
                        positions,
                    });
                }
                data.len[field as usize] = words;
                total_len[field as usize] += f64::from(words);
                let folded = text::fold(text);
                for c in folded.chars().filter(|&c| text::is_han(c)) {
                    char_docs.entry(c).or_default().insert(doc);
                }
                data.folded[field as usize] = folded;
            }
            candidates.push(votes.observe(&analyzer.tag(&format!("{}\n{}", texts[0], texts[1]))));
            data.tags_folded = article
                .tags
                .iter()
                .chain(&article.categories)
                .map(|t| text::fold(t))
                .collect();
            data.source_folded = article.source.as_deref().map(text::fold);
            docs.push(data);
        }
        for (data, words) in docs.iter_mut().zip(candidates) {
            for word in words {
                match votes.kind(&word) {
                    Some(Kind::Person) => data.people.push(word),
                    Some(Kind::Place) => data.places.push(word),
                    Some(Kind::Org) => data.orgs.push(word),
                    None => {}
                }
            }
        }
        let n = articles.len().max(1) as f64;
        let avg_len = total_len.map(|t| ((t / n) as f32).max(1.0));
        Index {
            articles,
            docs,
            postings,
            char_docs,
            avg_len,
            analyzer,
            names,
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Documents that may contain `needle` (folded) as a substring: those holding all its Han
    /// characters. Every document when it has none.
    pub fn candidates(&self, needle: &str) -> DocSet {
        let mut set = DocSet::full(self.len());
        for c in needle.chars().filter(|&c| text::is_han(c)) {
            match self.char_docs.get(&c) {
                Some(docs) => set.intersect(docs),
                None => return DocSet::default(),
            }
        }
        set
    }
}

/// The text of each field of an article, in [`FIELDS`] order.
pub fn field_texts(article: &Article) -> [String; N_FIELDS] {
    let join = |parts: Vec<&str>| parts.join("\n");
    [
        article.title.clone(),
        join(article.texts().collect()),
        article.tags.join("\n"),
        join(
            article
                .images
                .iter()
                .filter_map(|i| i.caption.as_deref())
                .collect(),
        ),
        join(article.related.iter().map(|r| r.title.as_str()).collect()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;

    fn article(file: &str, title: &str, body: &[&str]) -> Article {
        Article {
            file: file.into(),
            title: title.into(),
            blocks: body.iter().map(|p| Block::Paragraph((*p).into())).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn postings_and_lengths() {
        let idx = Index::build(vec![
            article("a", "北约东扩", &["美国表示北约不会东扩。"]),
            article("b", "普京", &["普京说。"]),
        ]);
        let p = &idx.postings["北约"];
        assert_eq!(p.len(), 2, "title and body of a: {p:?}");
        assert!(p.iter().all(|p| p.doc == 0));
        assert!(idx.docs[0].len[Field::Body as usize] >= 4);
        assert!(idx.candidates("北约").contains(0));
        assert!(!idx.candidates("北约").contains(1));
        assert_eq!(idx.candidates("nato").iter().count(), 2);
    }

    #[test]
    fn docset_operations() {
        let mut a = DocSet::full(70);
        assert_eq!(a.iter().count(), 70);
        let mut b = DocSet::default();
        b.insert(3);
        b.insert(69);
        a.intersect(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [3, 69]);
        assert!(!a.contains(70));
    }
}
