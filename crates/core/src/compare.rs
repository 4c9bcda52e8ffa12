//! Compare coverage: the outlets of a result set side by side. For each outlet, its articles
//! in the set, their first and last dates, a small timeline on the set's common axis, and the
//! keywords and names most distinctive of it against the rest of the set, by the weighted
//! log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
//! "Fightin' Words").
//!
//! Counts come from the index's per-article facet ids, which are cheap: a word's count in a
//! group of articles is the number of them holding it as a keyword (or, for names, as a
//! person, place or organisation), so one article that repeats a word twenty times does not
//! make it an outlet's word.

use crate::date::Day;
use crate::index::{Facet, Index};
use crate::rank;
use crate::text::fold;
use crate::timeline::Granularity;

/// Columns shown when the user has chosen none: the outlets with most articles in the set.
pub const DEFAULT_COLUMNS: usize = 4;
/// Most columns a comparison has, however many outlets are chosen.
pub const MAX_COLUMNS: usize = 8;
/// Distinctive keywords listed per outlet.
pub const WORDS: usize = 10;
/// Distinctive names (people, places, organisations) listed per outlet.
pub const NAMES: usize = 5;
/// The prior's total weight `a_0` in pseudo-counts, spread over the vocabulary by each
/// value's frequency in the whole collection. Small sets (a few articles an outlet) are then
/// pulled towards the collection's usage rather than ranked by one-off words.
pub const PRIOR_WEIGHT: f64 = 100.0;

/// The log-odds ratio of one word: `delta` and its z-score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogOdds {
    pub delta: f64,
    pub z: f64,
}

/// The informative Dirichlet prior: `a_w = a_0 * f_w / sum(f)` for collection counts `f`.
/// All zero when the collection counts are.
pub fn dirichlet_prior(collection: &[u32], a0: f64) -> Vec<f64> {
    let total: f64 = collection.iter().map(|&f| f as f64).sum();
    collection
        .iter()
        .map(|&f| {
            if total > 0.0 {
                a0 * f as f64 / total
            } else {
                0.0
            }
        })
        .collect()
}

/// Monroe, Colaresi and Quinn's weighted log-odds ratio of every word, group `i` (`focus`
/// counts) against group `j` (`rest`), with prior `a` (`a_0` is its sum):
///
/// ```text
/// delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
/// z_w     = delta_w / sqrt(1 / (y_iw + a_w) + 1 / (y_jw + a_w))
/// ```
///
/// A word with a zero prior is given `delta = z = 0` (it is not in the collection, so not in
/// either group). The three slices have one entry per word.
pub fn weighted_log_odds(focus: &[u32], rest: &[u32], prior: &[f64]) -> Vec<LogOdds> {
    let n_i: f64 = focus.iter().map(|&y| y as f64).sum();
    let n_j: f64 = rest.iter().map(|&y| y as f64).sum();
    let a0: f64 = prior.iter().sum();
    focus
        .iter()
        .zip(rest)
        .zip(prior)
        .map(|((&yi, &yj), &a)| {
            if a <= 0.0 {
                return LogOdds { delta: 0.0, z: 0.0 };
            }
            let (yi, yj) = (yi as f64 + a, yj as f64 + a);
            // Both denominators are positive: y_w <= n and a_w < a_0 unless the vocabulary
            // is one word, where the odds are 1 : 0 on both sides (delta 0).
            let odds = |y: f64, n: f64| {
                let other = n + a0 - y;
                if other > 0.0 { (y / other).ln() } else { 0.0 }
            };
            let delta = odds(yi, n_i) - odds(yj, n_j);
            LogOdds {
                delta,
                z: delta / (1.0 / yi + 1.0 / yj).sqrt(),
            }
        })
        .collect()
}

/// One word or name distinctive of an outlet.
#[derive(Debug, Clone, PartialEq)]
pub struct Distinctive {
    /// Which facet it comes from (its filter in the query language).
    pub facet: Facet,
    pub value: String,
    /// The outlet's articles in the set holding it.
    pub count: usize,
    /// Its z-score against the rest of the set.
    pub z: f64,
}

/// One outlet of the set.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The outlet, as most articles spell it.
    pub outlet: String,
    /// Its articles in the set, in set order.
    pub docs: Vec<usize>,
    pub first: Option<Day>,
    pub last: Option<Day>,
    /// Its articles per bucket of [`Comparison::buckets`].
    pub timeline: Vec<usize>,
    /// Up to [`WORDS`] keywords, most distinctive first.
    pub words: Vec<Distinctive>,
    /// Up to [`NAMES`] people, places and organisations, most distinctive first.
    pub names: Vec<Distinctive>,
}

