//! The character-gram index: for every character and every pair of adjacent characters of the
//! folded field texts, the (document, field) pairs holding it with how often it occurs there.
//!
//! It answers substring questions without reading text:
//!
//! - a needle of one or two characters: its gram's postings *are* its occurrences per field,
//!   exactly what counting it in the folded texts gives (two equal characters count as
//!   `memchr` counts them, without overlaps: 哈哈哈 holds 哈哈 once);
//! - a longer needle: only documents holding every pair of its characters can contain it
//!   ([`intersect_fields`]), and only those are read; an index assembled from shards, which
//!   has no texts to read, counts it from its pairs' positions instead ([`super::positions`]).
//!
//! Every character is indexed (Han, Latin, digits, punctuation, the newline that joins the
//! pieces of a field), so these answers hold for any needle, not only Chinese ones. The grams
//! are rebuilt from the folded texts wherever those are (the build, the pack's unpacker) and
//! are shipped as shards where they are not (see [`crate::shard`]).

use rustc_hash::FxHashMap;

use super::{DocSet, Field, Postings};

/// A gram's key: one character (`second` absent) or two. Characters take 21 bits.
pub fn key(first: char, second: Option<char>) -> u64 {
    (first as u64) << 22 | second.map_or(0, |c| c as u64 + 1)
}

/// The gram of `needle` if it is one or two characters long.
pub fn key_of(needle: &str) -> Option<u64> {
    let mut chars = needle.chars();
    let first = chars.next()?;
    let second = chars.next();
    chars.next().is_none().then(|| key(first, second))
}

/// The text of a gram key (one or two characters); `None` for a key no character makes.
pub fn text_of(key: u64) -> Option<String> {
    let first = char::from_u32(u32::try_from(key >> 22).ok()?)?;
    let low = (key & ((1 << 22) - 1)) as u32;
    let mut s = String::from(first);
    if low > 0 {
        s.push(char::from_u32(low - 1)?);
    }
    Some(s)
}

/// The pairs of adjacent characters of `needle`, each once, as keys (a needle is short: no
/// sort, which would be one more instance of it in the wasm).
pub fn pairs(needle: &str) -> Vec<u64> {
    let chars: Vec<char> = needle.chars().collect();
    let mut keys: Vec<u64> = Vec::with_capacity(chars.len());
    for w in chars.windows(2) {
        let k = key(w[0], Some(w[1]));
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// The grams of a collection, by key.
pub type Grams = FxHashMap<u64, Postings>;

/// The bit of a key ([`key`] takes 43 bits) that names the part of a gram's postings in the
/// documents where its text is also a whole word, for the sharded index, which keeps a gram's
/// postings in two parts: those documents, and the rest (under the gram's own key). A search
/// for a word reads its word's postings and only the rest of its gram's.
pub const WHOLE: u64 = 1 << 62;

/// A gram's postings: one list, or two parts of disjoint documents (see [`WHOLE`]), each
/// ascending. Reads as the one list they make together.
#[derive(Debug, Clone, Copy, Default)]
pub struct GramPostings<'a> {
    pub parts: [Option<&'a Postings>; 2],
}

impl<'a> GramPostings<'a> {
    /// Whether no document holds the gram.
    pub fn is_none(&self) -> bool {
        self.parts.iter().all(|p| p.is_none_or(|p| p.is_empty()))
    }

    /// `(doc, field, occurrences)` of every posting of both parts, in document order.
    pub fn counts(&self) -> impl Iterator<Item = (usize, Field, u32)> + 'a {
        let [a, b] = self.parts;
        let mut a = a.into_iter().flat_map(|p| p.counts()).peekable();
        let mut b = b.into_iter().flat_map(|p| p.counts()).peekable();
        std::iter::from_fn(move || match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if (y.0, y.1 as usize) < (x.0, x.1 as usize) => b.next(),
            (Some(_), _) => a.next(),
            _ => b.next(),
        })
    }

    /// Whether `doc` holds the gram.
    pub fn has_doc(&self, doc: usize) -> bool {
        self.parts.iter().flatten().any(|p| has_doc(p, doc))
    }

    /// The one list (a copy when there are two parts).
    pub fn joined(&self) -> Option<std::borrow::Cow<'a, Postings>> {
        match self.parts {
            [None, None] => None,
            [Some(p), None] | [None, Some(p)] => Some(std::borrow::Cow::Borrowed(p)),
            [Some(_), Some(_)] => {
                let mut out = Postings::default();
                for (doc, field, n) in self.counts() {
                    out.push(doc as u32, field, n);
                }
                Some(std::borrow::Cow::Owned(out))
            }
        }
    }
}

