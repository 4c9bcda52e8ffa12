//! Stage 4b, the timeline: the matching articles and the dated events they mention, counted
//! in day, week, month or year buckets chosen by the span they cover. Pure data for the view's chart.

use std::rc::Rc;

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

/// Equal when their charts and mentions are (the lengths of the lists follow from them).
#[derive(Debug, Clone)]
pub struct Timeline {
    pub granularity: Granularity,
    pub buckets: Vec<Bucket>,
    /// Every mention of the collection (or of the given articles), by date, shared between
    /// timelines: a keystroke's timeline over tens of thousands of results marks which of
    /// them are its own instead of copying them.
    all: Rc<[Mention]>,
    /// A bit per mention of `all`, set for this timeline's, and how many are set.
    marked: Vec<u64>,
    count: usize,
    /// The lengths of [`Timeline::listed`]'s two lists without a span, counted when the
    /// timeline is made: with bit counts, not a walk over every mention.
    lengths: (usize, usize),
}

impl PartialEq for Timeline {
    fn eq(&self, other: &Self) -> bool {
        (self.granularity, &self.buckets) == (other.granularity, &other.buckets)
            && self.mentions().eq(other.mentions())
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

/// The most days a mention's period runs past its first day (a year's, 366 at most): the list
/// is by first day, so a mention that starts more than this before a day ends before it.
const LONGEST_PERIOD_DAYS: i64 = 366;

/// Whether `date`'s period overlaps `from..=to` (either end open).
fn overlaps(date: PartialDate, from: Option<Day>, to: Option<Day>) -> bool {
    from.is_none_or(|f| date.end() >= f) && to.is_none_or(|t| date.start <= t)
}

/// The period a chart's articles cover, from the first bucket with an article, less
/// [`RECENT_LOOKBACK_DAYS`], to the end of the last: the mentions [`Timeline::listed`] shows
/// first without a span. None without a dated article.
fn period(buckets: &[Bucket]) -> Option<(Day, Day)> {
    let mut dated = buckets.iter().filter(|b| b.articles > 0);
    let first = dated.next()?;
    let last = dated.next_back().unwrap_or(first);
    Some((first.start.add_days(-RECENT_LOOKBACK_DAYS), last.end))
}

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

/// Every dated mention of a collection, in [`mentions_of`] order (by first day), with what a
/// chart reads of them laid out flat: made once, so that a keystroke's timeline
/// ([`Mentions::timeline`]) over tens of thousands of results marks its mentions in a bitmap
/// and counts each bucket's with a few binary searches and bit counts, not a pass over every
/// mention.
#[derive(Debug, Clone)]
pub struct Mentions {
    list: Rc<[Mention]>,
    /// Article `doc`'s mentions are at `places[starts[doc]..starts[doc + 1]]` in `list`.
    starts: Vec<u32>,
    places: Vec<u32>,
    /// Per mention, its first day as a day number ([`Day::to_days`]): ascending.
    days: Vec<i64>,
    /// The mentions a chart counts: those that name a day or a month (not only a year) ...
    charted: Vec<u64>,
    /// ... and, on a chart of days or weeks, only those that name a day.
    daily: Vec<u64>,
    /// The mentions that name a month or a year: those whose period may start before a day
    /// and end after it.
    vague: Vec<u64>,
    /// The days articles were published on, as day numbers, ascending, each once ...
    published_days: Vec<i64>,
    /// ... how many articles were published on each ...
    published_totals: Vec<u32>,
    /// ... and per article, its day's place in them ([`UNDATED`] for none).
    published: Vec<u32>,
}

/// An article's place in the days articles were published on when it has no date.
const UNDATED: u32 = u32::MAX;

/// The days of `dates` ascending, each once; how many dates are each; and each date's place
/// among them ([`UNDATED`] for none). Counted over the days from the first to the last when
/// they are fewer than four per date or 65,536 (about 179 years), else sorted.
fn days_of(dates: &[Option<i64>]) -> (Vec<i64>, Vec<u32>, Vec<u32>) {
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for &d in dates.iter().flatten() {
        (lo, hi) = (lo.min(d), hi.max(d));
    }
    let span = (hi.checked_sub(lo))
        .and_then(|s| usize::try_from(s).ok())
        .filter(|&s| s < dates.len().saturating_mul(4).max(1 << 16));
    match span {
        Some(span) => {
            // Each day of the span to its place among the dates' days.
            let mut place = vec![UNDATED; span + 1];
            for &d in dates.iter().flatten() {
                place[(d - lo) as usize] = 0;
            }
            let mut days = Vec::new();
            for (i, p) in place.iter_mut().enumerate() {
                if *p == 0 {
                    *p = days.len() as u32;
                    days.push(lo + i as i64);
                }
            }
            let places = placed(dates, days.len(), |d| place[(d - lo) as usize]);
            (days, places.0, places.1)
        }
        None => {
            let mut days: Vec<i64> = dates.iter().flatten().copied().collect();
            days.sort_unstable();
            days.dedup();
            let places = placed(dates, days.len(), |d| {
                days.partition_point(|&x| x < d) as u32
            });
            (days, places.0, places.1)
        }
    }
}

/// How many of `dates` are each of `n` days, and each date's place among them, `place`
/// giving the place of a date.
fn placed(dates: &[Option<i64>], n: usize, place: impl Fn(i64) -> u32) -> (Vec<u32>, Vec<u32>) {
    let mut totals = vec![0u32; n];
    let places = (dates.iter())
        .map(|d| match *d {
            Some(d) => {
                let at = place(d);
                totals[at as usize] += 1;
                at
            }
            None => UNDATED,
        })
        .collect();
    (totals, places)
}

impl Mentions {
    /// `list`, mentions of `articles` in [`mentions_of`] order (others are left out).
    pub fn new(articles: &[Article], list: Vec<Mention>) -> Mentions {
        let list: Vec<Mention> = list
            .into_iter()
            .filter(|m| m.doc < articles.len())
            .collect();
        debug_assert!(list.is_sorted_by_key(|m| m.date.start));
        // Each article's mentions, by a counting sort of their places.
        let mut starts = vec![0u32; articles.len() + 1];
        for m in &list {
            starts[m.doc + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut places = vec![0u32; list.len()];
        for (i, m) in list.iter().enumerate() {
            places[next[m.doc] as usize] = i as u32;
            next[m.doc] += 1;
        }
        let bitmap = |keep: &dyn Fn(Precision) -> bool| {
            let mut bits = vec![0u64; list.len().div_ceil(64)];
            for (i, m) in list.iter().enumerate() {
                if keep(m.date.precision) {
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
            bits
        };
        let dates: Vec<Option<i64>> = articles
            .iter()
            .map(|a| a.date.map(|d| d.day.to_days()))
            .collect();
        let (published_days, published_totals, published) = days_of(&dates);
        Mentions {
            days: list.iter().map(|m| m.date.start.to_days()).collect(),
            charted: bitmap(&|p| p != Precision::Year),
            daily: bitmap(&|p| p == Precision::Day),
            vague: bitmap(&|p| p != Precision::Day),
            published_days,
            published_totals,
            published,
            list: list.into(),
            starts,
            places,
        }
    }

    /// Every mention of `articles`.
    pub fn of(articles: &[Article]) -> Mentions {
        Mentions::new(articles, mentions_of(articles, 0..articles.len()))
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The places in the list of article `doc`'s mentions (none for a `doc` out of range).
    fn places_of(&self, doc: usize) -> &[u32] {
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&a), Some(&b)) => &self.places[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The first place in the list whose day is at least `day`.
    fn place_of_day(&self, day: i64) -> usize {
        self.days.partition_point(|&d| d < day)
    }

    /// The timeline of `docs` (indexes into the articles), with their mentions.
    pub fn timeline(&self, docs: &[usize]) -> Timeline {
        self.timeline_by(docs, docs.len() * 2 > self.published.len())
    }

    /// [`Mentions::timeline`], read from the articles outside `docs` if `outside` (when they
    /// are a set, else from `docs`).
    fn timeline_by(&self, docs: &[usize], outside: bool) -> Timeline {
        let n = self.published.len();
        let words = self.list.len().div_ceil(64);
        // Which mentions are the articles', and how many articles were published each day.
        let (marked, per_day) = match crate::index::DocSet::of_distinct(docs, n) {
            // Most of the collection: every mention and article but those of the others
            // (each mention is one article's), fewer to read.
            Some(set) if outside => {
                let mut marked = crate::index::DocSet::full(self.list.len()).into_words();
                let mut per_day = self.published_totals.clone();
                for doc in (0..n).filter(|&doc| !set.contains(doc)) {
                    for &p in self.places_of(doc) {
                        marked[p as usize / 64] &= !(1 << (p % 64));
                    }
                    if let Some(day) = per_day.get_mut(self.published[doc] as usize) {
                        *day -= 1;
                    }
                }
                (marked, per_day)
            }
            // In the articles' order, not the results', when they are a set: the tables are
            // read front to back.
            set => {
                let mut marked = vec![0u64; words];
                let mut per_day = vec![0u32; self.published_days.len()];
                let mut add = |doc: usize| {
                    for &p in self.places_of(doc) {
                        marked[p as usize / 64] |= 1 << (p % 64);
                    }
                    let day = self.published.get(doc).copied().unwrap_or(UNDATED);
                    if let Some(day) = per_day.get_mut(day as usize) {
                        *day += 1;
                    }
                };
                match set {
                    Some(set) => set.iter().for_each(&mut add),
                    None => docs.iter().for_each(|&doc| add(doc)),
                }
                (marked, per_day)
            }
        };
        let (granularity, buckets) = self
            .chart(&marked, &per_day)
            .unwrap_or((Granularity::Day, Vec::new()));
        let count = marked.iter().map(|w| w.count_ones() as usize).sum();
        let firsts = match period(&buckets) {
            Some((from, to)) => self.dated_within(&marked, from, to),
            None => count,
        };
        Timeline {
            granularity,
            buckets,
            all: self.list.clone(),
            count,
            marked,
            lengths: (firsts, count - firsts),
        }
    }

    /// How many `marked` mentions have a period overlapping `from..=to`: those whose first day
    /// is within it (consecutive in the list, counted by bits), and the months and years that
    /// start before it and end within or after it (a year at most: a window of the list).
    fn dated_within(&self, marked: &[u64], from: Day, to: Day) -> usize {
        let (from_day, to_day) = (from.to_days(), to.to_days());
        let start = self.place_of_day(from_day);
        let end = self.place_of_day(to_day + 1).max(start);
        let within = Bits(marked, None).count(start, end);
        let window = self.place_of_day(from_day - LONGEST_PERIOD_DAYS).min(start);
        let before = SetBits::new(Bits(marked, Some(&self.vague)), window, start)
            .filter(|&p| overlaps(self.list[p as usize].date, Some(from), Some(to)))
            .count();
        within + before
    }

    /// The buckets of a chart of articles, `published[i]` of them on the `i`th of the days
    /// articles were published on, and of the `marked` mentions; none when there is no date.
    fn chart(&self, marked: &[u64], published: &[u32]) -> Option<(Granularity, Vec<Bucket>)> {
        // The days with articles, and how many.
        let published = || {
            (self.published_days.iter().copied())
                .zip(published.iter().copied())
                .filter(|&(_, n)| n > 0)
        };
        let earliest_article = published().next().map(|(day, _)| day);
        // The charted mentions: not dated by a year only, nor long before the articles.
        let lowest = earliest_article.map_or(0, |e| self.place_of_day(e - MAX_LOOKBACK_DAYS));
        let mut charted = SetBits::new(Bits(marked, Some(&self.charted)), lowest, self.len());
        let (first, last) = (charted.next(), charted.next_back());
        let latest_article = published().next_back().map(|(day, _)| day);
        let days = (earliest_article.into_iter()).chain(latest_article).chain(
            first
                .iter()
                .chain(last.iter())
                .map(|&p| self.days[p as usize]),
        );
        let (granularity, mut buckets) = empty_buckets(days.clone().min()?, days.max()?);
        // Each day of the chart's span to its bucket: a look-up per article, not a search.
        let first_day = buckets.first().map_or(0, |b| b.start.to_days());
        let mut bucket_of = Vec::new();
        for (i, b) in buckets.iter().enumerate() {
            let days = (b.end.to_days() - b.start.to_days() + 1).max(0) as usize;
            bucket_of.extend(std::iter::repeat_n(i as u32, days));
        }
        for (d, n) in published() {
            let at = usize::try_from(d - first_day).ok();
            if let Some(&i) = at.and_then(|at| bucket_of.get(at)) {
                buckets[i as usize].articles += n as usize;
            }
        }
        // A bucket's events are the marked mentions of its days, which are consecutive in the
        // list. A month is not a day or a week: on a chart of days or weeks it would pile up
        // on the 1st (it stays in the list).
        let kept = match granularity {
            Granularity::Month | Granularity::Year => &self.charted,
            Granularity::Day | Granularity::Week => &self.daily,
        };
        let counted = Bits(marked, Some(kept));
        for b in &mut buckets {
            let from = self.place_of_day(b.start.to_days()).max(lowest);
            let to = self.place_of_day(b.end.to_days() + 1).max(from);
            b.events = counted.count(from, to);
        }
        Some((granularity, buckets))
    }
}

/// The empty buckets of a chart from day number `min` to `max`, and their size.
fn empty_buckets(min: i64, max: i64) -> (Granularity, Vec<Bucket>) {
    let granularity = Granularity::for_span(max - min);
    let (min, max) = (Day::from_days(min), Day::from_days(max));
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
    (granularity, buckets)
}

/// The buckets (first and last day) of the chart of `docs` (indexes into `articles`) without
/// their mentions, and their size: what [`Mentions::timeline`] charts from a list of no
/// mentions, from the articles' dates alone (days and no bucket for none).
pub fn axis(articles: &[Article], docs: &[usize]) -> (Granularity, Vec<(Day, Day)>) {
    let days = (docs.iter())
        .filter_map(|&doc| articles.get(doc)?.date)
        .map(|d| d.day.to_days());
    let (Some(min), Some(max)) = (days.clone().min(), days.max()) else {
        return (Granularity::Day, Vec::new());
    };
    let (granularity, buckets) = empty_buckets(min, max);
    (
        granularity,
        buckets.iter().map(|b| (b.start, b.end)).collect(),
    )
}

/// A bitmap, or the bits two bitmaps share.
#[derive(Clone, Copy)]
struct Bits<'a>(&'a [u64], Option<&'a [u64]>);

impl Bits<'_> {
    fn word(&self, w: usize) -> u64 {
        self.0[w] & self.1.map_or(!0, |mask| mask[w])
    }

    /// How many bits are set in `from..to`.
    fn count(&self, from: usize, to: usize) -> usize {
        if from >= to {
            return 0;
        }
        let (first, last) = (from / 64, (to - 1) / 64);
        let low = !0u64 << (from % 64);
        let high = !0u64 >> (63 - (to - 1) % 64);
        if first == last {
            return (self.word(first) & low & high).count_ones() as usize;
        }
        let middle: usize = (first + 1..last)
            .map(|w| self.word(w).count_ones() as usize)
            .sum();
        (self.word(first) & low).count_ones() as usize
            + middle
            + (self.word(last) & high).count_ones() as usize
    }
}

/// The set bits of a bitmap within `front..back`, ascending or from the end.
#[derive(Clone)]
struct SetBits<'a> {
    bits: Bits<'a>,
    front: usize,
    back: usize,
}

impl<'a> SetBits<'a> {
    fn new(bits: Bits<'a>, from: usize, to: usize) -> SetBits<'a> {
        SetBits {
            bits,
            front: from,
            back: to.max(from),
        }
    }
}

impl Iterator for SetBits<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        while self.front < self.back {
            let w = self.front / 64;
            let bits = self.bits.word(w) & (!0u64 << (self.front % 64));
            if bits == 0 {
                self.front = (w + 1) * 64;
                continue;
            }
            let at = w * 64 + bits.trailing_zeros() as usize;
            if at >= self.back {
                break;
            }
            self.front = at + 1;
            return Some(at as u32);
        }
        self.front = self.back;
        None
    }
}

impl DoubleEndedIterator for SetBits<'_> {
    fn next_back(&mut self) -> Option<u32> {
        while self.front < self.back {
            let last = self.back - 1;
            let w = last / 64;
            let bits = self.bits.word(w) & (!0u64 >> (63 - last % 64));
            if bits == 0 {
                self.back = (w * 64).max(self.front);
                continue;
            }
            let at = w * 64 + 63 - bits.leading_zeros() as usize;
            if at < self.front {
                break;
            }
            self.back = at;
            return Some(at as u32);
        }
        self.back = self.front;
        None
    }
}

/// [`SetBits`] that knows how many are left.
#[derive(Clone)]
struct Counted<'a> {
    bits: SetBits<'a>,
    left: usize,
}

impl Iterator for Counted<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let next = self.bits.next()?;
        self.left -= 1;
        Some(next)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for Counted<'_> {
    fn next_back(&mut self) -> Option<u32> {
        let next = self.bits.next_back()?;
        self.left -= 1;
        Some(next)
    }
}

impl ExactSizeIterator for Counted<'_> {}

impl Timeline {
    /// The timeline of `docs` (indexes into `articles`).
    pub fn build(articles: &[Article], docs: &[usize]) -> Timeline {
        Mentions::new(articles, mentions_of(articles, docs.iter().copied())).timeline(docs)
    }

