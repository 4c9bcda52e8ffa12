//! Dating the article: date fields (front matter, `日期:` lines) read in Beijing time, dates
//! in addresses, and from these, the dateline or the text, the publication day; then the
//! events of the text, resolved against it.

use crate::article::{DateBasis, Event, PublishedDate, Warning};
use crate::date::{Day, PartialDate, Precision};

use super::Builder;
use super::dates::{self, Raw, Resolver, scan};

impl Builder {
    /// The publication date (metadata, dateline, address, or inferred from the text) and the
    /// events, which need it to resolve year-less and relative dates.
    pub(super) fn date_and_events(&mut self) {
        let anchor = self.anchor();
        // Dates in the images' addresses (`…/r/?d=20180907`, `/2018/09/07/…`): when one is
        // within a month of a stated date without its year, it gives the year. The text's
        // own years can mislead there (`2007年以来最窄` in a report of 30 August 2018).
        let pictured: Vec<(Day, Day)> = self
            .a
            .images
            .iter()
            .filter_map(|i| i.src.as_deref())
            .filter_map(image_days)
            .collect();
        let resolve_raw = |raw: Raw| {
            let near_picture = || {
                pictured.iter().find_map(|&(first, last)| {
                    let middle = first.add_days((last.to_days() - first.to_days()) / 2);
                    Resolver::new(Some(middle))
                        .resolve(raw)
                        .filter(|p| p.precision == Precision::Day)
                        .filter(|p| {
                            let d = p.start.to_days();
                            d >= first.to_days() - 31 && d <= last.to_days() + 31
                        })
                })
            };
            let yearless = matches!(raw, Raw::MonthDay { .. });
            yearless.then(near_picture).flatten().or_else(|| {
                Resolver::new(anchor)
                    .resolve(raw)
                    .filter(|p| p.precision == Precision::Day)
            })
        };
        let mut date = None;
        match self.field_date {
            Some((FieldDate::Day(d), _)) => date = Some((d, DateBasis::Metadata)),
            Some((FieldDate::MonthDay(m, d), ref written)) => {
                match resolve_raw(Raw::MonthDay { m, d: Some(d) }) {
                    Some(p) => date = Some((p.start, DateBasis::Metadata)),
                    None => self
                        .a
                        .warnings
                        .push(Warning::DateWithoutYear(written.clone())),
                }
            }
            None => {}
        }
        // Stated dates, most reliable first; an inferred date never overrides one.
        if date.is_none() {
            date = self.timestamp.map(|d| (d, DateBasis::Timestamp));
        }
        if date.is_none() {
            date = self
                .dateline
                .and_then(resolve_raw)
                .map(|p| (p.start, DateBasis::Dateline));
        }
        if date.is_none() {
            date = self
                .a
                .url
                .as_deref()
                .and_then(from_url)
                .map(|d| (d, DateBasis::Url));
        }
        // A title taken from the first sentence states nothing of its own.
        let title = (!self.a.title_derived)
            .then(|| title_date(&self.a.title))
            .flatten();
        if date.is_none() {
            date = title
                .and_then(resolve_raw)
                .map(|p| (p.start, DateBasis::Title));
        }
        if date.is_none() {
            date = from_file_name(&self.a.file).map(|d| (d, DateBasis::FileName));
        }
        // The last update, when the page states nothing else.
        if date.is_none() {
            date = self.updated.map(|d| (d, DateBasis::Metadata));
        }
        if date.is_none() {
            let first = self.events(anchor);
            let inferred = dates::infer(first.iter().map(|e| (e.date, e.text.as_str())));
            // The pictures' upload month (the latest: older ones are often a channel's logo
            // or a file picture used again), unless the text's estimate falls inside it.
            let month = pictured
                .iter()
                .filter(|(first, last)| first != last && first.day == 1)
                .map(|&(first, _)| first)
                .max();
            date = match (inferred, month) {
                (Some(d), Some(m)) if (d.year, d.month) != (m.year, m.month) => {
                    Some((m, DateBasis::Pictures))
                }
                (Some(d), _) => Some((d, DateBasis::Inferred)),
                (None, Some(m)) => Some((m, DateBasis::Pictures)),
                (None, None) => None,
            };
        }
        self.a.events = match date {
            // A month: its year-less dates resolve near it, day-only ones as without a date.
            Some((m, DateBasis::Pictures)) => self.events(Some(m.add_days(14))),
            Some((d, _)) => self.events_with(Resolver::dated(d)),
            None => self.events(anchor),
        };
        self.a.date = date.map(|(day, basis)| PublishedDate { day, basis });
        if self.a.date.is_none() {
            // A stated date without its year (`路透北京9月7日 -`, `1.27大直播`) that nothing
            // else in the file completes.
            let yearless = [self.dateline, title]
                .into_iter()
                .flatten()
                .find(|r| matches!(r, Raw::MonthDay { .. }));
            match yearless {
                Some(Raw::MonthDay { m, d }) => {
                    self.a.warnings.push(Warning::DateWithoutYear(match d {
                        Some(d) => format!("{m}月{d}日"),
                        None => format!("{m}月"),
                    }))
                }
                _ => self.a.warnings.push(Warning::NoDate),
            }
        }
        // Related headlines were resolved against the anchor alone; nothing to redo there.
    }

