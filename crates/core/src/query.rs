//! Stage 3a, the query language, shared by the search box, URLs and the command line.
//!
//! - words are ANDed: `美国 制裁`;
//! - `"…"`, `“…”` or `「…」` is an exact phrase;
//! - `-word` or `-"phrase"` excludes articles containing it;
//! - `OR` (or `|`) between two terms accepts either;
//! - filters: `tag:北约`, `source:观察者网`, `author:李言`, `person:`, `place:`, `org:`,
//!   `keyword:`; several filters of one kind accept any of their values; a value matches the
//!   facet value it folds like (`source:看中國` is 看中国);
//! - a date range: `2022-01-20..2022-02-01`, `2022-01`, `2022-01-27`, `..2022-02-01`,
//!   `2022-01..`, `date:2022`, optionally written `date:…`. A bare year (`1997`) is a word:
//!   articles say 1997年 far more often than they are dated in the year typed.
//!
//! Parsing never fails: whatever is malformed (an unbalanced quote, an impossible date, an
//! empty filter) is read as plain words.

use crate::date::{Day, PartialDate, Precision};
use crate::index::Facet;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Every clause must match; a clause matches when any of its terms does.
    pub clauses: Vec<Vec<Term>>,
    /// Articles containing any of these are left out.
    pub excluded: Vec<Term>,
    pub filters: Filters,
}

/// What a query looks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// Free text, segmented into words that must all occur.
    Words(String),
    /// Text that must occur exactly as written (after folding).
    Phrase(String),
}

impl Term {
    pub fn text(&self) -> &str {
        match self {
            Term::Words(t) | Term::Phrase(t) => t,
        }
    }
}

/// Facet filters: within a kind any value may match; all kinds must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub tags: Vec<String>,
    pub sources: Vec<String>,
    pub authors: Vec<String>,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub keywords: Vec<String>,
    pub range: Option<DateRange>,
    /// Only the files the reader imported (`is:imported`, the URL's `imported=1`).
    pub imported: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The values of one kind of filter.
    pub fn values_mut(&mut self, kind: Facet) -> &mut Vec<String> {
        match kind {
            Facet::Tag => &mut self.tags,
            Facet::Source => &mut self.sources,
            Facet::Author => &mut self.authors,
            Facet::Person => &mut self.people,
            Facet::Place => &mut self.places,
            Facet::Org => &mut self.orgs,
            Facet::Keyword => &mut self.keywords,
        }
    }

    pub fn values(&self, kind: Facet) -> &[String] {
        match kind {
            Facet::Tag => &self.tags,
            Facet::Source => &self.sources,
            Facet::Author => &self.authors,
            Facet::Person => &self.people,
            Facet::Place => &self.places,
            Facet::Org => &self.orgs,
            Facet::Keyword => &self.keywords,
        }
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    pub from: Option<Day>,
    pub to: Option<Day>,
}

impl DateRange {
    pub fn contains(&self, day: Day) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// Parses `A..B`, `A..`, `..B` or a single `A`, where each end is `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD` (a month or year covers all its days).
    pub fn parse(s: &str) -> Option<DateRange> {
        if let Some((a, b)) = s.split_once("..") {
            let from = if a.is_empty() {
                None
            } else {
                Some(parse_partial(a)?.start)
            };
            let to = if b.is_empty() {
                None
            } else {
                Some(parse_partial(b)?.end())
            };
            if from.is_none() && to.is_none() {
                return None;
            }
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                return Some(DateRange {
                    from: Some(t),
                    to: Some(f),
                });
            }
            return Some(DateRange { from, to });
        }
        let p = parse_partial(s)?;
        Some(DateRange {
            from: Some(p.start),
            to: Some(p.end()),
        })
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also with `/` or `.` separators).
fn parse_partial(s: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let year: i32 = parts.first()?.parse().ok()?;
    if parts[0].len() != 4 {
        return None;
    }
    let (start, precision) = match parts.len() {
        1 => (Day::new(year, 1, 1)?, Precision::Year),
        2 => (Day::new(year, parts[1].parse().ok()?, 1)?, Precision::Month),
        3 => (
            Day::new(year, parts[1].parse().ok()?, parts[2].parse().ok()?)?,
            Precision::Day,
        ),
        _ => return None,
    };
    Some(PartialDate { start, precision })
}

const OPEN_QUOTES: &[(char, char)] = &[('"', '"'), ('“', '”'), ('「', '」'), ('『', '』')];

/// A lexical piece of the query.
#[derive(Debug, PartialEq)]
enum Piece {
    Text {
        text: String,
        quoted: bool,
        negated: bool,
    },
    Or,
}

fn lex(input: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let mut negated = false;
        if first == '-' {
            chars.next();
            negated = true;
        }
        if let Some(&(_, close)) = chars
            .peek()
            .and_then(|c| OPEN_QUOTES.iter().find(|q| q.0 == *c))
        {
            chars.next();
            let text: String = chars.by_ref().take_while(|&c| c != close).collect();
            pieces.push(Piece::Text {
                text,
                quoted: true,
                negated,
            });
            continue;
        }
        let mut text = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            text.push(c);
        }
        if !negated && (text == "OR" || text == "|") {
            pieces.push(Piece::Or);
        } else if negated && text.is_empty() {
            // a lone "-": nothing to exclude
        } else {
            pieces.push(Piece::Text {
                text,
                quoted: false,
                negated,
            });
        }
    }
    pieces
}