/// Counts the grams of `text` (a folded field text) that `keep` keeps into `counts` (cleared
/// first): every character, and every pair of adjacent characters, two equal ones without
/// overlaps.
pub fn count_field(text: &str, counts: &mut FxHashMap<u64, u32>, keep: impl Fn(u64) -> bool) {
    counts.clear();
    let mut count = |k: u64| {
        if keep(k) {
            *counts.entry(k).or_default() += 1;
        }
    };
    let mut prev: Option<char> = None;
    // Length of the run of equal characters ending at the current one.
    let mut run = 0u32;
    for c in text.chars() {
        count(key(c, None));
        match prev {
            Some(p) if p == c => {
                run += 1;
                // Without overlaps: the 2nd, 4th, … character of a run ends a match.
                if run.is_multiple_of(2) {
                    count(key(p, Some(c)));
                }
            }
            Some(p) => {
                run = 1;
                count(key(p, Some(c)));
            }
            None => run = 1,
        }
        prev = Some(c);
    }
}

/// Builds [`Grams`], one field of one document after another (documents ascending, a
/// document's fields in [`super::FIELDS`] order, as postings are kept).
#[derive(Default)]
pub struct GramBuilder {
    pub grams: Grams,
    /// The counts of the field being read, reused.
    counts: FxHashMap<u64, u32>,
    /// The grams kept (all if `None`): the shard writer builds a batch of shards at a time.
    keep: Option<Box<dyn Fn(u64) -> bool>>,
}

impl GramBuilder {
    /// A builder of only the grams `keep` keeps.
    pub fn keeping(keep: impl Fn(u64) -> bool + 'static) -> GramBuilder {
        GramBuilder {
            keep: Some(Box::new(keep)),
            ..GramBuilder::default()
        }
    }

    /// Counts the grams of `text`, the folded text of `field` of `doc`.
    pub fn add_field(&mut self, doc: usize, field: Field, text: &str) {
        // Without a filter, nothing is called per character (the build's hot loop).
        match &self.keep {
            Some(keep) => count_field(text, &mut self.counts, keep.as_ref()),
            None => count_field(text, &mut self.counts, |_| true),
        }
        for (&k, &n) in self.counts.iter() {
            self.grams.entry(k).or_default().push(doc as u32, field, n);
        }
    }

    pub fn finish(mut self) -> Grams {
        for p in self.grams.values_mut() {
            p.shrink_to_fit();
        }
        self.grams.shrink_to_fit();
        self.grams
    }
}

/// The documents of a postings list, ascending, each once.
pub fn docs_of(postings: &Postings) -> impl Iterator<Item = usize> + '_ {
    let mut last = usize::MAX;
    postings
        .counts()
        .map(|(doc, _, _)| doc)
        .filter(move |&doc| std::mem::replace(&mut last, doc) != doc)
}

/// Whether `doc` has a posting in `postings` (a binary search).
pub fn has_doc(postings: &Postings, doc: usize) -> bool {
    let first = (doc as u32) << super::FIELD_BITS;
    let at = postings.entries.partition_point(|&e| e < first);
    postings
        .entries
        .get(at)
        .is_some_and(|&e| Postings::doc_of(e) == doc)
}

/// A document and the fields (bit `1 << field`) that may hold a needle.
pub type FieldMask = (u32, u8);

