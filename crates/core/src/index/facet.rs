//! The facets of the collection and their interned tables.

use serde::{Deserialize, Serialize};

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
    pub values: Vec<String>,
    /// Each value folded, what filters compare (not packed: rebuilt by [`FacetTable::validate`]).
    #[serde(skip)]
    pub(super) folded: Vec<String>,
    /// Each value's place in sorted order, so results sort by integers.
    pub(super) rank: Vec<u32>,
    /// Article `doc`'s values are `ids[starts[doc]..starts[doc + 1]]`, each once.
    pub(super) starts: Vec<u32>,
    pub(super) ids: Vec<u32>,
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
            values,
            rank,
            starts,
            ids,
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

    /// Value ids of article `doc`.
    /// Value `id`'s place in the sorted values.
    pub fn rank(&self, id: u32) -> u32 {
        self.rank[id as usize]
    }

    pub fn of(&self, doc: usize) -> &[u32] {
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&a), Some(&b)) => &self.ids[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many of `docs` have each value, for the values some have; most first, then by
    /// value (`by_count`), or by value only.
    pub fn count(&self, docs: impl Iterator<Item = usize>, by_count: bool) -> Vec<(String, usize)> {
        let mut counts = vec![0usize; self.values.len()];
        for doc in docs {
            for &id in self.of(doc) {
                counts[id as usize] += 1;
            }
        }
        let found: Vec<(u32, usize)> = (0..self.values.len() as u32)
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .collect();
        let rank = |id: u32| u64::from(self.rank[id as usize]);
        let found = if by_count {
            crate::rank::sorted_by_key(found, |&(id, n)| [!(n as u64), rank(id)])
        } else {
            crate::rank::sorted_by_key(found, |&(id, _)| [rank(id), 0])
        };
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
