//! The facets of the collection and their interned tables.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::DocSet;
use super::pack::PackError;
use crate::text::{self, entities::Kind};

/// The facets of an article: values the index interns for filtering and counting. Their keys
/// are the prefixes of the query language's filters (`tag:北约`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Tag,
    /// The outlet.
    Source,
    /// The byline.
    Author,
    Person,
    Place,
    Org,
    /// The words that most set an article apart (TF-IDF over the collection).
    Keyword,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Tag,
        Facet::Source,
        Facet::Author,
        Facet::Person,
        Facet::Place,
        Facet::Org,
        Facet::Keyword,
    ];

    /// The query-language prefix (without the colon).
    pub fn key(self) -> &'static str {
        match self {
            Facet::Tag => "tag",
            Facet::Source => "source",
            Facet::Author => "author",
            Facet::Person => "person",
            Facet::Place => "place",
            Facet::Org => "org",
            Facet::Keyword => "keyword",
        }
    }

    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(key))
    }
}

impl From<Kind> for Facet {
    fn from(kind: Kind) -> Facet {
        match kind {
            Kind::Person => Facet::Person,
            Kind::Place => Facet::Place,
            Kind::Org => Facet::Org,
        }
    }
}

/// Number of facet kinds ([`Facet::ALL`]).
pub const N_KINDS: usize = Facet::ALL.len();

/// The values of one facet and which articles have them, interned: counting a facet over ten
/// thousand results is then a few increments in small arrays (it used to be most of a query).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FacetTable {
    /// Distinct values, distinct folded too ([`text::fold`]: 看中国 and 看中國 are one value).
    /// Shared: a search's counts name twenty thousand tags without copying them.
    pub values: Vec<Arc<str>>,
    /// Each value folded, what filters compare (not packed: rebuilt by [`FacetTable::validate`]).
    #[serde(skip)]
    pub(super) folded: Vec<String>,
    /// Each value's place in sorted order, so results sort by integers.
    pub(super) rank: Vec<u32>,
    /// Article `doc`'s values are `ids[starts[doc]..starts[doc + 1]]`, each once.
    pub(super) starts: Vec<u32>,
    pub(super) ids: Vec<u32>,
    /// How many articles have each value (made when first counted over a large set).
    #[serde(skip)]
    totals: OnceLock<Vec<u32>>,
    /// The value ids in rank order, made the first time a count needs them.
    #[serde(skip)]
    by_rank: OnceLock<Vec<u32>>,
    /// The values many articles have as bitmaps, the others by article: made by
    /// [`FacetTable::prepare`] (or a test).
    #[serde(skip)]
    split: OnceLock<Split>,
}

/// A value is [`Split::frequent`] when at least one article in this many has it.
const FREQUENT: usize = 32;

/// Article `doc`'s ids in a table of them by article: `ids[starts[doc]..starts[doc + 1]]`.
fn of_article<'t>(starts: &[u32], ids: &'t [u32], doc: usize) -> &'t [u32] {
    match (starts.get(doc), starts.get(doc + 1)) {
        (Some(&a), Some(&b)) => &ids[a as usize..b as usize],
        _ => &[],
    }
}

/// A facet table split for counting large sets: the values at least one article in
/// [`FREQUENT`] has (at 100,000 synthetic articles, 177 values of the 21,127, which hold 90 %
/// of the articles' values), each as a bitmap of its articles, counted over a set's bitmap with
/// bit counts (1,563 words a value); the other values per article, counted one by one.
#[derive(Debug, Clone, Default)]
struct Split {
    /// Per frequent value: its id, and a bit per article, set for those that have it.
    frequent: Vec<(u32, Vec<u64>)>,
    /// Article `doc`'s other values are `ids[starts[doc]..starts[doc + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

/// Articles to count facets over ([`FacetTable::count`]). A set holding more than half the
/// collection is counted by the articles outside it, fewer to count: every value's count is
/// its total less theirs (the empty query's 100,000 results are then no increments at all).
/// A smaller one is counted in the order of the articles, not the order given (results come
/// by relevance): the tables are read front to back instead of at random (about half the
/// time at 100,000 articles).
pub struct Counted<'a> {
    docs: &'a [usize],
    /// The set as a bitmap, when its articles are distinct and in the collection.
    member: Option<DocSet>,
    /// The set's articles ascending, when it is counted by them.
    ascending: Option<Vec<usize>>,
    outside: Option<Vec<usize>>,
}