    /// The latest date with its year written out, from sentences not about the future: the
    /// reference for year-less dates when the article has no date of its own.
    fn anchor(&self) -> Option<Day> {
        let mut best: Option<Day> = None;
        let mut any: Option<Day> = None;
        let texts = self
            .a
            .texts()
            .flat_map(dates::sentences)
            .chain(self.a.related.iter().map(|r| r.title.as_str()));
        for s in texts {
            for m in dates::scan(s) {
                if let Raw::Full { y, m: Some(mo), d } = m.raw {
                    let Some(p) = Resolver::new(None).resolve(Raw::Full { y, m: Some(mo), d })
                    else {
                        continue;
                    };
                    any = any.max(Some(p.end()));
                    if !dates::is_future(s) {
                        best = best.max(Some(p.end()));
                    }
                }
            }
        }
        let related = self
            .a
            .related
            .iter()
            .filter_map(|r| r.date)
            .map(|p| p.end())
            .max();
        best.max(related).or(any)
    }

    fn events(&self, reference: Option<Day>) -> Vec<Event> {
        self.events_with(Resolver::new(reference))
    }

    fn events_with(&self, mut r: Resolver) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, block) in self.a.blocks.iter().enumerate() {
            let Some(text) = block.text() else { continue };
            for s in dates::sentences(text) {
                let mut seen: Vec<PartialDate> = Vec::new();
                for m in dates::scan(s) {
                    if let Some(p) = r.resolve(m.raw)
                        && !seen.contains(&p)
                    {
                        seen.push(p);
                        out.push(Event {
                            date: p,
                            text: s.to_owned(),
                            block: i,
                        });
                    }
                }
            }
        }
        out
    }
}

/// A date field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldDate {
    Day(Day),
    /// `01-27`, `1月27日`: the year must come from elsewhere.
    MonthDay(u8, u8),
}

/// Reads a date field: RFC 2822 (`Thu, 03 Feb 2022 11:02:11 GMT`), ISO 8601
/// (`2022-02-03`, `2022-02-03T11:02:11+08:00`), `2022/2/3`, `2022年2月3日 10:00`, Chinese
/// numerals (`二〇二二年二月三日`), a year of the Republic of China (`民國111年2月3日`,
/// `111年2月3日`), English month names first (`Feb 3, 2022`), `2/3/2022` (month first, as
/// English writes it, unless the first number cannot be a month: `24/2/2022`), or a month-day
/// (`01-27`). Times with a zone are converted to Beijing time (UTC+8).
pub fn parse_field(s: &str) -> Option<FieldDate> {
    let s = s.trim();
    if let Some(d) = rfc2822(s).or_else(|| month_name_first(s)) {
        return Some(FieldDate::Day(d));
    }
    let normal = written_out(s);
    let s = normal.as_deref().unwrap_or(s);
    if let Some(d) = numeric_with_year_last(s) {
        return Some(FieldDate::Day(d));
    }
    if let Some(m) = scan(s).first() {
        match m.raw {
            Raw::Full {
                y,
                m: Some(mo),
                d: Some(d),
            } => {
                let day = Day::new(y, mo, d)?;
                let rest = s.get(m.end..).unwrap_or("");
                return Some(FieldDate::Day(shift_to_beijing(day, rest)));
            }
            Raw::MonthDay { m: mo, d: Some(d) } => return Some(FieldDate::MonthDay(mo, d)),
            _ => {}
        }
    }
    // `01-27`, `1/27`
    let (a, b) = s.split_once(['-', '/', '.'])?;
    let m: u8 = a.trim().parse().ok()?;
    let d: u8 = b.trim().parse().ok()?;
    Day::new(2000, m, d).map(|_| FieldDate::MonthDay(m, d))
}

