//! Parse stage 2a: YAML front matter (`---` … `---` at the top of a file).
//!
//! Only the small subset static-site scrapers write is read, by hand: `key: scalar`, single-
//! and double-quoted strings, `[a, b]` flow lists, `- item` block lists and `|`/`>` block
//! scalars. Anything else is skipped with a warning; nothing here can fail or panic.

use crate::article::Warning;
use crate::article::clip;

/// A front-matter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Scalar(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one string (a list joined with `, `).
    pub fn as_text(&self) -> String {
        match self {
            Value::Scalar(s) => s.clone(),
            Value::List(l) => l.join(", "),
        }
    }

    /// The value as a list (a scalar splits at commas).
    pub fn as_list(&self) -> Vec<String> {
        match self {
            Value::Scalar(s) => s
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            Value::List(l) => l.clone(),
        }
    }
}

/// Front matter read from the top of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Keys lowercased, in file order.
    pub entries: Vec<(String, Value)>,
    pub warnings: Vec<Warning>,
}

impl FrontMatter {
    /// The first value of any of `keys` that is not empty.
    pub fn get(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter().find_map(|k| {
            self.entries
                .iter()
                .find(|(key, v)| key == k && !v.as_text().trim().is_empty())
                .map(|(_, v)| v)
        })
    }
}

/// Splits front matter off `text` (which has `\n` line endings). `None` when the file does
/// not start with front matter; otherwise the front matter and the body after it.
pub fn split(text: &str) -> Option<(FrontMatter, &str)> {
    let lines = line_spans(text);
    let open = lines
        .iter()
        .position(|&(s, e)| !text[s..e].trim().is_empty())?;
    let (s, e) = lines[open];
    if text[s..e].trim() != "---" {
        return None;
    }
    // A `---` rule followed by prose is a Markdown rule, not front matter.
    let first = lines[open + 1..]
        .iter()
        .map(|&(s, e)| &text[s..e])
        .find(|l| !l.trim().is_empty())?;
    key_of(first)?;

    let mut fm = FrontMatter::default();
    let close = lines[open + 1..]
        .iter()
        .position(|&(s, e)| matches!(text[s..e].trim_end(), "---" | "..."))
        .map(|i| i + open + 1);
    let (yaml_end, body_start) = match close {
        Some(c) => (
            c,
            lines
                .get(c)
                .map_or(text.len(), |&(_, e)| (e + 1).min(text.len())),
        ),
        None => {
            // Unterminated: the front matter is taken to end at the first line that cannot
            // be YAML, so the article body is not lost.
            let end = lines[open + 1..]
                .iter()
                .position(|&(s, e)| !yaml_like(&text[s..e]))
                .map_or(lines.len(), |i| i + open + 1);
            fm.warnings.push(Warning::FrontMatterUnclosed {
                opened: open + 1,
                read_to: end,
            });
            (end, lines.get(end).map_or(text.len(), |&(s, _)| s))
        }
    };
    let yaml: Vec<(usize, &str)> = lines[open + 1..yaml_end]
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| (open + 2 + i, &text[s..e]))
        .collect();
    parse_entries(&yaml, &mut fm);
    Some((fm, text.get(body_start..).unwrap_or("")))
}

/// `(start, end)` byte offsets of each line, without the `\n`.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            spans.push((start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
}

/// The key of a `key: value` line at column 0.
fn key_of(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (rest.is_empty() || rest.starts_with([' ', '\t']));
    ok.then_some((key, rest.trim()))
}

fn yaml_like(line: &str) -> bool {
    let t = line.trim_start();
    line.trim().is_empty()
        || key_of(line).is_some()
        || t.starts_with("- ")
        || t == "-"
        || t.starts_with('#')
        || (line.starts_with([' ', '\t']) && t.len() < 200)
}