impl Query {
    /// Parses the query language; never fails.
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut join_next = false;
        for piece in lex(input) {
            let (text, quoted, negated) = match piece {
                Piece::Or => {
                    join_next = !q.clauses.is_empty();
                    continue;
                }
                Piece::Text {
                    text,
                    quoted,
                    negated,
                } => (text, quoted, negated),
            };
            let text = text.trim().to_owned();
            if text.is_empty() {
                continue;
            }
            if !quoted && !negated && q.apply_filter(&text) {
                join_next = false;
                continue;
            }
            let term = if quoted {
                Term::Phrase(text)
            } else {
                Term::Words(text)
            };
            if negated {
                q.excluded.push(term);
            } else if join_next {
                if let Some(last) = q.clauses.last_mut() {
                    last.push(term);
                }
            } else {
                q.clauses.push(vec![term]);
            }
            join_next = false;
        }
        q
    }

    /// Applies `key:value` or a date range; false if `text` is neither.
    fn apply_filter(&mut self, text: &str) -> bool {
        if let Some((key, value)) = text.split_once([':', '：']) {
            let value = value.trim();
            if key.eq_ignore_ascii_case("is") && value.eq_ignore_ascii_case("imported") {
                self.filters.imported = true;
                return true;
            }
            if key.eq_ignore_ascii_case("date") {
                if let Some(r) = DateRange::parse(value) {
                    self.filters.range = Some(r);
                    return true;
                }
                return false;
            }
            if let Some(kind) = Facet::from_key(key)
                && !value.is_empty()
            {
                let values = self.filters.values_mut(kind);
                if !values.iter().any(|v| v == value) {
                    values.push(value.to_owned());
                }
                return true;
            }
            return false;
        }
        let bare_year = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
        if text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
            && !bare_year
            && let Some(r) = DateRange::parse(text)
        {
            self.filters.range = Some(r);
            return true;
        }
        false
    }

    /// True when the query has no terms (it may still have filters).
    pub fn has_terms(&self) -> bool {
        !self.clauses.is_empty()
    }

    /// Every positive term, in order.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.clauses.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Term {
        Term::Words(s.into())
    }

    #[test]
    fn words_phrases_exclusions() {
        let q = Query::parse(r#"  美国 制裁 "书面回复" -大纪元 -"门户 开放" 「东扩」 "#);
        assert_eq!(
            q.clauses,
            vec![
                vec![words("美国")],
                vec![words("制裁")],
                vec![Term::Phrase("书面回复".into())],
                vec![Term::Phrase("东扩".into())]
            ]
        );
        assert_eq!(
            q.excluded,
            vec![words("大纪元"), Term::Phrase("门户 开放".into())]
        );
    }

    #[test]
    fn or_joins_neighbours() {
        let q = Query::parse("普京 OR 拜登 北约 | NATO");
        assert_eq!(
            q.clauses,
            vec![
                vec![words("普京"), words("拜登")],
                vec![words("北约"), words("NATO")]
            ]
        );
        let q = Query::parse("OR 普京 OR");
        assert_eq!(q.clauses, vec![vec![words("普京")]]);
    }

    #[test]
    fn filters_and_dates() {
        let q = Query::parse(
            "tag:北约 source：观察者网 TAG:美国 person:布林肯 author:李言 2022-01-20..2022-02-01 战斧",
        );
        assert_eq!(q.filters.authors, ["李言"]);
        assert_eq!(q.filters.tags, ["北约", "美国"]);
        assert_eq!(q.filters.sources, ["观察者网"]);
        assert_eq!(q.filters.people, ["布林肯"]);
        let r = q.filters.range.unwrap();
        assert_eq!(
            (r.from.unwrap().to_string(), r.to.unwrap().to_string()),
            ("2022-01-20".into(), "2022-02-01".into())
        );
        assert_eq!(q.clauses, vec![vec![words("战斧")]]);

        let month = Query::parse("2022-02").filters.range.unwrap();
        assert_eq!(month.to_string(), "2022-02-01..2022-02-28");
        let year = Query::parse("date:2022").filters.range.unwrap();
        assert_eq!(year.to_string(), "2022-01-01..2022-12-31");
        let bare = Query::parse("1997 2022..");
        assert_eq!(
            bare.clauses,
            vec![vec![words("1997")]],
            "a bare year is a word"
        );
        assert_eq!(bare.filters.range.unwrap().to_string(), "2022-01-01..");
        let open = Query::parse("date:..2022-01").filters.range.unwrap();
        assert_eq!(open.to_string(), "..2022-01-31");
        let swapped = DateRange::parse("2022-02-01..2022-01-01").unwrap();
        assert!(swapped.from < swapped.to);
    }

    #[test]
    fn malformed_input_degrades_to_words() {
        let q = Query::parse("2022-13-45 tag: \"unbalanced 1..2 - -");
        assert_eq!(q.filters, Filters::default());
        assert_eq!(
            q.clauses,
            vec![
                vec![words("2022-13-45")],
                vec![words("tag:")],
                vec![Term::Phrase("unbalanced 1..2 - -".into())]
            ]
        );
        assert_eq!(Query::parse(""), Query::default());
        assert_eq!(Query::parse("\"\""), Query::default());
    }

    #[test]
    fn is_imported_filters_to_imported_files() {
        let q = Query::parse("普京 is:imported");
        assert!(q.filters.imported);
        assert_eq!(q.terms().count(), 1);
        assert!(!Query::parse("普京 is:other").filters.imported);
    }
}