impl<'a> Counted<'a> {
    /// `docs`: articles of a collection of `n`.
    pub fn new(docs: &'a [usize], n: usize) -> Counted<'a> {
        let (mut ascending, mut outside) = (None, None);
        // Repeats or articles outside the collection: counted one by one, as given.
        let member = DocSet::of_distinct(docs, n);
        if let Some(member) = &member {
            if docs.len() * 2 > n {
                outside = Some((0..n).filter(|&d| !member.contains(d)).collect());
            } else {
                ascending = Some(member.iter().collect());
            }
        }
        Counted {
            docs,
            member,
            ascending,
            outside,
        }
    }

    /// The articles of the set.
    pub fn docs(&self) -> &'a [usize] {
        self.docs
    }
}

impl FacetTable {
    /// Interns per-article value lists (each without repeats).
    pub(super) fn new(values: Vec<String>, per_doc: impl Iterator<Item = Vec<u32>>) -> FacetTable {
        let mut order: Vec<u32> = (0..values.len() as u32).collect();
        order.sort_by(|&a, &b| values[a as usize].cmp(&values[b as usize]));
        let mut rank = vec![0; values.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let (mut starts, mut ids) = (vec![0], Vec::new());
        for list in per_doc {
            ids.extend(list);
            starts.push(ids.len() as u32);
        }
        FacetTable {
            folded: values.iter().map(|v| text::fold(v)).collect(),
            values: values.into_iter().map(Arc::from).collect(),
            rank,
            starts,
            ids,
            totals: OnceLock::new(),
            by_rank: OnceLock::new(),
            split: OnceLock::new(),
        }
    }

    /// Checks, for a table read from a pack of `docs` articles, what [`FacetTable::of`],
    /// [`FacetTable::count`] and [`FacetTable::find`] rely on and [`FacetTable::new`] makes
    /// so: one start per article and one more, ascending from 0 to the number of ids; every id
    /// a value's, once per article; distinct values, distinct folded; `rank` their sorted
    /// order. Folds the values for [`FacetTable::find`].
    pub(super) fn validate(&mut self, docs: usize) -> Result<(), PackError> {
        if self.starts.len().checked_sub(1) != Some(docs) {
            return Err(PackError::Count {
                what: "facet starts",
                found: self.starts.len(),
                expected: docs.saturating_add(1),
            });
        }
        if self.starts.first() != Some(&0)
            || self.starts.last().map(|&s| s as usize) != Some(self.ids.len())
        {
            return Err(PackError::OutOfRange {
                what: "facet starts",
            });
        }
        if !self.starts.is_sorted() {
            return Err(PackError::Unordered {
                what: "facet starts",
            });
        }
        if self.rank.len() != self.values.len() {
            return Err(PackError::Count {
                what: "facet ranks",
                found: self.rank.len(),
                expected: self.values.len(),
            });
        }
        self.folded = self.values.iter().map(|v| text::fold(v)).collect();
        self.totals = OnceLock::new();
        self.by_rank = OnceLock::new();
        self.split = OnceLock::new();
        let mut distinct = rustc_hash::FxHashSet::default();
        if !self.folded.iter().all(|f| distinct.insert(f.as_str())) {
            return Err(PackError::Duplicate {
                what: "facet value (folded)",
            });
        }
        // The values in rank order, which must ascend.
        let mut order = vec![u32::MAX; self.values.len()];
        for (id, &r) in self.rank.iter().enumerate() {
            let slot = order
                .get_mut(r as usize)
                .ok_or(PackError::OutOfRange { what: "facet rank" })?;
            if *slot != u32::MAX {
                return Err(PackError::Duplicate { what: "facet rank" });
            }
            *slot = id as u32;
        }
        if !order
            .windows(2)
            .all(|w| self.values[w[0] as usize] < self.values[w[1] as usize])
        {
            return Err(PackError::Unordered {
                what: "facet values by rank",
            });
        }
        // The last article each value was seen in.
        let mut seen = vec![usize::MAX; self.values.len()];
        for (doc, span) in self.starts.windows(2).enumerate() {
            for &id in &self.ids[span[0] as usize..span[1] as usize] {
                let last = seen.get_mut(id as usize).ok_or(PackError::OutOfRange {
                    what: "facet value id",
                })?;
                if *last == doc {
                    return Err(PackError::Duplicate {
                        what: "facet value of an article",
                    });
                }
                *last = doc;
            }
        }
        Ok(())
    }

    /// Value `id`'s place in the sorted values.
    pub fn rank(&self, id: u32) -> u32 {
        self.rank[id as usize]
    }

    /// Value ids of article `doc`.
    pub fn of(&self, doc: usize) -> &[u32] {
        of_article(&self.starts, &self.ids, doc)
    }

    /// How many articles have each value.
    pub(super) fn totals(&self) -> &[u32] {
        self.totals.get_or_init(|| {
            let mut totals = vec![0u32; self.values.len()];
            for &id in &self.ids {
                totals[id as usize] += 1;
            }
            totals
        })
    }

    /// The value ids in the values' order (by [`FacetTable::rank`]), made once.
    fn by_rank(&self) -> &[u32] {
        self.by_rank.get_or_init(|| {
            let mut order = vec![0u32; self.rank.len()];
            for (id, &r) in self.rank.iter().enumerate() {
                order[r as usize] = id as u32;
            }
            order
        })
    }

    /// How many articles of `set` have each value, by value id: by the frequent values'
    /// bitmaps and the others one by one ([`Split`]) where that is less work, one by one
    /// otherwise.
    pub(super) fn tally(&self, set: &Counted) -> Vec<usize> {
        let n = self.starts.len().saturating_sub(1);
        let counted = set
            .ascending
            .as_ref()
            .or(set.outside.as_ref())
            .map(Vec::len);
        match (&set.member, counted, self.split.get()) {
            // A set of fewer than one article in 16 is always fewer increments.
            (Some(member), Some(counted), Some(split)) if counted * 16 >= n => {
                // Words of bitmaps against values of articles, as the set would be counted.
                let by_bits =
                    split.frequent.len() * n.div_ceil(64) + counted * split.ids.len() / n.max(1);
                if by_bits < counted * self.ids.len() / n.max(1) {
                    return self.tally_split(set, member, split);
                }
                self.tally_by_articles(set)
            }
            _ => self.tally_by_articles(set),
        }
    }

    /// [`FacetTable::tally`], each article's values one by one.
    fn tally_by_articles(&self, set: &Counted) -> Vec<usize> {
        self.tally_values(set, |doc| self.of(doc))
    }

    /// [`FacetTable::tally`] with the [`Split`]: the frequent values by bit counts of their
    /// bitmaps and `member` (the set's), the others by the set's articles (or by the articles
    /// outside it, from their totals).
    fn tally_split(&self, set: &Counted, member: &DocSet, split: &Split) -> Vec<usize> {
        let mut counts = self.tally_values(set, |doc| of_article(&split.starts, &split.ids, doc));
        for (id, bits) in &split.frequent {
            counts[*id as usize] = bits
                .iter()
                .zip(&member.0)
                .map(|(a, b)| (a & b).count_ones() as usize)
                .sum();
        }
        counts
    }

    /// How many articles of `set` have each of the values `values_of` gives for an article:
    /// by the set's articles, or by the articles outside it from the values' totals.
    fn tally_values<'t>(
        &self,
        set: &Counted,
        values_of: impl Fn(usize) -> &'t [u32],
    ) -> Vec<usize> {
        match &set.outside {
            Some(outside) => {
                let mut counts: Vec<usize> = self.totals().iter().map(|&t| t as usize).collect();
                for &doc in outside {
                    for &id in values_of(doc) {
                        counts[id as usize] -= 1;
                    }
                }
                counts
            }
            None => {
                let mut counts = vec![0usize; self.values.len()];
                for &doc in set.ascending.as_deref().unwrap_or(set.docs) {
                    for &id in values_of(doc) {
                        counts[id as usize] += 1;
                    }
                }
                counts
            }
        }
    }