/// The month an English month name (`Feb`, `February`, `Sept.`) names.
fn month_name(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let word = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    (word.len() >= 3)
        .then(|| MONTHS.iter().position(|&x| word.starts_with(x)))
        .flatten()
        .map(|m| m as u8 + 1)
}

/// `Thu, 03 Feb 2022 11:02:11 GMT` (the weekday and the seconds optional).
fn rfc2822(s: &str) -> Option<Day> {
    let s = s.split_once(',').map_or(s, |(_, r)| r);
    let mut parts = s.split_whitespace();
    let d: u8 = parts.next()?.parse().ok()?;
    let m = month_name(parts.next()?)?;
    let y: i32 = parts.next()?.parse().ok()?;
    let day = Day::new(y, m, d)?;
    let rest: Vec<&str> = parts.collect();
    Some(shift_to_beijing(day, &rest.join(" ")))
}

/// `Feb 3, 2022`, `February 3 2022 10:00`, `Thursday, Feb. 3, 2022`: the month's name first.
fn month_name_first(s: &str) -> Option<Day> {
    let mut parts = s.split_whitespace().skip_while(|w| w.ends_with(','));
    let m = month_name(parts.next()?)?;
    let d: u8 = parts.next()?.trim_end_matches(',').parse().ok()?;
    let y: i32 = parts.next()?.trim_end_matches(',').parse().ok()?;
    let day = Day::new(y, m, d)?;
    let rest: Vec<&str> = parts.collect();
    Some(shift_to_beijing(day, &rest.join(" ")))
}

/// `2/3/2022` and `24/2/2022` (a time may follow): the month first, as English writes it,
/// unless the first number cannot be a month.
fn numeric_with_year_last(s: &str) -> Option<Day> {
    let end = s
        .find(|c: char| !c.is_ascii_digit() && c != '/')
        .unwrap_or(s.len());
    let (date, rest) = s.split_at(end);
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    if !(1..=2).contains(&a.len()) || !(1..=2).contains(&b.len()) || y.len() != 4 {
        return None;
    }
    let (a, b, y): (u8, u8, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some(shift_to_beijing(Day::new(y, m, d)?, rest))
}

/// A date written out, with Arabic numerals: `二〇二二年二月二十四日` is `2022年2月24日`,
/// `民國111年2月24日` and `111年2月24日` (years of the Republic of China, 1912 its first)
/// are `2022年2月24日`. None when `s` is neither.
fn written_out(s: &str) -> Option<String> {
    let s = ["中華民國", "中华民国", "民國", "民国"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .map(|rest| (rest, true))
        .unwrap_or((s, false));
    let (rest, roc) = s;
    let (year, after) = rest.split_once('年')?;
    let year = year.trim();
    let y: i32 = if year.chars().all(|c| c.is_ascii_digit()) {
        let y: i32 = year.parse().ok()?;
        // A year of three digits in a date field is the Republic's (`111年` is 2022).
        match (roc, year.len()) {
            (true, 1..=3) | (false, 3) => y + 1911,
            _ => return None,
        }
    } else {
        let digits: Option<String> = year.chars().map(han_digit).collect();
        let digits = digits.filter(|d| (1..=4).contains(&d.len()))?;
        let y: i32 = digits.parse().ok()?;
        if roc { y + 1911 } else { y }
    };
    let (month, after) = after.split_once('月')?;
    let m = han_number(month.trim())?;
    let (day, rest) = after
        .split_once(['日', '号', '號'])
        .map_or((after, ""), |(d, r)| (d, r));
    let d = han_number(day.trim())?;
    Some(format!("{y}年{m}月{d}日{rest}"))
}

/// A digit written as a Chinese numeral (`〇`, `○`, `零` and `一` to `九`), or an Arabic one.
fn han_digit(c: char) -> Option<char> {
    let d = match c {
        '〇' | '○' | '零' | 'Ｏ' | 'O' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '0'..='9' => c as u32 - '0' as u32,
        _ => return None,
    };
    char::from_digit(d, 10)
}

/// A number from 1 to 39 in Arabic or Chinese numerals (`2`, `二`, `十`, `十二`, `二十四`,
/// `三十一`).
fn han_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|&n| n > 0);
    }
    let value = |c: char| han_digit(c)?.to_digit(10).filter(|&d| d > 0);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [one] if *one != '十' => value(*one),
        ['十'] => Some(10),
        ['十', one] => Some(10 + value(*one)?),
        [tens, '十'] => Some(10 * value(*tens)?).filter(|&n| n < 40),
        [tens, '十', one] => Some(10 * value(*tens)? + value(*one)?).filter(|&n| n < 40),
        _ => None,
    }
}

