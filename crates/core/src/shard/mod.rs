//! The sharded index (issue 17): the same index as the embedded pack, written as static,
//! content-hashed files that a reader fetches on demand, so that a collection of 100,000
//! articles and more is searched without downloading it whole.
//!
//! # Files
//!
//! | file | what | fetched |
//! |---|---|---|
//! | `manifest.bin` (fixed name) | layout version, the catalogue's and the dictionary's hashes | first |
//! | `catalogue.<hash>.bin` | per article: metadata (file, title, date, outlet, byline, tags, address; no text), word count per field; the facet tables (every article's facet ids), months, re-post groups, names, name variants (and which of their forms no article holds), failures, average field lengths, the timeline's dated mentions; the number of shards of each kind and every shard file's hash; a head, then parts ([`CatalogueReader`]) | at start |
//! | `dictionary.<hash>.txt` | the segmenter's dictionary trimmed to the collection | at start |
//! | `terms-<n>.<hash>.bin` | the postings of the words whose [`term_shard`] is `n`; with each word of three or more characters with a Han one, its occurrences where it is not a whole word ([`Index::counted_besides_word`]) | by the words of a query |
//! | `grams-<n>.<hash>.bin`, the first ones | the postings of the character grams ([`crate::index::grams`]) whose [`gram_shard`] is `n`, each in two parts: the documents where its text is also a whole word (key [`grams::WHOLE`]) and the rest | by the words of one or two characters of a query (the rest only), one- or two-character phrases and exclusions |
//! | `grams-<n>.<hash>.bin`, the last ones (as many as the catalogue says) | where each pair of characters starts in each field ([`crate::index::positions`]), by [`positions_shard`] | by the phrases of three or more characters, and the words of as many that the index does not have |
//! | `texts-<n>.<hash>.bin` | articles `n * chunk .. (n + 1) * chunk`, whole | for snippets and the reader |
//!
//! Every file but the manifest is named by a hash of its bytes (FNV-1a, 64 bits, [`hash`]), so
//! a host may cache it forever, and the reader checks every file it fetches against its name.
//! Each is a postcard value after a layout version; a term shard is a list of (word, postings,
//! postings besides whole words), a gram shard a list of (key, postings), with postings as the
//! pack writes them (document deltas and counts), a positions shard a list of (pair, positions
//! in their own varint bytes). A word's shard
//! is [`hash`] of its UTF-8 bytes modulo the number of term shards, a gram's the hash of its
//! key's little-endian bytes modulo the number of gram shards: the reader computes them from the
//! query, with no table of words.
//!
//! # How a query is answered: the same search code
//!
//! The reader ([`Sharded`]) assembles an ordinary [`Index`] from the catalogue: every article
//! (without its text), facets, months, groups, date orders, field lengths, names, variants,
//! the segmenter. Its postings, grams and texts start empty, and a [`Shelf`] in the index knows
//! which shards are loaded. The [`crate::search::Searcher`] runs over it; every read of a word's
//! postings, a gram's postings, a pair's positions or an article's folded text goes through the
//! index's accessors ([`Index::postings`], [`Index::gram`], [`Index::gram_besides_word`],
//! [`Index::counted_besides_word`], [`Index::positions`], [`Index::folded`],
//! [`Index::article_text`]), which, for a shard not loaded, answer "nothing" and note the shard
//! as [`Need`]ed. The search takes other roads to the same counts here: a substring of three or
//! more characters is counted from its pairs' positions ([`Index::substring_counts`]) or, for a
//! word the index has, read from what the writer counted, not in the texts, which are fetched
//! only for what is shown (snippets, the reader). After a
//! search, [`Sharded::resolve`] fetches what was noted, loads it and searches again, until a
//! search notes nothing: that last search read only loaded data, all the data it read, so its
//! results are those of the embedded index. The loop ends: every round loads at least one
//! shard, and there are finitely many. Rounds, for a typical query: the words the segmenter
//! asks about (cutting a query consults the index's words) with their postings, then their
//! grams or a phrase's positions (all its pairs at once; a loaded one known to be absent ends
//! the search). A search that noted something missing skips the work whose only use is its
//! results (scoring what arrived, filtering, sorting, counting facets): they are discarded.
//!
//! The core stays pure: loading is [`Sharded::load`] (bytes in), fetching is a [`Fetch`]
//! (natively a directory, [`Dir`], or a map, [`Files`]); the page (`src/ui/shards.rs`)
//! fetches with `fetch()` between renders and reads the catalogue in steps
//! ([`CatalogueReader`]).
//!
//! The writer ([`write()`], native only) is in `write.rs`.

