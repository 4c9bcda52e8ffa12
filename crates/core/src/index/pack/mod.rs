//! The index packed ahead of time: build.rs parses and indexes the collection with this same
//! library and writes [`pack`]'s bytes; the app embeds them and rebuilds the [`Index`] with an
//! [`Unpacker`], a slice at a time, so a large collection never freezes the page and the
//! browser does no parsing or segmentation of articles at all.
//!
//! Layout: frames, each a little-endian `u32` length and a postcard value: one [`Head`], then
//! [`ArticleFrame`]s, then [`TermFrame`]s. Folded field texts are not packed (they would double
//! the text shipped); the unpacker folds each article again, which also rebuilds the
//! per-character document sets (or, [`Unpacker::with_grams`], the character grams).
//!
//! The unpacker takes any bytes: it returns the index or a [`PackError`], never panics, and
//! checks at unpack time everything the search, the facets, the snippets, the timeline and the
//! reader index with (document ids, fields, facet tables, figure and event references, event
//! sentence spans, dates, average lengths), so an index it returns is as safe to use as one
//! [`Index::build`] made. Length fields only bound what is read, never what is allocated ahead.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::dups::{GroupError, Groups};
use super::{DocData, FacetTable, Folder, Index, N_FIELDS, N_KINDS, Postings};
use crate::article::{Article, Block};
use crate::date::Day;
use crate::parse::Failure;
use crate::text::aliases::{AliasError, AliasTable};
use crate::text::{Analyzer, Dictionary, Name, TextError};

/// Changes whenever the layout does; an app never reads a pack of another layout (both come
/// from one build), but a mismatch fails clearly rather than decoding garbage.
const VERSION: u32 = 4;
/// Articles per frame: at 10,000 articles one frame decodes and folds in a few milliseconds.
const ARTICLES_PER_FRAME: usize = 100;
/// Postings per frame, whatever the number of terms they belong to: a common word's list is
/// spread over several frames.
const POSTINGS_PER_FRAME: usize = 50_000;
/// Fewest bytes an article takes packed: one for each of the 14 fields of an empty
/// [`Article`], 7 for its [`DocData`] (a word count per field) and one for its spans. Bounds the room reserved ahead
/// for the article count a head claims.
const MIN_ARTICLE_BYTES: usize = 22;
/// Fewest bytes a term takes packed (the lengths of its word, its entries and its counts).
const MIN_TERM_BYTES: usize = 3;

#[derive(Serialize, Deserialize)]
struct Head {
    /// First, so that a pack of another layout is told by its version alone.
    version: u32,
    docs: u32,
    terms: u32,
    avg_len: [f32; N_FIELDS],
    names: Vec<Name>,
    facets: Vec<FacetTable>,
    months: FacetTable,
    failures: Vec<Failure>,
    /// Re-posts and near-duplicates: article ids, representative first (see [`super::dups`]).
    groups: Vec<Vec<u32>>,
    /// The name variants ([`AliasTable::to_packed`]).
    aliases: Vec<(u8, Vec<String>)>,
}

/// Where an event's sentence is in its block's text, as a byte range, if it is there.
type Span = Option<(u32, u32)>;

#[derive(Serialize, Deserialize)]
struct ArticleFrame {
    /// The articles, each event's sentence left out where `spans` locates it.
    articles: Vec<Article>,
    docs: Vec<DocData>,
    /// Per article, per event: where its sentence is in its block's text (byte range).
    /// Sentences are a fifth of the text of a typical article, and all of them are in it.
    spans: Vec<Vec<Span>>,
}

/// Where `event`'s sentence is in its block of `article`, as a byte range.
fn event_span(article: &Article, event: &crate::article::Event) -> Span {
    let text = article.blocks.get(event.block)?.text()?;
    let start = text.find(event.text.as_str())?;
    Some((start as u32, (start + event.text.len()) as u32))
}