/// The documents and fields of one postings list.
fn masks(postings: &Postings) -> Vec<FieldMask> {
    let mut out: Vec<FieldMask> = Vec::new();
    for &e in &postings.entries {
        let (doc, field) = (Postings::doc_of(e) as u32, Postings::field_of(e));
        match out.last_mut() {
            Some(last) if last.0 == doc => last.1 |= 1 << field,
            _ => out.push((doc, 1 << field)),
        }
    }
    out
}

/// The documents and fields holding every one of `lists` (each list's fields ANDed): a
/// merge along the lists, starting from the shortest.
pub fn intersect_fields(lists: &[&Postings]) -> Vec<FieldMask> {
    let mut lists = lists.to_vec();
    // The shortest first (the order of the rest does not matter).
    if let Some(shortest) = (0..lists.len()).min_by_key(|&i| lists[i].len()) {
        lists.swap(0, shortest);
    }
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    let mut acc = masks(first);
    for list in rest {
        let mut at = 0;
        let entries = &list.entries;
        acc.retain_mut(|(doc, mask)| {
            let first = *doc << super::FIELD_BITS;
            // Both ascend: gallop past the entries of earlier documents.
            while at < entries.len() && entries[at] < first {
                at += 1;
            }
            let mut fields = 0u8;
            while at < entries.len() && Postings::doc_of(entries[at]) == *doc as usize {
                fields |= 1 << Postings::field_of(entries[at]);
                at += 1;
            }
            *mask &= fields;
            *mask != 0
        });
    }
    acc
}