#[cfg(not(target_arch = "wasm32"))]
mod write;
#[cfg(not(target_arch = "wasm32"))]
pub use write::{Options, write, write_to};

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::article::Article;
use crate::index::pack::PackError;
use crate::index::positions::Positions;
use crate::index::{FacetTable, Index, N_FIELDS, Postings, grams};
use crate::parse::Failure;
use crate::query::Query;
use crate::search::{Options as SearchOptions, Results, Searcher, Snippet};
use crate::text::{Analyzer, Dictionary, Name};
use crate::timeline::Mention;

/// Changes whenever the layout of any file does.
pub const VERSION: u32 = 5;
/// The one file with a fixed name: where a reader starts.
pub const MANIFEST: &str = "manifest.bin";

/// FNV-1a, 64 bits: file names, and a word's or gram's shard. Stable: the page computes it too.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The term shard of a (folded) word, out of `n`.
pub fn term_shard(term: &str, n: u32) -> u32 {
    (hash(term.as_bytes()) % n.max(1) as u64) as u32
}

/// The gram shard of a gram key ([`grams::key`]), out of `n`.
pub fn gram_shard(key: u64, n: u32) -> u32 {
    (hash(&key.to_le_bytes()) % n.max(1) as u64) as u32
}

/// The shard of the positions of a pair ([`grams::key`]): `first + n` for the `n`th of the
/// `count` gram shards that hold positions, the last ones (see [`crate::index::positions`]).
pub fn positions_shard(key: u64, first: u32, count: u32) -> u32 {
    first + (hash(&(key | 1 << 63).to_le_bytes()) % count.max(1) as u64) as u32
}

/// The kinds of shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Terms,
    Grams,
    Texts,
}

impl Kind {
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Terms => "terms",
            Kind::Grams => "grams",
            Kind::Texts => "texts",
        }
    }
}

/// A shard a search needed and did not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Need {
    pub kind: Kind,
    pub shard: u32,
}

impl Need {
    /// The shard a file name (`terms-12.<hash>.bin`) names, if it names one.
    pub fn of_file(name: &str) -> Option<Need> {
        let (stem, _) = name.split_once('.')?;
        let (prefix, n) = stem.split_once('-')?;
        let kind = [Kind::Terms, Kind::Grams, Kind::Texts]
            .into_iter()
            .find(|k| k.prefix() == prefix)?;
        Some(Need {
            kind,
            shard: n.parse().ok()?,
        })
    }
}

/// The name of the file of kind `prefix` (`catalogue`, `terms-12`…) with contents hashed to `h`.
pub fn file_name(prefix: &str, h: u64, ext: &str) -> String {
    format!("{prefix}.{h:016x}.{ext}")
}

/// What shards an index assembled from shards has, and what a search asked for that it did
/// not have.
#[derive(Debug)]
pub struct Shelf {
    docs: usize,
    chunk: usize,
    loaded: [Vec<bool>; 3],
    /// How many of the gram shards, the last ones, hold pairs' positions.
    positions: usize,
    missing: Mutex<BTreeSet<Need>>,
    /// Forms of the name variants no article holds, sorted.
    absent: Vec<String>,
    /// Reads of something not loaded, ever: a caller compares it before and after a search
    /// to know whether that search was complete ([`Index::misses`]).
    misses: AtomicUsize,
}

impl Shelf {
    fn new(
        docs: usize,
        chunk: usize,
        counts: [usize; 3],
        positions: usize,
        mut absent: Vec<String>,
    ) -> Shelf {
        // Sorted by the writer; sorted again, so that a search relies on nothing it did not check.
        absent.sort_unstable();
        Shelf {
            docs,
            chunk: chunk.max(1),
            loaded: counts.map(|n| vec![false; n]),
            positions,
            missing: Mutex::new(BTreeSet::new()),
            absent,
            misses: AtomicUsize::new(0),
        }
    }

    /// The number of gram shards holding postings (the first ones).
    fn gram_postings(&self) -> u32 {
        self.count(Kind::Grams) - self.positions as u32
    }

    fn count(&self, kind: Kind) -> u32 {
        self.loaded[kind as usize].len() as u32
    }

    /// Whether shard `need` is loaded; notes it as missing if not.
    fn has(&self, need: Need) -> bool {
        let loaded = self.loaded[need.kind as usize]
            .get(need.shard as usize)
            .copied()
            .unwrap_or(true);
        if !loaded {
            self.misses.fetch_add(1, Ordering::Relaxed);
            if let Ok(mut m) = self.missing.lock() {
                m.insert(need);
            }
        }
        loaded
    }

