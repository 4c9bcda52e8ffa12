//! The index packed ahead of time: build.rs parses and indexes the collection with this same
//! library and writes [`pack`]'s bytes; the app embeds them and rebuilds the [`Index`] with an
//! [`Unpacker`], a slice at a time, so a large collection never freezes the page and the
//! browser does no parsing or segmentation of articles at all.
//!
//! Layout: frames, each a little-endian `u32` length and a postcard value: one [`Head`], then
//! [`ArticleFrame`]s, then [`TermFrame`]s. Folded field texts are not packed (they would double
//! the text shipped); the unpacker folds each article again, which also rebuilds the
//! per-character document sets.
//!
//! The unpacker takes any bytes: it returns the index or a [`PackError`], never panics, and
//! checks at unpack time everything the search, the facets, the snippets, the timeline and the
//! reader index with (document ids, fields, facet tables, figure and event references, event
//! sentence spans, dates, average lengths), so an index it returns is as safe to use as one
//! [`Index::build`] made. Length fields only bound what is read, never what is allocated ahead.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{CharDocs, DocData, FacetTable, Index, N_FIELDS, N_KINDS, Postings};
use crate::article::{Article, Block};
use crate::date::Day;
use crate::parse::Failure;
use crate::text::{Analyzer, Dictionary, Name, TextError};

