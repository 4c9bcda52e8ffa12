//! The index packed ahead of time: build.rs parses and indexes the collection with this same
//! library and writes [`pack`]'s bytes; the app embeds them and rebuilds the [`Index`] with an
//! [`Unpacker`], a slice at a time, so a large collection never freezes the page and the
//! browser does no parsing or segmentation of articles at all.
//!
//! Layout: frames, each a little-endian `u32` length and a postcard value: one [`Head`], then
//! [`ArticleFrame`]s, then [`TermFrame`]s. Folded field texts are not packed (they would double
//! the text shipped); the unpacker folds each article again, which also rebuilds the
//! per-character document sets.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{CharDocs, DocData, FacetTable, Index, N_FIELDS, N_KINDS, Postings};
use crate::article::Article;
use crate::parse::Failure;
use crate::text::{Analyzer, Dictionary, Name};

/// Changes whenever the layout does; an app never reads a pack of another layout (both come
/// from one build), but a mismatch fails clearly rather than decoding garbage.
const VERSION: u32 = 2;
/// Articles per frame: at 10,000 articles one frame decodes and folds in a few milliseconds.
const ARTICLES_PER_FRAME: usize = 100;
/// Postings per frame, whatever the number of terms they belong to: a common word's list is
/// spread over several frames.
const POSTINGS_PER_FRAME: usize = 50_000;

#[derive(Serialize, Deserialize)]
struct Head {
    version: u32,
    docs: u32,
    terms: u32,
    avg_len: [f32; N_FIELDS],
    names: Vec<Name>,
    facets: Vec<FacetTable>,
    months: FacetTable,
    failures: Vec<Failure>,
}

#[derive(Serialize, Deserialize)]
struct ArticleFrame {
    /// The articles, each event's sentence left out where `spans` locates it.
    articles: Vec<Article>,
    docs: Vec<DocData>,
    /// Per article, per event: where its sentence is in its block's text (byte range).
    /// Sentences are a fifth of the text of a typical article, and all of them are in it.
    spans: Vec<Vec<Option<(u32, u32)>>>,
}

/// Where `event`'s sentence is in its block of `article`, as a byte range.
fn event_span(article: &Article, event: &crate::article::Event) -> Option<(u32, u32)> {
    let text = article.blocks.get(event.block)?.text()?;
    let start = text.find(event.text.as_str())?;
    Some((start as u32, (start + event.text.len()) as u32))
}

/// The articles of a frame with the sentences of the events found in `spans` taken out.
fn without_sentences(articles: &[Article], spans: &[Vec<Option<(u32, u32)>>]) -> Vec<Article> {
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

/// Puts back the sentences [`without_sentences`] took out.
fn restore_sentences(article: &mut Article, spans: &[Option<(u32, u32)>]) -> Result<(), PackError> {
    for (i, span) in spans.iter().enumerate() {
        let Some((start, end)) = *span else { continue };
        let sentence = article
            .events
            .get(i)
            .and_then(|e| article.blocks.get(e.block))
            .and_then(|b| b.text())
            .and_then(|t| t.get(start as usize..end as usize))
            .ok_or_else(|| PackError("事件句子位置无效".into()))?
            .to_owned();
        article.events[i].text = sentence;
    }
    Ok(())
}

/// Terms with their postings, in term id order; a term may continue from the previous frame
/// (its first part here then repeats the term) and into the next.
#[derive(Serialize, Deserialize)]
struct TermFrame {
    parts: Vec<(Box<str>, Postings)>,
}

/// Why a pack could not be read: only a build mixing parts of different versions gets one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError(pub String);

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "索引数据无法读取：{}", self.0)
    }
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
        let spans: Vec<Vec<Option<(u32, u32)>>> = articles
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
    head: Head,
    articles: Vec<Article>,
    docs: Vec<DocData>,
    char_docs: CharDocs,
    terms: FxHashMap<Box<str>, u32>,
    postings: Vec<Postings>,
    /// The term of the last part read, which the next frame may continue.
    last_term: Option<Box<str>>,
}