    pub(crate) fn misses(&self) -> usize {
        self.misses.load(Ordering::Relaxed)
    }

    /// Whether the text of `doc` is loaded (without noting it).
    pub(crate) fn text_loaded(&self, doc: usize) -> bool {
        doc >= self.docs
            || self.is_loaded(Need {
                kind: Kind::Texts,
                shard: (doc / self.chunk) as u32,
            })
    }

    pub(crate) fn term(&self, term: &str) -> bool {
        self.has(Need {
            kind: Kind::Terms,
            shard: term_shard(term, self.count(Kind::Terms)),
        })
    }

    pub(crate) fn gram(&self, key: u64) -> bool {
        self.has(Need {
            kind: Kind::Grams,
            shard: gram_shard(key, self.gram_postings()),
        })
    }

    pub(crate) fn has_positions(&self) -> bool {
        self.positions > 0
    }

    pub(crate) fn positions(&self, key: u64) -> bool {
        self.has(self.positions_need(key))
    }

    /// The shard of a pair's positions.
    fn positions_need(&self, key: u64) -> Need {
        Need {
            kind: Kind::Grams,
            shard: positions_shard(key, self.gram_postings(), self.positions as u32),
        }
    }

    /// Whether no article holds `form`, a form of the name variants.
    pub(crate) fn lacks(&self, form: &str) -> bool {
        self.absent
            .binary_search_by(|a| a.as_str().cmp(form))
            .is_ok()
    }

    /// Whether the shard of a pair's positions is loaded (without noting it).
    pub(crate) fn positions_loaded(&self, key: u64) -> bool {
        self.is_loaded(self.positions_need(key))
    }

    pub(crate) fn text(&self, doc: usize) -> bool {
        doc >= self.docs
            || self.has(Need {
                kind: Kind::Texts,
                shard: (doc / self.chunk) as u32,
            })
    }

    /// The shards noted missing since the last call.
    fn take_missing(&self) -> BTreeSet<Need> {
        self.missing
            .lock()
            .map(|mut m| std::mem::take(&mut *m))
            .unwrap_or_default()
    }

    fn mark(&mut self, need: Need) {
        if let Some(l) = self.loaded[need.kind as usize].get_mut(need.shard as usize) {
            *l = true;
        }
    }

    fn is_loaded(&self, need: Need) -> bool {
        self.loaded[need.kind as usize]
            .get(need.shard as usize)
            .copied()
            .unwrap_or(false)
    }
}

/// The fixed-name file: where the rest is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Manifest {
    catalogue: u64,
    dictionary: u64,
    docs: u32,
}

/// Everything but postings, grams and texts.
#[derive(Serialize, Deserialize)]
struct Catalogue {
    /// Articles in the collection: the frames after this head hold them, [`CATALOGUE_FRAME`]
    /// at a time.
    docs: u32,
    avg_len: [f32; N_FIELDS],
    names: Vec<Name>,
    failures: Vec<Failure>,
    aliases: Vec<(u8, Vec<String>)>,
    /// The forms of `aliases` that no article holds (in no field, as the search reads them),
    /// sorted: a query does not look for them ([`Index::lacks`]), so a name's variants the
    /// collection never writes cost no fetching (most of them, in most collections).
    absent: Vec<String>,
    /// Articles per text shard.
    chunk: u32,
    /// The hash of each shard file, by kind ([`Kind`] order), by shard number.
    shards: [Vec<u64>; 3],
    /// How many of the gram shards, the last ones, hold pairs' positions.
    positions: u32,
}

/// A frame of the catalogue after its head, in this order: the facet tables (one per
/// [`crate::index::Facet`]), the months, the re-post groups, the timeline's mentions (in
/// frames of at most [`CATALOGUE_FRAME`] × 20), the articles (frames of at most
/// [`CATALOGUE_FRAME`]). Each is a short task to read.
#[derive(Serialize, Deserialize)]
pub(crate) enum Part {
    Facet(FacetTable),
    Months(FacetTable),
    Groups(Vec<Vec<u32>>),
    /// Dated mentions, in timeline order (their sentences are in the text shards).
    Mentions(Vec<Mention>),
    /// Articles without their texts ([`stub`]), with the word counts of their fields.
    Articles(Vec<(Article, [u32; N_FIELDS])>),
}

/// An article as the catalogue keeps it: no body, images, events, related headlines or
/// warnings (all in its text shard).
pub(crate) fn stub(article: &Article) -> Article {
    Article {
        blocks: Vec::new(),
        images: Vec::new(),
        events: Vec::new(),
        related: Vec::new(),
        warnings: Vec::new(),
        ..article.clone()
    }
}

