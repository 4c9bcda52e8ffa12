//! Parse stage 2c: plain-text and Markdown lines to text segments.
//!
//! Scraped text keeps one paragraph per line (with or without blank lines between them).
//! Mirrors add Markdown: `###` headings, `---` rules, and navigation lines made of links.
//! The same line rules apply to text found outside HTML blocks, so mixed files work too.

use super::Seg;
use super::html::decode_entities;

/// What one line of text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    Heading(String),
    Image(String),
    /// A rule or a navigation line: not text.
    Drop,
}

/// Splits plain text into one segment per non-empty line.
pub fn to_segs(text: &str) -> Vec<Seg> {
    text.lines()
        .map(|l| decode_entities(l).trim().to_owned())
        .filter(|l| !l.is_empty())
        .map(Seg::Text)
        .collect()
}

/// Reads the Markdown of text segments (plain text, and text outside HTML blocks): headings,
/// lone images, rules and navigation lines, which are dropped; links become their text.
pub fn markdown_segs(segs: Vec<Seg>) -> Vec<Seg> {
    segs.into_iter()
        .filter_map(|s| match s {
            Seg::Text(t) => match markdown(&t) {
                Line::Text(t) => Some(Seg::Text(t)),
                Line::Heading(t) => Some(Seg::Heading(t)),
                Line::Image(src) => Some(Seg::Image(src)),
                Line::Drop => None,
            },
            other => Some(other),
        })
        .collect()
}

/// Classifies a (trimmed) line, rewriting Markdown links to their text.
pub fn markdown(line: &str) -> Line {
    let line = line.trim_matches(|c: char| c.is_whitespace());
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().count() >= 3 && compact.chars().all(|c| matches!(c, '-' | '*' | '_' | '=')) {
        return Line::Drop;
    }
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let (heading, body) = match line.get(hashes..) {
        Some(rest) if (1..=6).contains(&hashes) && rest.starts_with(char::is_whitespace) => {
            (true, rest.trim())
        }
        _ => (false, line),
    };
    if let Some(src) = lone_image(body) {
        return Line::Image(src);
    }
    let (text, links) = strip_links(body);
    if is_nav(&text, links) {
        return Line::Drop;
    }
    let text = text.trim().to_owned();
    if text.is_empty() {
        Line::Drop
    } else if heading {
        Line::Heading(text)
    } else {
        Line::Text(text)
    }
}

/// `![alt](src)` alone on a line.
fn lone_image(s: &str) -> Option<String> {
    let rest = s.strip_prefix("![")?;
    let (_, after) = rest.split_once("](")?;
    let src = after.strip_suffix(')')?;
    (!src.contains(char::is_whitespace)).then(|| src.to_owned())
}

/// Replaces every `[text](target)` with `text`; returns the text and how many links it had.
fn strip_links(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut links = 0;
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            let end = target.find(')')?;
            // A link text holds no brackets; a target holds no spaces.
            let ok = !after[..close].contains(['[', ']'])
                && !target[..end].contains(char::is_whitespace);
            ok.then_some((close, close + 2 + end + 1))
        });
        match link {
            Some((close, len)) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[len..];
                links += 1;
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, links)
}

/// A line of short items separated by `|` (or only links): site navigation.
fn is_nav(text: &str, links: usize) -> bool {
    let items: Vec<&str> = text
        .split(['|', '｜', '·', '•', '»'])
        .map(|i| i.trim_matches(|c: char| c.is_whitespace()))
        .filter(|i| !i.is_empty())
        .collect();
    let short = items.iter().all(|i| i.chars().count() <= 8);
    (links >= 2 && short) || (items.len() >= 3 && short && text.contains(['|', '｜']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lines() {
        assert_eq!(
            markdown("### 获美国北约书面回复"),
            Line::Heading("获美国北约书面回复".into())
        );
        assert_eq!(markdown("---"), Line::Drop);
        assert_eq!(
            markdown(
                "#### [首页](../../..?n1) \u{a0}|\u{a0} [评论](../x?n1) | [翻墙](https://g/R.md?n1)"
            ),
            Line::Drop
        );
        assert_eq!(markdown("首页 | 国际 | 评论 | 专题"), Line::Drop);
        assert_eq!(
            markdown("据[路透社](https://r.com/a)报道,a[1]b"),
            Line::Text("据路透社报道,a[1]b".into())
        );
        assert_eq!(
            markdown("![图](https://a/b.jpg)"),
            Line::Image("https://a/b.jpg".into())
        );
        assert_eq!(markdown("#话题"), Line::Text("#话题".into()));
    }

    #[test]
    fn plain_lines_decode_entities() {
        assert_eq!(
            to_segs("a &amp; b\r\n\n  c  "),
            vec![Seg::Text("a & b".into()), Seg::Text("c".into())]
        );
    }
}
