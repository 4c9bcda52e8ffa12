//! The shard writer (native only): an [`Index`] as the files of [`super`].

use std::ops::Range;

use serde::Serialize;

use super::{
    CATALOGUE_FRAME, Catalogue, Kind, MANIFEST, Manifest, Part, VERSION, file_name, gram_shard,
    hash, positions_shard, stub, term_shard,
};
use crate::index::{FIELDS, Field, Index, Postings};
use crate::parse::Failure;

/// How the files are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The size a term or gram shard aims at, in bytes before compression: their number is
    /// their total size over this. A word or gram whose postings alone are larger makes its
    /// shard larger.
    pub shard_bytes: usize,
    /// The size a text shard aims at: consecutive articles of about this many bytes (at
    /// least one). Small, because a result page fetches the texts of its 20 snippets from
    /// wherever they are in the collection.
    pub text_bytes: usize,
    /// The bytes of grams, and of pairs' positions, counted in one pass over the folded texts
    /// (estimated before they are counted): the writer holds a batch of them at a time, about
    /// three times this. The files are the same whatever it is.
    pub batch_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            shard_bytes: 8 * 1024,
            text_bytes: 4 * 1024,
            batch_bytes: 64 << 20,
        }
    }
}

/// `(VERSION, value)`'s bytes.
fn encode(value: &impl Serialize) -> Vec<u8> {
    postcard::to_allocvec(&(VERSION, value)).expect("index values always serialize")
}

/// Items already serialized, grouped into `n` shards by `shard`, each shard written as
/// `(VERSION, Vec<item>)` (a postcard list is its length, then its items).
fn shards_of(items: Vec<(u32, Vec<u8>)>, n: usize) -> Vec<Vec<u8>> {
    let mut groups: Vec<Vec<Vec<u8>>> = vec![Vec::new(); n];
    for (shard, bytes) in items {
        groups[shard as usize].push(bytes);
    }
    groups
        .into_iter()
        .map(|items| {
            let mut out =
                postcard::to_allocvec(&(VERSION, items.len())).expect("a length always serializes");
            for item in items {
                out.extend_from_slice(&item);
            }
            out
        })
        .collect()
}

/// Keys a shard holds at least, on average: a collection with few distinct words but long
/// postings (a synthetic one) would otherwise get mostly empty shards. One: the more keys a
/// shard holds, the likelier a query's word shares its file with another's long postings (at
/// 100,000 synthetic articles, four made the median query fetch 146 KB gzip, one 122 KB).
const MIN_KEYS_PER_SHARD: usize = 1;

/// How many shards `items` make at `target` bytes each (at least one, and at most one per
/// [`MIN_KEYS_PER_SHARD`] items).
fn count(items: &[(u32, Vec<u8>)], target: usize) -> usize {
    shards_for(
        items.iter().map(|(_, b)| b.len()).sum(),
        items.len(),
        target,
    )
}

/// How many shards `keys` keys of `total` bytes make at `target` bytes each (at least one,
/// and at most one per [`MIN_KEYS_PER_SHARD`] keys).
fn shards_for(total: usize, keys: usize, target: usize) -> usize {
    total
        .div_ceil(target.max(1))
        .min(keys.div_ceil(MIN_KEYS_PER_SHARD))
        .max(1)
}

/// The consecutive ranges of `n` shards written a pass over the texts each: about `total`
/// bytes over `batch` bytes a pass, at least one pass, at most one a shard.
fn batches(total: usize, batch: usize, n: usize) -> impl Iterator<Item = Range<usize>> {
    let passes = total.div_ceil(batch.max(1)).clamp(1, n.max(1));
    (0..passes).map(move |b| n * b / passes..n * (b + 1) / passes)
}

/// Every field's folded text of every article of `index`: `(doc, field, text)`, documents
/// ascending, a document's fields in [`FIELDS`] order (as postings are kept).
fn folded_fields(index: &Index) -> impl Iterator<Item = (usize, Field, &str)> {
    index.docs().iter().enumerate().flat_map(|(doc, d)| {
        FIELDS
            .iter()
            .zip(d.folded().iter())
            .map(move |(&field, text)| (doc, field, text.as_str()))
    })
}