fn parse_entries(lines: &[(usize, &str)], fm: &mut FrontMatter) {
    let mut i = 0;
    while let Some(&(no, line)) = lines.get(i) {
        i += 1;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((key, raw)) = key_of(line) else {
            fm.warnings.push(Warning::FrontMatterLine {
                line: no,
                text: clip(t, 40),
            });
            continue;
        };
        let key = key.to_ascii_lowercase();
        let value = if raw.is_empty() {
            // A block list (`- item` lines), or an empty value.
            let mut items = Vec::new();
            while let Some(&(_, l)) = lines.get(i) {
                let lt = l.trim_start();
                if let Some(item) = lt
                    .strip_prefix('-')
                    .filter(|r| r.is_empty() || r.starts_with(' '))
                {
                    items.push(scalar(item.trim(), no, fm));
                    i += 1;
                } else if lt.is_empty() {
                    i += 1;
                } else {
                    break;
                }
            }
            if items.is_empty() {
                Value::Scalar(String::new())
            } else {
                Value::List(items.into_iter().filter(|s| !s.is_empty()).collect())
            }
        } else if matches!(raw.chars().next(), Some('|' | '>')) {
            let fold = raw.starts_with('>');
            let mut parts = Vec::new();
            while let Some(&(_, l)) = lines.get(i) {
                if l.starts_with([' ', '\t']) || l.trim().is_empty() {
                    parts.push(l.trim());
                    i += 1;
                } else {
                    break;
                }
            }
            Value::Scalar(parts.join(if fold { " " } else { "\n" }).trim().to_owned())
        } else if let Some(inner) = raw.strip_prefix('[') {
            match inner.strip_suffix(']') {
                Some(inner) => Value::List(
                    inner
                        .split(',')
                        .map(|s| scalar(s.trim(), no, fm))
                        .filter(|s| !s.is_empty())
                        .collect(),
                ),
                None => {
                    fm.warnings.push(Warning::FrontMatterList { line: no, key });
                    continue;
                }
            }
        } else {
            Value::Scalar(scalar(raw, no, fm))
        };
        fm.entries.push((key, value));
    }
}

/// A scalar: quotes removed (with their escapes), an unquoted value's ` #` comment dropped.
fn scalar(raw: &str, no: usize, fm: &mut FrontMatter) -> String {
    let mut chars = raw.chars();
    match chars.next() {
        Some(q @ ('\'' | '"')) => {
            let mut out = String::new();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\'' if q == '\'' => {
                        if chars.clone().next() == Some('\'') {
                            chars.next();
                            out.push('\'');
                        } else {
                            closed = true;
                            break;
                        }
                    }
                    '"' if q == '"' => {
                        closed = true;
                        break;
                    }
                    '\\' if q == '"' => match chars.next() {
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        Some('u') => {
                            let hex: String = chars.by_ref().take(4).collect();
                            if let Some(c) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                out.push(c);
                            }
                        }
                        Some(other) => out.push(other),
                        None => {}
                    },
                    _ => out.push(c),
                }
            }
            if !closed {
                fm.warnings.push(Warning::FrontMatterQuote { line: no });
            }
            out.trim().to_owned()
        }
        _ => {
            let v = raw.split(" #").next().unwrap_or(raw).trim();
            if matches!(v, "~" | "null" | "Null" | "NULL") {
                String::new()
            } else {
                v.to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scalars_quotes_and_lists() {
        let text = "\n---\ntitle: '美国''s 回复'\ncategories: \n - 新媒体\n - 首页\ntags: [a, \"b\"]\nauthor: 观察者网 # note\ndate: Thu, 03 Feb 2022 11:02:11 GMT\n---\n\nbody\n";
        let (fm, body) = split(text).unwrap();
        assert_eq!(fm.warnings, Vec::<Warning>::new());
        assert_eq!(
            fm.get(&["title"]),
            Some(&Value::Scalar("美国's 回复".into()))
        );
        assert_eq!(
            fm.get(&["categories"]).unwrap().as_list(),
            vec!["新媒体", "首页"]
        );
        assert_eq!(fm.get(&["tags"]).unwrap().as_list(), vec!["a", "b"]);
        assert_eq!(fm.get(&["author"]).unwrap().as_text(), "观察者网");
        assert_eq!(
            fm.get(&["date"]).unwrap().as_text(),
            "Thu, 03 Feb 2022 11:02:11 GMT"
        );
        assert_eq!(body, "\nbody\n");
    }

    #[test]
    fn markdown_rule_is_not_front_matter() {
        assert!(split("---\n\n正文第一段。\n").is_none());
        assert!(split("### 标题\n\n---\n").is_none());
    }

    #[test]
    fn broken_yaml_warns_and_keeps_going() {
        let (fm, body) =
            split("---\ntitle: \"open\nthis is not yaml\ntags: [a, b\n---\n正文").unwrap();
        assert_eq!(fm.get(&["title"]).unwrap().as_text(), "open");
        assert_eq!(fm.warnings.len(), 3, "{:?}", fm.warnings);
        assert_eq!(body, "正文");
    }

    #[test]
    fn unterminated_front_matter_ends_at_first_prose_line() {
        let (fm, body) =
            split("---\ntitle: 标题\ndate: 2022-01-01\n正文第一段。\n第二段。").unwrap();
        assert_eq!(fm.get(&["title"]).unwrap().as_text(), "标题");
        assert_eq!(fm.warnings.len(), 1);
        assert_eq!(body, "正文第一段。\n第二段。");
    }
}