    /// All mentions of the timeline's articles, by date.
    pub fn mentions(
        &self,
    ) -> impl DoubleEndedIterator<Item = &Mention> + ExactSizeIterator + Clone {
        Counted {
            bits: SetBits::new(Bits(&self.marked, None), 0, self.all.len()),
            left: self.count,
        }
        .map(|i| &self.all[i as usize])
    }

    /// The mentions dated within `from..=to` (a mention counts if its period overlaps).
    pub fn mentions_between(
        &self,
        from: Option<Day>,
        to: Option<Day>,
    ) -> impl Iterator<Item = &Mention> {
        // The list is by first day: a mention starting more than a year before `from` ends
        // before it, one starting after `to` is after it. Only the places between are read.
        let lo = from.map_or(0, |f| {
            let earliest = f.add_days(-LONGEST_PERIOD_DAYS);
            self.all.partition_point(|m| m.date.start < earliest)
        });
        let hi = to.map_or(self.all.len(), |t| {
            self.all.partition_point(|m| m.date.start <= t)
        });
        SetBits::new(Bits(&self.marked, None), lo, hi)
            .map(|i| &self.all[i as usize])
            .filter(move |m| overlaps(m.date, from, to))
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
        // Without a span the lengths are known; then the walk stops at the head.
        let known = (from.is_none() && to.is_none()).then_some(self.lengths);
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
        let (firsts, olders) = known.unwrap_or(counts);
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
        let period = period(&self.buckets);
        for m in self.mentions().rev() {
            let is_first = period.is_none_or(|(from, to)| overlaps(m.date, Some(from), Some(to)));
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
        assert_eq!(t.mentions().len(), 2, "the month stays in the list");
        // Over a year and more, months are the buckets: it counts in its own.
        let b = article("2023-06-01", &[]);
        let t = Timeline::build(&[a, b], &[0, 1]);
        assert_eq!(t.granularity, Granularity::Month);
        assert_eq!(t.buckets[0].events, 2);
    }

    #[test]
    fn the_collections_mentions_give_the_timeline_built_for_the_subset() {
        let articles = [
            article("2022-01-27", &["2022-01-20", "2022-01-03"]),
            article("2022-01-10", &["2022-01-20"]),
            article("2022-02-01", &["2021-12-31", "2022-01-20"]),
        ];
        let all = Mentions::of(&articles);
        assert_eq!(all.len(), 5);
        for docs in [vec![], vec![0], vec![2, 0], vec![0, 1, 2], vec![1, 7]] {
            assert_eq!(
                all.timeline(&docs),
                Timeline::build(&articles, &docs),
                "{docs:?}"
            );
        }
    }

    /// Sets of most of the collection are counted from the articles outside them: the same
    /// timelines, undated articles, articles on the same day and months among the mentions
    /// included.
    #[test]
    fn large_and_small_sets_give_the_timeline_built_for_the_subset() {
        let dates = [
            "2022-01-27",
            "2022-01-10",
            "2022-02-01",
            "2022-01-10",
            "2021-11-30",
        ];
        // More mentions than a word of bits holds.
        let mut articles: Vec<Article> = (0..97)
            .map(|i| {
                let events = [dates[(i + 1) % 5], dates[(i * 3) % 5]];
                article(dates[i % 5], &events[..i % 3])
            })
            .collect();
        articles[4].date = None;
        articles[9].date = None;
        articles[6].events.push(Event {
            date: PartialDate {
                start: day("2022-01-01"),
                precision: Precision::Month,
            },
            text: "2022年1月".into(),
            block: 0,
        });
        let all = Mentions::of(&articles);
        let mut seed = 5u64;
        for size in [0, 1, 5, 48, 49, 70, 96, 97] {
            for _ in 0..8 {
                let mut docs: Vec<usize> = (0..articles.len()).collect();
                for i in (1..docs.len()).rev() {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    docs.swap(i, (seed >> 33) as usize % (i + 1));
                }
                docs.truncate(size);
                let want = all.timeline_by(&docs, false);
                assert_eq!(all.timeline_by(&docs, true), want, "{docs:?}");
                assert_eq!(all.timeline(&docs), want, "{docs:?}");
                assert_eq!(Timeline::build(&articles, &docs), want, "{docs:?}");
                // The compare view's axis: the chart of no mentions.
                let bare = Mentions::new(&articles, Vec::new()).timeline(&docs);
                let buckets = bare.buckets.iter().map(|b| (b.start, b.end)).collect();
                assert_eq!(axis(&articles, &docs), (bare.granularity, buckets));
            }
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
        let texts: Vec<&str> = t.mentions().map(|m| m.text(&articles)).collect();
        assert_eq!(texts, ["旧闻", "2022-01-20 发生了"]);
        assert_eq!(t.mentions().next().unwrap().text(&[]), "");
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
            "the lengths follow from the mentions"
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
        assert_eq!(t.mentions().len(), 1);
        assert_eq!(
            t.buckets.len(),
            1,
            "a 2018 headline does not stretch the chart"
        );
        assert!(Timeline::build(&[], &[]).buckets.is_empty());
    }

    /// The lengths a timeline counts with bits when it is made are those of the lists walked
    /// mention by mention, over generated collections: days, months and years around and long
    /// before the articles' period, subsets of them.
    #[test]
    fn the_lists_lengths_are_those_of_the_lists() {
        let mut rng = crate::test_rng::Rng(0x9e37_79b9_7f4a_7c15);
        let mut next = move |n: u64| rng.next() % n;
        let base = day("2022-01-01").to_days();
        for _ in 0..200 {
            let articles: Vec<Article> = (0..1 + next(12))
                .map(|_| {
                    let mut a = article(&Day::from_days(base + next(60) as i64).to_string(), &[]);
                    if next(8) == 0 {
                        a.date = None;
                    }
                    for _ in 0..next(6) {
                        let start = Day::from_days(base - 800 + next(900) as i64);
                        let (start, precision) = match next(3) {
                            0 => (start, Precision::Day),
                            1 => (Day { day: 1, ..start }, Precision::Month),
                            _ => (
                                Day {
                                    month: 1,
                                    day: 1,
                                    ..start
                                },
                                Precision::Year,
                            ),
                        };
                        a.events.push(Event {
                            date: PartialDate { start, precision },
                            text: String::new(),
                            block: 0,
                        });
                    }
                    a
                })
                .collect();
            let all = Mentions::of(&articles);
            let docs: Vec<usize> = (0..articles.len()).filter(|_| next(4) != 0).collect();
            let t = all.timeline(&docs);
            let (first, rest) = t.listed(None, None);
            assert_eq!(t.lengths, (first.len(), rest.len()), "{docs:?}");
            // A span reads only the mentions that may reach into it: the same ones as a
            // look at every mention.
            let day_near = |k: u64| Some(Day::from_days(base - 500 + k as i64));
            let (from, to) = match next(4) {
                0 => (None, day_near(next(600))),
                1 => (day_near(next(600)), None),
                _ => {
                    let a = next(600);
                    (day_near(a), day_near(a + next(120)))
                }
            };
            let every: Vec<&Mention> = t
                .mentions()
                .filter(|m| {
                    from.is_none_or(|f| m.date.end() >= f) && to.is_none_or(|t| m.date.start <= t)
                })
                .collect();
            assert_eq!(t.mentions_between(from, to).collect::<Vec<_>>(), every);
        }
    }

    /// Set bits read forwards, backwards, from both ends and counted in ranges agree with a
    /// plain reading of the bits, over bitmaps from the tests' seeded generator.
    #[test]
    fn bitmaps_read_as_their_bits() {
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d);
        let mut next = move || rng.next();
        for round in 0..300 {
            let words = (next() % 5) as usize;
            let dense = round % 3;
            let bitmap: Vec<u64> = (0..words)
                .map(|_| match dense {
                    0 => next() & next() & next(),
                    1 => next(),
                    _ => !(next() & next()),
                })
                .collect();
            let mask: Vec<u64> = (0..words).map(|_| next() | next()).collect();
            let len = words * 64;
            let (from, to) = match len {
                0 => (0, 0),
                _ => ((next() as usize) % len, (next() as usize) % (len + 1)),
            };
            for bits in [Bits(&bitmap, None), Bits(&bitmap, Some(&mask))] {
                let set: Vec<u32> = (from..to.max(from))
                    .filter(|&i| bits.word(i / 64) >> (i % 64) & 1 == 1)
                    .map(|i| i as u32)
                    .collect();
                let forward: Vec<u32> = SetBits::new(bits, from, to).collect();
                assert_eq!(forward, set);
                let mut backward: Vec<u32> = SetBits::new(bits, from, to).rev().collect();
                backward.reverse();
                assert_eq!(backward, set);
                assert_eq!(bits.count(from, to), set.len());
                // Alternating ends meet in the middle without a bit twice.
                let mut both = SetBits::new(bits, from, to);
                let (mut head, mut tail) = (Vec::new(), Vec::new());
                loop {
                    match (both.next(), both.next_back()) {
                        (Some(a), Some(b)) => {
                            head.push(a);
                            tail.push(b);
                        }
                        (Some(a), None) => head.push(a),
                        (None, _) => break,
                    }
                }
                tail.reverse();
                head.extend(tail);
                assert_eq!(head, set);
            }
        }
    }
}
