//! Related reports: for an article, the articles of other outlets about the same events,
//! found by the rare keywords and names they share and how close their dates are.
//!
//! Cheap on the index's per-article facet ids: one pass over the collection counts how many
//! articles hold each value (its rarity), another scores every article of another outlet by
//! the values it shares with the article.

use crate::date::Day;
use crate::index::{Facet, Index};
use crate::rank;

/// Reports listed at most.
pub const RELATED: usize = 5;
/// Linking words or names shown per report at most.
pub const LINKS: usize = 4;
/// Shared values a report needs at least: one shared word is a coincidence.
const MIN_SHARED: usize = 2;
/// Days after which the date weight has halved.
const HALF_LIFE_DAYS: f64 = 7.0;
/// Date weight when either article is undated.
const UNDATED: f64 = 0.5;

/// The facets whose values link reports.
const LINKING: [Facet; 4] = [Facet::Keyword, Facet::Person, Facet::Place, Facet::Org];

/// One related report.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub doc: usize,
    /// Sum of the shared values' rarity (`ln(N / df)`), times the date weight.
    pub score: f64,
    /// The shared words and names, rarest first, at most [`LINKS`].
    pub links: Vec<(Facet, String)>,
}

/// The weight of two articles' dates: 1 on the same day, halving every
/// [`HALF_LIFE_DAYS`]; [`UNDATED`] when either has no date.
pub fn date_weight(a: Option<Day>, b: Option<Day>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let days = (a.to_days() - b.to_days()).abs() as f64;
            0.5f64.powf(days / HALF_LIFE_DAYS)
        }
        _ => UNDATED,
    }
}

/// Up to [`RELATED`] articles of other outlets than `doc`'s (articles without an outlet are
/// another outlet's, except to each other), sharing at least two keywords or names with it
/// that not every article holds,
/// best first (ties by collection order).
pub fn related(index: &Index, doc: usize) -> Vec<Related> {
    let articles = index.articles();
    if doc >= articles.len() {
        return Vec::new();
    }
    let n = index.len() as f64;
    // Outlets as facet ids: spellings that fold alike are one.
    let sources = index.facet(Facet::Source);
    let outlet = sources.of(doc).first();
    let day = |d: usize| articles[d].date.map(|p| p.day);
    // The article's values, by facet, with their rarity.
    let mut mine: Vec<(usize, u32, f64)> = Vec::new();
    for (k, &facet) in LINKING.iter().enumerate() {
        let table = index.facet(facet);
        let ids = table.of(doc);
        if ids.is_empty() {
            continue;
        }
        let mut df = vec![0u32; ids.len()];
        for other in 0..index.len() {
            for &id in table.of(other) {
                if let Some(i) = ids.iter().position(|&x| x == id) {
                    df[i] += 1;
                }
            }
        }
        // A value every article holds links nothing.
        for (&id, &df) in ids.iter().zip(&df) {
            let rarity = (n / df.max(1) as f64).ln();
            if rarity > 0.0 {
                mine.push((k, id, rarity));
            }
        }
    }
    let mut found: Vec<Related> = Vec::new();
    for other in 0..index.len() {
        if other == doc {
            continue;
        }
        if sources.of(other).first() == outlet {
            continue;
        }
        let shared: Vec<usize> = (0..mine.len())
            .filter(|&i| {
                index
                    .facet(LINKING[mine[i].0])
                    .of(other)
                    .contains(&mine[i].1)
            })
            .collect();
        if shared.len() < MIN_SHARED {
            continue;
        }
        let rarity: f64 = shared.iter().map(|&i| mine[i].2).sum();
        let shared = rank::sorted_by_key(shared, |&i| [rank::descending(mine[i].2), 0]);
        found.push(Related {
            doc: other,
            score: rarity * date_weight(day(doc), day(other)),
            links: shared
                .iter()
                .take(LINKS)
                .map(|&i| {
                    let (k, id, _) = mine[i];
                    let facet = LINKING[k];
                    (facet, index.facet(facet).values[id as usize].to_string())
                })
                .collect(),
        });
    }
    let mut found = rank::sorted_by_key(found, |r| [rank::descending(r.score), 0]);
    found.truncate(RELATED);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_close_together_weigh_more() {
        let d = |m, day| Day::new(2022, m, day);
        assert_eq!(date_weight(d(1, 27), d(1, 27)), 1.0);
        assert!((date_weight(d(1, 27), d(2, 3)) - 0.5).abs() < 1e-12);
        assert!((date_weight(d(2, 3), d(1, 20)) - 0.25).abs() < 1e-12);
        assert_eq!(date_weight(None, d(1, 1)), UNDATED);
    }
}
