//! Parse stage 2b: HTML bodies to text segments.
//!
//! A tolerant tokenizer ([`tokens`]: unclosed, unknown and misnested tags are fine) and a walk
//! that keeps only readable text: scripts, styles, comments, navigation, ads and translation widgets
//! are dropped. dossier never outputs HTML, so nothing here has to be safe to render; it only
//! has to recover the words, the images and the tag links.

mod tokens;

pub use tokens::decode_entities;
use tokens::{Token, tokenize};

use super::Seg;
use crate::article::Warning;

/// True when `s` has real HTML tags (not just a stray `<`).
pub fn looks_like_html(s: &str) -> bool {
    const TAGS: &[&str] = &[
        "p",
        "div",
        "br",
        "img",
        "span",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "table",
        "article",
        "section",
        "strong",
        "em",
        "b",
        "html",
        "body",
        "figure",
        "script",
        "style",
        "blockquote",
    ];
    tokenize(s).iter().any(|t| match t {
        Token::Start { name, .. } | Token::End(name) | Token::Unclosed(name) => {
            TAGS.contains(&name.as_str())
        }
        Token::Text(_) => false,
    })
}

/// True when `s` is HTML escaped once more (`&lt;p&gt;`): it has no tags of its own but its
/// decoded form does.
pub fn looks_escaped_html(s: &str) -> bool {
    let lower = s.get(..s.len().min(200_000)).unwrap_or(s);
    (lower.contains("&lt;p") || lower.contains("&lt;div") || lower.contains("&lt;br"))
        && !looks_like_html(s)
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "blockquote",
    "section",
    "article",
    "header",
    "main",
    "figure",
    "figcaption",
    "pre",
    "center",
    "address",
    "body",
    "html",
    "head",
];
const VOID: &[&str] = &[
    "img", "br", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
    "param", "track",
];
/// Elements that never hold article text.
const JUNK_ELEMENTS: &[&str] = &[
    "nav", "aside", "form", "button", "select", "footer", "object", "canvas", "map",
];
/// Class/id words of ads, share bars, comment boxes and the Google Translate widget.
const JUNK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adsbygoogle",
    "banner",
    "sponsor",
    "gtx",
    "jfk",
    "share",
    "social",
    "comment",
    "comments",
    "recommend",
    "related",
    "popup",
    "modal",
    "cookie",
    "subscribe",
    "widget",
    "sidebar",
    "breadcrumb",
    "nav",
    "menu",
    "footer",
    "toolbar",
    "qrcode",
];

struct Open {
    name: String,
    block: bool,
    heading: bool,
    caption: bool,
}

/// What [`to_segs`] found in an HTML body.
#[derive(Debug, Default)]
pub struct HtmlDoc {
    pub segs: Vec<Seg>,
    /// Texts of tag links (`href` containing `/tag/`).
    pub tags: Vec<String>,
    /// The `<title>` element's text.
    pub title: Option<String>,
    /// The page's `<meta>` values (`property`, `name` or `itemprop`, lower-cased, and
    /// `content`) and its canonical address (key `canonical`), in order.
    pub meta: Vec<(String, String)>,
    pub warnings: Vec<Warning>,
}

#[derive(Default)]
struct Walk {
    doc: HtmlDoc,
    stack: Vec<Open>,
    buf: String,
    /// Pending whitespace: 0 none, 1 spaces, 2 a line break (dropped between Chinese
    /// characters, where it is only source formatting).
    space: u8,
    /// Inside a dropped element: its name and nesting depth.
    skip: Option<(String, usize)>,
    skipped_text: usize,
    /// An open tag link: element name and where its text starts in `buf`.
    tag_link: Option<(String, usize, String)>,
    in_title: bool,
}

