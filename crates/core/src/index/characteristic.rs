//! The keyword facet over a matching set: the keywords that characterise the set, not those
//! every article of it has.

use super::FacetTable;
use super::facet::Counted;

/// A set at least this large lists the keywords (nearly) all its articles hold last.
pub const LARGE_SET: usize = 10;

/// "Nearly all": at least this share of the set.
const NEARLY_ALL: f64 = 0.9;

impl FacetTable {
    /// Like [`FacetTable::count`] by count, for a facet of keywords, ordered so that the
    /// first values characterise the set: over a set of at least [`LARGE_SET`] articles, values
    /// held by at least 90 % of them come last (they describe the whole set and narrow
    /// nothing; they stay listed, with their true count, so an active filter still shows);
    /// ties in count go to the value the set holds more of than the collection does (its
    /// lift: `count / articles holding it at all`), then by value.
    pub fn count_characteristic(&self, set: &Counted) -> Vec<(std::sync::Arc<str>, usize)> {
        let total = set.docs().len();
        let counts = self.ranked(&self.tally(set), true);
        let held = self.totals();
        let nearly_all = |n: usize| total >= LARGE_SET && n as f64 >= NEARLY_ALL * total as f64;
        let keyed: Vec<(bool, f64, u32, usize)> = counts
            .into_iter()
            .map(|(id, n)| {
                let all = (held[id as usize] as usize).max(n).max(1);
                (nearly_all(n), n as f64 / all as f64, id, n)
            })
            .collect();
        // Stable: within equal keys, `ranked`'s order (by value) stays.
        // Not nearly all first, then more articles, then a larger share.
        let keyed = crate::rank::sorted_by_key(keyed, |&(all, share, _, n)| {
            [
                (u64::from(all) << 63) | ((u64::MAX >> 1) - (n as u64).min(u64::MAX >> 1)),
                crate::rank::descending(share),
            ]
        });
        self.named(keyed.into_iter().map(|(_, _, id, n)| (id, n)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten articles: 战争 in all, 制裁 in 0..5 and nowhere else, 导弹 in 0..5 and in 10..15.
    fn table() -> FacetTable {
        let values = vec!["战争".to_owned(), "制裁".to_owned(), "导弹".to_owned()];
        let lists = (0..15).map(|doc| {
            let mut ids = Vec::new();
            if doc < 10 {
                ids.push(0);
            }
            if doc < 5 {
                ids.push(1);
            }
            if !(5..10).contains(&doc) {
                ids.push(2);
            }
            ids
        });
        FacetTable::new(values, lists)
    }

    #[test]
    fn keywords_every_article_has_come_last_in_a_large_set() {
        let t = table();
        let set: Vec<usize> = (0..10).collect();
        assert_eq!(
            t.count_characteristic(&Counted::new(&set, 15)),
            [("制裁".into(), 5), ("导弹".into(), 5), ("战争".into(), 10)],
            "战争 is in all ten; 制裁 ties 导弹 but only this set holds it"
        );
    }

    #[test]
    fn a_small_set_is_ordered_by_count() {
        let t = table();
        let set = Counted::new(&[0, 1, 2], 15);
        let shown = t.count_characteristic(&set);
        assert_eq!(shown, t.count(&set, true), "by count, then value");
        assert!(t.count_characteristic(&Counted::new(&[], 15)).is_empty());
    }
}
