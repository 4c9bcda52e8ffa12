//! Stage 3, the index: every article tokenised once, with an inverted index over its fields
//! (term -> postings with occurrence counts), folded field texts for phrase and substring matching,
//! a character-gram index (every character and pair of adjacent characters, with their counts per
//! field, see [`grams`]) that answers short substrings and narrows the scans of longer ones, and the facet values of each
//! article (tags, outlet, the people, places and organisations jieba tags, month) interned to
//! small ids so that counting them over thousands of results is a few array increments.
//!
//! Memory matters here (the browser budget is 300 MB at 10,000 articles): postings are flat
//! arrays per term, not a struct with its own allocation per (term, article, field).

mod builder;
mod characteristic;
pub mod dups;
mod facet;
pub mod grams;
pub mod pack;
pub mod positions;

pub use builder::KEYWORDS_PER_ARTICLE;
pub use facet::{Counted, Facet, FacetTable, N_KINDS};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::text::aliases::AliasTable;
use crate::text::background::Background;
use crate::text::entities::Votes;
use crate::text::{self, Analyzer, Dictionary, Name, TextError};
/// The fields a query searches, each with its own weight (see [`crate::search::Weights`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title = 0,
    Body = 1,
    Tags = 2,
    Captions = 3,
    /// Headlines of other reports the article lists (a timeline section).
    Related = 4,
    /// The byline ([`Article::author`]).
    Author = 5,
    /// The outlet ([`Article::source`]).
    Source = 6,
}

/// Number of fields.
pub const N_FIELDS: usize = 7;
pub const FIELDS: [Field; N_FIELDS] = [
    Field::Title,
    Field::Body,
    Field::Tags,
    Field::Captions,
    Field::Related,
    Field::Author,
    Field::Source,
];

/// The postings of one term, in document then field order, as flat arrays. Word positions
/// are not kept: phrases and substrings are matched in the folded field texts, and positions
/// would be the largest part of the index (and of the pack the app loads).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// Per posting: `doc << FIELD_BITS | field`.
    entries: Vec<u32>,
    /// Per posting: number of occurrences (term frequency), what ranking reads.
    tf: Vec<u32>,
}

/// Bits of a posting entry that hold its field (`doc << FIELD_BITS | field`).
const FIELD_BITS: u32 = 3;
const _: () = assert!(N_FIELDS <= 1 << FIELD_BITS, "every field fits FIELD_BITS");

impl Postings {
    /// The article of a posting entry.
    fn doc_of(entry: u32) -> usize {
        (entry >> FIELD_BITS) as usize
    }

    /// The field of a posting entry, as an index into [`FIELDS`] (not checked: a pack's
    /// entries are, see `pack`).
    fn field_of(entry: u32) -> usize {
        (entry & ((1 << FIELD_BITS) - 1)) as usize
    }

    /// The entry of a posting of `doc` in `field`.
    pub(crate) fn entry(doc: u32, field: Field) -> u32 {
        doc << FIELD_BITS | field as u32
    }

    pub(crate) fn push(&mut self, doc: u32, field: Field, occurrences: u32) {
        self.entries.push(Postings::entry(doc, field));
        self.tf.push(occurrences);
    }

    fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.tf.shrink_to_fit();
    }

    /// The postings `range` of this list, as a list of its own.
    fn slice(&self, range: std::ops::Range<usize>) -> Postings {
        Postings {
            entries: self.entries[range.clone()].to_vec(),
            tf: self.tf[range].to_vec(),
        }
    }

    /// Appends `more`, which follows these postings in document order.
    fn extend(&mut self, more: Postings) {
        self.entries.extend(more.entries);
        self.tf.extend(more.tf);
    }

    /// Number of postings (fields of articles holding the term).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The document of every posting (a document once per field holding the term).
    pub fn docs(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().map(|&e| Postings::doc_of(e))
    }

    /// `(doc, field, occurrences)` of every posting.
    pub fn counts(&self) -> impl Iterator<Item = (usize, Field, u32)> + '_ {
        self.entries
            .iter()
            .zip(&self.tf)
            .map(|(&e, &tf)| (Postings::doc_of(e), FIELDS[Postings::field_of(e)], tf))
    }
}

/// Packed with each entry as its difference from the previous one (entries ascend), which
/// postcard's varints then store in a byte or two instead of two or three.
impl Serialize for Postings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0;
        let deltas: Vec<u32> = self
            .entries
            .iter()
            .map(|&e| {
                let d = e.wrapping_sub(prev);
                prev = e;
                d
            })
            .collect();
        (deltas, &self.tf).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Postings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (mut entries, tf): (Vec<u32>, Vec<u32>) = Deserialize::deserialize(d)?;
        if entries.len() != tf.len() {
            return Err(serde::de::Error::custom(
                "postings and counts differ in length",
            ));
        }
        // Strictly ascending: every difference but the first is positive, and none overflows.
        let mut prev = 0u32;
        for (i, e) in entries.iter_mut().enumerate() {
            prev = match prev.checked_add(*e) {
                Some(next) if i == 0 || *e > 0 => next,
                _ => return Err(serde::de::Error::custom("postings out of order")),
            };
            *e = prev;
        }
        Ok(Postings { entries, tf })
    }
}

