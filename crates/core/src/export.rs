//! Export of a result set: one row per result (in the results' order) with the article's
//! file, title, date and its basis, outlet, author, tags, URL, the passages that matched and
//! the re-post group it belongs to, written as CSV (for spreadsheets) or JSON. Pure text
//! formatting: the view downloads it.
//!
//! CSV follows RFC 4180 (comma-separated, CRLF line ends, a field with a comma, quote or line
//! break quoted, quotes doubled), starts with a UTF-8 byte-order mark so that spreadsheet
//! programs read Chinese text as UTF-8, and never starts a cell with `=`, `+`, `-`, `@` (or
//! a tab or carriage return): such a cell gets a leading `'`, so that a spreadsheet shows it
//! as text instead of running it as a formula (CSV injection). JSON is written as is: its
//! readers do not evaluate it.

use crate::article::Article;
use crate::index::Index;
use crate::search::{Results, Searcher};

/// Passages per result, and characters per passage: what the result list shows.
pub const SNIPPETS: usize = 3;
pub const SNIPPET_CHARS: usize = 100;

/// The CSV header, in column order; JSON objects use the same keys.
pub const COLUMNS: [&str; 11] = [
    "rank",
    "file",
    "title",
    "date",
    "date_basis",
    "outlet",
    "author",
    "tags",
    "url",
    "snippets",
    "story",
];

/// One result as exported (and as `window.dossier.search` returns it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    /// 1-based place in the results.
    pub rank: usize,
    pub file: String,
    pub title: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    /// How the date was found ([`crate::article::DateBasis::as_str`]), or empty.
    pub date_basis: String,
    pub outlet: String,
    pub author: String,
    pub tags: Vec<String>,
    pub url: String,
    /// The passages around the matches, as the result list shows them.
    pub snippets: Vec<String>,
    /// For a re-post or near-duplicate, the file of its group's representative (the entry the
    /// list shows, the earliest dated), its own file included; empty for an article with no
    /// copies. Rows with the same `story` are one entry in the page's list.
    pub story: String,
}

impl Row {
    pub fn of(rank: usize, a: &Article, snippets: Vec<String>, story: String) -> Row {
        Row {
            rank,
            file: a.file.clone(),
            title: a.title.clone(),
            date: a.date.map(|d| d.label()).unwrap_or_default(),
            date_basis: a
                .date
                .map(|d| d.basis.as_str().to_owned())
                .unwrap_or_default(),
            outlet: a.source.clone().unwrap_or_default(),
            author: a.author.clone().unwrap_or_default(),
            tags: a.tags.clone(),
            url: a.url.clone().unwrap_or_default(),
            snippets,
            story,
        }
    }
}

/// The rows of every result of `results` (not only those a page shows), in order.
pub fn rows(index: &Index, results: &Results) -> Vec<Row> {
    let searcher = Searcher::new(index);
    results
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let snippets = searcher
                .snippets(h.doc, &results.needles, SNIPPETS, SNIPPET_CHARS)
                .into_iter()
                .map(|s| s.text)
                .collect();
            let story = index
                .groups()
                .of(h.doc)
                .and_then(<[u32]>::first)
                .map(|&lead| index.articles()[lead as usize].file.clone())
                .unwrap_or_default();
            Row::of(i + 1, &index.articles()[h.doc], snippets, story)
        })
        .collect()
}

/// Tags and snippets in one CSV cell: joined by this.
const LIST_SEPARATOR: &str = " | ";

/// The rows as CSV: byte-order mark, header, one record per row, CRLF line ends.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from('\u{feff}');
    push_record(&mut out, COLUMNS.iter().copied());
    for r in rows {
        let tags = r.tags.join(LIST_SEPARATOR);
        let snippets = r.snippets.join(LIST_SEPARATOR);
        let rank = r.rank.to_string();
        push_record(
            &mut out,
            [
                rank.as_str(),
                &r.file,
                &r.title,
                &r.date,
                &r.date_basis,
                &r.outlet,
                &r.author,
                &tags,
                &r.url,
                &snippets,
                &r.story,
            ],
        );
    }
    out
}