/// Changes whenever the layout does; an app never reads a pack of another layout (both come
/// from one build), but a mismatch fails clearly rather than decoding garbage.
const VERSION: u32 = 1;
/// Articles per frame: at 10,000 articles one frame decodes and folds in a few milliseconds.
const ARTICLES_PER_FRAME: usize = 100;
/// Postings per frame, whatever the number of terms they belong to: a common word's list is
/// spread over several frames.
const POSTINGS_PER_FRAME: usize = 50_000;
/// Fewest bytes an article takes packed: one for each of the 14 fields of an empty
/// [`Article`], 7 for its [`DocData`] and one for its spans. Bounds the room reserved ahead
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
fn check_postings(part: &Postings, docs: usize, after: Option<u32>) -> Result<(), PackError> {
    if let (Some(after), Some(&first)) = (after, part.entries.first())
        && first <= after
    {
        return Err(PackError::Unordered { what: "postings" });
    }
    if part
        .entries
        .last()
        .is_some_and(|&e| (e >> 3) as usize >= docs)
    {
        return Err(PackError::OutOfRange {
            what: "article of a posting",
        });
    }
    if part.entries.iter().any(|&e| (e & 7) as usize >= N_FIELDS) {
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
    /// The segmenter could not be built from the dictionary given and the pack's names.
    #[error("the segmenter cannot be built: {0}")]
    Dictionary(#[from] TextError),
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
            docs: index.articles.len() as u32,
            terms: index.postings.len() as u32,
            avg_len: index.avg_len,
            names: index.names.clone(),
            facets: index.facets.to_vec(),
            months: index.months.clone(),
            failures: failures.to_vec(),
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

/// Rebuilds an [`Index`] from [`pack`]'s bytes, one frame per [`Unpacker::step`].
pub struct Unpacker<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The number of articles and terms the head announces, checked against what follows.
    docs: usize,
    n_terms: usize,
    avg_len: [f32; N_FIELDS],
    names: Vec<Name>,
    /// Checked against `docs` already.
    facets: [FacetTable; N_KINDS],
    months: FacetTable,
    failures: Vec<Failure>,
    articles: Vec<Article>,
    doc_data: Vec<DocData>,
    char_docs: CharDocs,
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
        let facets: [FacetTable; N_KINDS] =
            head.facets
                .try_into()
                .map_err(|f: Vec<FacetTable>| PackError::Count {
                    what: "facet tables",
                    found: f.len(),
                    expected: N_KINDS,
                })?;
        for table in facets.iter().chain([&head.months]) {
            table.validate(docs)?;
        }
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
            facets,
            months: head.months,
            failures: head.failures,
            articles: Vec::with_capacity(article_room),
            doc_data: Vec::with_capacity(article_room),
            char_docs: CharDocs::new(),
            terms: FxHashMap::with_capacity_and_hasher(term_room, Default::default()),
            postings: Vec::with_capacity(term_room),
            last_term: None,
        })
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
            data.folded = self.char_docs.fold_fields(self.articles.len(), &article);
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
            char_docs: self.char_docs.sets,
            avg_len: self.avg_len,
            analyzer,
            names: self.names,
            facets: self.facets,
            months: self.months,
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
mod tests {
    use std::ops::Range;
    use std::path::Path;
    use std::sync::OnceLock;

    use super::*;
    use crate::index::Facet;
    use crate::query::Query;
    use crate::search::Options;

    /// The seed collection, read from the repository's `articles/` and indexed once for all
    /// the tests (jieba's default dictionary takes a while to load in a debug build).
    fn built() -> &'static (Index, Vec<Failure>) {
        static BUILT: OnceLock<(Index, Vec<Failure>)> = OnceLock::new();
        BUILT.get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../articles");
            let files = crate::corpus::read_dir(&dir).expect("the seed articles are readable");
            let c = crate::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
            (
                Index::build(c.articles, &Dictionary::Default).unwrap(),
                c.failures,
            )
        })
    }

    fn same(a: &Index, b: &Index) {
        assert_eq!(a.articles, b.articles);
        assert_eq!(a.names, b.names);
        assert!(a.terms == b.terms, "the term ids differ");
        assert!(a.char_docs == b.char_docs, "the character sets differ");
        assert_eq!(a.avg_len, b.avg_len);
        for (x, y) in a.docs.iter().zip(&b.docs) {
            assert_eq!(
                (&x.folded, x.len, &x.tags_folded),
                (&y.folded, y.len, &y.tags_folded)
            );
        }
        assert!(a.postings == b.postings, "the postings differ");
        for (x, y) in a
            .facets
            .iter()
            .chain([&a.months])
            .zip(b.facets.iter().chain([&b.months]))
        {
            assert_eq!(x.values, y.values);
            assert_eq!((&x.rank, &x.starts, &x.ids), (&y.rank, &y.starts, &y.ids));
        }
        for q in [
            "布林肯",
            "北約 -大纪元",
            "\"书面回复\"",
            "东扩",
            "tag:北约",
            "的",
            "2022-01",
        ] {
            let (q, o) = (Query::parse(q), Options::default());
            let (x, y) = (a.search(&q, &o), b.search(&q, &o));
            let key = |r: &crate::search::Results| -> Vec<(usize, u32)> {
                r.hits.iter().map(|h| (h.doc, h.score.to_bits())).collect()
            };
            assert_eq!(key(&x), key(&y), "{q:?}");
        }
    }

    #[test]
    fn unpacking_gives_back_the_index_that_was_packed() {
        let (index, _) = built();
        let failures = vec![Failure {
            file: "坏.bin".into(),
            reason: "不是文本".into(),
        }];
        // The default frames, and tiny ones that split articles and long posting lists.
        for (articles, postings) in [(ARTICLES_PER_FRAME, POSTINGS_PER_FRAME), (2, 7)] {
            let bytes = pack_with(index, &failures, articles, postings);
            let mut unpacker = Unpacker::new(&bytes).unwrap();
            assert_eq!(unpacker.len(), index.len());
            let (mut last, mut steps) = (unpacker.progress(), 0);
            while unpacker.step().unwrap() {
                assert!(unpacker.progress() > last && unpacker.progress() <= 1.0);
                last = unpacker.progress();
                steps += 1;
            }
            assert_eq!(last, 1.0);
            if postings == 7 {
                let n: usize = index.postings.iter().map(Postings::len).sum();
                assert!(steps > n / 7, "{steps} frames for {n} postings");
            }
            let (unpacked, got) = unpacker.finish(&Dictionary::Default).unwrap();
            assert_eq!(got, failures);
            same(index, &unpacked);
        }
    }

    #[test]
    fn a_damaged_pack_is_an_error_not_a_panic() {
        let bytes = pack(&built().0, &[]);
        for cut in [0, 3, 4, 10, bytes.len() / 2, bytes.len() - 1] {
            let r = Unpacker::new(&bytes[..cut]).and_then(|u| u.finish(&Dictionary::Default));
            assert!(r.is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[4] ^= 0xFF;
        assert!(
            Unpacker::new(&flipped)
                .and_then(|u| u.finish(&Dictionary::Default))
                .is_err()
        );
    }

    /// The frames of a pack (length prefix and body), as [`pack`] wrote them.
    fn frame_ranges(bytes: &[u8]) -> Vec<Range<usize>> {
        let mut frames = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            frames.push(at..at + 4 + len);
            at += 4 + len;
        }
        frames
    }

    /// A pack made of `bodies`, each framed.
    fn framed<'a>(bodies: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
        let mut out = Vec::new();
        for body in bodies {
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(body);
        }
        out
    }

    /// The pack of the seed collection, its frames decoded, for breaking one thing at a time.
    struct Parts {
        head: Head,
        articles: Vec<ArticleFrame>,
        terms: Vec<TermFrame>,
    }

    impl Parts {
        fn new() -> Parts {
            let bytes = pack(&built().0, &[]);
            let frames = frame_ranges(&bytes);
            let body = |r: &Range<usize>| &bytes[r.start + 4..r.end];
            let head: Head = postcard::from_bytes(body(&frames[0])).unwrap();
            let n = (head.docs as usize).div_ceil(ARTICLES_PER_FRAME);
            Parts {
                articles: frames[1..=n]
                    .iter()
                    .map(|r| postcard::from_bytes(body(r)).unwrap())
                    .collect(),
                terms: frames[n + 1..]
                    .iter()
                    .map(|r| postcard::from_bytes(body(r)).unwrap())
                    .collect(),
                head,
            }
        }

        fn bytes(&self) -> Vec<u8> {
            let mut out = Vec::new();
            push_frame(&mut out, &self.head);
            for f in &self.articles {
                push_frame(&mut out, f);
            }
            for f in &self.terms {
                push_frame(&mut out, f);
            }
            out
        }

        /// What unpacking gives, with a dictionary the errors come before.
        fn unpack(&self) -> Result<(Index, Vec<Failure>), PackError> {
            Unpacker::new(&self.bytes()).and_then(|u| u.finish(&Dictionary::Words("北约 3 nt\n")))
        }
    }

    /// Every invariant the rest of dossier indexes with, broken on its own in a pack that is
    /// otherwise the seed collection's: an error, each of the kind that says what is wrong.
    #[test]
    fn each_broken_invariant_is_the_error_that_names_it() {
        type Break = fn(&mut Parts);
        type Expected = fn(&PackError) -> bool;
        let cases: Vec<(&str, Break, Expected)> = vec![
            (
                "another version",
                |p| p.head.version = VERSION + 1,
                |e| matches!(e, PackError::Version { found: 2, .. }),
            ),
            (
                "NaN average length",
                |p| p.head.avg_len[1] = f32::NAN,
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "zero average length",
                |p| p.head.avg_len[0] = 0.0,
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "a facet table missing",
                |p| {
                    p.head.facets.pop();
                },
                |e| matches!(e, PackError::Count { found: 5, .. }),
            ),
            (
                "facet starts for one article fewer",
                |p| {
                    p.head.months.starts.pop();
                },
                |e| matches!(e, PackError::Count { .. }),
            ),
            (
                "facet starts not ascending",
                |p| p.head.facets[Facet::Tag as usize].starts[1] = u32::MAX,
                |e| matches!(e, PackError::Unordered { .. }),
            ),
            (
                "facet starts ending before the ids",
                |p| {
                    p.head.facets[Facet::Tag as usize].ids.push(0);
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "a facet value id past the values",
                |p| {
                    let t = &mut p.head.facets[Facet::Person as usize];
                    t.ids[0] = t.values.len() as u32;
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "a facet value twice in one article",
                |p| {
                    let t = &mut p.head.facets[Facet::Keyword as usize];
                    t.ids[1] = t.ids[0];
                },
                |e| matches!(e, PackError::Duplicate { .. }),
            ),
            (
                "facet ranks fewer than values",
                |p| {
                    p.head.facets[Facet::Tag as usize].rank.pop();
                },
                |e| matches!(e, PackError::Count { .. }),
            ),
            (
                "a facet rank twice",
                |p| {
                    let t = &mut p.head.facets[Facet::Person as usize];
                    t.rank[1] = t.rank[0];
                },
                |e| matches!(e, PackError::Duplicate { .. }),
            ),
            (
                "a facet rank past the values",
                |p| {
                    let t = &mut p.head.facets[Facet::Person as usize];
                    t.rank[0] = t.values.len() as u32;
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "facet ranks not the values' order",
                |p| p.head.facets[Facet::Person as usize].rank.swap(0, 1),
                |e| matches!(e, PackError::Unordered { .. }),
            ),
            (
                "one article more announced than packed",
                |p| {
                    p.head.docs += 1;
                    p.terms.clear();
                    for t in p.head.facets.iter_mut().chain([&mut p.head.months]) {
                        t.starts.push(*t.starts.last().unwrap());
                    }
                },
                |e| {
                    matches!(
                        e,
                        PackError::Count {
                            what: "articles",
                            ..
                        }
                    )
                },
            ),
            (
                "one article fewer announced than packed",
                |p| {
                    p.head.docs -= 1;
                    for t in p.head.facets.iter_mut().chain([&mut p.head.months]) {
                        t.starts.pop();
                        t.ids.truncate(*t.starts.last().unwrap() as usize);
                    }
                },
                |e| {
                    matches!(
                        e,
                        PackError::Count {
                            what: "articles",
                            ..
                        }
                    )
                },
            ),
            (
                "one term more announced than packed",
                |p| p.head.terms += 1,
                |e| matches!(e, PackError::Count { what: "terms", .. }),
            ),
            (
                "one term fewer announced than packed",
                |p| p.head.terms -= 1,
                |e| matches!(e, PackError::Count { what: "terms", .. }),
            ),
            (
                "an index entry missing",
                |p| {
                    p.articles[0].docs.pop();
                },
                |e| matches!(e, PackError::Count { .. }),
            ),
            (
                "an article's event spans missing",
                |p| {
                    p.articles[0].spans.pop();
                },
                |e| matches!(e, PackError::Count { .. }),
            ),
            (
                "an event span missing",
                |p| {
                    let (a, spans) = with_events(p);
                    spans[a].pop();
                },
                |e| matches!(e, PackError::Count { .. }),
            ),
            (
                "an event in a block past the article's",
                |p| {
                    let (a, _) = with_events(p);
                    let article = &mut p.articles[0].articles[a];
                    article.events[0].block = article.blocks.len();
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "an event in a figure",
                |p| {
                    let (a, _) = with_events(p);
                    let article = &mut p.articles[0].articles[a];
                    article.images.push(Default::default());
                    article.blocks.push(Block::Figure(article.images.len() - 1));
                    article.events[0].block = article.blocks.len() - 1;
                },
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "a figure of an image past the article's",
                |p| {
                    let article = &mut p.articles[0].articles[0];
                    article.blocks.push(Block::Figure(article.images.len()));
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "an event sentence past its block",
                |p| {
                    let (a, spans) = with_events(p);
                    let (i, span) = located(&spans[a]);
                    spans[a][i] = Some((span.0, u32::MAX));
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "an event sentence inside a character",
                |p| {
                    let frame = &mut p.articles[0];
                    // A sentence beginning with a character of several bytes.
                    let (a, i, span) = (0..frame.articles.len())
                        .flat_map(|a| (0..frame.spans[a].len()).map(move |i| (a, i)))
                        .find_map(|(a, i)| {
                            let span = frame.spans[a][i]?;
                            let article = &frame.articles[a];
                            let text = article.blocks[article.events[i].block].text()?;
                            let first = text[span.0 as usize..].chars().next()?;
                            (first.len_utf8() > 1).then_some((a, i, span))
                        })
                        .unwrap();
                    frame.spans[a][i] = Some((span.0 + 1, span.1));
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "an event sentence ending before it begins",
                |p| {
                    let (a, spans) = with_events(p);
                    let (i, span) = located(&spans[a]);
                    spans[a][i] = Some((span.1, span.0));
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "a sentence both packed and located",
                |p| {
                    let (a, spans) = with_events(p);
                    let (i, _) = located(&spans[a]);
                    p.articles[0].articles[a].events[i].text = "某".into();
                },
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "the 30th of February",
                |p| {
                    let article = &mut p.articles[0].articles[0];
                    article.date.as_mut().unwrap().day = Day {
                        year: 2022,
                        month: 2,
                        day: 30,
                    };
                },
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "an event in month 13",
                |p| {
                    let (a, _) = with_events(p);
                    p.articles[0].articles[a].events[0].date.start.month = 13;
                },
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "two articles of one file",
                |p| {
                    let articles = &mut p.articles[0].articles;
                    articles[1].file = articles[0].file.clone();
                },
                |e| matches!(e, PackError::Duplicate { .. }),
            ),
            (
                "a posting of an article past the last",
                |p| {
                    let docs = p.head.docs;
                    *longest(p).entries.last_mut().unwrap() = docs << 3;
                },
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "a posting of a field past the last",
                |p| *longest(p).entries.last_mut().unwrap() |= 7,
                |e| matches!(e, PackError::OutOfRange { .. }),
            ),
            (
                "a posting without occurrences",
                |p| longest(p).tf[0] = 0,
                |e| matches!(e, PackError::Invalid { .. }),
            ),
            (
                "a term twice",
                |p| {
                    let parts = &mut p.terms[0].parts;
                    parts[2].0 = parts[0].0.clone();
                },
                |e| matches!(e, PackError::Duplicate { what: "term" }),
            ),
            (
                "a list continued with earlier postings",
                |p| {
                    let parts = &mut p.terms[0].parts;
                    let (first, rest) = parts.split_at_mut(1);
                    rest[0].0 = first[0].0.clone();
                    rest[0].1 = first[0].1.clone();
                },
                |e| matches!(e, PackError::Unordered { .. }),
            ),
        ];
        assert!(
            Parts::new().unpack().is_ok(),
            "the seed pack, decoded and packed again, unpacks"
        );
        for (what, change, expected) in cases {
            let mut parts = Parts::new();
            change(&mut parts);
            match parts.unpack() {
                Ok(_) => panic!("{what}: unpacked"),
                Err(e) => assert!(expected(&e), "{what}: {e:?}"),
            }
        }
    }

    /// The first article of the first frame with an event whose sentence is located, and the
    /// frame's spans.
    fn with_events(p: &mut Parts) -> (usize, &mut [Vec<Span>]) {
        let frame = &mut p.articles[0];
        let a = frame
            .spans
            .iter()
            .position(|s| s.iter().any(Option::is_some))
            .expect("a seed article has events");
        (a, &mut frame.spans)
    }

    /// The first located sentence of `spans`.
    fn located(spans: &[Span]) -> (usize, (u32, u32)) {
        spans
            .iter()
            .enumerate()
            .find_map(|(i, s)| s.map(|s| (i, s)))
            .unwrap()
    }

    /// The longest posting list of the first term frame.
    fn longest(p: &mut Parts) -> &mut Postings {
        p.terms[0]
            .parts
            .iter_mut()
            .map(|(_, postings)| postings)
            .max_by_key(|postings| postings.len())
            .unwrap()
    }

    #[test]
    fn framing_errors_say_where() {
        let bytes = pack(&built().0, &[]);
        assert!(matches!(Unpacker::new(&[]), Err(PackError::Empty)));
        assert!(matches!(
            Unpacker::new(&bytes[..3]),
            Err(PackError::Truncated { at: 0 })
        ));
        let frames = frame_ranges(&bytes);
        let second = frames[1].start;
        let r = Unpacker::new(&bytes[..second + 10]).and_then(|mut u| u.step());
        assert!(matches!(r, Err(PackError::Truncated { at }) if at == second));
        // A byte more in the head's frame.
        let head = &bytes[4..frames[0].end];
        let longer = framed([&[head, &[0][..]].concat()[..]]);
        assert!(matches!(
            Unpacker::new(&longer),
            Err(PackError::Trailing { at: 0, extra: 1 })
        ));
        // Postings must ascend, and their differences must not overflow.
        let p = |entries: Vec<u32>| {
            let tf = vec![1u32; entries.len()];
            postcard::from_bytes::<Postings>(&postcard::to_allocvec(&(entries, tf)).unwrap())
        };
        assert!(p(vec![0, 8, 1]).is_ok());
        assert!(p(vec![8, 0]).is_err());
        assert!(p(vec![u32::MAX, 1]).is_err());
        let e = Unpacker::new(&framed([&[7u8, 1, 2][..]])).err().unwrap();
        assert_eq!(
            e.to_string(),
            "the index data has layout version 7, expected 1"
        );
    }
}