/// A gram's postings as the first pass over the texts sizes them.
#[derive(Debug, Default, Clone, Copy)]
struct GramSize {
    /// Its postings.
    postings: usize,
    /// Its occurrences (what positions hold).
    occurrences: usize,
    /// Its serialized bytes, about (postcard: varints, entries as deltas; in one part).
    bytes: usize,
    /// The last entry counted (for the next delta).
    last: u32,
}

/// Every gram of `index`'s folded texts, sized (see [`GramSize`]).
fn gram_sizes(index: &Index) -> rustc_hash::FxHashMap<u64, GramSize> {
    fn varint(x: u32) -> usize {
        (32 - x.leading_zeros() as usize).div_ceil(7).max(1)
    }
    let mut sizes: rustc_hash::FxHashMap<u64, GramSize> = Default::default();
    let mut counts = Default::default();
    for (doc, field, text) in folded_fields(index) {
        crate::index::grams::count_field(text, &mut counts, |_| true);
        let entry = Postings::entry(doc as u32, field);
        for (&k, &n) in counts.iter() {
            let s = sizes.entry(k).or_insert(GramSize {
                // The key and the two lists' lengths.
                bytes: 12,
                ..GramSize::default()
            });
            s.postings += 1;
            s.occurrences += n as usize;
            s.bytes += varint(entry - s.last) + varint(n);
            s.last = entry;
        }
    }
    sizes
}

