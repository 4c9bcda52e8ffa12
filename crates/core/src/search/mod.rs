//! Stage 4, search: runs a [`Query`] against the [`Index`]: matching, BM25F ranking, filters,
//! facets, snippets and highlight ranges. Pure functions of the index and the query.
//!
//! A query word matches an article in two ways: as a whole word (the segmenter cut it out of
//! the article too) or, for Chinese words, as a substring the segmenter cut differently
//! (东扩 inside 向东扩张). Substring matches count, but rank below whole-word ones.

mod passages;
pub mod stories;

pub use passages::{Snippet, highlight, snippets};

use crate::index::{Counted, DocSet, FIELDS, Facet, Field, Index, N_FIELDS, Postings, grams};

/// Every field, as a mask of `1 << field`.
const ALL_FIELDS: u8 = (1 << N_FIELDS) - 1;
use crate::query::{Query, Term};
use crate::rank;
use crate::text;

/// Ranking parameters, all in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of a title occurrence relative to the body (>= 0; default 3.0).
    pub title: f32,
    /// Body paragraphs and subheadings (default 1.0).
    pub body: f32,
    /// Explicit tags (default 2.0).
    pub tags: f32,
    /// Image captions (default 0.5).
    pub captions: f32,
    /// Related headlines listed with the article, not part of its body (default 0.3).
    pub related: f32,
    /// The byline: a name there says who wrote it, not what it is about (default 0.3).
    pub author: f32,
    /// The outlet (default 0.3).
    pub source: f32,
    /// BM25 term-frequency saturation, 0 ..= 3 (default 1.2).
    pub k1: f32,
    /// BM25 length normalisation, 0 (none) ..= 1 (full) (default 0.75).
    pub b: f32,
    /// Factor for a match found only as a substring, 0 ..= 1 (default 0.4).
    pub substring: f32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            title: 3.0,
            body: 1.0,
            tags: 2.0,
            captions: 0.5,
            related: 0.3,
            author: 0.3,
            source: 0.3,
            k1: 1.2,
            b: 0.75,
            substring: 0.4,
        }
    }
}

impl Weights {
    fn field(&self, f: Field) -> f32 {
        match f {
            Field::Title => self.title,
            Field::Body => self.body,
            Field::Tags => self.tags,
            Field::Captions => self.captions,
            Field::Related => self.related,
            Field::Author => self.author,
            Field::Source => self.source,
        }
    }
}

/// Inverse document frequency of a term found in `df` of `n` documents (BM25's, kept > 0).
pub fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (newest first when there are no terms).
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    pub fn from_key(s: &str) -> Option<Sort> {
        [Sort::Relevance, Sort::Newest, Sort::Oldest]
            .into_iter()
            .find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Options {
    pub sort: Sort,
    /// Exact substring mode: every word matches as written, as a substring, never through
    /// segmentation.
    pub exact: bool,
    pub weights: Weights,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `Index::articles`.
    pub doc: usize,
    pub score: f32,
}

/// Facet groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetGroup {
    Filter(Facet),
    Month,
}

/// Values of a facet with how many results have them, most first.
pub type FacetCounts = Vec<(std::sync::Arc<str>, usize)>;

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// How each positive term was segmented (folded words), for "why did this match".
    pub segmented: Vec<Vec<String>>,
    pub facets: Vec<(FacetGroup, FacetCounts)>,
    /// Folded strings to highlight.
    pub needles: Vec<String>,
    /// The name variants a query word was expanded to that the collection holds (folded, each
    /// once), whether or not the query found anything: 普丁 and 川普 for `普京 特朗普` (see
    /// [`crate::text::aliases`]).
    pub also: Vec<String>,
}

/// Scores are never NaN (they are sums of positive BM25 terms), so equality is an
/// equivalence. Being `Eq` also lets `Rc<Results>` compare by pointer first: the view's
/// components take their results as `Rc<Results>` props, and comparing 100,000 hits with
/// themselves on every render took milliseconds.
impl Eq for Results {}

/// A term turned into what is matched: folded words that must all occur, or one phrase.
#[derive(Debug, Clone)]
struct Matcher {
    words: Vec<String>,
    /// Per word, the other forms of the entity it names (empty for phrases and exact mode).
    alts: Vec<Vec<String>>,
    phrase: bool,
}

/// Scores of documents, sorted by document: the result of every step of a search. Merging
/// sorted vectors is what the clauses need (intersections, unions) and touches memory in order.
type Scores = Vec<(u32, f32)>;

/// Counts (non-overlapping) occurrences of a folded word in folded text.
struct Counter {
    finder: memchr::memmem::Finder<'static>,
    empty: bool,
}

impl Counter {
    /// One searcher per word and query, reused over every candidate article.
    fn new(word: &str) -> Counter {
        Counter {
            finder: memchr::memmem::Finder::new(word.as_bytes()).into_owned(),
            empty: word.is_empty(),
        }
    }

    fn count(&self, text: &str) -> usize {
        if self.empty {
            // As `str::matches("")`: one match at every character boundary.
            return text.chars().count() + 1;
        }
        self.finder.find_iter(text.as_bytes()).count()
    }

