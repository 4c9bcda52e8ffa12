//! Calendar days and partial dates, with no time zone: every date in dossier is a calendar
//! day in Beijing time (UTC+8), the zone the collection's outlets publish in.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// The day, if `year-month-day` exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Day { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The day `n` days later (earlier for negative `n`).
    pub fn add_days(self, n: i64) -> Day {
        Day::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Day::new(y, m, d)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How much of a date a text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    Day,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date as precise as its text: `start` is the first day of the period it names
/// (2021-12-01 for 2021年12月, 2021-01-01 for 2021年).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub start: Day,
    pub precision: Precision,
}

impl PartialDate {
    /// The last day of the period.
    pub fn end(self) -> Day {
        let s = self.start;
        match self.precision {
            Precision::Day => s,
            Precision::Month => Day {
                day: days_in_month(s.year, s.month),
                ..s
            },
            Precision::Year => Day {
                month: 12,
                day: 31,
                ..s
            },
        }
    }
}

impl fmt::Display for PartialDate {
    /// `2021-12-30`, `2021-12` or `2021`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.start;
        match self.precision {
            Precision::Day => write!(f, "{s}"),
            Precision::Month => write!(f, "{:04}-{:02}", s.year, s.month),
            Precision::Year => write!(f, "{:04}", s.year),
        }
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_eras() {
        for n in [-800_000, -1, 0, 1, 18_993, 19_000, 2_000_000] {
            assert_eq!(Day::from_days(n).to_days(), n, "round trip of day {n}");
        }
        assert_eq!(Day::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Day::new(2022, 1, 27).unwrap().to_days(), 19_019);
    }

    #[test]
    fn rejects_impossible_days() {
        assert!(Day::new(2022, 2, 29).is_none());
        assert!(Day::new(2024, 2, 29).is_some());
        assert!(Day::new(2022, 13, 1).is_none());
        assert!(Day::new(2022, 4, 31).is_none());
        assert!(Day::new(2022, 1, 0).is_none());
    }

    #[test]
    fn weekday_and_iso() {
        let d = Day::parse_iso("2022-01-27").unwrap();
        assert_eq!(d.weekday(), 3, "2022-01-27 was a Thursday");
        assert_eq!(d.to_string(), "2022-01-27");
        assert_eq!(d.add_days(5).to_string(), "2022-02-01");
        assert!(Day::parse_iso("2022-1").is_none());
    }

    #[test]
    fn partial_dates_span_their_period() {
        let m = PartialDate {
            start: Day::new(2024, 2, 1).unwrap(),
            precision: Precision::Month,
        };
        assert_eq!(m.end().to_string(), "2024-02-29");
        assert_eq!(m.to_string(), "2024-02");
        let y = PartialDate {
            start: Day::new(2021, 1, 1).unwrap(),
            precision: Precision::Year,
        };
        assert_eq!(y.end().to_string(), "2021-12-31");
    }
}
