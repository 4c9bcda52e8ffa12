//! Stage 4b, the timeline: the matching articles and the dated events they mention, counted
//! in day, week, month or year buckets chosen by the span they cover. Pure data for the view's chart.

use std::cell::OnceCell;

use crate::article::Article;
use crate::date::{Day, PartialDate, Precision};

/// Bucket size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

impl Granularity {
    /// Day buckets up to about six weeks, weeks up to about a year, months up to about eight
    /// years, years beyond.
    pub fn for_span(days: i64) -> Granularity {
        match days {
            ..=45 => Granularity::Day,
            46..=400 => Granularity::Week,
            401..=3000 => Granularity::Month,
            _ => Granularity::Year,
        }
    }

    /// The first day of the bucket holding `d` (weeks start on Monday).
    pub fn start_of(self, d: Day) -> Day {
        match self {
            Granularity::Day => d,
            Granularity::Week => d.add_days(-i64::from(d.weekday())),
            Granularity::Month => Day { day: 1, ..d },
            Granularity::Year => Day {
                month: 1,
                day: 1,
                ..d
            },
        }
    }

    /// The last day of the bucket starting at `start`.
    pub fn end_of(self, start: Day) -> Day {
        match self {
            Granularity::Day => start,
            Granularity::Week => start.add_days(6),
            // The same last days as a date of that precision names.
            Granularity::Month => PartialDate {
                start,
                precision: Precision::Month,
            }
            .end(),
            Granularity::Year => PartialDate {
                start,
                precision: Precision::Year,
            }
            .end(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Granularity::Day => "按日",
            Granularity::Week => "按周",
            Granularity::Month => "按月",
            Granularity::Year => "按年",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub start: Day,
    pub end: Day,
    /// Articles published in the bucket.
    pub articles: usize,
    /// Events and related headlines dated in the bucket.
    pub events: usize,
}

/// A dated thing an article says happened: a sentence of its body or a related headline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub date: PartialDate,
    /// Index of the article in the collection.
    pub doc: usize,
    /// Index of the event in the article's events or, for a related headline, in its related
    /// headlines: the text is read from the article, not copied for every chart.
    pub item: usize,
    /// Block of the article holding the sentence; `None` for a related headline.
    pub block: Option<usize>,
}

impl Mention {
    /// The sentence or headline, from `articles` (the ones the timeline was built from).
    pub fn text<'a>(&self, articles: &'a [Article]) -> &'a str {
        articles.get(self.doc).map_or("", |a| self.text_in(a))
    }

    /// The sentence or headline, from its article `a`.
    pub fn text_in<'a>(&self, a: &'a Article) -> &'a str {
        match self.block {
            Some(_) => a.events.get(self.item).map_or("", |e| e.text.as_str()),
            None => a.related.get(self.item).map_or("", |r| r.title.as_str()),
        }
    }
}

/// Equal when their charts and mentions are (the counted lengths are a cache).
#[derive(Debug, Clone)]
pub struct Timeline {
    pub granularity: Granularity,
    pub buckets: Vec<Bucket>,
    /// All mentions of the given articles, by date.
    pub mentions: Vec<Mention>,
    /// The lengths of [`Timeline::listed`]'s lists without a span, counted once.
    counted: OnceCell<(usize, usize)>,
}

impl PartialEq for Timeline {
    fn eq(&self, other: &Self) -> bool {
        (self.granularity, &self.buckets, &self.mentions)
            == (other.granularity, &other.buckets, &other.mentions)
    }
}

impl Eq for Timeline {}

/// Events more than this many days before the earliest article are left off the chart (they
/// stay in the list), so one old reference does not squash the chart.
const MAX_LOOKBACK_DAYS: i64 = 730;

/// Most buckets a chart has.
pub const MAX_BUCKETS: usize = 400;

/// Mentions up to this many days before the earliest article still belong to its period.
const RECENT_LOOKBACK_DAYS: i64 = 31;

