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
    let mut out = Vec::with_capacity(segs.len());
    let mut texts = 0;
    for s in segs {
        let Seg::Text(t) = s else {
            out.push(s);
            continue;
        };
        texts += 1;
        // A quoted metadata line near the top (`> 来源：新华社`, under the title): its text.
        // Quotations in the body keep their mark.
        let t = match t.trim_start().strip_prefix('>') {
            Some(quoted) if texts <= 4 => {
                let inner = quoted.trim_start_matches(['>', ' ']).trim();
                if super::meta::meta_line(inner).is_some() {
                    inner.to_owned()
                } else {
                    t
                }
            }
            _ => t,
        };
        // `![](src)图片来源：…`: the image, then the rest of the line (its credit or caption).
        let (image, line) = match leading_image(&t) {
            Some((src, rest)) => (Some(src), rest),
            None => (None, t.as_str()),
        };
        if let Some(src) = image {
            out.push(Seg::Image(src));
        }
        match markdown(line) {
            Line::Text(t) => out.push(Seg::Text(t)),
            Line::Heading(t) => out.push(Seg::Heading(t)),
            Line::Image(src) => out.push(Seg::Image(src)),
            Line::Drop => {}
        }
    }
    out
}

/// An image opening a line that goes on with text (`![](https://…/a.jpg)inform.kz`): its
/// address and the rest of the line.
fn leading_image(line: &str) -> Option<(String, &str)> {
    let body = line.trim_start().trim_start_matches(['-', '*', ' ']);
    let rest = body.strip_prefix("![")?;
    let (_, after) = rest.split_once("](")?;
    let end = after.find(')')?;
    let src = &after[..end];
    let tail = after[end + 1..].trim();
    (!src.contains(char::is_whitespace) && !tail.is_empty()).then(|| (src.to_owned(), tail))
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
    let body = strip_emphasis(body);
    let body = body.as_str();
    if let Some(src) = lone_image(body) {
        return Line::Image(src);
    }
    if let Some(line) = source_link(body) {
        return Line::Text(line);
    }
    let item = list_item(body);
    let (text, links) = strip_links(item.unwrap_or(body));
    if is_nav(&text, links) || is_link_only(item.unwrap_or(body), &text, links, heading) {
        return Line::Drop;
    }
    let text = text.trim().to_owned();
    if text.is_empty() || super::url::http_url(&text).is_some_and(|u| u == text) {
        Line::Drop
    } else if heading {
        Line::Heading(text)
    } else {
        Line::Text(text)
    }
}

/// The text of a Markdown list item (`- x`, `* x`, `+ x`), without its marker.
fn list_item(s: &str) -> Option<&str> {
    let rest = s.strip_prefix(['-', '*', '+'])?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

/// Removes Markdown emphasis and code marks (`**x**`, `*x*`, `` `x` ``): they style text
/// that scrapers keep, and are never part of the words. A `*` between two letters or digits
/// (`3*4`) stays; `_` is left alone (addresses hold it).
fn strip_emphasis(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in cs.iter().enumerate() {
        let between_words = i > 0
            && cs[i - 1].is_alphanumeric()
            && cs.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c == '`' || (c == '*' && !between_words) {
            continue;
        }
        out.push(c);
    }
    out
}

/// A line naming where the article was reposted from with a link (`[轉載自GNews](https://…)`):
/// the line with that link's address kept after its text, so that the walk can record both.
fn source_link(line: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "轉載自",
        "转载自",
        "转自",
        "轉自",
        "来源",
        "來源",
        "原文链接",
        "原文鏈接",
        "原文",
    ];
    let mut rest = line;
    let mut out = String::new();
    let mut found = false;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some((close, end)) = after.find("](").and_then(|c| {
            let t = &after[c + 2..];
            t.find(')').map(|e| (c, c + 2 + e))
        }) else {
            out.push('[');
            rest = after;
            continue;
        };
        let text = &after[..close];
        let target = &after[close + 2..end];
        out.push_str(text);
        if !found
            && KEYS.iter().any(|k| text.trim_start().starts_with(k))
            && let Some(u) = super::url::http_url(target)
        {
            found = true;
            out.push(' ');
            out.push_str(&u);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    found.then(|| out.trim().to_owned())
}

/// A line that is nothing but links (and separators, emoji, a short label): a link list, a
/// promotion or a "back to home" line, not text. A heading of links always is; a line of
/// text needs two links, or one whose text is short (a long one is a quoted paragraph).
fn is_link_only(line: &str, text: &str, links: usize, heading: bool) -> bool {
    if links == 0 {
        return false;
    }
    let outside: usize = outside_links(line)
        .chars()
        .filter(|c| c.is_alphanumeric() && !is_pictograph(*c))
        .count();
    if outside > 4 {
        return false;
    }
    heading
        || links >= 2
        || (outside == 0 && text.chars().filter(|c| c.is_alphanumeric()).count() <= 30)
}

/// The text of a line outside its `[text](target)` links.
fn outside_links(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](").and_then(|c| {
            let t = &after[c + 2..];
            t.find(')').map(|e| c + 2 + e + 1)
        }) {
            Some(len) => rest = &after[len..],
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Emoji and other pictographs that decorate link lines (`💥`, `🎬`, `🔥`).
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D)
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
    fn link_lists_and_promotions_are_not_text() {
        for line in [
            "###  [:house:返回首頁](https://github.com/x/txt)",
            "- [Terms of use](https://x.org/terms/)",
            "[**纽约农场 YouTube**](https://www.youtube.com/channel/x)",
            "#### 💥 [《伪火》 - 真相 ](http://1.2.3.4/a.html)&nbsp; |&nbsp; [“1400例”揭秘](http://1.2.3.4/b.html)",
            "#### [ 🎬  必看视频（八九六四、法轮功、香港反送中 ...）](https://g/x.md)",
            "#### 网站代理：[新闻网](http://1.2.3.4/gb/) &nbsp;|&nbsp; [电视台](http://1.2.3.4:8808/gb/)",
            "https://discord.gg/2vuvRm7z6U",
        ] {
            assert_eq!(markdown(&decode_entities(line)), Line::Drop, "{line}");
        }
        // A paragraph quoted as one long link, and a sentence with a link, are text.
        let quoted = "[路透社3月13日报道，美国国家安全顾问将于下周一在意大利罗马会见中方官员，并警告北京不要帮助俄罗斯逃避制裁。](https://r.com/a)";
        assert!(matches!(markdown(quoted), Line::Text(_)));
        assert_eq!(
            markdown("**撰稿：Grace**"),
            Line::Text("撰稿：Grace".into())
        );
        assert_eq!(
            markdown("- 第一点：3*4=12"),
            Line::Text("第一点：3*4=12".into())
        );
    }

    #[test]
    fn an_image_opening_a_line_is_split_from_its_text() {
        assert_eq!(
            markdown_segs(vec![Seg::Text("![](https://a/b.jpg)图片来源：某社".into())]),
            vec![
                Seg::Image("https://a/b.jpg".into()),
                Seg::Text("图片来源：某社".into())
            ]
        );
    }

    #[test]
    fn repost_links_keep_their_address() {
        assert_eq!(
            markdown("` 纽约香草山MOS02` [轉載自GNews](https://gnews.org/zh-hans/2037494/)"),
            Line::Text("纽约香草山MOS02 轉載自GNews https://gnews.org/zh-hans/2037494/".into())
        );
    }

    #[test]
    fn plain_lines_decode_entities() {
        assert_eq!(
            to_segs("a &amp; b\r\n\n  c  "),
            vec![Seg::Text("a & b".into()), Seg::Text("c".into())]
        );
    }
}