/// Applies a time and zone following a date (`T11:02:11Z`, ` 11:02:11 GMT`, `+0800`):
/// the day in Beijing. Without a zone the time is taken as Beijing time already.
fn shift_to_beijing(day: Day, rest: &str) -> Day {
    let rest = rest.trim_start_matches(['T', ' ', 't']);
    let time: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let mut hm = time.split(':').map(|p| p.parse::<i64>().ok());
    let (Some(Some(h)), Some(Some(mi))) = (hm.next(), hm.next()) else {
        return day;
    };
    let zone = rest[time.len()..]
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit())
        .trim();
    let offset_min = match zone {
        "Z" | "z" | "GMT" | "UTC" | "UT" => 0,
        z if z.starts_with(['+', '-']) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..]
                .chars()
                .filter(char::is_ascii_digit)
                .take(4)
                .collect();
            let v: i64 = digits.parse().unwrap_or(0);
            let (zh, zm) = if digits.len() <= 2 {
                (v, 0)
            } else {
                (v / 100, v % 100)
            };
            sign * (zh * 60 + zm)
        }
        _ => return day,
    };
    let minutes = h * 60 + mi - offset_min + 8 * 60;
    day.add_days(minutes.div_euclid(24 * 60))
}

/// A page's date line with more after it (`2022年02月24日08:32 | 来源：人民网－人民日报`,
/// `2022-02-24 08:32 来源：澎湃新闻`, `2022年02月24日 08:32 新浪财经`): its day (a time of day
/// after the date is read as Beijing time) and the rest, without the separators. None when
/// nothing follows the date and time (see [`timestamp`]) or the date is not the line's start.
pub fn stamp_and_rest(line: &str) -> Option<(Day, &str)> {
    use super::meta::SEPARATORS;
    let line = line.trim();
    if line.chars().count() > 80 {
        return None;
    }
    // `发布/2022年2月24日 10:30` (联合早报), `发布于 2022-02-24`.
    let unlabelled = [
        "发布/",
        "發布/",
        "发布：",
        "發布：",
        "发布:",
        "發布:",
        "发布于",
        "發佈於",
        "發布於",
        "发表于",
        "發表於",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))
    .map(str::trim_start);
    let line = unlabelled.unwrap_or(line);
    let m = *scan(line).first()?;
    let Raw::Full {
        y,
        m: Some(mo),
        d: Some(d),
    } = m.raw
    else {
        return None;
    };
    if m.start != 0 {
        return None;
    }
    // The date stands apart from what follows (`2022年2月24日俄军…` is a sentence).
    let after = &line[m.end..];
    if after
        .chars()
        .next()
        .is_some_and(|c| !SEPARATORS.contains(&c) && !c.is_ascii_digit() && !"（(".contains(c))
    {
        return None;
    }
    // The weekday and the half of the day a page may put before the time
    // (`2022年2月24日 週四 上午10:30`, `2022年2月24日（星期四）`).
    let after = after.trim_start();
    let rest = weekday_removed(after).trim_start();
    let rest = ["上午", "下午", "早上", "晚上", "凌晨", "中午"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest)
        .trim_start();
    let said_more = unlabelled.is_some() || rest.len() < after.len();
    let time_len = rest
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(rest.len());
    let (time, rest) = rest.split_at(time_len);
    if !time.is_empty() && !time.contains(':') {
        return None;
    }
    if !time.is_empty() && !rest.is_empty() && !rest.starts_with(SEPARATORS) {
        return None;
    }
    let rest = rest.trim_matches(SEPARATORS);
    if rest.is_empty() && !said_more {
        return None;
    }
    Some((Day::new(y, mo, d)?, rest))
}