fn push_record<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// One CSV field: guarded against formulas, quoted when it must be.
pub fn push_cell(out: &mut String, cell: &str) {
    let guard = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = guard || cell.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// The rows as a JSON array of objects (keys as [`COLUMNS`]; `tags` and `snippets` arrays,
/// `date`, `date_basis`, `outlet`, `author`, `url` and `story` `null` when unknown or none),
/// one per line.
/// Cells are not guarded against formulas: JSON readers do not evaluate them.
pub fn to_json(rows: &[Row]) -> String {
    let mut out = String::from("[");
    for (i, r) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let fields: [(&str, Json); 11] = [
            ("rank", Json::Number(r.rank)),
            ("file", Json::Str(Some(r.file.clone()))),
            ("title", Json::Str(Some(r.title.clone()))),
            ("date", Json::Str(opt(&r.date))),
            ("date_basis", Json::Str(opt(&r.date_basis))),
            ("outlet", Json::Str(opt(&r.outlet))),
            ("author", Json::Str(opt(&r.author))),
            ("tags", Json::List(&r.tags)),
            ("url", Json::Str(opt(&r.url))),
            ("snippets", Json::List(&r.snippets)),
            ("story", Json::Str(opt(&r.story))),
        ];
        for (j, (key, value)) in fields.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            push_json_str(&mut out, key);
            out.push_str(": ");
            match value {
                Json::Number(n) => out.push_str(&n.to_string()),
                Json::Str(None) => out.push_str("null"),
                Json::Str(Some(s)) => push_json_str(&mut out, s),
                Json::List(items) => {
                    out.push('[');
                    for (k, s) in items.iter().enumerate() {
                        if k > 0 {
                            out.push_str(", ");
                        }
                        push_json_str(&mut out, s);
                    }
                    out.push(']');
                }
            }
        }
        out.push('}');
    }
    out.push_str(if rows.is_empty() { "]\n" } else { "\n]\n" });
    out
}

enum Json<'a> {
    Number(usize),
    Str(Option<String>),
    List(&'a [String]),
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
pub fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Line and paragraph separators: valid JSON, but not inside JavaScript strings
            // of older engines.
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A file name for an export of the results of `query`: `dossier-<query>.<ext>`, with
/// characters that file systems refuse replaced, at most 40 characters of the query.
pub fn file_name(query: &str, ext: &str) -> String {
    let q: String = query
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | ' ' => '_',
            c => c,
        })
        .take(40)
        .collect();
    if q.is_empty() {
        format!("dossier-results.{ext}")
    } else {
        format!("dossier-{q}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            rank: 1,
            file: "a/001.md".into(),
            title: "标题, \"引号\"".into(),
            date: "2022-01-27".into(),
            date_basis: "metadata".into(),
            outlet: "观察者网".into(),
            author: String::new(),
            tags: vec!["北约".into(), "美国".into()],
            url: "https://example.org/?a=1,2".into(),
            snippets: vec!["第一段\n第二行".into(), "=1+1".into()],
            story: "a/000.md".into(),
        }
    }

    fn cell(s: &str) -> String {
        let mut out = String::new();
        push_cell(&mut out, s);
        out
    }

    #[test]
    fn csv_quotes_as_rfc_4180() {
        assert_eq!(cell("plain 文字"), "plain 文字");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("cr\rlf"), "\"cr\rlf\"");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn csv_never_starts_a_cell_with_a_formula() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let c = cell(bad);
            assert!(c.starts_with("\"'"), "{bad:?} -> {c:?}");
        }
        assert_eq!(cell("=1"), "\"'=1\"");
        // Only a leading one matters.
        assert_eq!(cell("1=1"), "1=1");
        assert_eq!(cell("2022-01-27"), "2022-01-27");
    }

    #[test]
    fn csv_has_bom_header_and_crlf_records() {
        let csv = to_csv(&[row()]);
        assert!(csv.starts_with(
            "\u{feff}rank,file,title,date,date_basis,outlet,author,tags,url,snippets,story\r\n"
        ));
        assert!(csv.ends_with("=1+1\",a/000.md\r\n"));
        assert!(csv.contains("\r\n1,a/001.md,\"标题, \"\"引号\"\"\",2022-01-27,metadata,观察者网,,北约 | 美国,\"https://example.org/?a=1,2\",\"第一段\n第二行 | =1+1\",a/000.md\r\n"));
        // Only the header for no results.
        assert_eq!(to_csv(&[]).matches("\r\n").count(), 1);
    }

    #[test]
    fn json_escapes_and_uses_null_for_unknown() {
        let json = to_json(&[row()]);
        assert!(json.starts_with(
            "[\n  {\"rank\": 1, \"file\": \"a/001.md\", \"title\": \"标题, \\\"引号\\\"\""
        ));
        assert!(json.contains("\"author\": null"));
        assert!(json.contains("\"tags\": [\"北约\", \"美国\"]"));
        assert!(
            json.contains("\"snippets\": [\"第一段\\n第二行\", \"=1+1\"], \"story\": \"a/000.md\"")
        );
        assert!(json.ends_with("}\n]\n"));
        assert_eq!(to_json(&[]), "[]\n");
        let mut s = String::new();
        push_json_str(&mut s, "\u{1}\\\u{2028}");
        assert_eq!(s, "\"\\u0001\\\\\\u2028\"");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("美国 制裁", "csv"), "dossier-美国_制裁.csv");
        assert_eq!(file_name("  ", "json"), "dossier-results.json");
        assert_eq!(file_name("a/b:c?", "csv"), "dossier-a_b_c_.csv");
    }
}