/// Why shard files could not be read. A reader's own files always read; only files of
/// another build, a broken copy or bytes that are not shards get one.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    /// A file could not be fetched.
    #[error("cannot fetch {name}: {reason}")]
    Fetch { name: String, reason: String },
    /// A file's bytes do not have the hash its name says.
    #[error("{name} is corrupt (its contents do not match its name)")]
    Corrupt { name: String },
    /// A file does not decode as what its name says.
    #[error("{name} does not decode: {reason}")]
    Decode { name: String, reason: String },
    /// Files of another layout.
    #[error("layout version {found}, expected {expected}")]
    Version { found: u32, expected: u32 },
    /// A value that decodes but breaks an invariant of the index.
    #[error("{name}: {source}")]
    Invalid { name: String, source: PackError },
}

/// `(version, value)` from `bytes`, the whole of them.
fn decode<T: DeserializeOwned>(name: &str, bytes: &[u8]) -> Result<T, ShardError> {
    let err = |reason: String| ShardError::Decode {
        name: name.to_owned(),
        reason,
    };
    let (version, rest) =
        postcard::take_from_bytes::<u32>(bytes).map_err(|e| err(e.to_string()))?;
    if version != VERSION {
        return Err(ShardError::Version {
            found: version,
            expected: VERSION,
        });
    }
    let (value, rest) = postcard::take_from_bytes::<T>(rest).map_err(|e| err(e.to_string()))?;
    if !rest.is_empty() {
        return Err(err(format!("{} bytes after the value", rest.len())));
    }
    Ok(value)
}

/// Where a reader gets files from, by name.
pub trait Fetch {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, ShardError>;
}

/// Files in a map (tests, benchmarks), counting what is fetched.
#[derive(Debug, Default, Clone)]
pub struct Files {
    pub files: std::collections::BTreeMap<String, Vec<u8>>,
    /// Bytes and files fetched so far.
    pub fetched_bytes: usize,
    pub fetched_files: usize,
}

impl Files {
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Files {
        Files {
            files: files.into_iter().collect(),
            ..Files::default()
        }
    }
}

impl Fetch for Files {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, ShardError> {
        let bytes = self.files.get(name).cloned().ok_or(ShardError::Fetch {
            name: name.to_owned(),
            reason: "no such file".into(),
        })?;
        self.fetched_bytes += bytes.len();
        self.fetched_files += 1;
        Ok(bytes)
    }
}

/// Files in a directory (natively).
#[cfg(not(target_arch = "wasm32"))]
pub struct Dir(pub std::path::PathBuf);

#[cfg(not(target_arch = "wasm32"))]
impl Fetch for Dir {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, ShardError> {
        std::fs::read(self.0.join(name)).map_err(|e| ShardError::Fetch {
            name: name.to_owned(),
            reason: e.to_string(),
        })
    }
}