/// The documents holding every one of `lists`; every document when there are none.
pub fn intersect_docs(lists: &[&Postings], n_docs: usize) -> DocSet {
    if lists.is_empty() {
        return DocSet::full(n_docs);
    }
    let mut set = DocSet::default();
    for (doc, _) in intersect_fields(lists) {
        set.insert(doc as usize);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::FIELDS;

    fn counts(text: &str) -> FxHashMap<String, u32> {
        let mut b = GramBuilder::default();
        b.add_field(0, Field::Body, text);
        b.finish()
            .into_iter()
            .map(|(k, p)| (text_of(k).unwrap(), p.counts().next().unwrap().2))
            .collect()
    }

    fn memchr_count(text: &str, needle: &str) -> u32 {
        memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()).count() as u32
    }

    #[test]
    fn keys_round_trip() {
        for s in ["a", "ab", "北约", "\n", "𠀀a", "\u{10FFFF}\u{10FFFF}"] {
            let k = key_of(s).unwrap();
            assert_eq!(text_of(k).as_deref(), Some(s));
        }
        assert_eq!(key_of(""), None);
        assert_eq!(key_of("abc"), None);
        assert_eq!(text_of(u64::MAX), None);
        assert_ne!(key('a', None), key('a', Some('\0')));
    }

    #[test]
    fn counts_are_non_overlapping_occurrences() {
        let text = "哈哈哈哈哈 北约北约，约北 aaa";
        let c = counts(text);
        for needle in ["哈", "哈哈", "北约", "约北", "aa", "a", " ", "，约"] {
            assert_eq!(c[needle], memchr_count(text, needle), "{needle}");
        }
        assert!(!c.contains_key("约约"));
    }

    #[test]
    fn postings_follow_documents_and_fields() {
        let mut b = GramBuilder::default();
        b.add_field(0, Field::Title, "北约");
        b.add_field(0, Field::Body, "北约东扩北约");
        b.add_field(3, Field::Tags, "北约");
        let g = b.finish();
        let p = &g[&key_of("北约").unwrap()];
        assert_eq!(
            p.counts().collect::<Vec<_>>(),
            [
                (0, Field::Title, 1),
                (0, Field::Body, 2),
                (3, Field::Tags, 1)
            ]
        );
        assert_eq!(docs_of(p).collect::<Vec<_>>(), [0, 3]);
        assert!(has_doc(p, 3) && has_doc(p, 0) && !has_doc(p, 1) && !has_doc(p, 4));
        let q = &g[&key_of("东扩").unwrap()];
        assert_eq!(intersect_docs(&[p, q], 4).iter().collect::<Vec<_>>(), [0]);
        assert_eq!(intersect_docs(&[], 4).iter().count(), 4);
        assert_eq!(intersect_fields(&[p, q]), [(0, 1 << Field::Body as u8)]);
        assert_eq!(
            intersect_fields(&[p]),
            [
                (0, 1 << Field::Title as u8 | 1 << Field::Body as u8),
                (3, 1 << Field::Tags as u8)
            ]
        );
        assert_eq!(FIELDS.len(), 7);
    }

    #[test]
    fn two_parts_read_as_one_list() {
        let mut b = GramBuilder::default();
        b.add_field(0, Field::Title, "北约");
        b.add_field(1, Field::Body, "北约北约");
        b.add_field(2, Field::Title, "北约");
        b.add_field(2, Field::Tags, "北约");
        let all = b.finish().remove(&key_of("北约").unwrap()).unwrap();
        let (mut odd, mut even) = (Postings::default(), Postings::default());
        for (doc, field, n) in all.counts() {
            [&mut even, &mut odd][doc % 2].push(doc as u32, field, n);
        }
        let two = GramPostings {
            parts: [Some(&odd), Some(&even)],
        };
        assert_eq!(
            two.counts().collect::<Vec<_>>(),
            all.counts().collect::<Vec<_>>()
        );
        assert_eq!(*two.joined().unwrap(), all);
        assert!(two.has_doc(1) && two.has_doc(2) && !two.has_doc(3));
        let one = GramPostings {
            parts: [None, Some(&all)],
        };
        assert_eq!(*one.joined().unwrap(), all);
        assert!(!one.is_none() && GramPostings::default().is_none());
        assert!(GramPostings::default().joined().is_none());
    }

    #[test]
    fn pairs_are_distinct() {
        assert_eq!(pairs("哈哈哈").len(), 1);
        assert_eq!(pairs("北约东扩").len(), 3);
        assert!(pairs("北").is_empty());
    }

    /// Property, over random texts of a small alphabet (so that needles recur, overlap and
    /// repeat characters): a needle of one or two characters is counted exactly as `memchr`
    /// counts it in every field, and a longer one is in no field [`intersect_fields`] leaves
    /// out (the grams narrow, never lose a match).
    #[test]
    fn grams_count_short_needles_and_never_lose_a_long_one() {
        const ALPHABET: [char; 7] = ['北', '约', '东', '扩', 'a', ' ', '\n'];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..200 {
            let docs: Vec<[String; 2]> = (0..1 + next(6))
                .map(|_| {
                    [0, 1].map(|_| {
                        (0..next(40))
                            .map(|_| ALPHABET[next(ALPHABET.len())])
                            .collect()
                    })
                })
                .collect();
            let mut b = GramBuilder::default();
            for (doc, fields) in docs.iter().enumerate() {
                b.add_field(doc, Field::Title, &fields[0]);
                b.add_field(doc, Field::Body, &fields[1]);
            }
            let grams = b.finish();
            for _ in 0..20 {
                let needle: String = (0..1 + next(4))
                    .map(|_| ALPHABET[next(ALPHABET.len())])
                    .collect();
                let lists: Option<Vec<&Postings>> = match key_of(&needle) {
                    Some(k) => grams.get(&k).map(|p| vec![p]),
                    None => pairs(&needle).iter().map(|k| grams.get(k)).collect(),
                };
                let masks = lists.map(|l| intersect_fields(&l)).unwrap_or_default();
                for (doc, fields) in docs.iter().enumerate() {
                    for (i, text) in fields.iter().enumerate() {
                        let field = [Field::Title, Field::Body][i];
                        let count = memchr_count(text, &needle);
                        let allowed = masks
                            .iter()
                            .any(|&(d, m)| d as usize == doc && m & 1 << field as u8 != 0);
                        assert!(count == 0 || allowed, "{needle:?} lost in {text:?}");
                        if let Some(k) = key_of(&needle) {
                            let counted = grams.get(&k).map_or(0, |p| {
                                p.counts()
                                    .find(|&(d, f, _)| d == doc && f == field)
                                    .map_or(0, |c| c.2)
                            });
                            assert_eq!(counted, count, "{needle:?} in {text:?}");
                        }
                    }
                }
            }
        }
    }
}
