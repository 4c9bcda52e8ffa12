//! Stage 1: article files to [`Article`]s.
//!
//! ```text
//! bytes -decode-> text -frontmatter-> fields + body -html/plain-> segments
//!       -walk-> blocks, images, related headlines, metadata found
//!       -finish-> Article (title, outlet, author, tags, date, events)
//! ```
//!
//! Every file shape of the collection (plain scraped text, YAML front matter with an HTML
//! body, Markdown-and-HTML mirror pages, body-only text) goes through the same walk over
//! text segments, so layouts not seen yet degrade gracefully instead of failing. A file that
//! cannot be read as an article becomes a [`Failure`] with the reason; nothing here panics.
//!
//! By concern: [`decode`] (bytes to text), `frontmatter`, `html` and `plain` (the file's
//! shapes to segments), `walk` (the body), `fields` (metadata: front matter fields, metadata
//! and tag lines, outlet and author), `meta` (recognisers of credits, outlets and
//! boilerplate lines), `title`, `dates` (date expressions in text), `dating` (date fields,
//! the publication date, events) and `url` (`http(s)` addresses only).

mod dates;
mod dating;
pub mod decode;
mod fields;
mod frontmatter;
mod html;
#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
mod json;
mod meta;
mod plain;
mod title;
pub mod url;
mod walk;

use std::borrow::Cow;

use crate::article::{Article, Block, Warning};

use dates::Raw;
use dating::FieldDate;
pub use decode::BinaryKind;
use decode::DecodeError;

/// A unit of text before it is classified: what the HTML and plain-text readers produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Text(String),
    Heading(String),
    Caption(String),
    /// An image address, as written.
    Image(String),
}

/// Why a file is not an article. `Display` gives the reason, in English (the decoding
/// reasons are worded once, by [`DecodeError`]); the app words it for its readers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ParseError {
    /// No bytes at all.
    #[error("{}", DecodeError::Empty)]
    Empty,
    /// Nothing but whitespace.
    #[error("the file contains only whitespace")]
    Blank,
    /// More bytes than [`decode::MAX_BYTES`] (how many).
    #[error("{}", DecodeError::TooLarge(*.0))]
    TooLarge(usize),
    /// Binary data, not text.
    #[error("{}", DecodeError::Binary(*.0))]
    Binary(BinaryKind),
    /// Bytes in no encoding the collection's files use.
    #[error("{}", DecodeError::Undecodable)]
    Undecodable,
    /// Readable text, but no paragraph of article body.
    #[error("no article text: the file has no body paragraphs")]
    NoText,
    /// A table of data (a `.tsv` or `.csv` file whose lines are rows of fields: a
    /// collection's manifest, a spreadsheet export), not an article.
    #[error("a table of data ({0}), not an article")]
    Table(TableKind),
    /// A JSON file that holds no one article.
    #[error("{0}")]
    Json(JsonKind),
}

/// Why a JSON file is no article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum JsonKind {
    /// An array of objects, or lines of them (JSON Lines): this many articles in one file.
    Several(usize),
    /// An object with none of the fields an article's text is in.
    NoText,
    /// Named `.json` but not JSON.
    Invalid,
}

impl std::fmt::Display for JsonKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonKind::Several(n) => write!(
                f,
                "{n} articles in one JSON file; save each in a file of its own"
            ),
            JsonKind::NoText => write!(
                f,
                "JSON with no article text (no field text, content, body or maintext)"
            ),
            JsonKind::Invalid => write!(f, "named as JSON but not valid JSON"),
        }
    }
}

/// The kind of a table of data ([`ParseError::Table`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TableKind {
    /// Tab-separated values.
    Tsv,
    /// Comma-separated values.
    Csv,
}

impl std::fmt::Display for TableKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TableKind::Tsv => "tab-separated values",
            TableKind::Csv => "comma-separated values",
        })
    }
}

/// Whether `text`, the text of file `path`, is a table: a name ending in `.tsv` or `.csv`,
/// at least two lines, and every line but one in ten with at least as many separators as
/// the first, which has one or more (a quoted CSV field may hold more). Files of any other
/// name are never tables: an article may well have tabs or commas on every line.
fn table_of(path: &str, text: &str) -> Option<TableKind> {
    let lower = path.to_ascii_lowercase();
    let (kind, sep) = if lower.ends_with(".tsv") {
        (TableKind::Tsv, '\t')
    } else if lower.ends_with(".csv") {
        (TableKind::Csv, ',')
    } else {
        return None;
    };
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let fields = lines.next()?.matches(sep).count();
    let (mut rows, mut short) = (0usize, 0usize);
    for line in lines {
        rows += 1;
        if line.matches(sep).count() < fields {
            short += 1;
        }
    }
    (fields > 0 && rows > 0 && short * 10 <= rows).then_some(kind)
}