/// `s` without a weekday at its start: `星期四`, `週四`, `周四`, `礼拜四`, bracketed or not.
fn weekday_removed(s: &str) -> &str {
    let (inner, close) = match s.chars().next() {
        Some('（') => (&s['（'.len_utf8()..], Some('）')),
        Some('(') => (&s[1..], Some(')')),
        _ => (s, None),
    };
    let Some(after) = ["星期", "週", "周", "礼拜", "禮拜"]
        .iter()
        .find_map(|p| inner.strip_prefix(p))
    else {
        return s;
    };
    let Some(day) = after
        .chars()
        .next()
        .filter(|c| "一二三四五六日天".contains(*c))
    else {
        return s;
    };
    let after = &after[day.len_utf8()..];
    match close {
        Some(c) => after.strip_prefix(c).unwrap_or(s),
        None => after,
    }
}

/// A page timestamp: a line that is a full date, with or without a time of day, and nothing
/// else (`2018年9月11日 06:57`, `2020-07-06 18:30:00`, `2022-04-11`; `发布时间：…` is a
/// metadata line instead). The walk looks for it only before the body's first paragraph.
pub fn timestamp(line: &str) -> Option<Day> {
    let line = line.trim();
    if line.chars().count() > 40 {
        return None;
    }
    // A full date alone on its line under the title (`2022-04-11`) is the page's date too.
    if let [m] = scan(line).as_slice()
        && m.start == 0
        && m.end == line.len()
        && let Raw::Full {
            y,
            m: Some(mo),
            d: Some(d),
        } = m.raw
    {
        return Day::new(y, mo, d);
    }
    if !line.contains(':') {
        return None;
    }
    let ms = scan(line);
    let [m] = ms.as_slice() else { return None };
    let rest = line[m.end..].trim();
    let time_like = rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ':' | ' ' | '+' | '-' | 'T' | 'Z'))
        || rest.ends_with("GMT")
        || rest.ends_with("UTC")
        || rest.contains("更新");
    if m.start != 0 || !time_like || !rest.contains(':') {
        return None;
    }
    match parse_field(line)? {
        FieldDate::Day(d) => Some(d),
        FieldDate::MonthDay(..) => None,
    }
}

/// The date a title states: a full date (`2021年9月13日…`, the last of a range
/// `（2020年9月5日-2020年9月11日）`), `3/14/2022`, or a month and day (`1月27日`, `3/15`,
/// `1.27`), which take their year from the text.
pub fn title_date(title: &str) -> Option<Raw> {
    let ms = scan(title);
    let full = ms.iter().rev().find_map(|m| match m.raw {
        Raw::Full {
            d: Some(_),
            m: Some(_),
            ..
        }
        | Raw::MonthDay { d: Some(_), .. } => Some(m.raw),
        _ => None,
    });
    full.or_else(|| slashed(title))
}

/// `3/14/2022`, `3/15`, `1.27` in a title: a run of Latin digits joined by one kind of
/// separator, standing alone (no letter, digit or `%` on either side).
fn slashed(title: &str) -> Option<Raw> {
    let is_run = |c: char| c.is_ascii_digit() || matches!(c, '/' | '.');
    let mut rest = title;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let before = rest[..start].chars().next_back();
        let len = rest[start..]
            .find(|c: char| !is_run(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + len];
        let after = rest[start + len..].chars().next();
        rest = &rest[start + len..];
        let alone = |c: Option<char>| {
            c.is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, '%' | '％' | ':' | '-'))
        };
        // `第2/3季度`, `约3.5倍`: an ordinal or a quantity, not a date.
        let quantity = before.is_some_and(|c| "第约約近逾超".contains(c))
            || after.is_some_and(|c| "季期次倍成个個份岁歲".contains(c));
        if !alone(before) || !alone(after) || quantity {
            continue;
        }
        let parts: Vec<&str> = run.split(['/', '.']).collect();
        let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
        let sep = run.chars().find(|c| matches!(c, '/' | '.'));
        let one_sep = run
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .all(|c| Some(c) == sep);
        let (Some(nums), true) = (nums, one_sep) else {
            continue;
        };
        let short = |i: usize| (1..=2).contains(&parts[i].len());
        let raw = match (nums.as_slice(), sep) {
            ([m, d, y], Some('/')) if short(0) && short(1) && parts[2].len() == 4 => {
                Day::new(*y as i32, *m as u8, *d as u8).map(|day| Raw::Full {
                    y: day.year,
                    m: Some(day.month),
                    d: Some(day.day),
                })
            }
            ([m, d], Some('/')) if short(0) && short(1) => month_day(*m, *d),
            ([m, d], Some('.')) if short(0) && parts[1].len() == 2 => month_day(*m, *d),
            _ => None,
        };
        if raw.is_some() {
            return raw;
        }
    }
    None
}