/// Converts an HTML body to segments. Text outside any block element keeps its line breaks
/// (mirrors mix Markdown lines with HTML); inside blocks whitespace collapses as in a browser,
/// except that no space is put between Chinese characters.
pub fn to_segs(s: &str) -> HtmlDoc {
    let mut w = Walk::default();
    for tok in tokenize(s) {
        w.token(tok);
    }
    w.flush();
    if w.skip.is_some() && w.skipped_text > 0 {
        w.doc.warnings.push(Warning::UnclosedWidget(w.skipped_text));
    }
    w.doc
}

impl Walk {
    fn token(&mut self, tok: Token<'_>) {
        if let Token::Unclosed(name) = &tok {
            self.doc
                .warnings
                .push(Warning::UnclosedRawText(name.clone()));
            return;
        }
        if let Some((skip_name, depth)) = &mut self.skip {
            match &tok {
                Token::Start {
                    name, self_closing, ..
                } if name == skip_name && !self_closing && !VOID.contains(&name.as_str()) => {
                    *depth += 1
                }
                Token::End(name) if name == skip_name => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skip = None;
                        self.skipped_text = 0;
                    }
                }
                Token::Text(t) => self.skipped_text += t.trim().len(),
                _ => {}
            }
            return;
        }
        match tok {
            Token::Unclosed(_) => {} // noted above
            Token::Text(t) => {
                if self.in_title {
                    let t = decode_entities(t).trim().to_owned();
                    if !t.is_empty() {
                        self.doc.title = Some(t);
                    }
                } else {
                    self.text(t);
                }
            }
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(name, &attrs, self_closing),
            Token::End(name) => self.end(&name),
        }
    }

    fn start(&mut self, name: String, attrs: &[(String, String)], self_closing: bool) {
        let attr = |k: &str| {
            attrs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.trim().is_empty())
        };
        let void = VOID.contains(&name.as_str()) || self_closing;
        match name.as_str() {
            "title" => {
                self.in_title = true;
                return;
            }
            "meta" => {
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .or_else(|| attr("itemprop"));
                if let (Some(key), Some(content)) = (key, attr("content")) {
                    let content = decode_entities(content).trim().to_owned();
                    self.doc
                        .meta
                        .push((key.trim().to_ascii_lowercase(), content));
                }
                return;
            }
            // `<time datetime="…">`: the first is the article's, as a page header writes it.
            "time" => {
                let seen = self.doc.meta.iter().any(|(k, _)| k == "time");
                if let (false, Some(at)) = (seen, attr("datetime")) {
                    self.doc
                        .meta
                        .push(("time".to_owned(), at.trim().to_owned()));
                }
            }
            "link" => {
                let canonical = attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                if let (true, Some(href)) = (canonical, attr("href")) {
                    let href = decode_entities(href).trim().to_owned();
                    self.doc.meta.push(("canonical".to_owned(), href));
                }
                return;
            }
            "script" | "style" | "noscript" | "template" | "iframe" | "svg" | "math" | "xmp" => {
                return; // content already dropped by the tokenizer
            }
            "img" => {
                self.flush();
                if let Some(src) = attr("src")
                    .or_else(|| attr("data-src"))
                    .or_else(|| attr("data-original"))
                {
                    self.doc.segs.push(Seg::Image(src.trim().to_owned()));
                }
                return;
            }
            _ => {}
        }
        if !void && is_junk(&name, attr("class"), attr("id"), attr("style")) {
            self.flush();
            self.skip = Some((name, 1));
            return;
        }
        let block = BLOCK.contains(&name.as_str());
        if block {
            self.flush();
        }
        if void {
            return;
        }
        if let Some(href) = attr("href").filter(|h| is_tag_href(h)) {
            self.tag_link = Some((name.clone(), self.buf.len(), href.to_owned()));
        }
        let class = attr("class").unwrap_or("").to_ascii_lowercase();
        let heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        let caption = name == "figcaption"
            || class.contains("caption")
            || class.contains("pic-info")
            || class.contains("img-desc");
        // `<p>` cannot contain another block: an unclosed `<p>` ends at the next one.
        if name == "p"
            && let Some(pos) = self.stack.iter().rposition(|o| o.name == "p")
        {
            self.stack.truncate(pos);
        }
        self.stack.push(Open {
            name,
            block,
            heading,
            caption,
        });
    }

    fn end(&mut self, name: &str) {
        if name == "title" {
            self.in_title = false;
            return;
        }
        if let Some((link, start, href)) = self.tag_link.take() {
            if link == name {
                let text = self.buf.get(start..).unwrap_or("").trim().to_owned();
                let tag = if text.is_empty() {
                    tag_from_href(&href)
                } else {
                    text
                };
                if !tag.is_empty() && tag.chars().count() <= 20 && !self.doc.tags.contains(&tag) {
                    self.doc.tags.push(tag);
                }
            } else {
                self.tag_link = Some((link, start, href));
            }
        }
        if BLOCK.contains(&name) {
            self.flush();
        }
        // Any heading's end tag closes the open heading, as in a browser (`<h2>…</h4>`).
        let is_heading = |n: &str| matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        let pos = self.stack.iter().rposition(|o| o.name == name).or_else(|| {
            is_heading(name)
                .then(|| self.stack.iter().rposition(|o| is_heading(&o.name)))
                .flatten()
        });
        if let Some(pos) = pos {
            self.stack.truncate(pos);
        }
    }

    fn text(&mut self, t: &str) {
        let t = decode_entities(t);
        if self.stack.iter().any(|o| o.block) {
            self.append(&t);
        } else {
            // Outside blocks, line breaks separate (Markdown) lines.
            let mut lines = t.split('\n').peekable();
            while let Some(line) = lines.next() {
                self.append(line);
                if lines.peek().is_some() {
                    self.flush();
                }
            }
        }
    }

    fn append(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                // A break inside source formatting counts more than a typed space.
                self.space = self.space.max(if c == '\n' { 2 } else { 1 });
                continue;
            }
            if self.space > 0 {
                if let Some(last) = self.buf.chars().next_back()
                    && !(self.space == 2 && is_wide(last) && is_wide(c))
                {
                    self.buf.push(' ');
                }
                self.space = 0;
            }
            self.buf.push(c);
        }
    }

    fn flush(&mut self) {
        self.space = 0;
        let text = self.buf.trim();
        if !text.is_empty() {
            let seg = if self.stack.iter().any(|o| o.heading) {
                Seg::Heading(text.to_owned())
            } else if self.stack.iter().any(|o| o.caption) {
                Seg::Caption(text.to_owned())
            } else {
                Seg::Text(text.to_owned())
            };
            self.doc.segs.push(seg);
        }
        self.buf.clear();
        if let Some((_, start, _)) = &mut self.tag_link {
            *start = 0;
        }
    }
}

