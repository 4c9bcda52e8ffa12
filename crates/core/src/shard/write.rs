//! The shard writer (native only): an [`Index`] as the files of [`super`].

use serde::Serialize;

use super::{
    Catalogue, Kind, MANIFEST, Manifest, VERSION, file_name, gram_shard, hash, stub, term_shard,
};
use crate::index::{Index, Postings};
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
}

impl Default for Options {
    fn default() -> Options {
        Options {
            shard_bytes: 8 * 1024,
            text_bytes: 4 * 1024,
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
/// postings (a synthetic one) would otherwise get mostly empty shards.
const MIN_KEYS_PER_SHARD: usize = 4;

/// How many shards `items` make at `target` bytes each (at least one, and at most one per
/// [`MIN_KEYS_PER_SHARD`] items).
fn count(items: &[(u32, Vec<u8>)], target: usize) -> usize {
    let total: usize = items.iter().map(|(_, b)| b.len()).sum();
    total
        .div_ceil(target.max(1))
        .min(items.len().div_ceil(MIN_KEYS_PER_SHARD))
        .max(1)
}

/// The files of `index` (built with `dictionary`, whose build failed on `failures`), as
/// `(name, bytes)`: the manifest first.
pub fn write(
    index: &Index,
    dictionary: &str,
    failures: &[Failure],
    opts: &Options,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();

    // Terms: each (word, postings) serialized once, then grouped by shard.
    let mut terms: Vec<(&str, &Postings)> = index
        .terms()
        .filter_map(|t| index.postings(t).map(|p| (t, p)))
        .collect();
    terms.sort_unstable_by_key(|(t, _)| *t);
    let mut items: Vec<(u32, Vec<u8>)> = terms
        .iter()
        .map(|(t, p)| {
            (
                0,
                postcard::to_allocvec(&(*t, *p)).expect("postings serialize"),
            )
        })
        .collect();
    let n_terms = count(&items, opts.shard_bytes);
    for ((t, _), item) in terms.iter().zip(&mut items) {
        item.0 = term_shard(t, n_terms as u32);
    }
    let term_files = shards_of(items, n_terms);

    // Grams, likewise.
    let mut keys: Vec<(&u64, &Postings)> = index.grams().iter().collect();
    keys.sort_unstable_by_key(|(k, _)| **k);
    let mut items: Vec<(u32, Vec<u8>)> = keys
        .iter()
        .map(|(k, p)| {
            (
                0,
                postcard::to_allocvec(&(**k, *p)).expect("postings serialize"),
            )
        })
        .collect();
    drop(keys);
    let n_grams = count(&items, opts.shard_bytes);
    for item in &mut items {
        let key: u64 = postcard::take_from_bytes(&item.1)
            .expect("written just above")
            .0;
        item.0 = gram_shard(key, n_grams as u32);
    }
    let gram_files = shards_of(items, n_grams);

    // Texts: consecutive articles, about `text_bytes` each.
    let articles: Vec<Vec<u8>> = index
        .articles()
        .iter()
        .map(|a| postcard::to_allocvec(a).expect("articles serialize"))
        .collect();
    let total: usize = articles.iter().map(Vec::len).sum();
    let chunk = (opts.text_bytes * articles.len().max(1) / total.max(1)).max(1);
    let text_files = shards_of(
        articles
            .into_iter()
            .enumerate()
            .map(|(doc, bytes)| ((doc / chunk) as u32, bytes))
            .collect(),
        index.len().div_ceil(chunk),
    );

    let mut shards: [Vec<u64>; 3] = Default::default();
    for (kind, list) in [
        (Kind::Terms, term_files),
        (Kind::Grams, gram_files),
        (Kind::Texts, text_files),
    ] {
        for (n, bytes) in list.into_iter().enumerate() {
            let h = hash(&bytes);
            shards[kind as usize].push(h);
            files.push((
                file_name(&format!("{}-{n}", kind.prefix()), h, "bin"),
                bytes,
            ));
        }
    }

    let catalogue = encode(&Catalogue {
        avg_len: *index.avg_len(),
        names: index.names().to_vec(),
        facets: crate::index::Facet::ALL
            .iter()
            .map(|&k| index.facet(k).clone())
            .collect(),
        months: index.months().clone(),
        failures: failures.to_vec(),
        groups: index.groups().lists().to_vec(),
        aliases: index.aliases().to_packed(),
        articles: index.articles().iter().map(stub).collect(),
        lens: index.docs().iter().map(|d| d.len).collect(),
        chunk: chunk as u32,
        shards,
    });
    let catalogue_hash = hash(&catalogue);
    files.push((file_name("catalogue", catalogue_hash, "bin"), catalogue));
    let dictionary_hash = hash(dictionary.as_bytes());
    files.push((
        file_name("dictionary", dictionary_hash, "txt"),
        dictionary.as_bytes().to_vec(),
    ));
    let manifest = encode(&Manifest {
        catalogue: catalogue_hash,
        dictionary: dictionary_hash,
        docs: index.len() as u32,
    });
    files.insert(0, (MANIFEST.to_owned(), manifest));
    files
}
