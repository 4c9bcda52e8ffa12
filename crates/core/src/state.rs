//! The view state as plain data, and its URL form: query, facet filters, date range, sort,
//! exact mode and the open article all live in the URL fragment, so every view can be shared,
//! reloaded and reached with back and forward, on any static host and under any sub-path.
//!
//! The fragment is untrusted input: unknown keys are ignored, values are length-clamped and
//! nothing from it is ever interpreted as markup.

use crate::date::Day;
use crate::index::{Facet, Index};
use crate::query::{DateRange, Filters, Query};
use crate::search::{Options, Results, Searcher, Sort};

/// Longest query kept from a URL, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Longest filter value or file name kept from a URL, in characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// Most values kept per filter kind.
pub const MAX_VALUES: usize = 20;

/// What the explorer shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    /// The search box text, in the query language.
    pub query: String,
    /// Facet selections and the timeline's date range (beside what the query text says).
    pub filters: Filters,
    pub sort: Sort,
    pub exact: bool,
    /// File of the article open in the reader.
    pub open: Option<String>,
    /// The compare view (`view=compare`) instead of the result list.
    pub compare: bool,
    /// Outlets the compare view shows (`outlets=`, one per value); none: the largest.
    pub outlets: Vec<String>,
    /// The compare view counts as a share of each outlet's own articles (`counts=share`).
    pub share: bool,
}

impl ViewState {
    /// The query to run: the search text with the facet filters added.
    pub fn to_query(&self) -> Query {
        let mut q = Query::parse(&self.query);
        for kind in Facet::ALL {
            for v in self.filters.values(kind) {
                let values = q.filters.values_mut(kind);
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
        }
        if self.filters.range.is_some() {
            q.filters.range = self.filters.range;
        }
        q.filters.imported |= self.filters.imported;
        q
    }

    /// The view's search over `index`: run without its date range, then narrowed to it. Gives
    /// the results before the range (the timeline shows them, so a chosen span keeps its
    /// context) and, when the view has a range, the narrowed ones.
    pub fn search(&self, index: &Index) -> (Results, Option<Results>) {
        let mut query = self.to_query();
        let range = query.filters.range.take();
        let searcher = Searcher::new(index);
        let all = searcher.search(&query, &self.options());
        let narrowed = range.map(|range| {
            let mut narrowed = all.clone();
            let arts = index.articles();
            narrowed
                .hits
                .retain(|h| arts[h.doc].date.is_some_and(|d| range.contains(d.day)));
            narrowed.facets = searcher.facets(&narrowed.hits);
            narrowed
        });
        (all, narrowed)
    }

    pub fn options(&self) -> Options {
        Options {
            sort: self.sort,
            exact: self.exact,
            ..Options::default()
        }
    }

    /// Adds or removes a facet value (removes the one that folds like it: a link may say
    /// 看中國 where the facet shows 看中国, which is the same filter).
    pub fn toggle(&mut self, kind: Facet, value: &str) {
        let values = self.filters.values_mut(kind);
        let folded = crate::text::fold(value);
        if let Some(i) = values.iter().position(|v| crate::text::fold(v) == folded) {
            values.remove(i);
        } else {
            values.push(value.to_owned());
        }
    }

    /// The URL fragment (without `#`) for this state; empty for the default view.
    pub fn to_fragment(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("q", self.query.clone()));
        }
        for kind in Facet::ALL {
            for v in self.filters.values(kind) {
                pairs.push((kind.key(), v.clone()));
            }
        }
        if let Some(r) = self.filters.range {
            pairs.push(("date", r.to_string()));
        }
        if self.filters.imported {
            pairs.push(("imported", "1".to_owned()));
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.key().to_owned()));
        }
        if self.exact {
            pairs.push(("exact", "1".to_owned()));
        }
        if let Some(f) = &self.open {
            pairs.push(("open", f.clone()));
        }
        if self.compare {
            pairs.push(("view", "compare".to_owned()));
        }
        for o in &self.outlets {
            pairs.push(("outlets", o.clone()));
        }
        if self.share {
            pairs.push(("counts", "share".to_owned()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads a URL fragment (with or without `#`). Never fails: what it does not understand
    /// it ignores, and long values are cut.
    pub fn from_fragment(fragment: &str) -> ViewState {
        let mut s = ViewState::default();
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for pair in fragment.split('&').take(200) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "q" => s.query = clamp(&v, MAX_QUERY_CHARS),
                "date" => s.filters.range = DateRange::parse(&v),
                "sort" => s.sort = Sort::from_key(&v).unwrap_or_default(),
                "exact" => s.exact = v == "1",
                "imported" => s.filters.imported = v == "1",
                "open" if !v.is_empty() => s.open = Some(clamp(&v, MAX_VALUE_CHARS)),
                "view" => s.compare = v == "compare",
                "counts" => s.share = v == "share",
                "outlets" => {
                    let v = clean_value(&v);
                    if !v.is_empty()
                        && s.outlets.len() < crate::compare::MAX_COLUMNS
                        && !s.outlets.contains(&v)
                    {
                        s.outlets.push(v);
                    }
                }
                _ => {
                    if let Some(kind) = Facet::from_key(k) {
                        let v = clean_value(&v);
                        let values = s.filters.values_mut(kind);
                        if !v.is_empty() && values.len() < MAX_VALUES && !values.contains(&v) {
                            values.push(v);
                        }
                    }
                }
            }
        }
        s
    }

    /// A date range filter spanning `from..=to`.
    pub fn set_range(&mut self, from: Day, to: Day) {
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        self.filters.range = Some(DateRange {
            from: Some(from),
            to: Some(to),
        });
    }
}