/// What the index keeps per article besides the article itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocData {
    /// Folded text of each field (body blocks joined by newlines); not packed (folding is
    /// cheap, and it would double the text shipped). Boxed, and none until folded (an
    /// article of a shard not loaded): the search reads `len` of tens of thousands of
    /// documents per word, and seven strings inline spread those lengths over five times the
    /// memory; a sharded index of 100,000 articles starts with no allocation per article.
    #[serde(skip)]
    texts: Option<Box<[String; N_FIELDS]>>,
    /// Number of words in each field.
    pub len: [u32; N_FIELDS],
}

/// Folded fields of nothing.
static NO_TEXTS: [String; N_FIELDS] = [const { String::new() }; N_FIELDS];

impl DocData {
    pub(crate) fn new(folded: [String; N_FIELDS], len: [u32; N_FIELDS]) -> DocData {
        let mut d = DocData { texts: None, len };
        d.set_folded(folded);
        d
    }

    /// The folded text of each field (empty before it is folded).
    pub fn folded(&self) -> &[String; N_FIELDS] {
        self.texts.as_deref().unwrap_or(&NO_TEXTS)
    }

    pub(crate) fn set_folded(&mut self, folded: [String; N_FIELDS]) {
        self.texts = Some(Box::new(folded));
    }
}

/// A set of documents as a bitmap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

    /// The set's bitmap: bit `doc % 64` of word `doc / 64` for each document.
    pub fn into_words(self) -> Vec<u64> {
        self.0
    }

    /// The documents `docs` (each below `n`) as a set.
    pub fn of_docs(docs: impl IntoIterator<Item = usize>, n: usize) -> DocSet {
        let mut set = DocSet(vec![0; n.div_ceil(64)]);
        for doc in docs {
            set.insert(doc);
        }
        set
    }

    /// How many documents the set holds.
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// `docs` as a set, when each of them is below `n` and there once (a result set's
    /// articles); `None` otherwise.
    pub fn of_distinct(docs: &[usize], n: usize) -> Option<DocSet> {
        let mut set = DocSet(vec![0; n.div_ceil(64)]);
        for &doc in docs {
            if doc >= n || set.contains(doc) {
                return None;
            }
            set.insert(doc);
        }
        Some(set)
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            // Walk the set bits only: most words of a narrowed set are sparse.
            std::iter::successors((w != 0).then_some(w), |&rest| {
                let rest = rest & (rest - 1);
                (rest != 0).then_some(rest)
            })
            .map(move |bits| i * 64 + bits.trailing_zeros() as usize)
        })
    }
}

/// Slot of a Han character (see [`text::is_han`]) in the per-character table: the three
/// ranges one after the other, so the table is a vector, not a hash map.
fn han_slot(c: char) -> Option<usize> {
    let c = c as usize;
    match c {
        0x3400..=0x4DBF => Some(c - 0x3400),
        0x4E00..=0x9FFF => Some(c - 0x4E00 + 0x19C0),
        0xF900..=0xFAFF => Some(c - 0xF900 + 0x19C0 + 0x5200),
        _ => None,
    }
}

/// Number of [`han_slot`]s.
const HAN_SLOTS: usize = 0x19C0 + 0x5200 + 0x200;

/// How an index finds substrings. Both give the same results (`benches/search.rs`'s
/// `BENCH_DUMP` and the pack's tests compare them); they differ in work and memory.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Substrings {
    /// Every character and pair of adjacent characters, with counts (see [`grams`]): short
    /// substrings counted without text, long ones read only where all their pairs are.
    /// About 11 KB an article natively, and counting them is most of an unpack's work.
    Grams(grams::Grams),
    /// For each Han character (folded), by [`han_slot`], the documents whose fields contain
    /// it: narrows the scans, counts nothing. What the page unpacks by default.
    Chars(Vec<DocSet>),
}

/// Folds articles' fields, one document after another, building the index's
/// [`Substrings`]: grams natively (the app's build step, the CLI, the shards), per-character
/// sets in the wasm, where the page unpacks and imports (same results; the page's memory and
/// its wasm stay as they were: a sharded page will fetch its grams, never count them).
pub(crate) enum Folder {
    #[cfg(not(target_arch = "wasm32"))]
    Grams(grams::GramBuilder),
    Chars {
        sets: Vec<DocSet>,
        /// The last document counted for each character: one bitmap update per character
        /// and document rather than per occurrence.
        seen: Vec<u32>,
    },
}

impl Folder {
    /// Natively, grams if `grams`; in the wasm, always the per-character sets.
    pub(crate) fn new(grams: bool) -> Folder {
        #[cfg(not(target_arch = "wasm32"))]
        if grams {
            return Folder::Grams(grams::GramBuilder::default());
        }
        let _ = grams;
        Folder::Chars {
            sets: vec![DocSet::default(); HAN_SLOTS],
            seen: vec![u32::MAX; HAN_SLOTS],
        }
    }