/// The articles of a frame with the sentences of the events found in `spans` taken out.
fn without_sentences(articles: &[Article], spans: &[Vec<Span>]) -> Vec<Article> {
    articles
        .iter()
        .zip(spans)
        .map(|(article, spans)| {
            let mut article = article.clone();
            for (event, span) in article.events.iter_mut().zip(spans) {
                if span.is_some() {
                    event.text.clear();
                }
            }
            article
        })
        .collect()
}

/// Checks what the rest of dossier indexes with in an article read from a pack (its figures'
/// images, its events' blocks, its dates) and puts back the sentences [`without_sentences`]
/// took out.
fn restore_article(article: &mut Article, spans: &[Span]) -> Result<(), PackError> {
    if spans.len() != article.events.len() {
        return Err(PackError::Count {
            what: "event spans of an article",
            found: spans.len(),
            expected: article.events.len(),
        });
    }
    for block in &article.blocks {
        if let Block::Figure(image) = *block
            && image >= article.images.len()
        {
            return Err(PackError::OutOfRange {
                what: "image of a figure",
            });
        }
    }
    // Days the calendar has: the timeline and the date filters compute with them.
    let real = |d: Day| Day::new(d.year, d.month, d.day).is_some();
    if article.date.is_some_and(|d| !real(d.day)) {
        return Err(PackError::Invalid {
            what: "publication date",
        });
    }
    if article
        .related
        .iter()
        .any(|r| r.date.is_some_and(|d| !real(d.start)))
    {
        return Err(PackError::Invalid {
            what: "date of a related headline",
        });
    }
    for (event, span) in article.events.iter_mut().zip(spans) {
        if !real(event.date.start) {
            return Err(PackError::Invalid {
                what: "date of an event",
            });
        }
        let text = article
            .blocks
            .get(event.block)
            .ok_or(PackError::OutOfRange {
                what: "block of an event",
            })?
            .text()
            .ok_or(PackError::Invalid {
                what: "block of an event (a figure)",
            })?;
        let Some((start, end)) = *span else { continue };
        if !event.text.is_empty() {
            return Err(PackError::Invalid {
                what: "event with both a sentence and its place",
            });
        }
        // `get` checks the order of the ends, the length and the character boundaries.
        event.text = text
            .get(start as usize..end as usize)
            .ok_or(PackError::OutOfRange {
                what: "place of an event's sentence",
            })?
            .to_owned();
    }
    Ok(())
}

/// Terms with their postings, in term id order; a term may continue from the previous frame
/// (its first part here then repeats the term) and into the next.
#[derive(Serialize, Deserialize)]
struct TermFrame {
    parts: Vec<(Box<str>, Postings)>,
}

/// Checks a part of a term's postings read from a pack of `docs` articles, which follows the
/// term's last posting so far, `after`: the search reads each posting's article and field.
/// (Each part ascends: its deserializer checks that.)
pub(crate) fn check_postings(
    part: &Postings,
    docs: usize,
    after: Option<u32>,
) -> Result<(), PackError> {
    if let (Some(after), Some(&first)) = (after, part.entries.first())
        && first <= after
    {
        return Err(PackError::Unordered { what: "postings" });
    }
    if part
        .entries
        .last()
        .is_some_and(|&e| Postings::doc_of(e) >= docs)
    {
        return Err(PackError::OutOfRange {
            what: "article of a posting",
        });
    }
    if part
        .entries
        .iter()
        .any(|&e| Postings::field_of(e) >= N_FIELDS)
    {
        return Err(PackError::OutOfRange {
            what: "field of a posting",
        });
    }
    if part.tf.contains(&0) {
        return Err(PackError::Invalid {
            what: "posting without occurrences",
        });
    }
    Ok(())
}