/// Every mention of `docs` (indexes into `articles`), by date, then article, events before
/// related headlines.
pub fn mentions_of(articles: &[Article], docs: impl IntoIterator<Item = usize>) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for doc in docs {
        let Some(a) = articles.get(doc) else { continue };
        for (item, e) in a.events.iter().enumerate() {
            mentions.push(Mention {
                date: e.date,
                doc,
                item,
                block: Some(e.block),
            });
        }
        for (item, r) in a.related.iter().enumerate() {
            if let Some(date) = r.date {
                mentions.push(Mention {
                    date,
                    doc,
                    item,
                    block: None,
                });
            }
        }
    }
    crate::rank::sorted_by_key(mentions, |m| {
        [crate::rank::signed(m.date.start.to_days()), m.doc as u64]
    })
}

impl Timeline {
    /// The timeline of `docs` (indexes into `articles`).
    pub fn build(articles: &[Article], docs: &[usize]) -> Timeline {
        Timeline::with_mentions(articles, docs, mentions_of(articles, docs.iter().copied()))
    }

    /// The timeline of `docs`, taking their mentions from `all`, every mention of the
    /// collection in [`mentions_of`] order: a filter instead of a sort, for the view, which
    /// charts thousands of results on every keystroke.
    pub fn of(articles: &[Article], all: &[Mention], docs: &[usize]) -> Timeline {
        let mut wanted = vec![false; articles.len()];
        for &doc in docs {
            if let Some(w) = wanted.get_mut(doc) {
                *w = true;
            }
        }
        let mentions = all
            .iter()
            .filter(|m| wanted.get(m.doc).copied().unwrap_or(false))
            .cloned()
            .collect();
        Timeline::with_mentions(articles, docs, mentions)
    }

    fn with_mentions(articles: &[Article], docs: &[usize], mentions: Vec<Mention>) -> Timeline {
        let published: Vec<Day> = docs
            .iter()
            .filter_map(|&doc| articles.get(doc)?.date.map(|d| d.day))
            .collect();
        let earliest_article = published.iter().min().copied();
        // Each charted mention's first day, and whether it names only a month.
        let charted: Vec<(Day, bool)> = mentions
            .iter()
            .filter(|m| m.date.precision != Precision::Year)
            .map(|m| (m.date.start, m.date.precision == Precision::Month))
            .filter(|(d, _)| {
                earliest_article.is_none_or(|e| e.to_days() - d.to_days() <= MAX_LOOKBACK_DAYS)
            })
            .collect();
        let all = published.iter().chain(charted.iter().map(|(d, _)| d));
        let (Some(&min), Some(&max)) = (all.clone().min(), all.max()) else {
            return Timeline {
                granularity: Granularity::Day,
                buckets: Vec::new(),
                mentions,
                counted: OnceCell::new(),
            };
        };
        let granularity = Granularity::for_span(max.to_days() - min.to_days());
        let mut buckets = Vec::new();
        let mut start = granularity.start_of(min);
        // A far-off parsed year must not ask for millions of buckets: the chart stops after
        // MAX_BUCKETS, and later dates are not charted (they stay in the list).
        while start <= max && buckets.len() < MAX_BUCKETS {
            let end = granularity.end_of(start);
            buckets.push(Bucket {
                start,
                end,
                articles: 0,
                events: 0,
            });
            start = end.add_days(1);
        }
        // Each day of the chart's span to its bucket: a look-up per date, not a search
        // (hundreds of thousands of dates on a keystroke over a large collection).
        let first = buckets.first().map_or(0, |b| b.start.to_days());
        let mut bucket_of = Vec::new();
        for (i, b) in buckets.iter().enumerate() {
            let days = (b.end.to_days() - b.start.to_days() + 1).max(0) as usize;
            bucket_of.extend(std::iter::repeat_n(i as u32, days));
        }
        let find = |d: &Day| {
            let offset = usize::try_from(d.to_days() - first).ok()?;
            bucket_of.get(offset).map(|&i| i as usize)
        };
        for d in &published {
            if let Some(b) = find(d).and_then(|i| buckets.get_mut(i)) {
                b.articles += 1;
            }
        }
        // A month is not a day or a week: on a chart of days or weeks it would pile up on the
        // 1st (it stays in the list).
        let months_fit = matches!(granularity, Granularity::Month | Granularity::Year);
        for (d, _) in charted.iter().filter(|(_, month)| months_fit || !month) {
            if let Some(b) = find(d).and_then(|i| buckets.get_mut(i)) {
                b.events += 1;
            }
        }
        Timeline {
            granularity,
            buckets,
            mentions,
            counted: OnceCell::new(),
        }
    }

