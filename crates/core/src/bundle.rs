//! The build step of a collection (native, and in the import worker with feature `import`): parse every file, trim jieba's dictionary to
//! the words that occur in the collection, index it and pack the index. The app's `build.rs`
//! runs [`bundle`] and embeds its output; the app's tests run it again and compare.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::corpus::SourceFile;
use crate::index::{self, Index, pack};
use crate::parse;
use crate::text::aliases::AliasTable;
use crate::text::background::Background;
use crate::text::{self, Analyzer, Dictionary, TextError, names};

/// A word that never occurs in text (a private-use character): carries the frequency of every
/// dictionary word the collection does not contain.
pub const PLACEHOLDER: &str = "\u{F8FF}";

/// What a collection is built into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The dictionary trimmed to the collection (see [`trim_dictionary`]).
    pub dictionary: String,
    /// The packed index ([`pack::pack`]), failures included.
    pub pack: Vec<u8>,
}

/// Parses, indexes and packs `files`, segmenting with `full_dict` (jieba's dictionary, in its
/// format) trimmed to the collection: the cuts are those of the whole dictionary. Keywords are
/// scored against jieba's IDF table ([`Background::Jieba`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn bundle(files: &[SourceFile], full_dict: &str) -> Result<Bundle, TextError> {
    bundle_with(files, full_dict, Some(&Background::Jieba))
}

/// [`bundle`] with a table of name variants (the curated `data/aliases.tsv` merged with the
/// collection's own, see [`AliasTable::merged`]): the entities that occur in the collection
/// are packed with its index, and their forms found in it are added to the segmenter.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundle_aliased(
    files: &[SourceFile],
    full_dict: &str,
    aliases: &AliasTable,
) -> Result<Bundle, TextError> {
    bundle_full(files, full_dict, Some(&Background::Jieba), aliases)
}

/// [`bundle`] with keywords scored against `background`, or against the collection if none.
pub fn bundle_with(
    files: &[SourceFile],
    full_dict: &str,
    background: Option<&Background>,
) -> Result<Bundle, TextError> {
    bundle_full(files, full_dict, background, &AliasTable::default())
}

fn bundle_full(
    files: &[SourceFile],
    full_dict: &str,
    background: Option<&Background>,
    aliases: &AliasTable,
) -> Result<Bundle, TextError> {
    let built = build_full(files, full_dict, background, aliases)?;
    let pack = pack::pack(&built.index, &built.failures);
    Ok(Bundle {
        dictionary: built.dictionary,
        pack,
    })
}

/// A collection indexed as [`bundle_aliased`] indexes it, before packing: what the shard
/// writer ([`crate::shard::write`]) writes.
pub struct Built {
    pub index: Index,
    /// The dictionary trimmed to the collection, which the index's segmenter was built from.
    pub dictionary: String,
    pub failures: Vec<parse::Failure>,
}

/// [`bundle_aliased`] without the pack.
#[cfg(not(target_arch = "wasm32"))]
pub fn build(
    files: &[SourceFile],
    full_dict: &str,
    aliases: &AliasTable,
) -> Result<Built, TextError> {
    build_full(files, full_dict, Some(&Background::Jieba), aliases)
}

fn build_full(
    files: &[SourceFile],
    full_dict: &str,
    background: Option<&Background>,
    aliases: &AliasTable,
) -> Result<Built, TextError> {
    let collection = parse::parse_all_converted(
        files
            .iter()
            .map(|f| (f.path.as_str(), &*f.bytes, f.converted_from)),
    );
    build_parsed(collection, full_dict, background, aliases, true)
}

/// [`build`] of a collection parsed already, for the shard writer: `dossier shard` parses
/// the files as it reads them, so that their bytes are never all in memory at once. The index
/// keeps per-character sets, not grams (about 11 KB an article), since the writer counts the
/// grams itself, a batch of shards at a time.
#[cfg(not(target_arch = "wasm32"))]
pub fn build_for_shards(
    collection: parse::Collection,
    full_dict: &str,
    aliases: &AliasTable,
) -> Result<Built, TextError> {
    build_parsed(
        collection,
        full_dict,
        Some(&Background::Jieba),
        aliases,
        false,
    )
}

/// [`build`] of a parsed collection, its index with grams if `grams` (see
/// [`Index::build_full`]).
fn build_parsed(
    collection: parse::Collection,
    full_dict: &str,
    background: Option<&Background>,
    aliases: &AliasTable,
    grams: bool,
) -> Result<Built, TextError> {
    let texts: Vec<String> = collection
        .articles
        .iter()
        .map(|a| text::fold(&index::field_pieces(a).concat().join("\n")))
        .collect();
    let dictionary = trim_dictionary(full_dict, &texts);
    let (aliases, found) = aliases.prepare(&texts, names::discover(&collection.articles));
    drop(texts);
    let analyzer = Analyzer::new(&Dictionary::Words(&dictionary), &found)?;
    let index = Index::build_full(
        collection.articles,
        analyzer,
        found,
        background,
        aliases,
        &[],
        grams,
    );
    Ok(Built {
        index,
        dictionary,
        failures: collection.failures,
    })
}

/// Keeps the lines of `dict` whose word occurs in one of `texts` (folded), then a
/// [`PLACEHOLDER`] line so that the total frequency equals the whole dictionary's: jieba's
/// cut of those texts is then exactly the one the whole dictionary gives.
pub fn trim_dictionary(dict: &str, texts: &[String]) -> String {
    let entries: Vec<(&str, u64, &str)> = dict
        .lines()
        .filter_map(|line| {
            let mut it = line.split_whitespace();
            let word = it.next()?;
            let freq = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            Some((word, freq, line))
        })
        .collect();
    let total: u64 = entries.iter().map(|e| e.1).sum();

    // A DFA natively (fastest); in the import worker the default automaton, which takes a
    // fraction of the DFA's memory and time to build.
    let kind = if cfg!(target_arch = "wasm32") {
        None
    } else {
        Some(aho_corasick::AhoCorasickKind::DFA)
    };
    let matcher = aho_corasick::AhoCorasick::builder()
        .kind(kind)
        .build(entries.iter().map(|e| e.0))
        .or_else(|_| aho_corasick::AhoCorasick::new(entries.iter().map(|e| e.0)))
        .expect("dictionary words build an automaton");
    let mut seen = vec![false; entries.len()];
    for text in texts {
        for m in matcher.find_overlapping_iter(text.as_str()) {
            seen[m.pattern().as_usize()] = true;
        }
    }
    // A word listed twice counts once, with its last frequency (as jieba's loader does).
    let mut kept: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if seen[i] {
            kept.insert(e.0, (i, e.1));
        }
    }
    let mut order: Vec<usize> = kept.values().map(|v| v.0).collect();
    order.sort_unstable();
    let kept_total: u64 = kept.values().map(|v| v.1).sum();

    let mut out = String::new();
    for i in order {
        out.push_str(entries[i].2);
        out.push('\n');
    }
    writeln!(out, "{PLACEHOLDER} {} x", total - kept_total).expect("write to String");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_keeps_words_in_the_texts_and_the_total() {
        let dict = "北约 100 nt\n东扩 20 v\n普京 50 nr\n北约 120 nt\n";
        let out = trim_dictionary(dict, &["北约不会东扩".to_owned()]);
        assert_eq!(
            out,
            format!("东扩 20 v\n北约 120 nt\n{PLACEHOLDER} 150 x\n")
        );
    }
}