    /// The folded text of each field of `article` (`doc`, the next document), counting its
    /// grams or marking its characters.
    pub(crate) fn fold_fields(&mut self, doc: usize, article: &Article) -> [String; N_FIELDS] {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Folder::Grams(builder) => {
                let folded = fold_fields(article, |_| {});
                for (f, text) in FIELDS.iter().zip(&folded) {
                    builder.add_field(doc, *f, text);
                }
                folded
            }
            Folder::Chars { sets, seen } => fold_fields(article, |c| {
                if let Some(slot) = han_slot(c)
                    && seen[slot] != doc as u32
                {
                    seen[slot] = doc as u32;
                    sets[slot].insert(doc);
                }
            }),
        }
    }

    pub(crate) fn finish(self) -> Substrings {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Folder::Grams(builder) => Substrings::Grams(builder.finish()),
            Folder::Chars { sets, .. } => Substrings::Chars(sets),
        }
    }
}

/// The folded text of each field of `article`, its pieces joined by newlines, handing each
/// folded character to `each`.
pub(crate) fn fold_fields(article: &Article, mut each: impl FnMut(char)) -> [String; N_FIELDS] {
    field_pieces(article).map(|pieces| {
        // Folding rarely lengthens text (a few characters fold to longer UTF-8), so this is
        // usually the one allocation.
        let mut folded = String::with_capacity(pieces.iter().map(|p| p.len() + 1).sum::<usize>());
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                folded.push('\n');
            }
            text::fold_into(&mut folded, piece, &mut each);
        }
        folded
    })
}

/// The searchable collection.
pub struct Index {
    articles: Vec<Article>,
    docs: Vec<DocData>,
    /// Every indexed word (folded) with its id, the index of its postings in `postings`.
    terms: FxHashMap<Box<str>, u32>,
    postings: Vec<Postings>,
    /// Grams, or per-character document sets (see [`Substrings`]).
    substrings: Substrings,
    /// Average word count of each field.
    avg_len: [f32; N_FIELDS],
    analyzer: Analyzer,
    names: Vec<Name>,
    /// The curated name variants whose entity occurs in the collection (see
    /// [`crate::text::aliases`]): facets merge them, queries expand to them.
    aliases: AliasTable,
    /// Facets by [`Facet`] (`kind as usize`): tags, outlets and authors as most articles
    /// write them (spellings that fold alike are one value), people, places, organisations
    /// and keywords folded.
    facets: [FacetTable; N_KINDS],
    /// The month (`YYYY-MM`) of each dated article.
    months: FacetTable,
    /// Each article's place in the collection sorted by date (see [`DateOrder`]).
    order: DateOrder,
    /// Re-posts and near-duplicates (see [`dups`]).
    groups: dups::Groups,
    /// For an index assembled from shards ([`crate::shard`]): which of them are loaded, and
    /// which a search asked for that are not. `None` for an index that has everything.
    shelf: Option<Box<crate::shard::Shelf>>,
    /// The positions of the character pairs loaded from shards (see [`positions`]); empty
    /// for an index that has its texts.
    positions: FxHashMap<u64, positions::Positions>,
    /// For an index assembled from shards, per word of three or more characters with a Han
    /// one: its occurrences in the fields of the documents where it is not a whole word (see
    /// [`Index::counted_besides_word`]); empty for an index that has its texts.
    besides: FxHashMap<Box<str>, Postings>,
}

/// Each article's rank in the two date orders, so sorting thousands of results by date
/// compares two integers instead of reading two articles.
#[derive(Debug, Clone, Default)]
pub struct DateOrder {
    /// Newest first, undated last; ties by collection order.
    pub newest: Vec<u32>,
    /// Oldest first, undated last; ties by collection order.
    pub oldest: Vec<u32>,
}

impl DateOrder {
    /// One sort, oldest first; the newest order is its runs of one day, latest first (ties
    /// keep collection order in both). 100,000 articles are ordered in a few milliseconds.
    pub fn new(articles: &[Article]) -> DateOrder {
        let days: Vec<Option<i64>> = articles
            .iter()
            .map(|a| a.date.map(|d| d.day.to_days()))
            .collect();
        let dated: Vec<(i64, u32)> = crate::rank::sorted_by_key(
            (0..articles.len() as u32)
                .filter_map(|doc| Some((days[doc as usize]?, doc)))
                .collect(),
            |&(day, _)| [crate::rank::signed(day), 0],
        );
        let undated = (0..articles.len() as u32).filter(|&doc| days[doc as usize].is_none());
        let mut oldest = vec![0u32; articles.len()];
        let mut newest = vec![0u32; articles.len()];
        // Oldest: as sorted. Newest: each day's run (collection order within it), last run
        // first.
        let mut end = dated.len();
        for (r, &(_, doc)) in dated.iter().enumerate() {
            oldest[doc as usize] = r as u32;
        }
        let mut r = 0;
        while end > 0 {
            let day = dated[end - 1].0;
            let start = dated[..end].partition_point(|&(d, _)| d < day);
            for &(_, doc) in &dated[start..end] {
                newest[doc as usize] = r;
                r += 1;
            }
            end = start;
        }
        // Undated last in both orders, in collection order.
        for (i, doc) in undated.enumerate() {
            let rank = (dated.len() + i) as u32;
            oldest[doc as usize] = rank;
            newest[doc as usize] = rank;
        }
        DateOrder { newest, oldest }
    }
}