    /// Makes what counting a large set reads (the [`Split`]): until then a count goes article
    /// by article. A pass over the table: about 20 ms for the eight tables of 100,000
    /// synthetic articles natively, so the page makes them in tasks of their own once it
    /// has started, not in a reader's first query.
    pub fn prepare(&self) {
        self.split();
    }

    /// The table split for counting large sets ([`Split`]), made once.
    fn split(&self) -> &Split {
        self.split.get_or_init(|| {
            let n = self.starts.len().saturating_sub(1);
            let totals = self.totals();
            let mut slot = vec![u32::MAX; self.values.len()];
            let mut frequent = Vec::new();
            for (id, &t) in totals.iter().enumerate() {
                if t as usize * FREQUENT >= n && t > 0 {
                    slot[id] = frequent.len() as u32;
                    frequent.push((id as u32, vec![0u64; n.div_ceil(64)]));
                }
            }
            let (mut starts, mut ids) = (vec![0u32], Vec::new());
            for doc in 0..n {
                for &id in self.of(doc) {
                    match frequent.get_mut(slot[id as usize] as usize) {
                        Some((_, bits)) => bits[doc / 64] |= 1 << (doc % 64),
                        None => ids.push(id),
                    }
                }
                starts.push(ids.len() as u32);
            }
            Split {
                frequent,
                starts,
                ids,
            }
        })
    }