/// The outlets of a result set side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Articles in the set.
    pub total: usize,
    /// Every outlet of the set with its number of articles, most first (then by name).
    pub outlets: Vec<(String, usize)>,
    /// The shared axis of the columns' timelines: `(start, end)` of each bucket.
    pub granularity: Granularity,
    pub buckets: Vec<(Day, Day)>,
    pub columns: Vec<Column>,
}

/// A vocabulary over several facets: value `v` of `facets[k]` is word `offsets[k] + v`.
struct Vocabulary<'a> {
    facets: Vec<(Facet, &'a crate::index::FacetTable, usize)>,
    size: usize,
}

impl<'a> Vocabulary<'a> {
    fn new(index: &'a Index, facets: &[Facet]) -> Vocabulary<'a> {
        let mut size = 0;
        let facets = facets
            .iter()
            .map(|&f| {
                let table = index.facet(f);
                let at = size;
                size += table.values.len();
                (f, table, at)
            })
            .collect();
        Vocabulary { facets, size }
    }

    fn count(&self, docs: impl Iterator<Item = usize>) -> Vec<u32> {
        let mut counts = vec![0u32; self.size];
        for doc in docs {
            for (_, table, at) in &self.facets {
                for &id in table.of(doc) {
                    counts[at + id as usize] += 1;
                }
            }
        }
        counts
    }

    /// Word `word`'s facet, value and place in the vocabulary's order (by facet, then value).
    fn value(&self, word: usize) -> (Facet, &'a str, usize) {
        let (f, table, at) = self
            .facets
            .iter()
            .rev()
            .find(|(_, _, at)| *at <= word)
            .expect("word ids start at 0");
        let id = (word - at) as u32;
        (
            *f,
            &*table.values[id as usize],
            at + table.rank(id) as usize,
        )
    }
}

/// The `top` words of `focus` with the highest positive z-scores against the rest of the set
/// (`set` minus `focus`), with the prior from `collection`; ties by count, then by facet
/// (people, places, organisations) and value.
fn distinctive(
    vocab: &Vocabulary,
    focus: &[u32],
    set: &[u32],
    prior: &[f64],
    top: usize,
) -> Vec<Distinctive> {
    let rest: Vec<u32> = set.iter().zip(focus).map(|(s, f)| s - f).collect();
    let scores = weighted_log_odds(focus, &rest, prior);
    let found: Vec<(Distinctive, usize)> = scores
        .iter()
        .enumerate()
        .filter(|&(w, s)| focus[w] > 0 && s.z > 0.0)
        .map(|(w, s)| {
            let (facet, value, order) = vocab.value(w);
            let word = Distinctive {
                facet,
                value: value.to_owned(),
                count: focus[w] as usize,
                z: s.z,
            };
            (word, order)
        })
        .collect();
    let mut found: Vec<Distinctive> = rank::sorted_by_key(found, |(d, order)| {
        [
            rank::descending(d.z),
            u64::from(u32::MAX - d.count as u32) << 32 | *order as u64,
        ]
    })
    .into_iter()
    .map(|(d, _)| d)
    .collect();
    found.truncate(top);
    found
}

/// Compares the outlets of `docs` (a result set, indexes into the index's articles): the
/// columns are the outlets `chosen` (matched as filters are, in two scripts; at most
/// [`MAX_COLUMNS`], unknown ones skipped) or, when none of them is in the set, the
/// [`DEFAULT_COLUMNS`] outlets with most articles. Articles without an outlet count in the
/// rest of the set only.
pub fn compare(index: &Index, docs: &[usize], chosen: &[String]) -> Comparison {
    let sources = index.facet(Facet::Source);
    // Articles per outlet id in the set.
    let mut by_outlet: Vec<Vec<usize>> = vec![Vec::new(); sources.values.len()];
    for &doc in docs {
        for &id in sources.of(doc) {
            by_outlet[id as usize].push(doc);
        }
    }
    let ranked: Vec<usize> = (0..by_outlet.len())
        .filter(|&id| !by_outlet[id].is_empty())
        .collect();
    let ranked = rank::sorted_by_key(ranked, |&id| {
        [
            !(by_outlet[id].len() as u64),
            sources.rank(id as u32) as u64,
        ]
    });
    let mut picked: Vec<usize> = Vec::new();
    for want in chosen {
        let want = fold(want);
        if let Some(&id) = ranked.iter().find(|&&id| fold(&sources.values[id]) == want)
            && !picked.contains(&id)
            && picked.len() < MAX_COLUMNS
        {
            picked.push(id);
        }
    }
    if picked.is_empty() {
        picked = ranked.iter().copied().take(DEFAULT_COLUMNS).collect();
    }

    let articles = index.articles();
    // The axis only: no mentions.
    let (granularity, buckets) = crate::timeline::axis(articles, docs);

    let words = Vocabulary::new(index, &[Facet::Keyword]);
    let names = Vocabulary::new(index, &[Facet::Person, Facet::Place, Facet::Org]);
    let prior_of = |v: &Vocabulary| dirichlet_prior(&v.count(0..index.len()), PRIOR_WEIGHT);
    let (word_prior, name_prior) = (prior_of(&words), prior_of(&names));
    let (word_set, name_set) = (
        words.count(docs.iter().copied()),
        names.count(docs.iter().copied()),
    );

    let columns = picked
        .into_iter()
        .map(|id| {
            let docs = by_outlet[id].clone();
            let days = || docs.iter().filter_map(|&d| articles[d].date.map(|d| d.day));
            let mut timeline = vec![0; buckets.len()];
            for day in days() {
                let i = buckets.partition_point(|b| b.1 < day);
                if let Some(n) = timeline.get_mut(i) {
                    *n += 1;
                }
            }
            let word_focus = words.count(docs.iter().copied());
            let name_focus = names.count(docs.iter().copied());
            Column {
                outlet: sources.values[id].to_string(),
                first: days().min(),
                last: days().max(),
                timeline,
                words: distinctive(&words, &word_focus, &word_set, &word_prior, WORDS),
                names: distinctive(&names, &name_focus, &name_set, &name_prior, NAMES),
                docs,
            }
        })
        .collect();
    Comparison {
        total: docs.len(),
        outlets: ranked
            .iter()
            .map(|&id| (sources.values[id].to_string(), by_outlet[id].len()))
            .collect(),
        granularity,
        buckets,
        columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worked example, by hand: three words, collection counts 5, 5, 10 and a_0 = 10, so
    /// the prior is a = (2.5, 2.5, 5). Group i counts (3, 1, 0), n_i = 4; group j (1, 3, 4),
    /// n_j = 8. For the first word:
    ///
    /// ```text
    /// delta = ln((3 + 2.5) / (4 + 10 - 3 - 2.5)) - ln((1 + 2.5) / (8 + 10 - 1 - 2.5))
    ///       = ln(5.5 / 8.5) - ln(3.5 / 14.5) = -0.435318 + 1.421386 = 0.986068
    /// z     = 0.986068 / sqrt(1 / 5.5 + 1 / 3.5) = 0.986068 / 0.683763 = 1.442118
    /// ```
    #[test]
    fn fightin_words_worked_example() {
        let prior = dirichlet_prior(&[5, 5, 10], 10.0);
        assert_eq!(prior, [2.5, 2.5, 5.0]);
        let got = weighted_log_odds(&[3, 1, 0], &[1, 3, 4], &prior);
        let want = [
            (0.986_067_609_673_315_2, 1.442_118_026_407_369_4),
            (-0.277_631_736_598_279_55, -0.406_034_766_909_955_5),
            (-0.587_786_664_902_119, -1.053_809_157_114_391_3),
        ];
        for (g, (delta, z)) in got.iter().zip(want) {
            assert!((g.delta - delta).abs() < 1e-12, "{g:?} vs {delta}");
            assert!((g.z - z).abs() < 1e-12, "{g:?} vs {z}");
        }
        // Symmetric: j against i is the negation.
        let back = weighted_log_odds(&[1, 3, 4], &[3, 1, 0], &prior);
        for (a, b) in got.iter().zip(&back) {
            assert!((a.z + b.z).abs() < 1e-12);
        }
    }

    #[test]
    fn degenerate_counts_do_not_divide_by_zero() {
        assert!(dirichlet_prior(&[0, 0], 10.0).iter().all(|&a| a == 0.0));
        let got = weighted_log_odds(&[0, 0], &[0, 0], &[0.0, 0.0]);
        assert!(got.iter().all(|s| s.z == 0.0 && s.delta == 0.0));
        // One word only: both sides hold all of it; nothing distinguishes them.
        let one = weighted_log_odds(&[3], &[7], &dirichlet_prior(&[10], 10.0));
        assert!(one[0].z.is_finite() && one[0].z.abs() < 1e-12, "{one:?}");
    }
}