/// For every word of `terms` of three or more characters with a Han one, its occurrences in
/// the fields of the documents where it is not a whole word, counted as the search counts
/// them in the folded texts (without overlaps, leftmost first): what a search for the word
/// reads instead of texts or positions ([`Index::counted_besides_word`]). All found in one
/// pass over the texts, by one Aho-Corasick automaton of all the words.
fn besides_of(index: &Index, terms: &[(&str, &Postings)]) -> Vec<Postings> {
    use aho_corasick::{AhoCorasick, MatchKind};
    let mut out = vec![Postings::default(); terms.len()];
    let long: Vec<usize> = (0..terms.len())
        .filter(|&i| {
            let t = terms[i].0;
            t.chars().count() >= 3 && t.chars().any(crate::text::is_han)
        })
        .collect();
    if long.is_empty() {
        return out;
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(long.iter().map(|&i| terms[i].0))
        .expect("an automaton of the index's words builds");
    let mut found: Vec<(u32, usize)> = Vec::new();
    for (doc, field, text) in folded_fields(index) {
        found.clear();
        found.extend(
            ac.find_overlapping_iter(text)
                .map(|m| (m.pattern().as_u32(), m.start())),
        );
        found.sort_unstable();
        for run in found.chunk_by(|a, b| a.0 == b.0) {
            let i = long[run[0].0 as usize];
            let (term, word) = terms[i];
            if crate::index::grams::has_doc(word, doc) {
                continue;
            }
            let (mut n, mut free) = (0, 0);
            for &(_, start) in run {
                if start >= free {
                    n += 1;
                    free = start + term.len();
                }
            }
            out[i].push(doc as u32, field, n);
        }
    }
    out
}

/// `postings` in the documents `word` has, and in the others.
fn split_by_docs(postings: &Postings, word: &Postings) -> (Postings, Postings) {
    let mut docs = crate::index::grams::docs_of(word).peekable();
    let (mut inside, mut outside) = (Postings::default(), Postings::default());
    for (doc, field, n) in postings.counts() {
        while docs.next_if(|&d| d < doc).is_some() {}
        let part = if docs.peek() == Some(&doc) {
            &mut inside
        } else {
            &mut outside
        };
        part.push(doc as u32, field, n);
    }
    (inside, outside)
}

/// The files of `index` (built with `dictionary`, whose build failed on `failures`), as
/// `(name, bytes)`: the manifest last.
pub fn write(
    index: &Index,
    dictionary: &str,
    failures: &[Failure],
    opts: &Options,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let collect = &mut |name: &str, bytes: Vec<u8>| {
        files.push((name.to_owned(), bytes));
        Ok(())
    };
    write_to(index, dictionary, failures, opts, collect)
        .expect("collecting into a vector never fails");
    files
}

/// [`write`], handing each file to `sink` as soon as it is made (a kind of shard at a time
/// is held in memory, not all of them), the manifest last: a reader that finds the manifest
/// finds every file it names.
pub fn write_to(
    index: &Index,
    dictionary: &str,
    failures: &[Failure],
    opts: &Options,
    sink: &mut dyn FnMut(&str, Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut shards: [Vec<u64>; 3] = Default::default();
    let mut emit = |kind: Kind, list: Vec<Vec<u8>>| -> std::io::Result<()> {
        for bytes in list {
            let n = shards[kind as usize].len();
            let h = hash(&bytes);
            shards[kind as usize].push(h);
            sink(
                &file_name(&format!("{}-{n}", kind.prefix()), h, "bin"),
                bytes,
            )?;
        }
        Ok(())
    };

    // Terms: each (word, postings) serialized once, then grouped by shard.
    let mut terms: Vec<(&str, &Postings)> = index
        .terms()
        .filter_map(|t| index.postings(t).map(|p| (t, p)))
        .collect();
    terms.sort_unstable_by_key(|(t, _)| *t);
    let besides = besides_of(index, &terms);
    let mut items: Vec<(u32, Vec<u8>)> = terms
        .iter()
        .zip(&besides)
        .map(|((t, p), b)| {
            (
                0,
                postcard::to_allocvec(&(*t, *p, b)).expect("postings serialize"),
            )
        })
        .collect();
    drop(besides);
    let n_terms = count(&items, opts.shard_bytes);
    for ((t, _), item) in terms.iter().zip(&mut items) {
        item.0 = term_shard(t, n_terms as u32);
    }
    emit(Kind::Terms, shards_of(items, n_terms))?;

    // Grams: sized in a first pass over the folded texts, then counted a batch of shards at a
    // time (a pass each), so that only a batch's postings are in memory: all of them are
    // about 11 KB an article, which at 1,000,000 articles would not fit.
    let sizes = gram_sizes(index);
    let total: usize = sizes.values().map(|s| s.bytes).sum();
    let n_grams = shards_for(total, sizes.len(), opts.shard_bytes);
    for range in batches(total, opts.batch_bytes, n_grams) {
        let shard_of = move |key: u64| gram_shard(key, n_grams as u32) as usize;
        // A gram is in two parts (below), each in the shard of its own key.
        let in_batch = {
            let range = range.clone();
            move |key: u64| {
                range.contains(&shard_of(key))
                    || range.contains(&shard_of(key | crate::index::grams::WHOLE))
            }
        };
        let mut builder = crate::index::grams::GramBuilder::keeping(in_batch);
        for (doc, field, text) in folded_fields(index) {
            builder.add_field(doc, field, text);
        }
        let grams = builder.finish();
        let mut keys: Vec<(u64, &Postings)> = grams.iter().map(|(k, p)| (*k, p)).collect();
        keys.sort_unstable_by_key(|(k, _)| *k);
        // Each in two parts: the documents where its text is also a whole word (under
        // `key | WHOLE`), and the rest (under its key); a part without documents, or in
        // another batch's shards, is left out.
        let mut items: Vec<(u32, Vec<u8>)> = Vec::with_capacity(keys.len());
        for (k, p) in &keys {
            let word = crate::index::grams::text_of(*k).and_then(|t| index.postings(&t));
            let (whole, rest) = match word {
                Some(word) => split_by_docs(p, word),
                None => (Postings::default(), (*p).clone()),
            };
            for (key, part) in [(*k, rest), (k | crate::index::grams::WHOLE, whole)] {
                if !part.is_empty() && range.contains(&shard_of(key)) {
                    items.push((
                        (shard_of(key) - range.start) as u32,
                        postcard::to_allocvec(&(key, &part)).expect("postings serialize"),
                    ));
                }
            }
        }
        drop(keys);
        drop(grams);
        emit(Kind::Grams, shards_of(items, range.len()))?;
    }

    // Positions of the pairs (see `index::positions`), after the grams' shards: computed from
    // the folded texts a batch of shards at a time, so that only a batch is in memory. Their
    // size is estimated from the pairs' postings (an entry, its count and a first offset, then
    // about two bytes an occurrence).
    let (n_pairs, estimate) = sizes
        .iter()
        .filter(|(k, _)| *k & ((1 << 22) - 1) != 0)
        .fold((0, 0), |(n, bytes), (_, s)| {
            (n + 1, bytes + s.postings * 3 + s.occurrences * 2)
        });
    drop(sizes);
    let n_positions = shards_for(estimate, n_pairs, opts.shard_bytes);
    let first = n_grams as u32;
    for range in batches(estimate, opts.batch_bytes, n_positions) {
        let shard_of =
            |key: u64| (positions_shard(key, first, n_positions as u32) - first) as usize;
        let mut builder =
            crate::index::positions::PositionsBuilder::new(|key| range.contains(&shard_of(key)));
        for (doc, field, text) in folded_fields(index) {
            builder.add_field(doc, field, text);
        }
        let items: Vec<(u32, Vec<u8>)> = builder
            .finish()
            .into_iter()
            .map(|(k, wire)| {
                let item = postcard::to_allocvec(&(k, wire)).expect("positions serialize");
                ((shard_of(k) - range.start) as u32, item)
            })
            .collect();
        emit(Kind::Grams, shards_of(items, range.len()))?;
    }

    // Texts: consecutive articles, about `text_bytes` each (sized first, then written a
    // shard at a time).
    let size = |a| postcard::to_allocvec(a).map_or(0, |b| b.len());
    let total: usize = index.articles().iter().map(size).sum();
    let chunk = (opts.text_bytes * index.len().max(1) / total.max(1)).max(1);
    for (n, articles) in index.articles().chunks(chunk).enumerate() {
        let items = articles
            .iter()
            .map(|a| (0, postcard::to_allocvec(a).expect("articles serialize")))
            .collect();
        let bytes = shards_of(items, 1).pop().expect("one shard");
        let h = hash(&bytes);
        shards[Kind::Texts as usize].push(h);
        sink(
            &file_name(&format!("{}-{n}", Kind::Texts.prefix()), h, "bin"),
            bytes,
        )?;
    }

    // The forms of the name variants that no field holds: a query skips them (see `lacks`).
    let found = index
        .aliases()
        .forms_found(folded_fields(index).map(|(_, _, text)| text));
    let mut absent: Vec<String> = (index.aliases().groups().iter())
        .flat_map(|g| &g.forms)
        .filter(|f| !found.contains(f.as_str()))
        .cloned()
        .collect();
    absent.sort_unstable();
    let mut catalogue = encode(&Catalogue {
        docs: index.len() as u32,
        avg_len: *index.avg_len(),
        names: index.names().to_vec(),
        failures: failures.to_vec(),
        aliases: index.aliases().to_packed(),
        absent,
        chunk: chunk as u32,
        shards,
        positions: n_positions as u32,
    });
    // Its parts after the head, in their order (see `CatalogueReader`).
    let mut part = |part: &Part| {
        let bytes = postcard::to_allocvec(part).expect("catalogue parts serialize");
        let len = u32::try_from(bytes.len()).expect("a part is under 4 GB");
        catalogue.extend_from_slice(&len.to_le_bytes());
        catalogue.extend_from_slice(&bytes);
    };
    for &kind in crate::index::Facet::ALL.iter() {
        part(&Part::Facet(index.facet(kind).clone()));
    }
    part(&Part::Months(index.months().clone()));
    part(&Part::Groups(index.groups().lists().to_vec()));
    let mentions = crate::timeline::mentions_of(index.articles(), 0..index.len());
    for list in mentions.chunks(CATALOGUE_FRAME * 20) {
        part(&Part::Mentions(list.to_vec()));
    }
    for (articles, docs) in index
        .articles()
        .chunks(CATALOGUE_FRAME)
        .zip(index.docs().chunks(CATALOGUE_FRAME))
    {
        part(&Part::Articles(
            articles
                .iter()
                .zip(docs)
                .map(|(a, d)| (stub(a), d.len))
                .collect(),
        ));
    }
    let catalogue_hash = hash(&catalogue);
    sink(&file_name("catalogue", catalogue_hash, "bin"), catalogue)?;
    let dictionary_hash = hash(dictionary.as_bytes());
    sink(
        &file_name("dictionary", dictionary_hash, "txt"),
        dictionary.as_bytes().to_vec(),
    )?;
    let manifest = encode(&Manifest {
        catalogue: catalogue_hash,
        dictionary: dictionary_hash,
        docs: index.len() as u32,
    });
    sink(MANIFEST, manifest)
}