    fn found_in(&self, text: &str) -> bool {
        self.finder.find(text.as_bytes()).is_some()
    }
}

/// How an excluded word is looked for in a document.
enum Probe {
    /// The empty word, in every document.
    Empty,
    /// A word of one or two characters: its gram's postings say which documents hold it.
    Gram(u64),
    /// A longer word: read in the fields of the documents that may hold it.
    Scan(Vec<grams::FieldMask>, Box<Counter>),
    /// A longer word in an index with positions: the documents holding it, ascending.
    Docs(Vec<u32>),
}

/// A query's [`crate::query::Filters`] as facet value ids, looked up once per query (by
/// their folded text; `None` for a value no article has), by facet.
struct FoldedFilters {
    ids: Vec<(Facet, Vec<Option<u32>>)>,
}

/// Runs queries over a sealed [`Index`], which it reads through methods only.
#[derive(Clone, Copy)]
pub struct Searcher<'a> {
    index: &'a Index,
    /// Whether later words and clauses are scored only in the documents of earlier ones
    /// (see [`Searcher::matcher_scores`]); the same results either way.
    narrow: bool,
}

/// Adds `tf` occurrences in field `field` of `doc` to `counts`, documents in ascending order
/// with their occurrences per field (postings come in document order, a document's fields
/// together).
fn add_count(counts: &mut Vec<(u32, [f32; N_FIELDS])>, doc: usize, field: usize, tf: f32) {
    let doc = doc as u32;
    if counts.last().is_none_or(|l| l.0 != doc) {
        counts.push((doc, [0.0; N_FIELDS]));
    }
    if let Some(last) = counts.last_mut() {
        last.1[field] += tf;
    }
}

