//! Parse stage 4: dates. Finds the date expressions of Chinese news text (`2021年12月30日`,
//! `1月26日`, `26日`, `去年6月`, `今年1月初`, `2021年底`, `2022-01-27`), resolves them to
//! calendar periods with their precision, cuts text into sentences and infers a publication
//! day for undated articles. Date fields and dates in addresses are read by [`super::dating`].

use crate::date::{Day, PartialDate, Precision};

/// A date expression as written, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raw {
    /// Has its year: `2021年12月30日`, `2021年12月`, `2021年底` (month 12), `2021年`.
    Full {
        y: i32,
        m: Option<u8>,
        d: Option<u8>,
    },
    /// A year relative to the article's: `去年6月` is `off = -1, m = 6`.
    Rel {
        off: i32,
        m: Option<u8>,
        d: Option<u8>,
    },
    /// `1月26日`, `12月`: the year is the one closest to the article's date.
    MonthDay { m: u8, d: Option<u8> },
    /// `26日`: the month is the one last mentioned.
    DayOnly { d: u8 },
}

/// A date expression found in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub raw: Raw,
    pub start: usize,
    pub end: usize,
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Finds the date expressions of `s`, in order.
pub fn scan(s: &str) -> Vec<Mention> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| cs.get(i).map(|&(_, c)| c);
    let off = |i: usize| cs.get(i).map_or(s.len(), |&(o, _)| o);
    // A number of at most `max` digits at `i`: its value and the index after it.
    let number = |i: usize, max: usize| -> Option<(u32, usize)> {
        let mut v = 0u32;
        let mut j = i;
        while let Some(d) = at(j).and_then(digit) {
            v = v.saturating_mul(10).saturating_add(d);
            j += 1;
        }
        (j > i && j - i <= max).then_some((v, j))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        let prev = i.checked_sub(1).and_then(at);
        if digit(c).is_none() || prev.and_then(digit).is_some() {
            // Relative years without a month: 今年, 去年, 明年.
            if let Some(rel) = rel_year(at(i), at(i + 1)) {
                // With a month (`去年6月`) the month branch below takes it.
                let with_month = number(i + 2, 2).is_some_and(|(_, j)| at(j) == Some('月'));
                if !with_month && matches!(at(i), Some('今' | '去' | '明')) {
                    out.push(Mention {
                        raw: Raw::Rel {
                            off: rel,
                            m: None,
                            d: None,
                        },
                        start: off(i),
                        end: off(i + 2),
                    });
                    i += 2;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        let Some((n, j)) = number(i, 4) else {
            // A long digit run (a phone number, an id): skip it whole.
            while at(i).and_then(digit).is_some() {
                i += 1;
            }
            continue;
        };
        let start = i;
        let next = at(j);
        let mut found: Option<(Raw, usize)> = None;
        if j - i == 4 && (1900..=2100).contains(&n) {
            let y = n as i32;
            match next {
                Some('年') => {
                    let mut k = j + 1;
                    if at(k) == Some('年') && matches!(at(k + 1), Some('底' | '末' | '初')) {
                        k += 1; // 2021年年底
                    }
                    found = Some(match at(k) {
                        Some('底' | '末') => (
                            Raw::Full {
                                y,
                                m: Some(12),
                                d: None,
                            },
                            k + 1,
                        ),
                        Some('初') => (
                            Raw::Full {
                                y,
                                m: Some(1),
                                d: None,
                            },
                            k + 1,
                        ),
                        _ => match month_day(&number, &at, k) {
                            Some((m, d, e)) => (Raw::Full { y, m: Some(m), d }, e),
                            None => (
                                Raw::Full {
                                    y,
                                    m: None,
                                    d: None,
                                },
                                k,
                            ),
                        },
                    });
                }
                Some(sep @ ('-' | '/' | '.')) => {
                    if let Some((m, k)) = number(j + 1, 2).filter(|&(m, _)| (1..=12).contains(&m))
                        && at(k) == Some(sep)
                        && let Some((d, e)) =
                            number(k + 1, 2).filter(|&(d, _)| (1..=31).contains(&d))
                        && at(e).and_then(digit).is_none()
                    {
                        found = Some((
                            Raw::Full {
                                y,
                                m: Some(m as u8),
                                d: Some(d as u8),
                            },
                            e,
                        ));
                    }
                }
                _ => {}
            }
        } else if j - i <= 2 {
            if next == Some('月') {
                if let Some((m, d, e)) = month_day(&number, &at, i) {
                    let rel = i.checked_sub(2).and_then(|p| rel_year(at(p), at(p + 1)));
                    found = Some(match rel {
                        Some(off_y) => (
                            Raw::Rel {
                                off: off_y,
                                m: Some(m),
                                d,
                            },
                            e,
                        ),
                        None => (Raw::MonthDay { m, d }, e),
                    });
                }
            } else if matches!(next, Some('日' | '号' | '號'))
                && (1..=31).contains(&n)
                && !matches!(
                    prev,
                    Some('近' | '前' | '每' | '数' | '數' | '几' | '幾' | '第' | '连' | '連')
                )
                && !matches!(at(j + 1), Some('本' | '元' | '圆' | '圓' | '语' | '語'))
            {
                found = Some((Raw::DayOnly { d: n as u8 }, j + 1));
            }
        }
        match found {
            Some((raw, e)) => {
                let start_b = match raw {
                    Raw::Rel { .. } if start >= 2 => off(start - 2),
                    _ => off(start),
                };
                out.push(Mention {
                    raw,
                    start: start_b,
                    end: off(e),
                });
                i = e.max(i + 1);
            }
            None => i = j,
        }
    }
    out
}

/// `今年` 0, `去年` -1, `明年` 1, `前年` -2, `后年` 2.
fn rel_year(a: Option<char>, b: Option<char>) -> Option<i32> {
    if b != Some('年') {
        return None;
    }
    match a? {
        '今' | '本' => Some(0),
        '去' => Some(-1),
        '明' => Some(1),
        '前' => Some(-2),
        '后' | '後' => Some(2),
        _ => None,
    }
}

/// `M月` with an optional `D日`/`D号` at `i`: month, day, index after.
fn month_day(
    number: &dyn Fn(usize, usize) -> Option<(u32, usize)>,
    at: &dyn Fn(usize) -> Option<char>,
    i: usize,
) -> Option<(u8, Option<u8>, usize)> {
    let (m, j) = number(i, 2).filter(|&(m, _)| (1..=12).contains(&m))?;
    if at(j) != Some('月') {
        return None;
    }
    if let Some((d, k)) = number(j + 1, 2).filter(|&(d, _)| (1..=31).contains(&d))
        && matches!(at(k), Some('日' | '号' | '號'))
    {
        return Some((m as u8, Some(d as u8), k + 1));
    }
    Some((m as u8, None, j + 1))
}

/// Resolves mentions in reading order: relative and year-less dates against a reference
/// day (the article's date), day-only dates against the month last mentioned.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    pub reference: Option<Day>,
    /// True when `reference` is the article's own date, not an estimate.
    dated: bool,
    last: Option<PartialDate>,
}

impl Resolver {
    /// Resolves against an estimate of the article's date (or none).
    pub fn new(reference: Option<Day>) -> Resolver {
        Resolver {
            reference,
            dated: false,
            last: None,
        }
    }

    /// Resolves against the article's publication day: a day-only date (`1日`) is then
    /// the latest such day not after it, as news reports mean.
    pub fn dated(day: Day) -> Resolver {
        Resolver {
            reference: Some(day),
            dated: true,
            last: None,
        }
    }

    pub fn resolve(&mut self, raw: Raw) -> Option<PartialDate> {
        let r = self.reference;
        let out = match raw {
            Raw::Full { y, m, d } => period(y, m, d),
            Raw::Rel { off, m, d } => period(r?.year + off, m, d),
            Raw::MonthDay { m, d } => {
                let r = r?;
                (r.year - 1..=r.year + 1)
                    .filter_map(|y| period(y, Some(m), d))
                    .min_by_key(|p| distance(*p, r))
            }
            Raw::DayOnly { d } if self.dated => {
                let r = r?;
                let this = period(r.year, Some(r.month), Some(d)).filter(|p| p.start <= r);
                this.or_else(|| {
                    let prev = r.add_days(-i64::from(r.day));
                    period(prev.year, Some(prev.month), Some(d))
                })
            }
            Raw::DayOnly { d } => match self.last.filter(|l| l.precision != Precision::Year) {
                Some(l) => period(l.start.year, Some(l.start.month), Some(d)),
                None => {
                    let r = r?;
                    [-1i32, 0, 1]
                        .iter()
                        .filter_map(|&dm| {
                            let months = r.year * 12 + i32::from(r.month) - 1 + dm;
                            let month = u8::try_from(months.rem_euclid(12) + 1).ok()?;
                            period(months.div_euclid(12), Some(month), Some(d))
                        })
                        .min_by_key(|p| distance(*p, r))
                }
            },
        };
        if let Some(p) = out.filter(|p| p.precision != Precision::Year) {
            self.last = Some(p);
        }
        out
    }
}

fn period(y: i32, m: Option<u8>, d: Option<u8>) -> Option<PartialDate> {
    match (m, d) {
        (Some(m), Some(d)) => Day::new(y, m, d).map(|start| PartialDate {
            start,
            precision: Precision::Day,
        }),
        (Some(m), None) => Day::new(y, m, 1).map(|start| PartialDate {
            start,
            precision: Precision::Month,
        }),
        _ => Day::new(y, 1, 1).map(|start| PartialDate {
            start,
            precision: Precision::Year,
        }),
    }
}

/// Days between `r` and the middle of the period `p`.
fn distance(p: PartialDate, r: Day) -> i64 {
    let mid = (p.start.to_days() + p.end().to_days()) / 2;
    (mid - r.to_days()).abs()
}

/// Splits a paragraph into sentences, keeping closing quotes with their sentence.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | '…') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = it.peek() {
                if matches!(
                    q,
                    '”' | '’' | '」' | '』' | '"' | ')' | '）' | '。' | '！' | '？' | '…'
                ) {
                    end = j + q.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Words that put a sentence in the future (plans, forecasts): its dates do not tell when the
/// article was written.
const FUTURE: &[&str] = &[
    "将于",
    "将在",
    "将会",
    "将举行",
    "将召开",
    "将进行",
    "将访问",
    "即将",
    "预计",
    "预定",
    "计划",
    "拟于",
    "拟在",
    "定于",
    "届时",
    "明天",
    "明日",
    "下周",
    "將於",
    "將在",
    "將會",
    "將舉行",
    "即將",
    "預計",
    "預定",
    "計劃",
    "擬於",
    "屆時",
];

pub fn is_future(sentence: &str) -> bool {
    FUTURE.iter().any(|w| sentence.contains(w))
}

/// The publication day of an undated article: the latest day-precision date of a sentence
/// that is not about the future.
pub fn infer<'a>(dated: impl IntoIterator<Item = (PartialDate, &'a str)>) -> Option<Day> {
    dated
        .into_iter()
        .filter(|(p, s)| p.precision == Precision::Day && !is_future(s))
        .map(|(p, _)| p.start)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse_iso(s).unwrap()
    }

    fn resolve_all(text: &str, reference: &str) -> Vec<String> {
        let mut r = Resolver::new(Day::parse_iso(reference));
        scan(text)
            .into_iter()
            .filter_map(|m| r.resolve(m.raw))
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn finds_and_resolves_the_forms_of_the_issue() {
        assert_eq!(
            resolve_all(
                "2021年12月30日,去年6月,今年1月初,2021年底,2021年年底,1月26日,26日晚,当地时间2月1日,周二(2月1日),周一(31日)",
                "2022-02-02"
            ),
            // 周一(31日) follows February: no such day, so no date.
            vec![
                "2021-12-30",
                "2021-06",
                "2022-01",
                "2021-12",
                "2021-12",
                "2022-01-26",
                "2022-01-26",
                "2022-02-01",
                "2022-02-01"
            ]
        );
        assert_eq!(
            resolve_all("1997年状态,2022-01-27,12月", "2022-01-05"),
            vec!["1997", "2022-01-27", "2021-12"]
        );
    }

    #[test]
    fn ignores_numbers_that_are_not_dates() {
        assert!(
            scan("5000人,30多年,近7日,50分钟,10万,13533598,第3日").is_empty(),
            "{:?}",
            scan("5000人,30多年,近7日,50分钟,10万,13533598,第3日")
        );
    }

    #[test]
    fn year_less_dates_take_the_closest_year() {
        assert_eq!(resolve_all("12月25日", "2022-01-03"), vec!["2021-12-25"]);
        assert_eq!(resolve_all("1月12日", "2021-12-30"), vec!["2022-01-12"]);
        assert_eq!(resolve_all("3日", "2022-02-01"), vec!["2022-02-03"]);
        assert_eq!(resolve_all("30日", "2022-02-01"), vec!["2022-01-30"]);
        assert!(resolve_all("1月12日", "").is_empty());
        // Against the article's own date, a day-only date is the latest one not after it.
        let mut r = Resolver::dated(day("2022-02-03"));
        r.resolve(Raw::MonthDay { m: 1, d: Some(26) });
        assert_eq!(
            r.resolve(Raw::DayOnly { d: 1 })
                .map(|p| p.to_string())
                .as_deref(),
            Some("2022-02-01")
        );
        assert_eq!(
            r.resolve(Raw::DayOnly { d: 26 })
                .map(|p| p.to_string())
                .as_deref(),
            Some("2022-01-26")
        );
    }

    #[test]
    fn sentences_and_inference() {
        let text = "约翰逊说,“我们准备好了。”他将于2月2日通话!普京2日称西方忽视";
        assert_eq!(
            sentences(text),
            vec![
                "约翰逊说,“我们准备好了。”",
                "他将于2月2日通话!",
                "普京2日称西方忽视"
            ]
        );
        let p = |s: &str| PartialDate {
            start: day(s),
            precision: Precision::Day,
        };
        assert_eq!(
            infer([
                (p("2022-02-05"), "他将于2月5日访问"),
                (p("2022-02-01"), "2月1日,普京说"),
                (p("2022-01-31"), "x")
            ]),
            Some(day("2022-02-01"))
        );
    }
}