impl From<DecodeError> for ParseError {
    fn from(e: DecodeError) -> ParseError {
        match e {
            DecodeError::Empty => ParseError::Empty,
            DecodeError::TooLarge(n) => ParseError::TooLarge(n),
            DecodeError::Binary(kind) => ParseError::Binary(kind),
            DecodeError::Undecodable => ParseError::Undecodable,
        }
    }
}

/// [`parse_all`] for files some of which build.rs converted from a legacy encoding to UTF-8
/// (the third item, `None` for the others): their articles note what the encoding was.
pub fn parse_all_converted<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8], Option<&'a str>)>,
) -> Collection {
    let mut c = Collection::default();
    for (path, bytes, encoding) in files {
        c.add(path, bytes, encoding);
    }
    c.sorted()
}

/// A file that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    /// Path relative to the collection root, as [`Article::file`].
    pub file: String,
    pub reason: ParseError,
}

/// Every file of a collection, either parsed or failed; both lists sorted by file path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collection {
    pub articles: Vec<Article>,
    pub failures: Vec<Failure>,
}

/// Parses every `(path, bytes)` file; each ends up in exactly one of the two lists.
pub fn parse_all<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Collection {
    let mut c = Collection::default();
    for (path, bytes) in files {
        c.add(path, bytes, None);
    }
    c.sorted()
}

impl Collection {
    /// Parses one more file into the articles or the failures; `converted_from`, the legacy
    /// encoding a build step converted it from, is noted on its article. A caller reading
    /// files one at a time ([`parse_all`] and [`Collection::sorted`] in steps) holds only the
    /// articles, not every file's bytes.
    pub fn add(&mut self, path: &str, bytes: &[u8], converted_from: Option<&str>) {
        for (file, parsed) in parse_file(path, bytes) {
            match parsed {
                Ok(mut a) => {
                    if let Some(encoding) = converted_from {
                        a.warnings.push(Warning::Converted(encoding.to_owned()));
                    }
                    self.articles.push(a)
                }
                Err(e) => self.failures.push(Failure { file, reason: e }),
            }
        }
    }

    /// Both lists sorted by file path.
    pub fn sorted(mut self) -> Collection {
        self.articles.sort_by(|a, b| a.file.cmp(&b.file));
        self.failures.sort_by(|a, b| a.file.cmp(&b.file));
        self
    }
}

/// Parses one file into its articles: the one of [`parse`], or, for JSON holding several
/// (an array of objects, JSON Lines), each of them, named `path#1`, `path#2`… ([`of_file`]).
/// Each comes with its name.
pub fn parse_file(path: &str, bytes: &[u8]) -> Vec<(String, Result<Article, ParseError>)> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
    if let Some(items) = several_in_json(path, bytes) {
        return items;
    }
    vec![(path.to_owned(), parse(path, bytes))]
}

/// The articles of a JSON file holding several (see [`parse_file`]); None for any other file.
#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
fn several_in_json(path: &str, bytes: &[u8]) -> Option<Vec<(String, Result<Article, ParseError>)>> {
    let start = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if !json::is_json_name(path) && start != Some(&b'{') {
        return None;
    }
    let decoded = decode::decode(bytes).ok()?;
    let items = json::several(path, &decoded.text)?;
    Some(
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let file = format!("{path}#{}", i + 1);
                let parsed = item.map_err(ParseError::Json).and_then(|(fm, body)| {
                    let mut b = Builder::decoded(&file, &decoded);
                    b.front_matter(&fm);
                    b.body(&body)
                });
                (file, parsed)
            })
            .collect(),
    )
}