/// Why bytes could not be read as a pack. The app's own pack always reads: only a build that
/// mixes parts of different versions, or bytes that are not a pack, get one. Messages are in
/// English; the view words them for its readers.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// There are no bytes, so not even a head frame.
    #[error("the index data is empty")]
    Empty,
    /// The bytes end inside the frame starting at byte `at`, in its length or its value.
    #[error("the index data ends inside the frame at byte {at}")]
    Truncated { at: usize },
    /// The frame at byte `at` does not hold the value expected there.
    #[error("the frame at byte {at} does not decode: {source}")]
    Frame { at: usize, source: postcard::Error },
    /// The frame at byte `at` has `extra` bytes after its value.
    #[error("the frame at byte {at} has {extra} bytes after its value")]
    Trailing { at: usize, extra: usize },
    /// The pack was written in another layout.
    #[error("the index data has layout version {found}, expected {expected}")]
    Version { found: u32, expected: u32 },
    /// A count disagrees with the items there are: of articles, terms, facet tables…
    #[error("wrong number of {what}: {found}, expected {expected}")]
    Count {
        what: &'static str,
        found: usize,
        expected: usize,
    },
    /// A reference points past what it refers to: a posting's article or field, a facet value
    /// id, an event's block, a figure's image, an event sentence's place.
    #[error("{what} out of range")]
    OutOfRange { what: &'static str },
    /// A list that must ascend does not: postings, facet starts, facet values by rank.
    #[error("{what} out of order")]
    Unordered { what: &'static str },
    /// A value that must be unique is repeated: a term, an article's file, a facet value of
    /// one article, a facet rank.
    #[error("duplicate {what}")]
    Duplicate { what: &'static str },
    /// A value no index build writes: an impossible date, an average length that is not a
    /// number of at least 1, a posting without occurrences.
    #[error("invalid {what}")]
    Invalid { what: &'static str },
    /// The table of name variants is broken (see [`AliasTable::from_packed`]).
    #[error("alias table: {0}")]
    Aliases(#[from] AliasError),
    /// The segmenter could not be built from the dictionary given and the pack's names.
    #[error("the segmenter cannot be built: {0}")]
    Dictionary(#[from] TextError),
}

/// The facet tables, the months, the groups and the name variants, checked.
type Tables = ([FacetTable; N_KINDS], FacetTable, Groups, AliasTable);

/// Checks the tables of a head (or a shard catalogue) of `docs` articles: one facet table per
/// kind, each and the months' against `docs`, the groups, the name variants.
fn check_tables(
    docs: usize,
    facets: Vec<FacetTable>,
    mut months: FacetTable,
    groups: Vec<Vec<u32>>,
    aliases: Vec<(u8, Vec<String>)>,
) -> Result<Tables, PackError> {
    let mut facets: [FacetTable; N_KINDS] =
        facets
            .try_into()
            .map_err(|f: Vec<FacetTable>| PackError::Count {
                what: "facet tables",
                found: f.len(),
                expected: N_KINDS,
            })?;
    for table in facets.iter_mut().chain([&mut months]) {
        table.validate(docs)?;
    }
    let groups = Groups::new(groups, docs).map_err(|e| match e {
        GroupError::OutOfRange => PackError::OutOfRange {
            what: "article of a group",
        },
        GroupError::Duplicate => PackError::Duplicate {
            what: "article in groups",
        },
        GroupError::Small => PackError::Invalid {
            what: "group of fewer than two articles",
        },
    })?;
    let aliases = AliasTable::from_packed(aliases)?;
    Ok((facets, months, groups, aliases))
}

/// What a shard catalogue holds of an index (see [`crate::shard`]).
pub(crate) struct CatalogueParts {
    pub articles: Vec<Article>,
    pub lens: Vec<[u32; N_FIELDS]>,
    pub avg_len: [f32; N_FIELDS],
    pub names: Vec<Name>,
    pub facets: Vec<FacetTable>,
    pub months: FacetTable,
    pub groups: Vec<Vec<u32>>,
    pub aliases: Vec<(u8, Vec<String>)>,
    /// Whether the articles were checked ([`check_article`], files unique) as they were read.
    pub checked: bool,
}

/// What a shard catalogue holds of an index, checked ([`check_parts`]): what [`assemble`]
/// makes the index of. Two steps, so that a page can take each in a task of its own.
pub(crate) struct CheckedParts {
    articles: Vec<Article>,
    lens: Vec<[u32; N_FIELDS]>,
    avg_len: [f32; N_FIELDS],
    names: Vec<Name>,
    facets: [FacetTable; N_KINDS],
    months: FacetTable,
    groups: Groups,
    aliases: AliasTable,
}

/// `parts` checked as [`Unpacker`] checks a pack.
pub(crate) fn check_parts(parts: CatalogueParts) -> Result<CheckedParts, PackError> {
    let docs = parts.articles.len();
    if !parts.avg_len.iter().all(|l| l.is_finite() && *l >= 1.0) {
        return Err(PackError::Invalid {
            what: "average field length",
        });
    }
    if parts.lens.len() != docs {
        return Err(PackError::Count {
            what: "field lengths",
            found: parts.lens.len(),
            expected: docs,
        });
    }
    let (facets, months, groups, aliases) = check_tables(
        docs,
        parts.facets,
        parts.months,
        parts.groups,
        parts.aliases,
    )?;
    let mut articles = parts.articles;
    let mut files = FxHashSet::default();
    for article in articles.iter_mut().filter(|_| !parts.checked) {
        if !files.insert(article.file.clone()) {
            return Err(PackError::Duplicate {
                what: "article file",
            });
        }
        check_article(article)?;
    }
    Ok(CheckedParts {
        articles,
        lens: parts.lens,
        avg_len: parts.avg_len,
        names: parts.names,
        facets,
        months,
        groups,
        aliases,
    })
}

/// An index of `parts` without postings, grams or texts, which `shelf` says are not loaded
/// (see [`crate::shard`]).
pub(crate) fn assemble(
    parts: CheckedParts,
    analyzer: Analyzer,
    shelf: crate::shard::Shelf,
) -> Index {
    Index {
        order: super::DateOrder::new(&parts.articles),
        docs: parts
            .lens
            .into_iter()
            .map(|len| DocData { texts: None, len })
            .collect(),
        articles: parts.articles,
        terms: FxHashMap::default(),
        postings: Vec::new(),
        substrings: super::Substrings::Grams(Default::default()),
        avg_len: parts.avg_len,
        analyzer,
        names: parts.names,
        aliases: parts.aliases,
        facets: parts.facets,
        months: parts.months,
        groups: parts.groups,
        shelf: Some(Box::new(shelf)),
        positions: FxHashMap::default(),
        besides: FxHashMap::default(),
    }
}

/// Checks what the rest of dossier indexes with in a whole article (not packed: events keep
/// their sentences).
pub(crate) fn check_article(article: &mut Article) -> Result<(), PackError> {
    let spans = vec![None; article.events.len()];
    restore_article(article, &spans)
}

fn push_frame(out: &mut Vec<u8>, value: &impl Serialize) {
    let bytes = postcard::to_allocvec(value).expect("index values always serialize");
    let len = u32::try_from(bytes.len()).expect("a frame is under 4 GB");
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&bytes);
}

/// The bytes of `index` and the files that failed to parse.
pub fn pack(index: &Index, failures: &[Failure]) -> Vec<u8> {
    pack_with(index, failures, ARTICLES_PER_FRAME, POSTINGS_PER_FRAME)
}

fn pack_with(
    index: &Index,
    failures: &[Failure],
    articles_per_frame: usize,
    postings_per_frame: usize,
) -> Vec<u8> {
    let mut out = Vec::new();
    push_frame(
        &mut out,
        &Head {
            version: VERSION,
            docs: index.articles().len() as u32,
            terms: index.postings.len() as u32,
            avg_len: index.avg_len,
            names: index.names.clone(),
            facets: index.facets.to_vec(),
            months: index.months.clone(),
            failures: failures.to_vec(),
            groups: index.groups.lists().to_vec(),
            aliases: index.aliases.to_packed(),
        },
    );
    for (articles, docs) in index
        .articles
        .chunks(articles_per_frame)
        .zip(index.docs.chunks(articles_per_frame))
    {
        let spans: Vec<Vec<Span>> = articles
            .iter()
            .map(|a| a.events.iter().map(|e| event_span(a, e)).collect())
            .collect();
        push_frame(
            &mut out,
            &ArticleFrame {
                articles: without_sentences(articles, &spans),
                docs: docs.to_vec(),
                spans,
            },
        );
    }
    let mut terms: Vec<&str> = vec![""; index.postings.len()];
    for (term, &id) in &index.terms {
        terms[id as usize] = term;
    }
    let mut frame = TermFrame { parts: Vec::new() };
    let mut room = postings_per_frame;
    for (term, postings) in terms.iter().zip(&index.postings) {
        let mut at = 0;
        // An empty list still gets its part, so the term keeps its id.
        while at < postings.len() || at == 0 {
            let end = postings.len().min(at + room);
            frame.parts.push(((*term).into(), postings.slice(at..end)));
            room -= end - at;
            at = end.max(1);
            if room == 0 {
                push_frame(&mut out, &frame);
                frame.parts.clear();
                room = postings_per_frame;
            }
        }
    }
    if !frame.parts.is_empty() {
        push_frame(&mut out, &frame);
    }
    out
}

/// A pack's collection without its index ([`Unpacker::into_parts`]).
#[derive(Debug, Default)]
pub struct Parts {
    pub articles: Vec<Article>,
    /// Each article's keywords (folded), as the pack's keyword facet gives them.
    pub keywords: Vec<Vec<String>>,
    pub aliases: AliasTable,
    pub failures: Vec<Failure>,
}

/// Rebuilds an [`Index`] from [`pack`]'s bytes, one frame per [`Unpacker::step`].
pub struct Unpacker<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The number of articles and terms the head announces, checked against what follows.
    docs: usize,
    n_terms: usize,
    avg_len: [f32; N_FIELDS],
    names: Vec<Name>,
    aliases: AliasTable,
    /// Checked against `docs` already.
    facets: [FacetTable; N_KINDS],
    months: FacetTable,
    failures: Vec<Failure>,
    /// Checked against `docs` already.
    groups: Groups,
    articles: Vec<Article>,
    doc_data: Vec<DocData>,
    folder: Folder,
    terms: FxHashMap<Box<str>, u32>,
    postings: Vec<Postings>,
    /// The term of the last part read, which the next frame may continue.
    last_term: Option<Box<str>>,
}

impl<'a> Unpacker<'a> {
    /// Reads and checks the head frame.
    pub fn new(bytes: &'a [u8]) -> Result<Unpacker<'a>, PackError> {
        let mut at = 0;
        // The version before the rest: another layout's head would not decode as this one's.
        let version = match frame_body(bytes, 0)? {
            None => return Err(PackError::Empty),
            Some(body) => {
                postcard::take_from_bytes::<u32>(body)
                    .map_err(|source| PackError::Frame { at: 0, source })?
                    .0
            }
        };
        if version != VERSION {
            return Err(PackError::Version {
                found: version,
                expected: VERSION,
            });
        }
        let head: Head = next_frame(bytes, &mut at)?.ok_or(PackError::Empty)?;
        if !head.avg_len.iter().all(|l| l.is_finite() && *l >= 1.0) {
            return Err(PackError::Invalid {
                what: "average field length",
            });
        }
        let docs = head.docs as usize;
        let (facets, months, groups, aliases) =
            check_tables(docs, head.facets, head.months, head.groups, head.aliases)?;
        // Room for what the bytes can hold at most, whatever the head claims.
        let room = bytes.len() - at;
        let n_terms = head.terms as usize;
        let term_room = n_terms.min(room / MIN_TERM_BYTES);
        let article_room = docs.min(room / MIN_ARTICLE_BYTES);
        Ok(Unpacker {
            bytes,
            at,
            docs,
            n_terms,
            avg_len: head.avg_len,
            names: head.names,
            aliases,
            facets,
            months,
            failures: head.failures,
            groups,
            articles: Vec::with_capacity(article_room),
            doc_data: Vec::with_capacity(article_room),
            folder: Folder::new(false),
            terms: FxHashMap::with_capacity_and_hasher(term_room, Default::default()),
            postings: Vec::with_capacity(term_room),
            last_term: None,
        })
    }

    /// Counts the character grams of every article ([`super::grams`]) instead of marking its
    /// Han characters: queries with phrases, single characters and pasted sentences get about
    /// three times faster at 10,000 articles, for about 11 KB of memory an article and
    /// about three times the unpacking work (`benches/search.rs` prints both). Results are
    /// the same. Before the first [`Unpacker::step`]. Native only: the page never counts
    /// grams.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_grams(mut self) -> Unpacker<'a> {
        if self.articles.is_empty() {
            self.folder = Folder::new(true);
        }
        self
    }

    /// Number of articles the pack holds.
    pub fn len(&self) -> usize {
        self.docs
    }

    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Share of the bytes read so far, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.bytes.is_empty() {
            1.0
        } else {
            self.at as f64 / self.bytes.len() as f64
        }
    }

    /// Reads and checks the next frame; false once every frame is read.
    pub fn step(&mut self) -> Result<bool, PackError> {
        if self.articles.len() < self.docs {
            self.read_articles()?;
            Ok(true)
        } else {
            self.read_terms()
        }
    }

    /// Reads an [`ArticleFrame`]; the head announced more articles than were read so far.
    fn read_articles(&mut self) -> Result<(), PackError> {
        let frame: ArticleFrame =
            next_frame(self.bytes, &mut self.at)?.ok_or(PackError::Count {
                what: "articles",
                found: self.articles.len(),
                expected: self.docs,
            })?;
        let n = frame.articles.len();
        if n == 0 {
            return Err(PackError::Invalid {
                what: "article frame without articles",
            });
        }
        for (what, found) in [
            ("index entries of a frame's articles", frame.docs.len()),
            ("event span lists of a frame's articles", frame.spans.len()),
        ] {
            if found != n {
                return Err(PackError::Count {
                    what,
                    found,
                    expected: n,
                });
            }
        }
        if self.articles.len() + n > self.docs {
            return Err(PackError::Count {
                what: "articles",
                found: self.articles.len() + n,
                expected: self.docs,
            });
        }
        for ((mut article, mut data), spans) in
            frame.articles.into_iter().zip(frame.docs).zip(frame.spans)
        {
            restore_article(&mut article, &spans)?;
            data.set_folded(self.folder.fold_fields(self.articles.len(), &article));
            self.articles.push(article);
            self.doc_data.push(data);
        }
        Ok(())
    }

    /// Reads a [`TermFrame`], every article read; false at the end of the bytes.
    fn read_terms(&mut self) -> Result<bool, PackError> {
        let Some(frame) = next_frame::<TermFrame>(self.bytes, &mut self.at)? else {
            return Ok(false);
        };
        for (term, part) in frame.parts {
            match self.postings.last_mut() {
                // The rest of the list the previous part began.
                Some(list) if self.last_term.as_ref() == Some(&term) => {
                    check_postings(&part, self.docs, list.entries.last().copied())?;
                    list.extend(part);
                }
                _ => {
                    check_postings(&part, self.docs, None)?;
                    if self.postings.len() == self.n_terms {
                        return Err(PackError::Count {
                            what: "terms",
                            found: self.postings.len() + 1,
                            expected: self.n_terms,
                        });
                    }
                    match self.terms.entry(term.clone()) {
                        Entry::Occupied(_) => return Err(PackError::Duplicate { what: "term" }),
                        Entry::Vacant(v) => v.insert(self.postings.len() as u32),
                    };
                    self.postings.push(part);
                    self.last_term = Some(term);
                }
            }
        }
        Ok(true)
    }

    /// What an import rebuilds the collection from ([`crate::import`]): the articles, each
    /// one's keywords, the name variants and the failures, without reading the postings.
    pub fn into_parts(mut self) -> Result<Parts, PackError> {
        while self.articles.len() < self.docs {
            self.read_articles()?;
        }
        let mut files = FxHashSet::default();
        if !self.articles.iter().all(|a| files.insert(a.file.as_str())) {
            return Err(PackError::Duplicate {
                what: "article file",
            });
        }
        let table = &self.facets[super::Facet::Keyword as usize];
        let keywords = (0..self.articles.len())
            .map(|doc| {
                table
                    .of(doc)
                    .iter()
                    .map(|&id| table.values[id as usize].to_string())
                    .collect()
            })
            .collect();
        Ok(Parts {
            articles: self.articles,
            keywords,
            aliases: self.aliases,
            failures: self.failures,
        })
    }

    /// The index and the files that failed to parse, after reading every remaining frame.
    /// The segmenter is built from `dict` and the pack's names: `dict` must be the dictionary
    /// the collection was indexed with, or queries are cut differently from its text.
    pub fn finish(mut self, dict: &Dictionary) -> Result<(Index, Vec<Failure>), PackError> {
        while self.step()? {}
        if self.postings.len() != self.n_terms {
            return Err(PackError::Count {
                what: "terms",
                found: self.postings.len(),
                expected: self.n_terms,
            });
        }
        // Links and the reader find an article by its file.
        let mut files = FxHashSet::default();
        if !self.articles.iter().all(|a| files.insert(a.file.as_str())) {
            return Err(PackError::Duplicate {
                what: "article file",
            });
        }
        let analyzer = Analyzer::new(dict, &self.names)?;
        let index = Index {
            order: super::DateOrder::new(&self.articles),
            articles: self.articles,
            docs: self.doc_data,
            terms: self.terms,
            postings: self.postings,
            substrings: self.folder.finish(),
            shelf: None,
            positions: FxHashMap::default(),
            besides: FxHashMap::default(),
            avg_len: self.avg_len,
            analyzer,
            names: self.names,
            aliases: self.aliases,
            facets: self.facets,
            months: self.months,
            groups: self.groups,
        };
        Ok((index, self.failures))
    }
}

/// The body of the frame at `at`; `None` at the end of the bytes.
fn frame_body(bytes: &[u8], at: usize) -> Result<Option<&[u8]>, PackError> {
    let Some(rest) = bytes.get(at..).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let (len, body) = rest
        .split_first_chunk::<4>()
        .ok_or(PackError::Truncated { at })?;
    let len = u32::from_le_bytes(*len) as usize;
    body.get(..len).map(Some).ok_or(PackError::Truncated { at })
}

/// The frame at `*at`, advancing past it; `None` at the end of the bytes. Its value must take
/// the whole frame.
fn next_frame<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
    at: &mut usize,
) -> Result<Option<T>, PackError> {
    let Some(body) = frame_body(bytes, *at)? else {
        return Ok(None);
    };
    let (value, rest) =
        postcard::take_from_bytes(body).map_err(|source| PackError::Frame { at: *at, source })?;
    if !rest.is_empty() {
        return Err(PackError::Trailing {
            at: *at,
            extra: rest.len(),
        });
    }
    *at += 4 + body.len();
    Ok(Some(value))
}

#[cfg(test)]
mod tests;