    /// The ids and counts of the values some of `counts` (by value id) has; most first, then
    /// by value (`by_count`), or by value only.
    pub(super) fn ranked(&self, counts: &[usize], by_count: bool) -> Vec<(u32, usize)> {
        // In the values' order, then (a stable sort) by count: no comparison sort of twenty
        // thousand tags on a keystroke.
        let found: Vec<(u32, usize)> = self
            .by_rank()
            .iter()
            .map(|&id| (id, counts[id as usize]))
            .filter(|&(_, n)| n > 0)
            .collect();
        if by_count {
            crate::rank::radix_sorted_by_key(found, |&(_, n)| !(n as u32))
        } else {
            found
        }
    }

    /// How many articles of `set` have each value, for the values some have; most first, then
    /// by value (`by_count`), or by value only.
    pub fn count(&self, set: &Counted, by_count: bool) -> Vec<(Arc<str>, usize)> {
        self.named(self.ranked(&self.tally(set), by_count))
    }

    /// The values of `(id, count)` pairs.
    pub(super) fn named(&self, found: Vec<(u32, usize)>) -> Vec<(Arc<str>, usize)> {
        found
            .into_iter()
            .map(|(id, n)| (self.values[id as usize].clone(), n))
            .collect()
    }

    /// The id of the value that folds like `value` (`看中國` finds 看中国), if an article has
    /// it (a linear scan: once per query and filter).
    pub fn find(&self, value: &str) -> Option<u32> {
        let value = text::fold(value);
        self.folded
            .iter()
            .position(|v| *v == value)
            .map(|i| i as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twelve articles with values 0..5 in a spread of lists (some empty).
    fn table() -> FacetTable {
        let values: Vec<String> = ["甲", "乙", "丙", "丁", "戊"].map(String::from).into();
        FacetTable::new(
            values,
            (0..12u32).map(|doc| (0..5).filter(|v| (doc * 7 + v * 3) % 5 < 2).collect()),
        )
    }

    #[test]
    fn every_set_counts_as_its_articles_one_by_one() {
        let t = table();
        // Every subset of the twelve articles: the small ones counted directly, the large
        // ones by the articles outside them; then again with the table prepared (its values
        // are all frequent in twelve articles: counted by bitmaps).
        for bits in (0u32..1 << 12)
            .chain(std::iter::once(u32::MAX))
            .chain(0..1 << 12)
        {
            if bits == u32::MAX {
                t.prepare();
                continue;
            }
            let docs: Vec<usize> = (0..12).filter(|d| bits & (1 << d) != 0).collect();
            let mut expected = vec![0usize; 5];
            for &doc in &docs {
                for &id in t.of(doc) {
                    expected[id as usize] += 1;
                }
            }
            assert_eq!(t.tally(&Counted::new(&docs, 12)), expected, "{docs:?}");
            // In any order (results come by relevance).
            let turned: Vec<usize> = docs.iter().rev().copied().collect();
            assert_eq!(t.tally(&Counted::new(&turned, 12)), expected, "{turned:?}");
        }
    }

    /// Generated tables of a few hundred articles, with values from nearly everywhere to in
    /// one article: a set counted with the frequent values' bitmaps counts as one counted
    /// article by article, whatever its size and order.
    #[test]
    fn bitmaps_of_frequent_values_count_as_the_articles_do() {
        let mut rng = crate::test_rng::Rng(0x853c_49e6_748f_ea9b);
        let mut next = move |n: u64| (rng.next() % n.max(1)) as usize;
        for _ in 0..40 {
            let (docs, values) = (1 + next(400), 1 + next(60));
            // Value v is held by about one article in v + 1: a few everywhere, most rare.
            let lists: Vec<Vec<u32>> = (0..docs)
                .map(|_| {
                    (0..values as u32)
                        .filter(|&v| next(v as u64 + 1) == 0)
                        .collect()
                })
                .collect();
            let t = FacetTable::new(
                (0..values).map(|v| format!("值{v}")).collect(),
                lists.into_iter(),
            );
            let split = t.split();
            assert!(
                split
                    .frequent
                    .iter()
                    .all(|(id, _)| t.totals()[*id as usize] as usize * FREQUENT >= docs)
            );
            for _ in 0..10 {
                let keep = 1 + next(8);
                let mut set: Vec<usize> = (0..docs).filter(|_| next(8) < keep).collect();
                if next(2) == 0 {
                    set.reverse();
                }
                let counted = Counted::new(&set, docs);
                let member = counted.member.as_ref().expect("distinct articles");
                let by_articles = t.tally_by_articles(&counted);
                assert_eq!(
                    t.tally_split(&counted, member, split),
                    by_articles,
                    "{set:?}"
                );
                assert_eq!(t.tally(&counted), by_articles);
            }
        }
    }

    #[test]
    fn repeats_and_strangers_are_counted_as_given() {
        let t = table();
        let mut docs: Vec<usize> = (0..12).collect();
        docs.push(3);
        let once: Vec<usize> = (0..12).collect();
        let mut expected = t.tally(&Counted::new(&once, 12));
        for &id in t.of(3) {
            expected[id as usize] += 1;
        }
        assert_eq!(t.tally(&Counted::new(&docs, 12)), expected);
        let strangers: Vec<usize> = (0..10).chain([40, 41]).collect();
        let known: Vec<usize> = (0..10).collect();
        assert_eq!(
            t.tally(&Counted::new(&strangers, 12)),
            t.tally(&Counted::new(&known, 12))
        );
    }
}