/// Whether `name` (an article's or a failure's file) is `file` or one of the articles of it
/// ([`parse_file`]: `file#2`).
pub fn of_file(name: &str, file: &str) -> bool {
    name.strip_prefix(file).is_some_and(|rest| {
        rest.is_empty()
            || rest
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Parses one article file. `path` becomes [`Article::file`].
pub fn parse(path: &str, bytes: &[u8]) -> Result<Article, ParseError> {
    let decoded = decode::decode(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(ParseError::Blank);
    }
    if let Some(kind) = table_of(path, &decoded.text) {
        return Err(ParseError::Table(kind));
    }
    let mut b = Builder::decoded(path, &decoded);
    #[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
    let json_body = match json::article(path, &decoded.text) {
        Some(Ok((fm, body))) => {
            b.front_matter(&fm);
            Some(body)
        }
        Some(Err(kind)) => return Err(ParseError::Json(kind)),
        None => None,
    };
    #[cfg(all(target_arch = "wasm32", not(feature = "import")))]
    let json_body: Option<String> = None;
    let body = match (&json_body, frontmatter::split(&decoded.text)) {
        (Some(body), _) => body.as_str(),
        (None, Some((fm, body))) => {
            b.front_matter(&fm);
            body
        }
        (None, None) => decoded.text.as_str(),
    };
    b.body(body)
}

/// An article in the making: what the front matter and the walk found, before
/// [`Builder::finish`] chooses among it.
#[derive(Default)]
struct Builder {
    a: Article,
    title: Option<String>,
    html_title: Option<String>,
    original_title: Option<String>,
    field_date: Option<(FieldDate, String)>,
    dateline: Option<Raw>,
    /// A page timestamp in the header (`2018年9月11日 06:57`).
    timestamp: Option<crate::date::Day>,
    /// Outlets by reliability: front matter, credits, copyright line, interview, address.
    fm_outlet: Option<String>,
    credit_outlet: Option<String>,
    copyright_outlet: Option<String>,
    interview_outlet: Option<String>,
    /// The site a page's `<title>` ends with (`标题 | 端传媒`): the last resort.
    title_outlet: Option<String>,
    /// When the page says it was last updated (`最後更新日期：…`): its date only when nothing
    /// else dates it.
    updated: Option<crate::date::Day>,
    fm_author: Option<String>,
    credit_author: Option<String>,
    /// The original outlet a repost line names (`轉載自GNews`, `（转自大纪元）`).
    repost_outlet: Option<String>,
    /// Who posted the article on the site that reposted it (`发布：…`, the name on a repost
    /// line): the author when no other is named.
    poster: Option<String>,
    tags: Vec<String>,
    lead_image: Option<String>,
    image_srcs: std::collections::HashSet<String>,
    repeats: usize,
}

impl Builder {
    fn new(path: &str) -> Builder {
        Builder {
            a: Article {
                file: path.to_owned(),
                ..Article::default()
            },
            ..Builder::default()
        }
    }

    /// A builder for an article of a decoded file: with what the decoding noted (the
    /// encoding it read, control characters it dropped).
    fn decoded(path: &str, decoded: &decode::Decoded) -> Builder {
        let mut b = Builder::new(path);
        if let Some(enc) = decoded.encoding {
            b.a.warnings.push(Warning::ReadAs(enc.to_owned()));
        }
        if decoded.dropped_controls > 0 {
            b.a.warnings
                .push(Warning::ControlCharacters(decoded.dropped_controls));
        }
        b
    }

    /// The article of `body` (after front matter): read as HTML or text, walked, finished.
    fn body(mut self, body: &str) -> Result<Article, ParseError> {
        let body = self.unescaped(body);
        let segs = self.segments(&body);
        self.walk(segs);
        self.finish()
    }

    /// The body, unescaped when it is HTML escaped once or twice more (`&lt;p&gt;`).
    fn unescaped<'b>(&mut self, body: &'b str) -> Cow<'b, str> {
        let mut body = Cow::Borrowed(body);
        for _ in 0..2 {
            if html::looks_escaped_html(&body) {
                body = Cow::Owned(html::decode_entities(&body).into_owned());
                self.a.warnings.push(Warning::EscapedHtml);
            }
        }
        body
    }

    /// The body's text segments, read as HTML or as plain text (Markdown) by its shape.
    fn segments(&mut self, body: &str) -> Vec<Seg> {
        if html::looks_like_html(body) {
            let doc = html::to_segs(body);
            self.tags.extend(doc.tags);
            self.html_title = doc.title;
            self.html_meta(&doc.meta);
            self.a.warnings.extend(doc.warnings);
            doc.segs
        } else {
            plain::to_segs(body)
        }
    }

    /// The article: chooses among what was found (title, outlet, author, date) and completes
    /// it. An article needs one paragraph or subheading of text.
    fn finish(mut self) -> Result<Article, ParseError> {
        if !self.has_text() {
            return Err(ParseError::NoText);
        }
        self.note_repeats();
        self.add_lead_image();
        self.choose_title();
        self.choose_outlet_and_author();
        self.clean_tags();
        self.date_and_events();
        Ok(self.a)
    }

    /// One paragraph or subheading at least.
    fn has_text(&self) -> bool {
        self.a.paragraph_count() > 0
            || self
                .a
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Subheading(_)))
    }

    /// Warns of the lines dropped for repeating the line before.
    fn note_repeats(&mut self) {
        if self.repeats > 0 {
            self.a.warnings.push(Warning::Repeats(self.repeats));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_of_data_are_not_articles() {
        let manifest = "file\trepo\tpath\tbytes\n\
                        dev_001.md\tmirror/txt\tcontent/40/README.md\t4702\n\
                        dev_002.md\tmirror/txt\tcontent/35/README.md\t3868\n";
        let table = Err(ParseError::Table(TableKind::Tsv));
        assert_eq!(parse("MANIFEST.tsv", manifest.as_bytes()), table);
        assert_eq!(parse("x/DATA.TSV", manifest.as_bytes()), table);
        assert_eq!(
            parse("MANIFEST.tsv", manifest.as_bytes())
                .unwrap_err()
                .to_string(),
            "a table of data (tab-separated values), not an article"
        );
        // Quoted commas: rows may have more separators than the header.
        let csv = "标题,日期,来源\n\"北约,东扩\",2022-01-27,新华社\n普京,2022-01-28,路透社\n";
        assert_eq!(
            parse("export.csv", csv.as_bytes()),
            Err(ParseError::Table(TableKind::Csv))
        );
        // Any other name is read as an article, tabs or not.
        assert!(parse("manifest.txt", manifest.as_bytes()).is_ok());
        // A .tsv or .csv file of prose, or of one line, is not a table.
        let prose = "俄罗斯周四表示，美国拒绝解决莫斯科围绕乌克兰提出的主要安全问题。\n\n\
                     但双方都有兴趣继续对话。\n";
        assert!(parse("note.csv", prose.as_bytes()).is_ok());
        assert_ne!(parse("one.tsv", "标题\t日期\n".as_bytes()), table);
    }

    #[test]
    fn errors_explain_themselves() {
        assert_eq!(parse("a", b"").unwrap_err(), ParseError::Empty);
        assert_eq!(parse("a", b" \n\t\r\n").unwrap_err(), ParseError::Blank);
        assert!(
            parse("a", b"\0\x01\x02")
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert_eq!(
            parse("a", b"---\ntitle: x\n---\n").unwrap_err(),
            ParseError::NoText
        );
        assert_eq!(
            parse("a", b"<script>alert(1)</script>").unwrap_err(),
            ParseError::NoText
        );
    }

    #[test]
    fn a_few_control_characters_do_not_make_text_binary() {
        let a = parse(
            "a",
            "标题\n\n<p title=\"\u{1}x\u{3}\">北约秘书长表示将继续对话。</p>".as_bytes(),
        )
        .expect("text with two stray control characters is text");
        assert_eq!(a.warnings[0], Warning::ControlCharacters(2));
        assert!(a.texts().any(|t| t.contains("北约秘书长")));
        // Mostly control characters: binary.
        let junk: Vec<u8> = (0..200)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        assert!(matches!(parse("b", &junk), Err(ParseError::Binary(_))));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd: &[&[u8]] = &[
            b"<",
            b"&",
            b"&#",
            b"&#x;",
            b"[",
            b"](",
            b"---",
            b"---\n",
            b"---\na: '",
            b"\xFF\xFE",
            b"\xFE\xFF\x00",
            "【".as_bytes(),
            "（记者".as_bytes(),
            "2021年".as_bytes(),
            "31日".as_bytes(),
            "日期:".as_bytes(),
            "标题\n日期:13-45\n正文".as_bytes(),
            "<p>[文/]</p>".as_bytes(),
            "<img src=>".as_bytes(),
            "乌克兰局势时间线\n2022年".as_bytes(),
            "9999年99月99日".as_bytes(),
        ];
        for bytes in odd {
            let _ = parse("odd", bytes);
        }
        // Every truncation of a realistic file.
        let file = "---\ntitle: '标题'\ndate: Thu, 03 Feb 2022 11:02:11 GMT\n---\n<p>（观察者网讯）2月2日，<a href=\"/tag/x\">北约</a>&amp;quot;</p><img src=\"//a/b.jpg\"><p>图</p>";
        for (i, _) in file.char_indices() {
            let _ = parse("cut", &file.as_bytes()[..i]);
        }
    }
}