impl<'a> Searcher<'a> {
    pub fn new(index: &'a Index) -> Searcher<'a> {
        Searcher {
            index,
            narrow: true,
        }
    }

    /// A searcher that scores every word in every document it matches: slower, for tests
    /// that check narrowing changes no result.
    #[doc(hidden)]
    pub fn unnarrowed(index: &'a Index) -> Searcher<'a> {
        Searcher {
            index,
            narrow: false,
        }
    }

    /// The index searched.
    pub fn index(&self) -> &'a Index {
        self.index
    }

    fn matcher(&self, term: &Term, exact: bool) -> Matcher {
        match term {
            Term::Phrase(p) => Matcher {
                words: vec![text::fold(p)],
                alts: vec![Vec::new()],
                phrase: true,
            },
            Term::Words(w) if exact => {
                let words: Vec<String> = w.split_whitespace().map(text::fold).collect();
                Matcher {
                    alts: vec![Vec::new(); words.len()],
                    words,
                    phrase: true,
                }
            }
            Term::Words(w) => {
                let aliases = self.index.aliases();
                // A name variant typed whole is one word, even one the collection lacks and
                // the segmenter would cut (普丁 where articles write 普京).
                let folded = text::fold(w.trim());
                let words: Vec<String> = if aliases.group(&folded).is_some() {
                    vec![folded]
                } else {
                    self.index
                        .analyzer()
                        .query_words(w, |word| self.index.has_term(word))
                        .into_iter()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .collect()
                };
                // Variants the collection lacks would match nothing: not looked for.
                let alts = words
                    .iter()
                    .map(|w| {
                        (aliases.variants(w))
                            .filter(|v| !self.index.lacks(v))
                            .map(str::to_owned)
                            .collect()
                    })
                    .collect();
                Matcher {
                    words,
                    alts,
                    phrase: false,
                }
            }
        }
    }

    /// Whether the search that began when the index had `since` misses has read something
    /// not loaded (an index assembled from shards): its results will be discarded, so the
    /// work whose only use is them is skipped, while what it reads is still asked for.
    fn incomplete(&self, since: usize) -> bool {
        self.index.misses() != since
    }

    /// Scores of the documents matching `word`: whole-word BM25F, or substring matches scaled
    /// down. Latin words match whole words only (nato must not match senator). In a search
    /// already incomplete (see [`Searcher::incomplete`]), its postings are asked for, not
    /// scored.
    ///
    /// Only the documents of `within`, if given, are scored: a word after the rarest of a
    /// query's need not score the documents the rarest lacks. The scores of those documents
    /// are the same as without it: the word's document frequency is still counted over every
    /// document. Also returns that frequency.
    fn word_scores(
        &self,
        word: &str,
        substring_only: bool,
        w: &Weights,
        since: usize,
        within: Option<&DocSet>,
    ) -> (Scores, usize) {
        let wanted = |doc: usize| within.is_none_or(|set| set.contains(doc));
        // A field's share of BM25F's term weight: its occurrences, weighted, over its length
        // normalised.
        let (docs, avg_len) = (self.index.docs(), self.index.avg_len());
        let share = |doc: usize, f: Field, occurrences: f32| {
            let i = f as usize;
            let norm = 1.0 - w.b + w.b * docs[doc].len[i] as f32 / avg_len[i];
            w.field(f) * occurrences / norm.max(0.1)
        };
        // What the word reads, looked up first: a search that is incomplete then knows it
        // before it scores anything. Its postings as a whole word; for a word of one or two
        // characters, its gram's (besides the whole words, for a word); for a longer word
        // of an index from shards, what the writer counted besides its whole words, or else
        // its occurrences counted from its pairs' positions.
        let substrings = substring_only || word.chars().any(text::is_han);
        let gram = grams::key_of(word).filter(|_| substrings && self.index.has_grams());
        let postings = (!substring_only)
            .then(|| self.index.postings(word))
            .flatten();
        let gram_postings = gram.map(|key| {
            if substring_only {
                self.index.gram(key)
            } else {
                grams::GramPostings {
                    parts: [self.index.gram_besides_word(key), None],
                }
            }
        });
        let counted = (gram.is_none() && substrings && !substring_only)
            .then(|| self.index.counted_besides_word(word))
            .flatten();
        let positions = (gram.is_none() && counted.is_none() && substrings)
            .then(|| self.index.substring_counts(word, substring_only))
            .flatten();
        if self.incomplete(since) {
            return (Vec::new(), 0);
        }
        // Each document having the word as a whole word, with its term weight: the shares of
        // its fields, added in field order. Postings come in document order, a document's
        // fields together, each once (what `score` computes from the fields' counts, without
        // them: tens of thousands of documents for a common word).
        let mut whole: Vec<(u32, f32)> = Vec::new();
        // The documents counted for the frequency: `whole`'s and `sub`'s, scored or not
        // (counted as they go when not all are scored; `tests/shard.rs` checks the two ways
        // agree, against `Searcher::unnarrowed`).
        let mut df = 0;
        if let Some(postings) = postings {
            // At most a document per posting: no growing tens of thousands of entries.
            whole.reserve_exact(postings.len().min(within.map_or(usize::MAX, DocSet::len)));
            let mut last = None;
            for (doc, field, tf) in postings.counts() {
                if let Some(set) = within {
                    if last != Some(doc) {
                        last = Some(doc);
                        df += 1;
                    }
                    if !set.contains(doc) {
                        continue;
                    }
                }
                let x = share(doc, field, tf as f32);
                match whole.last_mut() {
                    Some(last) if last.0 == doc as u32 => last.1 += x,
                    _ => whole.push((doc as u32, x)),
                }
            }
        }
        let mut sub: Vec<(u32, [f32; N_FIELDS])> = Vec::new();
        if substrings {
            // The whole-word documents, scored or not, from the postings (a document once
            // per field).
            let mut whole_docs = postings.into_iter().flat_map(Postings::docs).peekable();
            // Both ascending: skips the whole-word documents by walking along them.
            let mut is_whole = |doc: usize| {
                if substring_only {
                    return false;
                }
                while whole_docs.next_if(|&d| d < doc).is_some() {}
                whole_docs.peek() == Some(&doc)
            };
            // Each document of the substrings once, counted whether scored or not.
            let mut last = None;
            let mut counts_once = |doc: usize| {
                if within.is_some() && last != Some(doc) {
                    last = Some(doc);
                    df += 1;
                }
            };
            if let Some(postings) = gram_postings {
                // One or two characters: the gram's postings are the occurrences (for a word,
                // those besides its whole-word documents suffice).
                if within.is_none() {
                    sub.reserve_exact(postings.parts.iter().flatten().map(|p| p.len()).sum());
                }
                for (doc, field, tf) in postings.counts() {
                    if !is_whole(doc) {
                        counts_once(doc);
                        if wanted(doc) {
                            add_count(&mut sub, doc, field as usize, tf as f32);
                        }
                    }
                }
            } else if let Some(found) = counted {
                // A longer word of an index from shards: its occurrences besides its whole
                // words were counted when the shards were written.
                for (doc, field, tf) in found.into_iter().flat_map(|p| p.counts()) {
                    if !is_whole(doc) {
                        counts_once(doc);
                        if wanted(doc) {
                            add_count(&mut sub, doc, field as usize, tf as f32);
                        }
                    }
                }
            } else if let Some(found) = positions {
                // Longer, in an index with positions: counted from its pairs' positions.
                for (doc, counts) in found {
                    if !is_whole(doc as usize) {
                        counts_once(doc as usize);
                        if wanted(doc as usize) {
                            sub.push((doc, counts.map(|c| c as f32)));
                        }
                    }
                }
            } else {
                // Longer (or no grams): read the fields that may hold it.
                let counter = Counter::new(word);
                let all = || (0..self.index.len() as u32).map(|d| (d, ALL_FIELDS));
                let candidates: Box<dyn Iterator<Item = grams::FieldMask>> =
                    match self.index.candidate_fields(word) {
                        Some(list) => Box::new(list.into_iter()),
                        None => Box::new(all()),
                    };
                for (doc, mask) in candidates {
                    if is_whole(doc as usize) {
                        continue;
                    }
                    let folded = self.index.folded(doc as usize);
                    let mut counts = [0f32; N_FIELDS];
                    for f in FIELDS {
                        if mask & 1 << f as u8 != 0 {
                            counts[f as usize] = counter.count(&folded[f as usize]) as f32;
                        }
                    }
                    if counts.iter().any(|&c| c > 0.0) {
                        counts_once(doc as usize);
                        if wanted(doc as usize) {
                            sub.push((doc, counts));
                        }
                    }
                }
            }
        }
        if within.is_none() {
            df = whole.len() + sub.len();
        }
        let idf = idf(self.index.len(), df);
        let saturated = |t: f32| idf * t * (w.k1 + 1.0) / (t + w.k1);
        let score = |(doc, counts): &(u32, [f32; N_FIELDS]), factor: f32| {
            let mut t = 0.0;
            // A field without the word adds nothing (most postings are in one or two fields).
            for f in FIELDS.into_iter().filter(|&f| counts[f as usize] != 0.0) {
                t += share(*doc as usize, f, counts[f as usize]);
            }
            (*doc, saturated(t) * factor)
        };
        // A document is never in both lists.
        let sub_factor = if substring_only { 1.0 } else { w.substring };
        for d in &mut whole {
            d.1 = saturated(d.1);
        }
        let sub: Scores = sub.iter().map(|d| score(d, sub_factor)).collect();
        (merge(&whole, &sub, |_, b| b, |b| b), df)
    }

    /// About how many postings a word reads, from what is loaded and what
    /// [`Searcher::word_scores`] would read (nothing else is noted as missing): what orders
    /// the scoring (see [`Searcher::matcher_scores`]). A phrase of three or more characters,
    /// whose count is not known before it is counted, comes last.
    fn estimate(&self, word: &str, phrase: bool) -> usize {
        let substrings = phrase || word.chars().any(text::is_han);
        let gram = grams::key_of(word).filter(|_| substrings && self.index.has_grams());
        let whole = match phrase {
            true => 0,
            false => self.index.postings(word).map_or(0, Postings::len),
        };
        let besides = match gram {
            Some(key) if phrase => self
                .index
                .gram(key)
                .parts
                .iter()
                .flatten()
                .map(|p| p.len())
                .sum(),
            Some(key) => self.index.gram_besides_word(key).map_or(0, Postings::len),
            None if phrase => return usize::MAX,
            None => 0,
        };
        whole + besides
    }

    /// Scores of the documents of `within` (all if `None`) matching every word of `m`, a word
    /// matching through any of its variants (a document scores its best form, each form ranked
    /// as if typed), and the variants that matched. `since`: the index's misses when the
    /// search began.
    ///
    /// The words are scored fewest postings first, each in the documents of the words scored
    /// before it (a sentence of common words: 100,000 documents, then a few thousand), and
    /// added up in their order in `m`, so that the scores are the same in any order.
    fn matcher_scores(
        &self,
        m: &Matcher,
        w: &Weights,
        since: usize,
        within: Option<&DocSet>,
    ) -> (Scores, Vec<String>) {
        // A pasted paragraph repeats words: score each distinct word once, at its first place.
        let first: Vec<usize> = (m.words.iter().enumerate())
            .map(|(i, word)| m.words[..i].iter().position(|w| w == word).unwrap_or(i))
            .collect();
        let mut order: Vec<usize> = (0..m.words.len()).filter(|&i| first[i] == i).collect();
        order.sort_by_cached_key(|&i| self.estimate(&m.words[i], m.phrase));
        let mut scored: Vec<Option<Scores>> = vec![None; m.words.len()];
        let mut matched: Vec<Vec<&String>> = vec![Vec::new(); m.words.len()];
        let mut narrowed: Option<DocSet> = None;
        let last = order.last().copied();
        for i in order {
            let within = narrowed.as_ref().or(within);
            // No document is left to score (the words so far share none): the word is not
            // read (its variants are, to be listed as searched).
            let (mut s, _) = match within {
                Some(set) if set.is_empty() && !self.incomplete(since) => (Vec::new(), 0),
                _ => self.word_scores(&m.words[i], m.phrase, w, since, within),
            };
            for alt in &m.alts[i] {
                let (t, df) = self.word_scores(alt, m.phrase, w, since, within);
                if df > 0 {
                    matched[i].push(alt);
                    s = merge(&s, &t, f32::max, |x| x);
                }
            }
            // Unless a word was not loaded (an index assembled from shards): then the next
            // are not narrowed (nor are they scored), but their shards are asked for, so that
            // one round of fetching brings every word's shards, not a word a round.
            if self.narrow && Some(i) != last && !self.incomplete(since) {
                narrowed = narrowing(&s, self.index.len());
            }
            scored[i] = Some(s);
        }
        let mut acc: Option<Scores> = None;
        let mut also: Vec<String> = Vec::new();
        for (i, &j) in first.iter().enumerate() {
            let s = scored[j].as_deref().unwrap_or_default();
            acc = Some(match acc {
                None => s.to_vec(),
                Some(prev) => intersect(&prev, s),
            });
            if i == j {
                also.extend(matched[j].iter().map(|a| (*a).clone()));
            }
        }
        (acc.unwrap_or_default(), also)
    }

    /// Whether a document contains every word of an exclusion anywhere (byline and outlet
    /// included), as substrings.
    fn contains(&self, doc: usize, words: &[Probe]) -> bool {
        !words.is_empty() && words.iter().all(|word| self.found(doc, word))
    }

    /// Whether `doc` holds `probe`'s word in one of its fields.
    fn found(&self, doc: usize, probe: &Probe) -> bool {
        match probe {
            Probe::Empty => true,
            Probe::Gram(key) => self.index.gram(*key).has_doc(doc),
            Probe::Docs(docs) => docs.binary_search(&(doc as u32)).is_ok(),
            Probe::Scan(candidates, counter) => {
                let Ok(at) = candidates.binary_search_by_key(&(doc as u32), |c| c.0) else {
                    return false;
                };
                let mask = candidates[at].1;
                let folded = self.index.folded(doc);
                FIELDS
                    .iter()
                    .any(|&f| mask & 1 << f as u8 != 0 && counter.found_in(&folded[f as usize]))
            }
        }
    }

    /// How [`Searcher::found`] looks for `word`.
    fn probe(&self, word: &str) -> Probe {
        if word.is_empty() {
            Probe::Empty
        } else if let Some(key) = grams::key_of(word).filter(|_| self.index.has_grams()) {
            // Read now, not first when a hit is tested: an index assembled from shards notes
            // it in this round even when no hit is left to test (one round less).
            let _ = self.index.gram(key);
            Probe::Gram(key)
        } else if let Some(besides) = self.index.counted_besides_word(word) {
            // A word of an index from shards: in the documents where it is a whole word (a
            // word is a piece of its field's folded text) and in those where it is not.
            let lists = [self.index.postings(word), besides];
            let mut docs: Vec<u32> = lists
                .into_iter()
                .flatten()
                .flat_map(grams::docs_of)
                .map(|doc| doc as u32)
                .collect();
            docs.sort_unstable();
            docs.dedup();
            Probe::Docs(docs)
        } else if let Some(found) = self.index.substring_counts(word, true) {
            Probe::Docs(found.into_iter().map(|(doc, _)| doc).collect())
        } else {
            // Not empty, so there is a list.
            Probe::Scan(
                self.index.candidate_fields(word).unwrap_or_default(),
                Box::new(Counter::new(word)),
            )
        }
    }

    /// The query's filters, looked up once.
    fn filters(&self, q: &Query) -> FoldedFilters {
        FoldedFilters {
            ids: Facet::ALL
                .into_iter()
                .filter(|&kind| !q.filters.values(kind).is_empty())
                .map(|kind| {
                    let table = self.index.facet(kind);
                    let aliases = self.index.aliases();
                    // person:普丁 is the entity shown as 普京.
                    let ids = q.filters.values(kind).iter().map(|v| {
                        table.find(v).or_else(|| {
                            let canonical = &aliases.group(&text::fold(v))?.forms[0];
                            table.find(canonical)
                        })
                    });
                    (kind, ids.collect())
                })
                .collect(),
        }
    }

    fn passes_filters(&self, doc: usize, q: &Query, filters: &FoldedFilters) -> bool {
        if q.filters.imported && !crate::import::is_imported(&self.index.articles()[doc].file) {
            return false;
        }
        if let Some(range) = q.filters.range {
            match self.index.articles()[doc].date {
                Some(d) if range.contains(d.day) => {}
                _ => return false,
            }
        }
        filters.ids.iter().all(|(kind, ids)| {
            let of_doc = self.index.facet(*kind).of(doc);
            ids.iter().flatten().any(|id| of_doc.contains(id))
        })
    }

    /// Runs `q`: every article matching all clauses and filters and no exclusion, ordered by
    /// `opts.sort`, with facets over the results.
    pub fn search(&self, q: &Query, opts: &Options) -> Results {
        let since = self.index.misses();
        let w = &opts.weights;
        let mut segmented = Vec::new();
        let mut needles: Vec<String> = Vec::new();
        let matchers: Vec<Vec<Matcher>> = q
            .clauses
            .iter()
            .map(|clause| {
                clause
                    .iter()
                    .map(|term| {
                        let m = self.matcher(term, opts.exact);
                        segmented.push(m.words.clone());
                        needles.extend(m.words.iter().cloned());
                        m
                    })
                    .collect()
            })
            .collect();
        // The clauses fewest postings first, each scored in the documents of those before
        // it, then added up in the query's order (see `matcher_scores`). A clause of several
        // terms reads them all; a term reads its rarest word.
        let estimate = |clause: &Vec<Matcher>| -> usize {
            (clause.iter())
                .map(|m| {
                    (m.words.iter())
                        .map(|word| self.estimate(word, m.phrase))
                        .min()
                        .unwrap_or(0)
                })
                .fold(0, usize::saturating_add)
        };
        let mut order: Vec<usize> = (0..matchers.len()).collect();
        order.sort_by_cached_key(|&i| estimate(&matchers[i]));
        let mut scored: Vec<(Scores, Vec<Vec<String>>)> = vec![Default::default(); matchers.len()];
        let mut narrowed: Option<DocSet> = None;
        let last = order.last().copied();
        for i in order {
            // A clause scores a document by its best term.
            let mut clause_scores: Scores = Vec::new();
            let mut also = Vec::new();
            for m in &matchers[i] {
                let (s, matched) = self.matcher_scores(m, w, since, narrowed.as_ref());
                also.push(matched);
                // As a map from documents to the best score so far, starting at 0.
                clause_scores = merge(&clause_scores, &s, f32::max, |s| 0f32.max(s));
            }
            if self.narrow && Some(i) != last && !self.incomplete(since) {
                narrowed = narrowing(&clause_scores, self.index.len());
            }
            scored[i] = (clause_scores, also);
        }
        let mut scores: Option<Scores> = None;
        let mut also: Vec<String> = Vec::new();
        for (clause_scores, matched) in scored {
            scores = Some(match scores {
                None => clause_scores,
                Some(prev) => intersect(&prev, &clause_scores),
            });
            for alt in matched.into_iter().flatten() {
                if !also.contains(&alt) {
                    also.push(alt);
                }
            }
        }
        let excluded: Vec<Vec<Probe>> = q
            .excluded
            .iter()
            .map(|t| {
                self.matcher(t, true)
                    .words
                    .iter()
                    .map(|w| self.probe(w))
                    .collect()
            })
            .collect();
        if self.incomplete(since) {
            // Everything this search reads has been asked for (the exclusions' probes read
            // theirs); what follows only makes results that will be discarded.
            return Results {
                hits: Vec::new(),
                segmented,
                facets: Vec::new(),
                needles,
                also,
            };
        }
        let filters = self.filters(q);
        let mut hits: Vec<Hit> = match scores {
            Some(s) => s
                .into_iter()
                .map(|(doc, score)| Hit {
                    doc: doc as usize,
                    score,
                })
                .collect(),
            None => (0..self.index.len())
                .map(|doc| Hit { doc, score: 0.0 })
                .collect(),
        };
        hits.retain(|h| {
            self.passes_filters(h.doc, q, &filters)
                && !excluded.iter().any(|m| self.contains(h.doc, m))
        });

        let (newest, oldest) = (&self.index.order().newest, &self.index.order().oldest);
        let hits = match opts.sort {
            // Newest first, then by score, keeping that order among equal scores: two linear
            // sorts instead of a comparison sort of tens of thousands of hits.
            Sort::Relevance if q.has_terms() => {
                rank::radix_sorted_by_key(in_order(hits, newest), |h| !rank::ascending_f32(h.score))
            }
            Sort::Relevance | Sort::Newest => in_order(hits, newest),
            Sort::Oldest => in_order(hits, oldest),
        };
        needles.extend(also.iter().cloned());
        // Longest first (a highlight prefers 北约东扩 to 北约), each once (a few needles: no
        // sort of strings for this, which would be one more copy of the sort in the wasm).
        let mut once: Vec<String> = Vec::with_capacity(needles.len());
        for n in needles {
            if !once.contains(&n) {
                once.push(n);
            }
        }
        let needles = rank::sorted_by_key(once, |n| [!(n.len() as u64), 0]);
        let facets = self.facets(&hits);
        Results {
            hits,
            segmented,
            facets,
            needles,
            also,
        }
    }

    /// Facet counts over `hits`: each article counts once per value (see
    /// [`crate::index::FacetTable`]).
    pub fn facets(&self, hits: &[Hit]) -> Vec<(FacetGroup, FacetCounts)> {
        let docs: Vec<usize> = hits.iter().map(|h| h.doc).collect();
        let set = Counted::new(&docs, self.index.len());
        let mut groups: Vec<(FacetGroup, FacetCounts)> = Facet::ALL
            .into_iter()
            .map(|kind| {
                let table = self.index.facet(kind);
                let counts = match kind {
                    // Keywords that characterise the set first (see the method).
                    Facet::Keyword => table.count_characteristic(&set),
                    _ => table.count(&set, true),
                };
                (FacetGroup::Filter(kind), counts)
            })
            .collect();
        groups.push((FacetGroup::Month, self.index.months().count(&set, false)));
        groups
    }

    /// Up to `max` passages of article `doc` around the `needles` of a search, best first
    /// (most distinct needles), each about `width` characters (see [`passages::snippets`]).
    pub fn snippets(
        &self,
        doc: usize,
        needles: &[String],
        max: usize,
        width: usize,
    ) -> Vec<Snippet> {
        passages::snippets(self.index.article_text(doc), needles, max, width)
    }
}

/// The documents of `scores` (a collection of `n`) as the set the next words or clauses of a
/// search are scored in, unless they are most of the collection: then testing each posting
/// against the set costs about what it saves.
fn narrowing(scores: &Scores, n: usize) -> Option<DocSet> {
    (scores.len() * 4 < n * 3).then(|| DocSet::of_docs(scores.iter().map(|&(d, _)| d as usize), n))
}

/// `hits` in the order of `place` (each article's place in an order of the collection), ties
/// in their given order: a counting sort, linear in the collection and the hits (the empty
/// query's 100,000 results, on every keystroke that clears the box, are not sorted).
fn in_order(hits: Vec<Hit>, place: &[u32]) -> Vec<Hit> {
    // Where each place's hits start in the output, then where its next one goes.
    let mut next = vec![0u32; place.len() + 1];
    for h in &hits {
        next[place[h.doc] as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut order = vec![0u32; hits.len()];
    for (i, h) in hits.iter().enumerate() {
        let at = &mut next[place[h.doc] as usize];
        order[*at as usize] = i as u32;
        *at += 1;
    }
    order
        .into_iter()
        .map(|i| hits[i as usize].clone())
        .collect()
}

/// The union of two score lists sorted by document, `both` combining a document's two scores
/// and `one` scoring a document only `b` has.
fn merge(
    a: &[(u32, f32)],
    b: &[(u32, f32)],
    both: impl Fn(f32, f32) -> f32,
    one: impl Fn(f32) -> f32,
) -> Scores {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&(x, s)), Some(&(y, t))) if x == y => {
                out.push((x, both(s, t)));
                i += 1;
                j += 1;
            }
            (Some(&(x, s)), Some(&(y, _))) if x < y => {
                out.push((x, s));
                i += 1;
            }
            (Some(&(x, s)), None) => {
                out.push((x, s));
                i += 1;
            }
            (_, Some(&(y, t))) => {
                out.push((y, one(t)));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// The documents in both score lists (sorted by document), with their scores added.
fn intersect(a: &[(u32, f32)], b: &[(u32, f32)]) -> Scores {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let mut j = 0;
    for &(doc, x) in a {
        while j < b.len() && b[j].0 < doc {
            j += 1;
        }
        if let Some(&(d, y)) = b.get(j)
            && d == doc
        {
            out.push((doc, x + y));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block};
    use crate::text::Dictionary;

    #[test]
    fn hits_in_order_are_the_sorted_hits() {
        // A permutation of 64 places, and hit sets from a few to all of them.
        let place: Vec<u32> = (0..64u32).map(|d| (d * 37 + 11) % 64).collect();
        let mut seed = 7u64;
        for size in [0, 3, 7, 8, 20, 40, 63, 64] {
            let mut docs: Vec<usize> = (0..64).collect();
            for i in (1..docs.len()).rev() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                docs.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let hits: Vec<Hit> = docs[..size]
                .iter()
                .map(|&doc| Hit {
                    doc,
                    score: doc as f32,
                })
                .collect();
            let sorted = rank::sorted_by_key(hits.clone(), |h| [place[h.doc].into(), 0]);
            assert_eq!(in_order(hits.clone(), &place), sorted, "{size} hits");
            // A repeated article is kept, as the sort keeps it.
            let mut twice = hits;
            if let Some(h) = twice.first().cloned() {
                twice.push(h);
                let sorted = rank::sorted_by_key(twice.clone(), |h| [place[h.doc].into(), 0]);
                assert_eq!(in_order(twice, &place), sorted);
            }
        }
    }

    fn index() -> Index {
        let a = |file: &str, title: &str, body: &str| Article {
            file: file.into(),
            title: title.into(),
            blocks: vec![Block::Paragraph(body.into())],
            ..Article::default()
        };
        Index::build(
            vec![
                a("a", "北约不会东扩", "北约表示不会东扩。NATO said so."),
                a("b", "普京讲话", "普京说北约曾承诺一寸也不向东扩张。"),
                a("c", "中东局势", "中东地区的威胁。The senator spoke."),
            ],
            &Dictionary::Default,
        )
        .unwrap()
    }

    fn files(idx: &Index, q: &str) -> Vec<String> {
        let mut f: Vec<String> = Searcher::new(idx)
            .search(&Query::parse(q), &Options::default())
            .hits
            .iter()
            .map(|h| idx.articles()[h.doc].file.clone())
            .collect();
        f.sort();
        f
    }

    #[test]
    fn substring_matches_rank_below_whole_words() {
        let idx = index();
        let r = Searcher::new(&idx).search(&Query::parse("东扩"), &Options::default());
        let order: Vec<&str> = r
            .hits
            .iter()
            .map(|h| idx.articles()[h.doc].file.as_str())
            .collect();
        assert_eq!(
            order,
            ["a", "b"],
            "东扩 matches 向东扩张 below 东扩, never 中东"
        );
    }

    #[test]
    fn latin_matches_whole_words_only() {
        let idx = index();
        assert_eq!(files(&idx, "NATO"), ["a"]);
        assert_eq!(files(&idx, "nato"), ["a"]);
    }

    #[test]
    fn exclusions_phrases_or() {
        let idx = index();
        assert_eq!(files(&idx, "北约 -普京"), ["a"]);
        assert_eq!(files(&idx, "\"向东扩张\""), ["b"]);
        assert_eq!(files(&idx, "普京 OR 中东"), ["b", "c"]);
        assert_eq!(files(&idx, ""), ["a", "b", "c"]);
    }

    #[test]
    fn highlights_land_on_original_text() {
        let text = "北約東擴，NATO and senator";
        let r = highlight(text, &["北约".into(), "nato".into()]);
        let parts: Vec<&str> = r.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(parts, ["北約", "NATO"]);
        let text = "F-16V、F-160、5G、1997年、19970";
        let r = highlight(text, &["f-16".into(), "5".into(), "1997".into()]);
        let parts: Vec<&str> = r.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            parts,
            ["F-16", "5", "1997"],
            "numbers start longer forms, not numbers"
        );
    }

    #[test]
    fn snippets_window_and_shift_highlights() {
        let idx = index();
        let s = Searcher::new(&idx).snippets(1, &["东扩".into()], 3, 8);
        assert_eq!(s.len(), 1);
        let sn = &s[0];
        let (a, b) = sn.highlights[0];
        assert_eq!(&sn.text[a..b], "东扩");
    }

    /// Articles with bylines and outlets, some spelled in the other script.
    fn bylines() -> Index {
        let a = |file: &str, title: &str, author: Option<&str>, source: Option<&str>| Article {
            file: file.into(),
            title: title.into(),
            blocks: vec![Block::Paragraph("北约表示不会东扩。".into())],
            author: author.map(Into::into),
            source: source.map(Into::into),
            tags: vec![if file == "b" { "北約" } else { "北约" }.into()],
            ..Article::default()
        };
        Index::build(
            vec![
                a("a", "北约声明", Some("郑重"), Some("看中国")),
                a("b", "北约会议", Some("鄭重"), Some("看中國")),
                a("c", "北约东扩", None, Some("看中国")),
                a("d", "郑重声明", None, Some("新京报")),
            ],
            &Dictionary::Default,
        )
        .unwrap()
    }

    #[test]
    fn bylines_and_outlets_are_searched_and_ranked_low() {
        let idx = bylines();
        // 郑重 is a's and b's author only, d's title.
        let r = Searcher::new(&idx).search(&Query::parse("郑重"), &Options::default());
        let order: Vec<&str> = r
            .hits
            .iter()
            .map(|h| idx.articles()[h.doc].file.as_str())
            .collect();
        assert_eq!(order.len(), 3, "{order:?}");
        assert_eq!(order[0], "d", "a title outranks a byline: {order:?}");
        assert_eq!(files(&idx, "新京报"), ["d"], "an outlet-only word");
        assert_eq!(files(&idx, "北约 -新京报"), ["a", "b", "c"]);
    }

    #[test]
    fn facet_values_that_fold_alike_are_one_and_filter_as_one() {
        let idx = bylines();
        let r = Searcher::new(&idx).search(&Query::parse(""), &Options::default());
        let group = |kind| {
            r.facets
                .iter()
                .find(|(g, _)| *g == FacetGroup::Filter(kind))
                .map(|(_, c)| c.clone())
                .unwrap()
        };
        let counts = |v: &[(&str, usize)]| -> FacetCounts {
            v.iter().map(|&(s, n)| (s.into(), n)).collect()
        };
        assert_eq!(
            group(Facet::Source),
            counts(&[("看中国", 3), ("新京报", 1)])
        );
        // One article each: the first in sort order (郑 U+90D1 before 鄭 U+912D).
        assert_eq!(group(Facet::Author), counts(&[("郑重", 2)]));
        assert_eq!(group(Facet::Tag), counts(&[("北约", 4)]));
        for q in ["source:看中國", "source:看中国", "SOURCE:看中國"] {
            assert_eq!(files(&idx, q), ["a", "b", "c"], "{q}");
        }
        assert_eq!(files(&idx, "author:鄭重"), ["a", "b"]);
        assert_eq!(
            files(&idx, "author:郑重 source:新京报"),
            Vec::<String>::new()
        );
        assert_eq!(files(&idx, "tag:北約"), ["a", "b", "c", "d"]);
        assert!(files(&idx, "author:无名").is_empty());
    }

    #[test]
    fn numbers_are_found_whole_and_as_the_start_of_longer_forms() {
        let a = |file: &str, body: &str| Article {
            file: file.into(),
            title: "报道".into(),
            blocks: vec![Block::Paragraph(body.into())],
            ..Article::default()
        };
        let idx = Index::build(
            vec![
                a("a", "北约于1997年签署文件。"),
                a("b", "两架F-16战机和F-16V升空，米格-29退役。"),
                a("c", "经济增长3.5%，G20峰会在2022-01-27召开。"),
                a("d", "共有19970人，增长35%，编号F-160。"),
            ],
            &Dictionary::Default,
        )
        .unwrap();
        for (q, want) in [
            ("1997", &["a"][..]),
            ("1997年", &["a"]),
            ("F-16", &["b"]),
            ("f-16v", &["b"]),
            ("米格-29", &["b"]),
            ("3.5%", &["c"]),
            ("3.5", &["c"]),
            ("G20", &["c"]),
            ("g20峰会", &["c"]),
            ("2022", &["c"]),
            ("19970", &["d"]),
            ("1998", &[]),
            ("1998年", &[]),
            ("16", &[]),
        ] {
            assert_eq!(files(&idx, q), want, "{q}");
        }
        // Highlights land on the number as written.
        let r = Searcher::new(&idx).search(&Query::parse("F-16"), &Options::default());
        let s = Searcher::new(&idx).snippets(r.hits[0].doc, &r.needles, 1, 100);
        let marked: Vec<&str> = s[0]
            .highlights
            .iter()
            .map(|&(a, b)| &s[0].text[a..b])
            .collect();
        assert_eq!(marked, ["F-16", "F-16"]);
    }

    #[test]
    fn idf_is_positive_and_decreasing() {
        assert!(idf(10, 1) > idf(10, 5));
        assert!(idf(10, 10) > 0.0);
    }
}