/// A month and day that exist in some year.
fn month_day(m: u32, d: u32) -> Option<Raw> {
    let (m, d) = (u8::try_from(m).ok()?, u8::try_from(d).ok()?);
    Day::new(2000, m, d).map(|_| Raw::MonthDay { m, d: Some(d) })
}

/// A day in a file's name: `…_20220203.md`, `2022-02-03-标题.md`, `…-09112020093810.html`.
pub fn from_file_name(path: &str) -> Option<Day> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    from_url(&format!("file:///{stem}"))
}

/// A day in an address: `/2022/02/03/`, `/22/1/27/` (two-digit years), `/20220203/`,
/// `2022-02-03`.
/// The days an image's address dates it to: a WordPress upload folder gives its month
/// (`/wp-content/uploads/2022/01/3-62.png`: January 2022, whatever the file is called); else
/// a day in its path as [`from_url`] reads it, or a query value of eight digits
/// (`?m=02&d=20180907`, Reuters' image service).
pub fn image_days(src: &str) -> Option<(Day, Day)> {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    if let Some((_, rest)) = path.split_once("/uploads/") {
        let mut parts = rest.split('/');
        if let (Some(y), Some(m), Some(_file)) = (parts.next(), parts.next(), parts.next())
            && y.len() == 4
            && m.len() == 2
            && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u8>())
            && (1990..=2100).contains(&y)
            && let Some(first) = Day::new(y, m, 1)
        {
            return Some((first, Day::new(y, m, crate::date::days_in_month(y, m))?));
        }
    }
    let day = from_url(src).or_else(|| {
        let query = src.split_once('?')?.1.split('#').next().unwrap_or("");
        query.split('&').find_map(|pair| {
            let v = pair.split_once('=')?.1;
            if v.len() != 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Day::new(
                v[..4].parse().ok()?,
                v[4..6].parse().ok()?,
                v[6..].parse().ok()?,
            )
            .filter(|d| (1990..=2100).contains(&d.year))
        })
    })?;
    Some((day, day))
}