/// Chinese characters and full-width punctuation: a line break between two of them is
/// dropped (it is only source formatting; Chinese puts no spaces between words).
pub fn is_wide(c: char) -> bool {
    let n = c as u32;
    n >= 0x2E80 || (0x2010..=0x206F).contains(&n)
}

fn is_junk(name: &str, class: Option<&str>, id: Option<&str>, style: Option<&str>) -> bool {
    if JUNK_ELEMENTS.contains(&name) {
        return true;
    }
    let hidden = style.is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    });
    if hidden {
        return true;
    }
    [class, id].into_iter().flatten().any(|v| {
        v.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| JUNK_WORDS.contains(&w))
    })
}

fn is_tag_href(h: &str) -> bool {
    let h = h.to_ascii_lowercase();
    h.contains("/tag/") || h.contains("/tags/") || h.contains("?tag=") || h.contains("&tag=")
}

/// The tag named by a tag link's address: its last path segment, percent-decoded, without
/// extension.
fn tag_from_href(href: &str) -> String {
    let last = href
        .trim_end_matches('/')
        .rsplit(['/', '='])
        .next()
        .unwrap_or("");
    let last = last.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(last);
    match decoded.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            stem.to_owned()
        }
        _ => decoded,
    }
}

/// `%E5%8C%97` to the UTF-8 characters they encode.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
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
    fn unclosed_comment_or_doctype_ending_in_a_wide_character() {
        // Found by tests/properties.rs: an unclosed `<!--` or `<!` made the tokenizer slice
        // one byte before the end of the text, inside the last (multi-byte) character.
        for s in [
            "<!--9999年99月99日",
            "<!DOCTYPE 日",
            "<?xml 日",
            "<p>北约</p><!--日",
        ] {
            let _ = tokenize(s);
            let _ = to_segs(s);
        }
    }

    fn texts(doc: &HtmlDoc) -> Vec<String> {
        doc.segs
            .iter()
            .map(|s| match s {
                Seg::Text(t) => t.clone(),
                Seg::Heading(t) => format!("#{t}"),
                Seg::Caption(t) => format!("cap:{t}"),
                Seg::Image(s) => format!("img:{s}"),
            })
            .collect()
    }

    #[test]
    fn drops_scripts_comments_ads_and_widgets() {
        let doc = to_segs(
            "<div><p>正文<script>var x = '<p>坏</p>';</script>一</p><!-- c <p>x</p> -->\
             <div id=\"below_article_ad\"><div>广告</div></div>\
             <div class=\"jfk-bubble gtx-bubble\">译</div><style>p{}</style><p>正文二</p></div>",
        );
        assert_eq!(texts(&doc), vec!["正文一", "正文二"]);
    }

    #[test]
    fn joins_chinese_across_inline_tags_and_keeps_latin_spaces() {
        let doc = to_segs(
            "<p>\n  美国和\n  <ok href=\"https://x.com/gb/tag/%E5%8C%97%E7%BA%A6.html\">\n   北约\n  </ok>\n  关于 open\n door policy 俄罗斯 称</p>",
        );
        assert_eq!(
            texts(&doc),
            vec!["美国和北约关于 open door policy 俄罗斯 称"]
        );
        assert_eq!(doc.tags, vec!["北约"]);
    }

    #[test]
    fn images_captions_headings_and_unclosed_markup() {
        let doc = to_segs(
            "### 标题\n\n<div><img src=\"https://a/b.jpg\"/><div class=\"caption\"> 图说 </div></div>\
             <h2>小标题</h2><p>一<p>二<br>三 < 四 <b",
        );
        assert_eq!(
            texts(&doc),
            vec![
                "### 标题",
                "img:https://a/b.jpg",
                "cap:图说",
                "#小标题",
                "一",
                "二",
                "三 < 四 <b"
            ]
        );
    }

    #[test]
    fn a_heading_closed_by_another_heading_tag_ends() {
        let doc = to_segs("<h2>小标题</h4><p>正文一。</p><p>正文二。</p>");
        assert_eq!(texts(&doc), vec!["#小标题", "正文一。", "正文二。"]);
    }

    #[test]
    fn unclosed_raw_text_ends_at_its_line() {
        let doc = to_segs("<h1>标题<style>h1{color:red}</h1>\n<p>正文一。</p>\n<p>正文二。</p>");
        assert_eq!(texts(&doc), vec!["#标题", "正文一。", "正文二。"]);
        assert_eq!(doc.warnings, vec![Warning::UnclosedRawText("style".into())]);
        let doc = to_segs("<p>正文一。</p><script>var a = 1;\n<p>正文二。</p>");
        assert_eq!(texts(&doc), vec!["正文一。", "正文二。"]);
    }

    #[test]
    fn unclosed_script_and_comment_do_not_panic() {
        assert_eq!(texts(&to_segs("<p>a</p><script>if (a<b) {")), vec!["a"]);
        assert_eq!(
            texts(&to_segs("<p>a</p><!-- never closed <p>b</p>")),
            vec!["a"]
        );
        assert_eq!(tag_from_href("/tag/%E9%97%A8.html"), "门");
        let _ = to_segs("<a href='x\u{4e2d}\"<<<>>>< /><//></>\u{4e2d}");
    }
}