    /// The mentions dated within `from..=to` (a mention counts if its period overlaps).
    pub fn mentions_between(
        &self,
        from: Option<Day>,
        to: Option<Day>,
    ) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| {
            from.is_none_or(|f| m.date.end() >= f) && to.is_none_or(|t| m.date.start <= t)
        })
    }

    /// The mentions a list shows first, and the rest. With a span chosen (`from`, `to`), the
    /// mentions within it, oldest first, and nothing else. Without one, the mentions dated
    /// within the period the articles cover (from their earliest publication, less
    /// [`RECENT_LOOKBACK_DAYS`], to their latest), newest first, then every other mention,
    /// newest first too (the long tail: 1997 does not open a 2022 dossier).
    pub fn listed(&self, from: Option<Day>, to: Option<Day>) -> (Vec<&Mention>, Vec<&Mention>) {
        let (mut first, mut older) = (Vec::new(), Vec::new());
        self.each_listed(from, to, &mut |m, is_first| {
            if is_first {
                first.push(m)
            } else {
                older.push(m)
            }
            true
        });
        (first, older)
    }

    /// The first `n` mentions of [`Timeline::listed`] (its two lists one after the other), and
    /// how many each list has: what a view shows, without listing hundreds of thousands.
    pub fn listed_head(
        &self,
        from: Option<Day>,
        to: Option<Day>,
        n: usize,
    ) -> (Vec<&Mention>, usize, usize) {
        let (mut first, mut older) = (Vec::new(), Vec::new());
        let mut counts = (0, 0);
        // Without a span the lengths are counted once; then the walk stops at the head.
        let whole = from.is_none() && to.is_none();
        let known = self.counted.get().copied().filter(|_| whole);
        self.each_listed(from, to, &mut |m, is_first| {
            let (list, count) = if is_first {
                (&mut first, &mut counts.0)
            } else {
                (&mut older, &mut counts.1)
            };
            *count += 1;
            if list.len() < n {
                list.push(m);
            }
            known.is_none_or(|(firsts, olders)| {
                first.len() < n.min(firsts) || older.len() < n.saturating_sub(firsts).min(olders)
            })
        });
        let (firsts, olders) = match known {
            Some(k) => k,
            None => {
                if whole {
                    let _ = self.counted.set(counts);
                }
                counts
            }
        };
        first.extend(older);
        first.truncate(n);
        (first, firsts, olders)
    }

    /// Calls `f` with each mention [`Timeline::listed`] lists, in its order, and whether it is
    /// in the first list, until `f` says to stop.
    fn each_listed<'a>(
        &'a self,
        from: Option<Day>,
        to: Option<Day>,
        f: &mut dyn FnMut(&'a Mention, bool) -> bool,
    ) {
        if from.is_some() || to.is_some() {
            for m in self.mentions_between(from, to) {
                if !f(m, true) {
                    return;
                }
            }
            return;
        }
        let dated = || self.buckets.iter().filter(|b| b.articles > 0);
        let period = match (dated().next(), dated().next_back()) {
            (Some(first), Some(last)) => {
                Some((first.start.add_days(-RECENT_LOOKBACK_DAYS), last.end))
            }
            _ => None,
        };
        for m in self.mentions.iter().rev() {
            let is_first =
                period.is_none_or(|(from, to)| m.date.end() >= from && m.date.start <= to);
            if !f(m, is_first) {
                return;
            }
        }
    }

    pub fn max_count(&self) -> usize {
        self.buckets
            .iter()
            .map(|b| b.articles.max(b.events))
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{DateBasis, Event, PublishedDate, RelatedHeadline};

    fn day(s: &str) -> Day {
        Day::parse_iso(s).unwrap()
    }

    fn article(date: &str, events: &[&str]) -> Article {
        Article {
            date: Some(PublishedDate {
                day: day(date),
                basis: DateBasis::Metadata,
            }),
            events: events
                .iter()
                .map(|d| Event {
                    date: PartialDate {
                        start: day(d),
                        precision: Precision::Day,
                    },
                    text: format!("{d} 发生了"),
                    block: 0,
                })
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn a_month_is_charted_on_a_chart_of_months_not_on_the_first_of_a_chart_of_days() {
        let mut a = article("2022-01-27", &["2022-01-20"]);
        a.events.push(Event {
            date: PartialDate {
                start: day("2022-01-01"),
                precision: Precision::Month,
            },
            text: "2022年1月 发生了".into(),
            block: 0,
        });
        let t = Timeline::build(std::slice::from_ref(&a), &[0]);
        assert_eq!(t.granularity, Granularity::Day);
        assert_eq!(t.buckets[0].start, day("2022-01-01"));
        assert_eq!(t.buckets[0].events, 0, "nothing happened on the 1st");
        assert_eq!(t.buckets.iter().map(|b| b.events).sum::<usize>(), 1);
        assert_eq!(t.mentions.len(), 2, "the month stays in the list");
        // Over a year and more, months are the buckets: it counts in its own.
        let b = article("2023-06-01", &[]);
        let t = Timeline::build(&[a, b], &[0, 1]);
        assert_eq!(t.granularity, Granularity::Month);
        assert_eq!(t.buckets[0].events, 2);
    }

    #[test]
    fn filtering_every_mention_gives_the_timeline_built_for_the_subset() {
        let articles = [
            article("2022-01-27", &["2022-01-20", "2022-01-03"]),
            article("2022-01-10", &["2022-01-20"]),
            article("2022-02-01", &["2021-12-31", "2022-01-20"]),
        ];
        let all = mentions_of(&articles, 0..articles.len());
        for docs in [vec![], vec![0], vec![2, 0], vec![0, 1, 2]] {
            assert_eq!(
                Timeline::of(&articles, &all, &docs),
                Timeline::build(&articles, &docs),
                "{docs:?}"
            );
        }
    }

    #[test]
    fn mentions_read_their_text_from_the_articles() {
        let mut a = article("2022-01-27", &["2022-01-20"]);
        a.related.push(RelatedHeadline {
            date: Some(PartialDate {
                start: day("2022-01-10"),
                precision: Precision::Day,
            }),
            title: "旧闻".into(),
        });
        let articles = [a];
        let t = Timeline::build(&articles, &[0]);
        let texts: Vec<&str> = t.mentions.iter().map(|m| m.text(&articles)).collect();
        assert_eq!(texts, ["旧闻", "2022-01-20 发生了"]);
        assert_eq!(t.mentions[0].text(&[]), "");
    }

    #[test]
    fn picks_granularity_by_span() {
        assert_eq!(Granularity::for_span(10), Granularity::Day);
        assert_eq!(Granularity::for_span(100), Granularity::Week);
        assert_eq!(Granularity::for_span(1000), Granularity::Month);
        // Beyond about eight years, years: never more than about a hundred bars.
        assert_eq!(Granularity::for_span(3000), Granularity::Month);
        assert_eq!(Granularity::for_span(9000), Granularity::Year);
        assert_eq!(
            Granularity::Year.start_of(day("2022-05-27")),
            day("2022-01-01")
        );
        assert_eq!(
            Granularity::Year.end_of(day("2022-01-01")),
            day("2022-12-31")
        );
        assert_eq!(
            Granularity::Week.start_of(day("2022-01-27")),
            day("2022-01-24")
        );
        assert_eq!(
            Granularity::Month.end_of(day("2022-02-01")),
            day("2022-02-28")
        );
    }

    #[test]
    fn counts_articles_and_events_in_contiguous_buckets() {
        let arts = vec![
            article("2022-01-27", &["2022-01-26"]),
            article("2022-02-03", &[]),
        ];
        let t = Timeline::build(&arts, &[0, 1]);
        assert_eq!(t.granularity, Granularity::Day);
        assert_eq!(t.buckets.len(), 9, "2022-01-26 ..= 2022-02-03");
        assert_eq!(t.buckets.iter().map(|b| b.articles).sum::<usize>(), 2);
        assert_eq!(t.buckets[0].events, 1);
        assert!(
            t.buckets
                .windows(2)
                .all(|w| w[0].end.add_days(1) == w[1].start)
        );
        assert_eq!(t.mentions_between(Some(day("2022-01-27")), None).count(), 0);
    }

    #[test]
    fn far_off_years_do_not_make_millions_of_buckets() {
        let arts = vec![article("2022-01-27", &[]), article("9999-12-31", &[])];
        let t = Timeline::build(&arts, &[0, 1]);
        assert_eq!(t.granularity, Granularity::Year);
        assert_eq!(t.buckets.len(), MAX_BUCKETS);
        assert_eq!(
            t.buckets[0].articles, 1,
            "the far-off article is not charted"
        );
    }

    #[test]
    fn the_list_opens_with_the_articles_period_newest_first() {
        let arts = vec![
            article("2022-01-27", &["2022-01-20", "1997-05-27", "2022-01-03"]),
            article("2022-02-01", &["2021-12-31", "2022-01-31"]),
        ];
        let t = Timeline::build(&arts, &[0, 1]);
        let dates = |ms: &[&Mention]| ms.iter().map(|m| m.date.to_string()).collect::<Vec<_>>();
        let (first, rest) = t.listed(None, None);
        assert_eq!(
            dates(&first),
            ["2022-01-31", "2022-01-20", "2022-01-03", "2021-12-31"]
        );
        assert_eq!(dates(&rest), ["1997-05-27"]);
        let (span, none) = t.listed(Some(day("2022-01-01")), Some(day("2022-01-25")));
        assert_eq!(
            dates(&span),
            ["2022-01-03", "2022-01-20"],
            "a span: oldest first"
        );
        assert!(none.is_empty());
        assert_eq!(
            Timeline::build(&[], &[]).listed(None, None),
            (vec![], vec![])
        );
        // The head of the two lists, and their lengths, as the view takes them.
        for (from, to) in [
            (None, None),
            (Some(day("2022-01-01")), Some(day("2022-01-25"))),
        ] {
            let (first, rest) = t.listed(from, to);
            for n in [0, 2, 4, 5, 9] {
                let all: Vec<&Mention> = first.iter().chain(&rest).copied().take(n).collect();
                assert_eq!(t.listed_head(from, to, n), (all, first.len(), rest.len()));
            }
        }
        assert_eq!(
            t,
            Timeline::build(&arts, &[0, 1]),
            "the counted lengths are a cache"
        );
    }

    #[test]
    fn related_headlines_are_mentions_and_old_ones_stay_off_the_chart() {
        let mut a = article("2022-01-27", &[]);
        a.related.push(RelatedHeadline {
            date: Some(PartialDate {
                start: day("2018-03-01"),
                precision: Precision::Month,
            }),
            title: "旧闻".into(),
        });
        let t = Timeline::build(&[a], &[0]);
        assert_eq!(t.mentions.len(), 1);
        assert_eq!(
            t.buckets.len(),
            1,
            "a 2018 headline does not stretch the chart"
        );
        assert!(Timeline::build(&[], &[]).buckets.is_empty());
    }
}