/// Checks the bytes of file `name` against the hash `h` its name carries.
pub fn check(name: &str, h: u64, bytes: &[u8]) -> Result<(), ShardError> {
    if hash(bytes) != h {
        return Err(ShardError::Corrupt {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// What the manifest names: the catalogue's and the dictionary's files (name, hash), which a
/// reader fetches next, side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub catalogue: (String, u64),
    pub dictionary: (String, u64),
    /// Articles in the collection.
    pub docs: usize,
}

impl Opening {
    /// Reads the manifest's bytes.
    pub fn read(manifest: &[u8]) -> Result<Opening, ShardError> {
        let m: Manifest = decode(MANIFEST, manifest)?;
        Ok(Opening {
            catalogue: (file_name("catalogue", m.catalogue, "bin"), m.catalogue),
            dictionary: (file_name("dictionary", m.dictionary, "txt"), m.dictionary),
            docs: m.docs as usize,
        })
    }
}

/// The dictionary file's text, checked against its name.
pub fn dictionary_text(name: &str, h: u64, bytes: &[u8]) -> Result<String, ShardError> {
    check(name, h, bytes)?;
    String::from_utf8(bytes.to_vec()).map_err(|e| ShardError::Decode {
        name: name.to_owned(),
        reason: e.to_string(),
    })
}

/// Articles per frame of the catalogue: reading one is a short task (see [`CatalogueReader`]).
pub(crate) const CATALOGUE_FRAME: usize = 1000;

/// FNV-1a ([`hash`]) fed in pieces.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const START: Fnv = Fnv(0xcbf2_9ce4_8422_2325);

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Reads a catalogue in steps, so that a page can paint and take input between them: the
/// file is its head ([`VERSION`], then the collection's counts, names, variants, failures and
/// shard hashes), then its parts ([`Part`], each a little-endian `u32` length and a postcard
/// value): the facet tables, months, groups, mentions, then the articles, checked frame by
/// frame. The hash its name carries is checked as the bytes are read, and must hold before
/// [`Prepared::finish`] gives the index.
pub struct CatalogueReader {
    name: String,
    expected: Option<u64>,
    bytes: Vec<u8>,
    at: usize,
    hash: Fnv,
    head: Catalogue,
    facets: Vec<FacetTable>,
    months: Option<FacetTable>,
    groups: Option<Vec<Vec<u32>>>,
    mentions: Vec<Mention>,
    articles: Vec<Article>,
    lens: Vec<[u32; N_FIELDS]>,
    /// The articles' files so far: each once.
    files: rustc_hash::FxHashSet<String>,
}

/// A catalogue read whole, with its segmenter made ([`CatalogueReader::prepare`]): what
/// [`Prepared::check`] checks and [`Checked::finish`] assembles the index from. Three steps
/// after the reading, so that a page can take each in a task of its own (natively, at 100,000
/// synthetic articles: the segmenter 14 ms, the checks 19-21 ms, the index 13-14 ms; the
/// last two in one step took 31-35 ms, a task of about 50 ms in the page).
pub struct Prepared {
    reader: CatalogueReader,
    analyzer: Analyzer,
}

/// A catalogue read whole and checked ([`Prepared::check`]): what [`Checked::finish`] makes
/// the index of.
pub struct Checked {
    parts: crate::index::pack::CheckedParts,
    analyzer: Analyzer,
    shelf: Shelf,
    failures: Vec<Failure>,
    mentions: Vec<Mention>,
    shards: [Vec<u64>; 3],
}

impl CatalogueReader {
    /// Reads the head of the catalogue file `name`, whose name says its hash is `expected`
    /// (`None`: not checked).
    pub fn new(
        name: &str,
        expected: Option<u64>,
        bytes: Vec<u8>,
    ) -> Result<CatalogueReader, ShardError> {
        // Bytes that do not read are a damaged copy when they are not what the name says.
        let decoding = |reason: String| match expected {
            Some(h) if hash(&bytes) != h => ShardError::Corrupt {
                name: name.to_owned(),
            },
            _ => ShardError::Decode {
                name: name.to_owned(),
                reason,
            },
        };
        let (version, rest) =
            postcard::take_from_bytes::<u32>(&bytes).map_err(|e| decoding(e.to_string()))?;
        if version != VERSION {
            return Err(ShardError::Version {
                found: version,
                expected: VERSION,
            });
        }
        let (head, rest) =
            postcard::take_from_bytes::<Catalogue>(rest).map_err(|e| decoding(e.to_string()))?;
        let at = bytes.len() - rest.len();
        let mut hash = Fnv::START;
        hash.feed(&bytes[..at]);
        let docs = (head.docs as usize).min(bytes.len());
        Ok(CatalogueReader {
            name: name.to_owned(),
            expected,
            hash,
            head,
            at,
            facets: Vec::new(),
            months: None,
            groups: None,
            mentions: Vec::new(),
            articles: Vec::with_capacity(docs),
            lens: Vec::with_capacity(docs),
            files: Default::default(),
            bytes,
        })
    }

    /// Reads the next part ([`Part`]); `false` once every byte is read.
    pub fn step(&mut self) -> Result<bool, ShardError> {
        let rest = &self.bytes[self.at..];
        if rest.is_empty() {
            return Ok(false);
        }
        let decoding = |reason: String| match self.expected {
            Some(h) if hash(&self.bytes) != h => ShardError::Corrupt {
                name: self.name.clone(),
            },
            _ => ShardError::Decode {
                name: self.name.clone(),
                reason,
            },
        };
        let len = rest
            .get(..4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or_else(|| decoding("a frame's length is cut off".into()))?;
        let end = len
            .checked_add(4)
            .filter(|&end| end <= rest.len())
            .ok_or_else(|| decoding("a frame is cut off".into()))?;
        let frame = &rest[4..end];
        let part: Part = postcard::from_bytes(frame).map_err(|e| decoding(e.to_string()))?;
        let out_of_order = || decoding("a part of the catalogue out of its order".into());
        let n_kinds = crate::index::Facet::ALL.len();
        match part {
            Part::Facet(table) if self.facets.len() < n_kinds => self.facets.push(table),
            Part::Months(table) if self.facets.len() == n_kinds && self.months.is_none() => {
                self.months = Some(table)
            }
            Part::Groups(groups) if self.months.is_some() && self.groups.is_none() => {
                self.groups = Some(groups)
            }
            Part::Mentions(list) if self.groups.is_some() && self.articles.is_empty() => {
                self.mentions.extend(list)
            }
            Part::Articles(list)
                if self.groups.is_some()
                    && !list.is_empty()
                    && list.len() <= CATALOGUE_FRAME
                    && self.articles.len() + list.len() <= self.head.docs as usize =>
            {
                // Checked here, a frame at a time, rather than all at once when assembled.
                for (mut article, len) in list {
                    crate::index::pack::check_article(&mut article).map_err(|source| {
                        ShardError::Invalid {
                            name: self.name.clone(),
                            source,
                        }
                    })?;
                    if !self.files.insert(article.file.clone()) {
                        return Err(ShardError::Invalid {
                            name: self.name.clone(),
                            source: PackError::Duplicate {
                                what: "article file",
                            },
                        });
                    }
                    self.articles.push(article);
                    self.lens.push(len);
                }
            }
            _ => return Err(out_of_order()),
        }
        self.hash.feed(&rest[..end]);
        self.at += end;
        Ok(self.at < self.bytes.len())
    }

    /// How much of the file is read, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.at as f64 / self.bytes.len().max(1) as f64
    }

    /// Articles in the collection.
    pub fn len(&self) -> usize {
        self.head.docs as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes the segmenter from the dictionary's text and the catalogue's names (about a
    /// third of the work after the steps).
    pub fn prepare(self, dictionary: &str) -> Result<Prepared, ShardError> {
        let analyzer =
            Analyzer::new(&Dictionary::Words(dictionary), &self.head.names).map_err(|e| {
                ShardError::Invalid {
                    name: self.name.clone(),
                    source: e.into(),
                }
            })?;
        Ok(Prepared {
            reader: self,
            analyzer,
        })
    }
}

impl Prepared {
    /// The index of the catalogue read whole, nothing loaded yet: [`Prepared::check`], then
    /// [`Checked::finish`].
    pub fn finish(self) -> Result<Sharded, ShardError> {
        Ok(self.check()?.finish())
    }

    /// The catalogue read whole, checked: read to its end, its hash, its parts and counts, the
    /// tables against its articles.
    pub fn check(self) -> Result<Checked, ShardError> {
        let Prepared {
            reader: r,
            analyzer,
        } = self;
        let name = r.name;
        // Its bytes and the set of files that checked them are no longer needed (their drop
        // alone is about 4 ms).
        let read_whole = r.at >= r.bytes.len();
        drop(r.bytes);
        drop(r.files);
        if !read_whole {
            return Err(ShardError::Decode {
                name,
                reason: "not read to its end".into(),
            });
        }
        if r.expected.is_some_and(|h| h != r.hash.0) {
            return Err(ShardError::Corrupt { name });
        }
        let c = r.head;
        let invalid = |source| ShardError::Invalid {
            name: name.clone(),
            source,
        };
        let (Some(months), Some(groups)) = (r.months, r.groups) else {
            return Err(invalid(PackError::Count {
                what: "parts of the catalogue",
                found: r.facets.len(),
                expected: crate::index::Facet::ALL.len() + 2,
            }));
        };
        let docs = r.articles.len();
        if docs != c.docs as usize {
            return Err(invalid(PackError::Count {
                what: "articles of the catalogue",
                found: docs,
                expected: c.docs as usize,
            }));
        }
        let chunk = c.chunk as usize;
        if chunk == 0 || c.shards[Kind::Texts as usize].len() != docs.div_ceil(chunk) {
            return Err(invalid(PackError::Count {
                what: "text shards",
                found: c.shards[Kind::Texts as usize].len(),
                expected: docs.div_ceil(chunk.max(1)),
            }));
        }
        let positions = c.positions as usize;
        for (kind, least) in [(Kind::Terms, 1), (Kind::Grams, positions + 1)] {
            if c.shards[kind as usize].len() < least || positions == 0 {
                return Err(invalid(PackError::Count {
                    what: "term, gram or positions shards",
                    found: c.shards[kind as usize].len(),
                    expected: least.max(1),
                }));
            }
        }
        if r.mentions.iter().any(|m| m.doc >= docs) {
            return Err(invalid(PackError::OutOfRange {
                what: "mention of an article",
            }));
        }
        let shelf = Shelf::new(
            docs,
            chunk,
            c.shards.each_ref().map(Vec::len),
            positions,
            c.absent,
        );
        let parts = crate::index::pack::check_parts(crate::index::pack::CatalogueParts {
            articles: r.articles,
            lens: r.lens,
            avg_len: c.avg_len,
            names: c.names,
            facets: r.facets,
            months,
            groups,
            aliases: c.aliases,
            checked: true,
        })
        .map_err(invalid)?;
        Ok(Checked {
            parts,
            analyzer,
            shelf,
            failures: c.failures,
            mentions: r.mentions,
            shards: c.shards,
        })
    }
}

impl Checked {
    /// The index of the catalogue, nothing loaded yet.
    pub fn finish(self) -> Sharded {
        Sharded {
            index: crate::index::pack::assemble(self.parts, self.analyzer, self.shelf),
            failures: self.failures,
            mentions: self.mentions,
            shards: self.shards,
            rounds: 0,
        }
    }
}

/// A sharded index being read: an [`Index`] assembled from the catalogue, filled shard by
/// shard.
pub struct Sharded {
    index: Index,
    failures: Vec<Failure>,
    mentions: Vec<Mention>,
    shards: [Vec<u64>; 3],
    /// Runs of the last [`Sharded::resolve`] (the page's round trips are one fewer).
    rounds: usize,
}

impl Sharded {
    /// Reads the manifest, the catalogue and the dictionary.
    pub fn open(fetch: &mut dyn Fetch) -> Result<Sharded, ShardError> {
        let opening = Opening::read(&fetch.fetch(MANIFEST)?)?;
        let catalogue = fetch.fetch(&opening.catalogue.0)?;
        let dictionary = fetch.fetch(&opening.dictionary.0)?;
        Sharded::opened(&opening, &catalogue, &dictionary)
    }

    /// The index of the catalogue and the dictionary an [`Opening`] names, from their files'
    /// bytes (checked against their names' hashes).
    pub fn opened(
        opening: &Opening,
        catalogue: &[u8],
        dictionary: &[u8],
    ) -> Result<Sharded, ShardError> {
        let [(cat_name, cat_hash), (dict_name, dict_hash)] =
            [&opening.catalogue, &opening.dictionary];
        let mut reader = CatalogueReader::new(cat_name, Some(*cat_hash), catalogue.to_vec())?;
        while reader.step()? {}
        reader
            .prepare(&dictionary_text(dict_name, *dict_hash, dictionary)?)?
            .finish()
    }

    /// The index of a catalogue's bytes and its dictionary, nothing loaded yet (the bytes are
    /// not checked against a name).
    pub fn from_bytes(catalogue: &[u8], dictionary: &str) -> Result<Sharded, ShardError> {
        let mut reader = CatalogueReader::new("catalogue", None, catalogue.to_vec())?;
        while reader.step()? {}
        reader.prepare(dictionary)?.finish()
    }
    /// How many times the last [`Sharded::resolve`] ran its function: the fetching rounds
    /// are one fewer.
    pub fn rounds(&self) -> usize {
        self.rounds
    }

    /// The index, with what is loaded so far.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The files that failed to parse when the collection was built.
    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }

    /// Every dated mention of the collection, in timeline order
    /// ([`crate::timeline::mentions_of`] over the whole collection).
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The mentions moved out, for a reader that keeps them beside the index (the page's
    /// library): [`Sharded::mentions`] is empty afterwards.
    pub fn take_mentions(&mut self) -> Vec<Mention> {
        std::mem::take(&mut self.mentions)
    }

    /// Number of shards of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.shards[kind as usize].len()
    }

    /// The file name of a shard.
    pub fn name(&self, need: Need) -> Option<String> {
        let h = *self.shards[need.kind as usize].get(need.shard as usize)?;
        Some(file_name(
            &format!("{}-{}", need.kind.prefix(), need.shard),
            h,
            "bin",
        ))
    }

    fn shelf(&self) -> &Shelf {
        self.index.shelf().expect("a sharded index has a shelf")
    }

    /// The shards searches noted missing since the last call.
    pub fn take_missing(&self) -> Vec<Need> {
        self.shelf().take_missing().into_iter().collect()
    }

    /// Whether a shard is loaded.
    pub fn is_loaded(&self, need: Need) -> bool {
        self.shelf().is_loaded(need)
    }

    /// Loads shard `need` from its file's `bytes` (checked against its name's hash).
    pub fn load(&mut self, need: Need, bytes: &[u8]) -> Result<(), ShardError> {
        let name = self.name(need).ok_or(ShardError::Fetch {
            name: format!("{}-{}", need.kind.prefix(), need.shard),
            reason: "no such shard".into(),
        })?;
        if hash(bytes) != self.shards[need.kind as usize][need.shard as usize] {
            return Err(ShardError::Corrupt { name });
        }
        if self.is_loaded(need) {
            return Ok(());
        }
        self.load_unchecked(need, &name, bytes)
    }

    /// [`Sharded::load`] without the hash check (the decoders' own checks, for tests).
    fn load_unchecked(&mut self, need: Need, name: &str, bytes: &[u8]) -> Result<(), ShardError> {
        let name = name.to_owned();
        let invalid = |source| ShardError::Invalid {
            name: name.clone(),
            source,
        };
        let n = self.count(need.kind) as u32;
        match need.kind {
            Kind::Terms => {
                let list: Vec<(Box<str>, Postings, Postings)> = decode(&name, bytes)?;
                if list.iter().any(|(t, _, _)| term_shard(t, n) != need.shard) {
                    return Err(invalid(PackError::OutOfRange {
                        what: "word of another shard",
                    }));
                }
                self.index.insert_terms(list).map_err(invalid)?;
            }
            Kind::Grams if need.shard >= self.shelf().gram_postings() => {
                let list: Vec<(u64, Vec<u8>)> = decode(&name, bytes)?;
                let (first, count) = (
                    self.shelf().gram_postings(),
                    n - self.shelf().gram_postings(),
                );
                if list.iter().any(|(k, _)| {
                    grams::text_of(*k).is_none_or(|t| t.chars().count() != 2)
                        || positions_shard(*k, first, count) != need.shard
                }) {
                    return Err(invalid(PackError::OutOfRange {
                        what: "pair of another shard",
                    }));
                }
                let mut decoded = Vec::with_capacity(list.len());
                for (k, wire) in list {
                    let p = Positions::from_bytes(&wire).map_err(|reason| ShardError::Decode {
                        name: name.clone(),
                        reason: reason.into(),
                    })?;
                    decoded.push((k, p));
                }
                self.index.insert_positions(decoded).map_err(invalid)?;
            }
            Kind::Grams => {
                let list: Vec<(u64, Postings)> = decode(&name, bytes)?;
                let n = self.shelf().gram_postings();
                if list.iter().any(|(k, _)| {
                    grams::text_of(k & !grams::WHOLE).is_none() || gram_shard(*k, n) != need.shard
                }) {
                    return Err(invalid(PackError::OutOfRange {
                        what: "gram of another shard",
                    }));
                }
                self.index.insert_grams(list).map_err(invalid)?;
            }
            Kind::Texts => {
                let list: Vec<Article> = decode(&name, bytes)?;
                let chunk = self.shelf().chunk;
                let first = need.shard as usize * chunk;
                let expected = chunk.min(self.index.len().saturating_sub(first));
                if list.len() != expected {
                    return Err(invalid(PackError::Count {
                        what: "articles of a text shard",
                        found: list.len(),
                        expected,
                    }));
                }
                self.index.insert_texts(first, list).map_err(invalid)?;
            }
        }
        if let Some(shelf) = self.index.shelf_mut() {
            shelf.mark(need);
        }
        Ok(())
    }

    /// Runs `f` over the index until it reads nothing that is not loaded, fetching and
    /// loading what it noted missing between runs: its last result is what `f` gives over
    /// the whole index.
    pub fn resolve<R>(
        &mut self,
        fetch: &mut dyn Fetch,
        f: impl Fn(&Index) -> R,
    ) -> Result<R, ShardError> {
        self.take_missing();
        self.rounds = 0;
        loop {
            let r = f(&self.index);
            self.rounds += 1;
            let missing = self.take_missing();
            if missing.is_empty() {
                return Ok(r);
            }
            for need in missing {
                let name = self.name(need).ok_or(ShardError::Fetch {
                    name: format!("{}-{}", need.kind.prefix(), need.shard),
                    reason: "no such shard".into(),
                })?;
                let bytes = fetch.fetch(&name)?;
                self.load(need, &bytes)?;
            }
        }
    }

    /// [`Searcher::search`], fetching what it needs.
    pub fn search(
        &mut self,
        fetch: &mut dyn Fetch,
        q: &Query,
        opts: &SearchOptions,
    ) -> Result<Results, ShardError> {
        self.resolve(fetch, |index| Searcher::new(index).search(q, opts))
    }

    /// [`Searcher::snippets`], fetching the article's text.
    pub fn snippets(
        &mut self,
        fetch: &mut dyn Fetch,
        doc: usize,
        needles: &[String],
        max: usize,
        width: usize,
    ) -> Result<Vec<Snippet>, ShardError> {
        self.resolve(fetch, |index| {
            Searcher::new(index).snippets(doc, needles, max, width)
        })
    }
}

#[cfg(test)]
mod tests;
