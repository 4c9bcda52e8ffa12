//! The HTML tokenizer: tags with their attributes, text, and character references.

use std::borrow::Cow;

/// One token of an HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Text(&'a str),
    Start {
        /// Lowercased.
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    /// A raw-text element (`style`, `script`, …) that is never closed: its content was ended
    /// at the end of its line so that it does not swallow the rest of the file.
    Unclosed(String),
}

/// Elements whose content is not markup; dropped whole, except `title` and `textarea`.
const RAW_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "textarea", "title", "xmp",
];

/// Tokenizes `s`. Never fails: a `<` that does not start a tag is text, an unclosed comment
/// runs to the end, and an unclosed raw-text element (`<style>` with no `</style>`) ends at
/// the end of its line, so the text after it is kept.
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let tag_end = if s[i..].starts_with("<!--") {
            Some(find(s, i + 4, "-->").map_or(s.len(), |e| e + 3))
        } else if next == b'!' || next == b'?' {
            Some(find(s, i, ">").map_or(s.len(), |e| e + 1))
        } else if next.is_ascii_alphabetic()
            || (next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            find(s, i, ">").map(|e| e + 1)
        } else {
            None
        };
        let Some(end) = tag_end else {
            i += 1;
            continue;
        };
        if text_start < i {
            out.push(Token::Text(&s[text_start..i]));
        }
        let tag_start = i;
        i = end;
        text_start = end;
        if next == b'!' || next == b'?' {
            continue; // comment, doctype, processing instruction (unclosed ones run to the end)
        }
        // A start or end tag always ends with its `>`.
        let inner = &s[tag_start + 1..end - 1];
        if let Some(name) = inner.strip_prefix('/') {
            out.push(Token::End(tag_name(name)));
            continue;
        }
        let name = tag_name(inner);
        let self_closing = inner.trim_end().ends_with('/');
        let attrs = parse_attrs(inner.get(name.len()..).unwrap_or(""));
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            let close = find_ci(s, end, &format!("</{name}"));
            // Unclosed: the content ends at the end of the line, or at the first end tag on
            // it (`<h1>标题<style>h1{}</h1>`), whichever comes first.
            let line_end = find(s, end, "\n").unwrap_or(s.len());
            let line_end = find(s, end, "</")
                .filter(|&e| e < line_end)
                .unwrap_or(line_end);
            let content_end = close.unwrap_or(line_end);
            let after = close.map_or(line_end, |c| find(s, c, ">").map_or(s.len(), |e| e + 1));
            if close.is_none() {
                out.push(Token::Unclosed(name.clone()));
            }
            let keep = matches!(name.as_str(), "title" | "textarea");
            out.push(Token::Start {
                name: name.clone(),
                attrs,
                self_closing: false,
            });
            if keep {
                out.push(Token::Text(&s[end..content_end]));
            }
            out.push(Token::End(name));
            i = after;
            text_start = after;
            continue;
        }
        out.push(Token::Start {
            name,
            attrs,
            self_closing,
        });
    }
    if text_start < s.len() {
        out.push(Token::Text(&s[text_start..]));
    }
    out
}

fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn find(s: &str, from: usize, pat: &str) -> Option<usize> {
    s.get(from..)?.find(pat).map(|p| p + from)
}

/// Case-insensitive (ASCII) search for an ASCII `pat`.
fn find_ci(s: &str, from: usize, pat: &str) -> Option<usize> {
    let hay = s.as_bytes().get(from..)?;
    let pat = pat.as_bytes();
    if pat.is_empty() || hay.len() < pat.len() {
        return None;
    }
    hay.windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| p + from)
}

fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &r[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    value = decode_entities(&body[..end]).into_owned();
                    rest = body.get(end + 1..).unwrap_or("");
                }
                _ => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    value = decode_entities(&r[..end]).into_owned();
                    rest = &r[end..];
                }
            }
        }
        if name.is_empty() {
            // A stray `=` or quote: skip one character so the loop always advances.
            let mut cs = rest.chars();
            cs.next();
            rest = cs.as_str();
        } else {
            attrs.push((name, value));
        }
    }
    attrs
}

/// Decodes character references: the common named ones, `&#NNN;` and `&#xHHH;`. A
/// double-escaped reference (`&amp;quot;`, `&amp;#8220;`) decodes fully, as scrapers that
/// escape twice meant one character. Unknown references stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let mut after = &rest[p + 1..];
        // `&amp;` followed by another reference: skip the escaping layer(s).
        while let Some(a) = after.strip_prefix("amp;") {
            if entity(a).is_some() {
                after = a;
            } else {
                break;
            }
        }
        match entity(after) {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &rest[p + 1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of the reference whose name starts `s` (just after the `&`) and how many
/// bytes of `s` it takes, `;` included.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n).filter(|&c| c != '\0')?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "ensp" => '\u{2002}',
            "emsp" => '\u{2003}',
            "thinsp" => '\u{2009}',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "middot" => '·',
            "bull" => '•',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "times" => '×',
            "divide" => '÷',
            "deg" => '°',
            "yen" => '¥',
            "euro" => '€',
            "pound" => '£',
            "sect" => '§',
            "shy" => '\u{AD}',
            "zwj" => '\u{200D}',
            "zwnj" => '\u{200C}',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_numeric_named_and_double_escaped() {
        assert_eq!(
            decode_entities("a&amp;b &lt;p&gt; &#21271;&#x7EA6;"),
            "a&b <p> 北约"
        );
        assert_eq!(
            decode_entities("&amp;ldquo;红线&amp;rdquo; &amp;#8220;"),
            "“红线” “"
        );
        assert_eq!(
            decode_entities("AT&T &unknown; & &#xZZ;"),
            "AT&T &unknown; & &#xZZ;"
        );
        assert_eq!(decode_entities("&#0;&#99999999;"), "&#0;&#99999999;");
    }
}