impl Index {
    /// Discovers the collection's names, builds the segmenter from `dict` and them, and
    /// indexes `articles`, with keywords against jieba's IDF table natively (as the app's
    /// build step does) and against the collection in the wasm (see [`Background`]).
    pub fn build(articles: Vec<Article>, dict: &Dictionary) -> Result<Index, TextError> {
        let names = text::names::discover(&articles);
        let analyzer = Analyzer::new(dict, &names)?;
        #[cfg(not(target_arch = "wasm32"))]
        let background = Some(&Background::Jieba);
        #[cfg(target_arch = "wasm32")]
        let background = None;
        Ok(Index::build_with(articles, analyzer, names, background))
    }

    /// [`Index::build`] with a table of name variants, natively (the CLI, tests): the entities
    /// that occur in the collection are kept (see [`AliasTable::prepare`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn build_with_aliases(
        articles: Vec<Article>,
        dict: &Dictionary,
        aliases: &AliasTable,
    ) -> Result<Index, TextError> {
        let texts: Vec<String> = articles
            .iter()
            .map(|a| text::fold(&field_pieces(a).concat().join("\n")))
            .collect();
        let (aliases, names) = aliases.prepare(&texts, text::names::discover(&articles));
        let analyzer = Analyzer::new(dict, &names)?;
        Ok(Index::build_aliased(
            articles,
            analyzer,
            names,
            Some(&Background::Jieba),
            aliases,
        ))
    }

    /// Indexes `articles` with a given segmenter: postings and field lengths, then facets
    /// (tags, outlets, months as written; keywords and entity kinds decided over the whole
    /// collection, see [`builder`]). Keywords are the words that most set an article apart
    /// from `background`, general usage, or from the collection when there is none.
    pub fn build_with(
        articles: Vec<Article>,
        analyzer: Analyzer,
        names: Vec<Name>,
        background: Option<&Background>,
    ) -> Index {
        Index::build_aliased(articles, analyzer, names, background, AliasTable::default())
    }

    /// [`Index::build_with`] with a table of name variants (already restricted to the
    /// collection, see [`AliasTable::restrict`]): its forms get their kind, the facets show
    /// each entity once under its canonical form, and queries expand to its variants.
    pub fn build_aliased(
        articles: Vec<Article>,
        analyzer: Analyzer,
        names: Vec<Name>,
        background: Option<&Background>,
        aliases: AliasTable,
    ) -> Index {
        Index::build_full(articles, analyzer, names, background, aliases, &[], true)
    }

    /// [`Index::build_aliased`], and:
    /// - the articles with `Some` in `kept` (by position) keep those keywords instead of new
    ///   ones: an import keeps the keywords the build gave the embedded articles against
    ///   jieba's IDF table, which the wasm does not carry;
    /// - natively, grams only if `grams` (otherwise per-character sets: the same results,
    ///   less memory, for a build whose shard writer counts the grams itself).
    pub(crate) fn build_full(
        articles: Vec<Article>,
        analyzer: Analyzer,
        names: Vec<Name>,
        background: Option<&Background>,
        aliases: AliasTable,
        kept: &[Option<Vec<String>>],
        grams: bool,
    ) -> Index {
        let mut words = builder::Words::default();
        let mut facets = builder::Facets::default();
        let mut folder = Folder::new(grams);
        // Entity kinds are decided by votes over the whole collection, then given to each doc.
        let mut votes = Votes::new(&names);
        votes.curated(&aliases);
        let mut candidates: Vec<Vec<String>> = Vec::with_capacity(articles.len());
        let mut nouns = builder::Nouns::default();
        let mut docs = Vec::with_capacity(articles.len());
        for (doc, article) in articles.iter().enumerate() {
            // Folded once: tokens, substring matching and tagging all read the folded text.
            let folded = folder.fold_fields(doc, article);
            let len = words.add(doc, &folded, &analyzer);
            let [title, body, ..] = &folded;
            let tagged = analyzer.tag_folded(&format!("{title}\n{body}"));
            candidates.push(votes.observe(&tagged));
            nouns.add(&tagged);
            facets.add_article(article);
            docs.push(DocData::new(folded, len));
        }
        let idf = background.map(|b| b.idf(nouns.words()));
        let mut keywords = builder::keywords(&nouns, &votes, idf.as_ref());
        for (doc, kept) in kept.iter().enumerate() {
            if let (Some(kept), Some(words)) = (kept, keywords.get_mut(doc)) {
                *words = kept.iter().map(String::as_str).collect();
            }
        }
        facets.add_keywords(&keywords);
        facets.add_entities(candidates, &votes, &aliases.aliases());
        let (terms, postings, avg_len) = words.finish(articles.len());
        let (facets, months) = facets.finish();
        let order = DateOrder::new(&articles);
        let bodies: Vec<&str> = docs
            .iter()
            .map(|d| d.folded()[Field::Body as usize].as_str())
            .collect();
        let groups = dups::Groups::from_pairs(articles.len(), &dups::find(&bodies), &order);
        Index {
            docs,
            terms,
            postings,
            substrings: folder.finish(),
            avg_len,
            analyzer,
            names,
            aliases,
            facets,
            months,
            order,
            groups,
            articles,
            shelf: None,
            positions: FxHashMap::default(),
            besides: FxHashMap::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The articles, in collection order (by file path); a document id is an index here.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// What the index keeps per article, by document id.
    pub fn docs(&self) -> &[DocData] {
        &self.docs
    }

    /// Average word count of each field, in [`FIELDS`] order.
    pub fn avg_len(&self) -> &[f32; N_FIELDS] {
        &self.avg_len
    }

    /// The segmenter the collection was indexed with, for cutting queries the same way.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The name variants of the collection's entities.
    pub fn aliases(&self) -> &AliasTable {
        &self.aliases
    }

    /// The names discovered in the collection (added to the segmenter).
    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// The interned values of `facet`.
    pub fn facet(&self, facet: Facet) -> &FacetTable {
        &self.facets[facet as usize]
    }

    /// The month (`YYYY-MM`) of each dated article.
    pub fn months(&self) -> &FacetTable {
        &self.months
    }

    /// The facet tables and the months: what [`FacetTable::prepare`] prepares.
    pub fn tables(&self) -> impl Iterator<Item = &FacetTable> {
        self.facets.iter().chain([&self.months])
    }

    /// Each article's rank in the two date orders.
    pub fn order(&self) -> &DateOrder {
        &self.order
    }

    /// The groups of articles that are one text (re-posts, near-duplicates).
    pub fn groups(&self) -> &dups::Groups {
        &self.groups
    }

    /// Every indexed word (folded), in no particular order.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.keys().map(|t| &**t)
    }

    /// How many distinct words are indexed.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// How many (term, article) postings the index holds.
    pub fn posting_count(&self) -> usize {
        self.postings.iter().map(Postings::len).sum()
    }

    /// Whether an article has the word `term` (folded).
    pub fn has_term(&self, term: &str) -> bool {
        self.postings(term).is_some()
    }

    /// The postings of a term (a folded word), if any article has it.
    pub fn postings(&self, term: &str) -> Option<&Postings> {
        if let Some(shelf) = self.shelved()
            && !shelf.term(term)
        {
            return None;
        }
        self.terms.get(term).map(|&id| &self.postings[id as usize])
    }

    /// The postings of a gram ([`grams::key`]): the fields holding it and how often (none
    /// also for an index without grams, see [`Index::has_grams`]). An index assembled from
    /// shards keeps them in two parts (see [`grams::WHOLE`]); both are read here.
    pub fn gram(&self, key: u64) -> grams::GramPostings<'_> {
        let whole = self
            .shelved()
            .is_some()
            .then(|| self.gram_part(key | grams::WHOLE));
        grams::GramPostings {
            parts: [self.gram_part(key), whole.flatten()],
        }
    }

    /// The postings of a gram in the documents where its text is not a whole word, as far as
    /// the index knows: in an index assembled from shards exactly those (the others, which
    /// a word's own postings name, are not fetched); in another, all of them (the caller
    /// skips the whole words itself).
    pub fn gram_besides_word(&self, key: u64) -> Option<&Postings> {
        self.gram_part(key)
    }

    /// The postings under `key` in the grams.
    fn gram_part(&self, key: u64) -> Option<&Postings> {
        let Substrings::Grams(grams) = &self.substrings else {
            return None;
        };
        if let Some(shelf) = self.shelved()
            && !shelf.gram(key)
        {
            return None;
        }
        grams.get(&key)
    }

    /// Whether the index has grams ([`Index::build`], [`pack::Unpacker::with_grams`], shards)
    /// or per-character sets (the pack's unpacker by default).
    pub fn has_grams(&self) -> bool {
        matches!(self.substrings, Substrings::Grams(_))
    }

    /// Every gram of the index, if it has grams (the shard writer, tests).
    pub fn grams(&self) -> Option<&grams::Grams> {
        match &self.substrings {
            Substrings::Grams(grams) => Some(grams),
            Substrings::Chars(_) => None,
        }
    }

    /// The folded text of each field of article `doc` (empty for an article of a shard not
    /// loaded, which the search notes as missing).
    pub fn folded(&self, doc: usize) -> &[String; N_FIELDS] {
        if let Some(shelf) = self.shelved()
            && !shelf.text(doc)
        {
            return &NO_TEXTS;
        }
        self.docs[doc].folded()
    }

    /// Article `doc` with its text (for an article whose text is not loaded, the catalogue's
    /// entry without its body, which the search notes as missing).
    pub fn article_text(&self, doc: usize) -> &Article {
        if let Some(shelf) = self.shelved() {
            shelf.text(doc);
        }
        &self.articles[doc]
    }

    /// Facet values of `kind` of article `doc`.
    pub fn facet_values(&self, doc: usize, kind: Facet) -> impl Iterator<Item = &str> {
        let table = &self.facets[kind as usize];
        table
            .of(doc)
            .iter()
            .map(move |&id| &*table.values[id as usize])
    }

    /// Documents that may contain `needle` (folded) as a substring: for one or two
    /// characters exactly those that do, for more those holding every pair of its adjacent
    /// characters; every document for the empty needle.
    pub fn candidates(&self, needle: &str) -> DocSet {
        match self.candidate_fields(needle) {
            None => DocSet::full(self.len()),
            Some(list) => {
                let mut set = DocSet::default();
                for (doc, _) in list {
                    set.insert(doc as usize);
                }
                set
            }
        }
    }

    /// [`Index::candidates`] with the fields of each document that may contain `needle`
    /// (bit `1 << field`), ascending by document; `None` (every field of every document)
    /// for the empty needle.
    pub fn candidate_fields(&self, needle: &str) -> Option<Vec<grams::FieldMask>> {
        if needle.is_empty() {
            return None;
        }
        if let Substrings::Chars(sets) = &self.substrings {
            // Every field of the documents holding all its Han characters (every document
            // when it has none).
            let mut set = DocSet::full(self.len());
            for slot in needle.chars().filter_map(han_slot) {
                if sets[slot].0.is_empty() {
                    return Some(Vec::new());
                }
                set.intersect(&sets[slot]);
            }
            let all = (1 << N_FIELDS) - 1;
            return Some(set.iter().map(|doc| (doc as u32, all)).collect());
        }
        let keys = match grams::key_of(needle) {
            Some(key) => vec![key],
            None => grams::pairs(needle),
        };
        let mut lists = Vec::with_capacity(keys.len());
        for key in keys {
            match self.gram(key).joined() {
                Some(p) => lists.push(p),
                None => return Some(Vec::new()),
            }
        }
        let lists: Vec<&Postings> = lists.iter().map(|p| p.as_ref()).collect();
        Some(grams::intersect_fields(&lists))
    }

    /// How many reads of something not loaded an index assembled from shards has had (0 for
    /// any other index): unchanged across a search means the search read only loaded data,
    /// so its results are the whole collection's.
    pub fn misses(&self) -> usize {
        self.shelved().map_or(0, crate::shard::Shelf::misses)
    }

    /// Whether the collection is known to lack `form` (a form of the name variants) in every
    /// field: an index assembled from shards knows it from its catalogue, and a search skips
    /// such a variant rather than fetching what would find nothing. Any other index: `false`.
    pub fn lacks(&self, form: &str) -> bool {
        self.shelved().is_some_and(|s| s.lacks(form))
    }

    /// Whether the text of article `doc` is at hand (always, but for an index assembled from
    /// shards), without noting it as needed.
    pub fn has_text(&self, doc: usize) -> bool {
        self.shelved().is_none_or(|s| s.text_loaded(doc))
    }

    /// Whether this index is assembled from shards, filled as they load.
    pub fn is_sharded(&self) -> bool {
        self.shelved().is_some()
    }

    /// For an index assembled from shards and a folded `word` of the index of three or more
    /// characters, one of them Han: its occurrences (without overlaps, per field) in the
    /// documents where it is not a whole word, counted when the shards were written, as the
    /// search would count them in the texts (`Some(None)`: none). `Some(None)` also while the
    /// word's shard is not loaded (noted as missing); `None` for another index or a word not
    /// in the index, whose substrings are counted otherwise.
    pub fn counted_besides_word(&self, word: &str) -> Option<Option<&Postings>> {
        let shelf = self.shelved()?;
        if word.chars().count() < 3 || !word.chars().any(text::is_han) {
            return None;
        }
        if !shelf.term(word) {
            return Some(None);
        }
        self.terms
            .contains_key(word)
            .then(|| self.besides.get(word))
    }

    /// Whether substrings of three or more characters are counted from the positions of
    /// their pairs ([`Index::substring_counts`]) rather than in the texts: an index assembled
    /// from shards, whose texts are fetched only for what is shown.
    pub fn has_positions(&self) -> bool {
        self.shelved().is_some_and(|s| s.has_positions())
    }

    /// The positions of a pair ([`grams::key`] of two characters), if the index has
    /// positions and a field holds the pair (a shard not loaded is noted as missing).
    pub fn positions(&self, key: u64) -> Option<&positions::Positions> {
        let shelf = self.shelved()?;
        if !shelf.positions(key) {
            return None;
        }
        self.positions.get(&key)
    }

    /// For an index with positions ([`Index::has_positions`]) and a `needle` (folded) of
    /// three or more characters: every document holding it, ascending, with its occurrences
    /// in each field as counting them in the folded text gives (without overlaps), from the
    /// positions of the pairs of its [`positions::cover`]. `None` otherwise.
    ///
    /// A loaded pair that no field holds ends the search. Pairs not loaded are noted all at
    /// once when `together` (a phrase the reader typed, likely there: one round of fetching
    /// brings them all), else the first only (a name variant, which most collections lack:
    /// its first pair's absence often saves fetching the others).
    pub fn substring_counts(
        &self,
        needle: &str,
        together: bool,
    ) -> Option<Vec<(u32, [u32; N_FIELDS])>> {
        let shelf = self.shelved().filter(|s| s.has_positions())?;
        let chars: Vec<char> = needle.chars().collect();
        if chars.len() < 3 {
            return None;
        }
        let mut lists = Vec::new();
        let mut missing = false;
        for i in positions::cover(chars.len()) {
            let key = grams::key(chars[i], Some(chars[i + 1]));
            match self.positions(key) {
                Some(p) => lists.push((i, p)),
                None if together && !shelf.positions_loaded(key) => missing = true,
                None => return Some(Vec::new()),
            }
        }
        if missing {
            return Some(Vec::new());
        }
        Some(positions::count(&lists, chars.len()))
    }

    /// The shelf of an index assembled from shards, if this program reads shards at all
    /// (feature `shards`, on by default). Every read of the index that depends on shards asks
    /// here: without the feature this is a constant `None`, and the compiler leaves all of
    /// them out (the default page's wasm, which never reads shards).
    #[inline(always)]
    fn shelved(&self) -> Option<&crate::shard::Shelf> {
        if cfg!(feature = "shards") {
            self.shelf.as_deref()
        } else {
            None
        }
    }

    /// The shelf of an index assembled from shards.
    pub(crate) fn shelf(&self) -> Option<&crate::shard::Shelf> {
        self.shelved()
    }

    pub(crate) fn shelf_mut(&mut self) -> Option<&mut crate::shard::Shelf> {
        self.shelf.as_deref_mut()
    }

    /// Adds the words of a term shard, each with its occurrences where it is not a whole
    /// word (see [`Index::counted_besides_word`]), checked as the pack's postings are.
    pub(crate) fn insert_terms(
        &mut self,
        list: Vec<(Box<str>, Postings, Postings)>,
    ) -> Result<(), pack::PackError> {
        // All checked before any is added: a shard is loaded whole or not at all.
        let mut seen = rustc_hash::FxHashSet::default();
        for (term, postings, besides) in &list {
            pack::check_postings(postings, self.len(), None)?;
            pack::check_postings(besides, self.len(), None)?;
            if self.terms.contains_key(term) || !seen.insert(term) {
                return Err(pack::PackError::Duplicate { what: "term" });
            }
        }
        for (term, postings, besides) in list {
            if !besides.is_empty() {
                self.besides.insert(term.clone(), besides);
            }
            self.terms.insert(term, self.postings.len() as u32);
            self.postings.push(postings);
        }
        Ok(())
    }

    /// Adds the grams of a gram shard, checked as postings are.
    pub(crate) fn insert_grams(
        &mut self,
        list: Vec<(u64, Postings)>,
    ) -> Result<(), pack::PackError> {
        let len = self.len();
        let Substrings::Grams(grams) = &mut self.substrings else {
            return Err(pack::PackError::Invalid {
                what: "grams for an index without grams",
            });
        };
        let mut seen = rustc_hash::FxHashSet::default();
        for (key, postings) in &list {
            pack::check_postings(postings, len, None)?;
            if grams.contains_key(key) || !seen.insert(*key) {
                return Err(pack::PackError::Duplicate { what: "gram" });
            }
        }
        grams.extend(list);
        Ok(())
    }

    /// Adds the pairs' positions of a positions shard, checked as postings are.
    pub(crate) fn insert_positions(
        &mut self,
        list: Vec<(u64, positions::Positions)>,
    ) -> Result<(), pack::PackError> {
        let mut seen = rustc_hash::FxHashSet::default();
        for (key, p) in &list {
            if p.last_doc().is_some_and(|d| d >= self.len()) {
                return Err(pack::PackError::OutOfRange {
                    what: "article of a position",
                });
            }
            if !p.fields_valid() {
                return Err(pack::PackError::OutOfRange {
                    what: "field of a position",
                });
            }
            if p.is_empty() {
                return Err(pack::PackError::Invalid {
                    what: "pair without positions",
                });
            }
            if self.positions.contains_key(key) || !seen.insert(*key) {
                return Err(pack::PackError::Duplicate { what: "pair" });
            }
        }
        self.positions.extend(list);
        Ok(())
    }

    /// Puts the texts of articles `first..` in place of their catalogue entries: each must
    /// be its entry with its text (checked), and is folded.
    pub(crate) fn insert_texts(
        &mut self,
        first: usize,
        list: Vec<Article>,
    ) -> Result<(), pack::PackError> {
        let mut list = list;
        for (i, article) in list.iter_mut().enumerate() {
            let Some(entry) = self.articles.get(first + i) else {
                return Err(pack::PackError::OutOfRange {
                    what: "article of a text shard",
                });
            };
            if crate::shard::stub(article) != *entry {
                return Err(pack::PackError::Invalid {
                    what: "text of another article",
                });
            }
            pack::check_article(article)?;
        }
        for (i, article) in list.into_iter().enumerate() {
            self.docs[first + i].set_folded(fold_fields(&article, |_| {}));
            self.articles[first + i] = article;
        }
        Ok(())
    }
}