impl<'a> Unpacker<'a> {
    /// Reads the head frame.
    pub fn new(bytes: &'a [u8]) -> Result<Unpacker<'a>, PackError> {
        let mut at = 0;
        let head: Head =
            next_frame(bytes, &mut at)?.ok_or_else(|| PackError("空的索引数据".into()))?;
        if head.version != VERSION {
            return Err(PackError(format!(
                "格式版本 {}，应为 {VERSION}",
                head.version
            )));
        }
        Ok(Unpacker {
            bytes,
            at,
            articles: Vec::with_capacity(head.docs as usize),
            docs: Vec::with_capacity(head.docs as usize),
            char_docs: CharDocs::new(),
            terms: FxHashMap::with_capacity_and_hasher(head.terms as usize, Default::default()),
            postings: Vec::with_capacity(head.terms as usize),
            last_term: None,
            head,
        })
    }

    /// Number of articles the pack holds.
    pub fn len(&self) -> usize {
        self.head.docs as usize
    }

    pub fn is_empty(&self) -> bool {
        self.head.docs == 0
    }

    /// Share of the bytes read so far, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.bytes.is_empty() {
            1.0
        } else {
            self.at as f64 / self.bytes.len() as f64
        }
    }

    /// Reads the next frame; false once every frame is read.
    pub fn step(&mut self) -> Result<bool, PackError> {
        if self.articles.len() < self.head.docs as usize {
            let frame: ArticleFrame = next_frame(self.bytes, &mut self.at)?
                .ok_or_else(|| PackError("文章数据不完整".into()))?;
            if frame.articles.len() != frame.docs.len() || frame.articles.len() != frame.spans.len()
            {
                return Err(PackError("文章与索引条目数量不一致".into()));
            }
            for ((mut article, mut data), spans) in
                frame.articles.into_iter().zip(frame.docs).zip(frame.spans)
            {
                restore_sentences(&mut article, &spans)?;
                data.folded = self.char_docs.fold_fields(self.articles.len(), &article);
                self.articles.push(article);
                self.docs.push(data);
            }
            return Ok(true);
        }
        match next_frame::<TermFrame>(self.bytes, &mut self.at)? {
            Some(frame) => {
                for (term, postings) in frame.parts {
                    match self.postings.last_mut() {
                        // The rest of the list the previous part began.
                        Some(list) if self.last_term.as_ref() == Some(&term) => {
                            list.extend(postings)
                        }
                        _ => {
                            self.terms.insert(term.clone(), self.postings.len() as u32);
                            self.postings.push(postings);
                            self.last_term = Some(term);
                        }
                    }
                }
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The index and the files that failed to parse, after reading every remaining frame.
    /// The segmenter is built from `dict` and the pack's names: `dict` must be the dictionary
    /// the collection was indexed with, or queries are cut differently from its text.
    pub fn finish(mut self, dict: &Dictionary) -> Result<(Index, Vec<Failure>), PackError> {
        while self.step()? {}
        if self.postings.len() != self.head.terms as usize {
            return Err(PackError("词条数量不符".into()));
        }
        let facets: [FacetTable; N_KINDS] = self
            .head
            .facets
            .try_into()
            .map_err(|_| PackError("分面数量不符".into()))?;
        let analyzer =
            Analyzer::new(dict, &self.head.names).map_err(|e| PackError(e.to_string()))?;
        let index = Index {
            order: super::DateOrder::new(&self.articles),
            articles: self.articles,
            docs: self.docs,
            terms: self.terms,
            postings: self.postings,
            char_docs: self.char_docs.sets,
            avg_len: self.head.avg_len,
            analyzer,
            names: self.head.names,
            facets,
            months: self.head.months,
        };
        Ok((index, self.head.failures))
    }
}

/// The frame at `*at`, advancing past it; `None` at the end of the bytes.
fn next_frame<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
    at: &mut usize,
) -> Result<Option<T>, PackError> {
    let Some(rest) = bytes.get(*at..).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let (len, body) = rest
        .split_first_chunk::<4>()
        .ok_or_else(|| PackError("帧长度不完整".into()))?;
    let len = u32::from_le_bytes(*len) as usize;
    let body = body
        .get(..len)
        .ok_or_else(|| PackError("帧数据不完整".into()))?;
    let value = postcard::from_bytes(body).map_err(|e| PackError(e.to_string()))?;
    *at += 4 + len;
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;
    use crate::search::Options;

    /// The seed collection, read from the repository's `articles/`.
    fn built() -> (Index, Vec<Failure>) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../articles");
        let files = crate::corpus::read_dir(&dir).expect("the seed articles are readable");
        let c = crate::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
        (
            Index::build(c.articles, &Dictionary::Default).unwrap(),
            c.failures,
        )
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
            reason: crate::parse::ParseError::Binary(crate::parse::BinaryKind::NulBytes),
        }];
        // The default frames, and tiny ones that split articles and long posting lists.
        for (articles, postings) in [(ARTICLES_PER_FRAME, POSTINGS_PER_FRAME), (2, 7)] {
            let bytes = pack_with(&index, &failures, articles, postings);
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
            same(&index, &unpacked);
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
}
