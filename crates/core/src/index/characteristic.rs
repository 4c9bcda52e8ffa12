//! The keyword facet over a matching set: the keywords that characterise the set, not those
//! every article of it has.

use super::FacetTable;

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
    pub fn count_characteristic(&self, docs: &[usize]) -> Vec<(String, usize)> {
        let counts = self.count(docs.iter().copied(), true);
        let mut held = vec![0usize; self.values.len()];
        for &id in &self.ids {
            held[id as usize] += 1;
        }
        let nearly_all =
            |n: usize| docs.len() >= LARGE_SET && n as f64 >= NEARLY_ALL * docs.len() as f64;
        let keyed: Vec<(bool, f64, String, usize)> = counts
            .into_iter()
            .map(|(v, n)| {
                let all = self.find(&v).map_or(n, |id| held[id as usize]).max(1);
                (nearly_all(n), n as f64 / all as f64, v, n)
            })
            .collect();
        // Stable: within equal keys, `count`'s order (by value) stays.
        // Not nearly all first, then more articles, then a larger share.
        let keyed = crate::rank::sorted_by_key(keyed, |&(all, share, _, n)| {
            [
                (u64::from(all) << 63) | ((u64::MAX >> 1) - (n as u64).min(u64::MAX >> 1)),
                crate::rank::descending(share),
            ]
        });
        keyed.into_iter().map(|(_, _, v, n)| (v, n)).collect()
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
            t.count_characteristic(&set),
            [
                ("制裁".to_owned(), 5),
                ("导弹".to_owned(), 5),
                ("战争".to_owned(), 10)
            ],
            "战争 is in all ten; 制裁 ties 导弹 but only this set holds it"
        );
    }

    #[test]
    fn a_small_set_is_ordered_by_count() {
        let t = table();
        let shown = t.count_characteristic(&[0, 1, 2]);
        assert_eq!(
            shown,
            t.count([0, 1, 2].into_iter(), true),
            "by count, then value"
        );
        assert!(t.count_characteristic(&[]).is_empty());
    }
}