/// The text of each field of an article, in [`FIELDS`] order.
pub fn field_texts(article: &Article) -> [String; N_FIELDS] {
    field_pieces(article).map(|pieces| pieces.join("\n"))
}

/// The texts that make up each field, in [`FIELDS`] order: every text of an article the
/// segmenter reads (joined by newlines in [`field_texts`]; the build step trims the dictionary
/// against exactly these).
pub fn field_pieces(article: &Article) -> [Vec<&str>; N_FIELDS] {
    [
        vec![article.title.as_str()],
        article.texts().collect(),
        article.tags.iter().map(String::as_str).collect(),
        article
            .images
            .iter()
            .filter_map(|i| i.caption.as_deref())
            .collect(),
        article.related.iter().map(|r| r.title.as_str()).collect(),
        article.author.as_deref().into_iter().collect(),
        article.source.as_deref().into_iter().collect(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;

    #[test]
    fn date_orders_are_the_sorted_orders() {
        use crate::article::{DateBasis, PublishedDate};
        use crate::date::Day;
        // Articles on a few days (many ties), some undated, in a scrambled collection order.
        let articles: Vec<Article> = (0..200u32)
            .map(|i| Article {
                date: (i % 7 != 3).then(|| PublishedDate {
                    day: Day::from_days(i64::from((i * 37) % 11) * 400 - 1000),
                    basis: DateBasis::Metadata,
                }),
                ..Article::default()
            })
            .collect();
        let sorted = |sign: i64| {
            let mut docs: Vec<usize> = (0..articles.len()).collect();
            docs.sort_by_key(|&doc| {
                (
                    articles[doc].date.is_none(),
                    articles[doc].date.map(|d| sign * d.day.to_days()),
                )
            });
            let mut rank = vec![0u32; docs.len()];
            for (r, doc) in docs.into_iter().enumerate() {
                rank[doc] = r as u32;
            }
            rank
        };
        let order = DateOrder::new(&articles);
        assert_eq!(order.oldest, sorted(1));
        assert_eq!(order.newest, sorted(-1));
        assert_eq!(DateOrder::new(&[]).newest, Vec::<u32>::new());
    }

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
        let idx = Index::build(
            vec![
                article("a", "北约东扩", &["美国表示北约不会东扩。"]),
                article("b", "普京", &["普京说。"]),
            ],
            &Dictionary::Default,
        )
        .unwrap();
        let p: Vec<_> = idx.postings("北约").unwrap().counts().collect();
        assert_eq!(p.len(), 2, "title and body of a: {p:?}");
        assert!(p.iter().all(|p| p.0 == 0));
        assert_eq!(p[0].1, Field::Title);
        assert_eq!(p[1].1, Field::Body);
        assert!(idx.docs[0].len[Field::Body as usize] >= 4);
        assert!(idx.candidates("北约").contains(0));
        assert!(!idx.candidates("北约").contains(1));
        assert_eq!(
            idx.candidates("nato").iter().count(),
            0,
            "Latin is indexed too"
        );
        assert_eq!(idx.candidates("").iter().count(), 2);
        assert_eq!(idx.candidates("表示北约").iter().collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn postings_count_occurrences_and_split_and_join() {
        let mut p = Postings::default();
        p.push(7, Field::Body, 4);
        p.push(9, Field::Title, 1);
        p.push(9, Field::Related, 2);
        let all = |p: &Postings| p.counts().collect::<Vec<_>>();
        assert_eq!(
            all(&p),
            [
                (7, Field::Body, 4),
                (9, Field::Title, 1),
                (9, Field::Related, 2)
            ]
        );
        let mut joined = p.slice(0..1);
        joined.extend(p.slice(1..3));
        assert_eq!(joined, p);
    }

    #[test]
    fn keywords_and_entities_never_come_from_the_byline_or_the_outlet() {
        let mut a = article(
            "a",
            "北约东扩",
            &["国务卿布林肯表示,北约不会停止东扩,制裁将继续。布林肯说,红线不容触碰。"],
        );
        a.author = Some("喜马拉雅日本银河系农场 国务卿蓬佩奥".into());
        a.source = Some("农场新闻网 克里姆林宫".into());
        let idx = Index::build(vec![a], &Dictionary::Default).unwrap();
        for kind in [Facet::Keyword, Facet::Person, Facet::Place, Facet::Org] {
            for v in idx.facet_values(0, kind) {
                assert!(
                    !v.contains("农场") && !v.contains("佩奥") && !v.contains("克里姆林"),
                    "{kind:?} {v} comes from the byline or outlet"
                );
            }
        }
        assert!(idx.facet_values(0, Facet::Person).any(|v| v == "布林肯"));
        assert!(idx.facet_values(0, Facet::Keyword).any(|v| v == "红线"));
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