pub fn from_url(url: &str) -> Option<Day> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("//").map_or(path, |(_, r)| r);
    let segs: Vec<&str> = path.split(['/', '_', '-']).collect();
    for w in segs.windows(3) {
        let nums: Option<Vec<u32>> = w
            .iter()
            .map(|s| {
                (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| s.parse().ok())
                    .flatten()
            })
            .collect();
        if let Some([y, m, d]) = nums.as_deref() {
            let y = match (w[0].len(), *y) {
                (4, y) if (1990..=2100).contains(&y) => y as i32,
                (2, y) => 2000 + y as i32,
                _ => continue,
            };
            if let Some(day) = Day::new(y, *m as u8, *d as u8) {
                return Some(day);
            }
        }
    }
    for seg in &segs {
        let digits: String = seg.chars().take_while(char::is_ascii_digit).collect();
        // An id that is a timestamp, month first: `jkdv-10232019164528.html` (MMDDYYYYhhmmss).
        if digits.len() == 14 {
            let n = |r: std::ops::Range<usize>| digits[r].parse::<u32>().ok();
            let (h, mi, se) = (n(8..10)?, n(10..12)?, n(12..14)?);
            if let (Some(y), Some(m), Some(d)) = (n(4..8), n(0..2), n(2..4))
                && h < 24
                && mi < 60
                && se < 60
                && let Some(day) =
                    Day::new(y as i32, m as u8, d as u8).filter(|d| (1990..=2100).contains(&d.year))
            {
                return Some(day);
            }
        }
        if digits.len() == 8 {
            let y = digits[..4].parse().ok()?;
            if let Some(day) = Day::new(y, digits[4..6].parse().ok()?, digits[6..].parse().ok()?)
                .filter(|d| (1990..=2100).contains(&d.year))
            {
                return Some(day);
            }
        }
    }
    scan(path).iter().find_map(|m| match m.raw {
        Raw::Full {
            y,
            m: Some(mo),
            d: Some(d),
        } => Day::new(y, mo, d),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_addresses_give_days_in_their_path_or_query() {
        let day = |y, m, d| Day::new(y, m, d).unwrap();
        let one = |y, m, d| Some((day(y, m, d), day(y, m, d)));
        assert_eq!(
            image_days(
                "https://s3.reutersmedia.net/resources/r/?m=02&d=20180907&t=2&i=1301781032&w=20"
            ),
            one(2018, 9, 7)
        );
        assert_eq!(
            image_days("https://i.example.com/2020/07/13/pic.jpg"),
            one(2020, 7, 13)
        );
        assert_eq!(
            image_days("https://assets.gnews.org/wp-content/uploads/2022/02/3-62.png"),
            Some((day(2022, 2, 1), day(2022, 2, 28))),
            "an upload folder is a month, not the 3rd"
        );
        assert_eq!(
            image_days("https://i.example.com/r/?i=1301781032&w=20"),
            None
        );
        assert_eq!(image_days("https://i.example.com/r/?d=20181340"), None);
        assert_eq!(image_days("https://i.example.com/r/?d=18500101"), None);
        assert_eq!(
            image_days("https://i.example.com/uploads/9999/01/x.png"),
            None
        );
    }

    fn day(s: &str) -> Day {
        Day::parse_iso(s).unwrap()
    }

    #[test]
    fn fields_in_beijing_time() {
        assert_eq!(
            parse_field("Thu, 03 Feb 2022 11:02:11 GMT"),
            Some(FieldDate::Day(day("2022-02-03")))
        );
        assert_eq!(
            parse_field("Thu, 03 Feb 2022 17:02:11 GMT"),
            Some(FieldDate::Day(day("2022-02-04")))
        );
        assert_eq!(
            parse_field("2022-02-03T20:00:00Z"),
            Some(FieldDate::Day(day("2022-02-04")))
        );
        assert_eq!(
            parse_field("2022-02-03T20:00:00+08:00"),
            Some(FieldDate::Day(day("2022-02-03")))
        );
        assert_eq!(
            parse_field("2022-02-03 01:00:00 -0500"),
            Some(FieldDate::Day(day("2022-02-03")))
        );
        assert_eq!(
            parse_field("2022年2月3日 10:00"),
            Some(FieldDate::Day(day("2022-02-03")))
        );
        assert_eq!(parse_field("01-27"), Some(FieldDate::MonthDay(1, 27)));
        assert_eq!(parse_field("1月27日"), Some(FieldDate::MonthDay(1, 27)));
        assert_eq!(parse_field("yesterday"), None);
        assert_eq!(parse_field("13-45"), None);
    }

    #[test]
    fn fields_written_out_in_chinese_numerals_roc_years_and_english() {
        let feb24 = Some(FieldDate::Day(day("2022-02-24")));
        for s in [
            "二〇二二年二月二十四日",
            "二○二二年二月二十四日",
            "二零二二年二月二十四日 星期四",
            "民國111年2月24日",
            "中华民国111年2月24日",
            "111年2月24日 10:30",
            "民國一一一年二月二十四日",
            "Feb 24, 2022",
            "February 24 2022",
            "Thursday, Feb. 24, 2022",
            "2/24/2022",
            "24/2/2022",
            "02/24/2022 10:30",
        ] {
            assert_eq!(parse_field(s), feb24, "{s}");
        }
        assert_eq!(
            parse_field("二〇一一年九月十一日"),
            Some(FieldDate::Day(day("2011-09-11")))
        );
        assert_eq!(
            parse_field("二〇二〇年十月三十一日"),
            Some(FieldDate::Day(day("2020-10-31")))
        );
        assert_eq!(
            parse_field("Feb 24, 2022 23:30 GMT"),
            Some(FieldDate::Day(day("2022-02-25"))),
            "in Beijing time"
        );
        // A two-digit year is no year: the month and day remain (their year comes from the
        // text, as for `2月24日`).
        assert_eq!(parse_field("22年2月24日"), Some(FieldDate::MonthDay(2, 24)));
        // Not dates: a day that does not exist, numbers out of range.
        for s in [
            "二〇二二年二月三十日",
            "二〇二二年十三月一日",
            "13/13/2022",
            "May be",
            "2/24/22",
            "民國年2月",
        ] {
            assert_eq!(parse_field(s), None, "{s}");
        }
    }

    #[test]
    fn chinese_numbers_to_thirty_nine() {
        let cases = [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十四", 24),
            ("三十一", 31),
        ];
        for (s, n) in cases {
            assert_eq!(han_number(s), Some(n), "{s}");
        }
        for s in ["", "零", "十十", "四十", "一二三", "百"] {
            assert_eq!(han_number(s), None, "{s}");
        }
    }

    #[test]
    fn page_timestamps_need_a_time_of_day() {
        assert_eq!(timestamp("2019年3月4日 21:05"), Some(day("2019-03-04")));
        assert_eq!(timestamp("  2021-11-30 08:15:00 "), Some(day("2021-11-30")));
        assert_eq!(
            timestamp("2021-11-30T23:15:00Z"),
            Some(day("2021-12-01")),
            "UTC to Beijing"
        );
        assert_eq!(
            timestamp("2019年3月4日"),
            Some(day("2019-03-04")),
            "a date alone on its line"
        );
        assert_eq!(timestamp("2019年3月"), None, "no day");
        assert_eq!(timestamp("2019年3月4日 21:05 他说：好"), None);
        assert_eq!(timestamp("会议于2019年3月4日 21:05开始"), None);
    }

    #[test]
    fn title_dates() {
        let full = |y, m, d| {
            Some(Raw::Full {
                y,
                m: Some(m),
                d: Some(d),
            })
        };
        let md = |m, d| Some(Raw::MonthDay { m, d: Some(d) });
        assert_eq!(title_date("11/5/2023晨间新闻：暴雨来袭"), full(2023, 11, 5));
        assert_eq!(title_date("2023年6月8日张先生节目全文"), full(2023, 6, 8));
        assert_eq!(
            title_date("一周回顾（2023年5月1日-2023年5月7日）"),
            full(2023, 5, 7),
            "the end of a range"
        );
        assert_eq!(title_date("夜谈节目4/18 谁在说谎"), md(4, 18));
        assert_eq!(title_date("3.09直播后记：谈判破裂"), md(3, 9));
        assert_eq!(title_date("要闻汇编 11月2日"), md(11, 2));
        for t in [
            "增长3.5%的背后",
            "F-16战机交付",
            "第2/3季度财报",
            "版本1.2.3发布",
            "13/45之谜",
            "比分2.1",
            "G20峰会",
        ] {
            assert_eq!(title_date(t), None, "{t}");
        }
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(
            from_file_name("news/briefing_20230607.md"),
            Some(day("2023-06-07"))
        );
        assert_eq!(
            from_file_name("2023-06-07-harbour-fire.md"),
            Some(day("2023-06-07"))
        );
        assert_eq!(from_file_name("dev_001_gnews_1811499.md"), None);
        assert_eq!(from_file_name("000_b5c8dfb21897627d.txt"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://www.example.org/mandarin/col/abc-03152021094512.html"),
            Some(day("2021-03-15")),
            "an id that is a month-first timestamp"
        );
        assert_eq!(
            from_url("https://www.example.org/col/abc-13152021094512.html"),
            None,
            "month 13"
        );
        assert_eq!(
            from_url("https://www.epochtimes.com/gb/20/9/15/n1.htm"),
            Some(day("2020-09-15"))
        );
        assert_eq!(
            from_url("https://www.epochtimes.com/gb/22/1/27/n13533598.htm"),
            Some(day("2022-01-27"))
        );
        assert_eq!(
            from_url("https://x.cn/news/2022/02/03/1.shtml"),
            Some(day("2022-02-03"))
        );
        assert_eq!(
            from_url("https://x.cn/a/20220203/123.html"),
            Some(day("2022-02-03"))
        );
        assert_eq!(from_url("https://x.cn/a/123456.html"), None);
        assert_eq!(
            from_url("http://www.news.cn/world/2022-02/05/c_1128335.htm"),
            Some(day("2022-02-05"))
        );
    }
}