/// A filter or outlet value from the URL: control characters out before trimming, so none
/// hides a space at either end (the value must read back the same from `to_fragment`).
fn clean_value(v: &str) -> String {
    clamp(clamp(v, usize::MAX).trim(), MAX_VALUE_CHARS)
        .trim_end()
        .to_owned()
}

fn clamp(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// Percent-encodes everything but unreserved ASCII (RFC 3986).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding (and `+` as space); invalid escapes stay as they are and invalid
/// UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_fragment() {
        let mut s = ViewState {
            query: "美国 制裁 \"书面 回复\" -大纪元 & = #".into(),
            sort: Sort::Newest,
            exact: true,
            open: Some("dir/000_b5c8dfb21897627d.txt".into()),
            compare: true,
            outlets: vec!["观察者网".into(), "大纪元 &".into()],
            share: true,
            ..ViewState::default()
        };
        s.filters.imported = true;
        s.toggle(Facet::Tag, "北约");
        s.toggle(Facet::Source, "观察者网");
        s.set_range(
            Day::new(2022, 2, 1).unwrap(),
            Day::new(2022, 1, 20).unwrap(),
        );
        let f = s.to_fragment();
        assert!(f.is_ascii(), "{f}");
        assert_eq!(ViewState::from_fragment(&format!("#{f}")), s);
        assert_eq!(ViewState::default().to_fragment(), "");
    }

    #[test]
    fn hostile_fragments_are_ignored_or_clamped() {
        let long = "x".repeat(10_000);
        let s = ViewState::from_fragment(&format!(
            "q={long}&evil=<script>&sort=<img>&date=2022-99-99&open=&tag=%E5%8C%97%E7%BA%A6&tag=&%ZZ&q2=1&exact=yes"
        ));
        assert_eq!(s.query.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(s.sort, Sort::Relevance);
        assert_eq!(s.filters.range, None);
        assert_eq!(s.filters.tags, ["北约"]);
        assert_eq!(s.open, None);
        assert!(!s.exact);
        let many: String = (0..100).map(|i| format!("tag=t{i}&")).collect();
        assert_eq!(
            ViewState::from_fragment(&many).filters.tags.len(),
            MAX_VALUES
        );
    }

    #[test]
    fn percent_decoding_tolerates_garbage() {
        assert_eq!(decode("%E5%8C%97+a%2"), "北 a%2");
        assert_eq!(decode("%zz%"), "%zz%");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn facet_filters_join_the_query() {
        let mut s = ViewState {
            query: "普京 tag:美国".into(),
            ..ViewState::default()
        };
        s.toggle(Facet::Tag, "北约");
        s.toggle(Facet::Person, "布林肯");
        let q = s.to_query();
        assert_eq!(q.filters.tags, ["美国", "北约"]);
        assert_eq!(q.filters.people, ["布林肯"]);
        s.toggle(Facet::Tag, "北约");
        assert_eq!(s.to_query().filters.tags, ["美国"]);
        s.toggle(Facet::Source, "看中國");
        s.toggle(Facet::Author, "李言");
        assert_eq!(s.to_query().filters.authors, ["李言"]);
        s.toggle(Facet::Source, "看中国");
        assert!(s.filters.sources.is_empty(), "one value in two scripts");
        let f = s.to_fragment();
        assert!(f.contains("author="), "{f}");
        assert_eq!(ViewState::from_fragment(&f), s);
    }

    #[test]
    fn filter_values_read_back_the_same() {
        // Found by the query fuzz target: a control character between spaces survived trim.
        for raw in ["tag=a%20%00", "tag=%00%20a", "tag=x%25%20%00"] {
            let v = ViewState::from_fragment(raw);
            assert_eq!(ViewState::from_fragment(&v.to_fragment()), v, "{raw}");
        }
    }
}
