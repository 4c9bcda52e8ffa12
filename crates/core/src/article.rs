//! The normalised article: what every file shape is parsed into, and all later stages read.
//! Plain data, no behaviour beyond small accessors.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::{Day, PartialDate, Precision};

/// One article, whatever shape its file had.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Article {
    /// Path of the source file relative to the collection root, `/`-separated; unique.
    pub file: String,
    pub title: String,
    /// True when the file had no title and `title` was taken from the body.
    pub title_derived: bool,
    /// Publication day (Beijing time) and how it was found.
    pub date: Option<PublishedDate>,
    /// The outlet that published the article (not a source it cites); for a repost, the
    /// original outlet the repost names.
    pub source: Option<String>,
    /// For a repost: the site that reposted it, when it names itself (`source` is then the
    /// original outlet).
    pub via: Option<String>,
    pub author: Option<String>,
    /// Tags the file states explicitly.
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// The original address of the article, `http(s)` only.
    pub url: Option<String>,
    /// The body in reading order.
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    /// Sentences of the body that state a date, resolved.
    pub events: Vec<Event>,
    /// Headlines of other articles listed with the article (a timeline section), not its body.
    pub related: Vec<RelatedHeadline>,
    /// What the parser noticed but could work around, for `dossier inspect` and the app.
    pub warnings: Vec<Warning>,
}

/// Something the parser noticed in a file and worked around. `Display` says it in English
/// (`dossier inspect`); the app words it for its readers. Quoted values are clipped to a
/// few dozen characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warning {
    /// The file is not plain UTF-8; it was read in this encoding (`UTF-16LE`, `GB18030`, …).
    ReadAs(String),
    /// Stray control characters (U+0001 …) in otherwise good text, how many: dropped.
    ControlCharacters(usize),
    /// An element whose text is never shown (`<style>`, `<script>`, …) is never closed: it
    /// was ended at the end of its line, and the text after it kept.
    UnclosedRawText(String),
    /// The build converted the file from this legacy encoding to UTF-8.
    Converted(String),
    /// The HTML body was escaped once more (`&lt;p&gt;`); it was read unescaped.
    EscapedHtml,
    /// The front matter opened on a line (1-based) is never closed with `---`; it was read up
    /// to another.
    FrontMatterUnclosed { opened: usize, read_to: usize },
    /// A front matter line that is not `key: value` (its text), ignored.
    FrontMatterLine { line: usize, text: String },
    /// A front matter `[…]` list for a key, not closed with `]`, ignored.
    FrontMatterList { line: usize, key: String },
    /// A front matter quoted string not closed: read to the end of its line.
    FrontMatterQuote { line: usize },
    /// A front matter date that is not a date, ignored.
    FrontMatterDate(String),
    /// A front matter address that is not `http(s)`, ignored.
    FrontMatterAddress(String),
    /// A front matter image whose address is not `http(s)`, dropped.
    FrontMatterImage(String),
    /// A date line (`日期：…`) whose value is not a date, ignored.
    DateLine(String),
    /// An address line (`网址：…`) whose value is not `http(s)`, ignored.
    AddressLine(String),
    /// An "original link" line (`原文链接：…`, the line) with no `http(s)` address, ignored.
    LinkLine(String),
    /// An image of the body whose address is not `http(s)`, dropped.
    Image(String),
    /// An ad or widget element never closed: the characters of text after it were dropped.
    UnclosedWidget(usize),
    /// Lines dropped for repeating the line before, how many.
    Repeats(usize),
    /// A date without a year (as written), and the text gives none: ignored.
    DateWithoutYear(String),
    /// No publication date in the metadata, a dateline, the address or the text.
    NoDate,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ReadAs(encoding) => write!(f, "read as {encoding}"),
            Warning::ControlCharacters(n) => {
                write!(f, "dropped {n} stray control character(s)")
            }
            Warning::UnclosedRawText(tag) => write!(
                f,
                "a <{tag}> element is never closed; ended at the end of its line, the text after it kept"
            ),
            Warning::Converted(encoding) => {
                write!(f, "converted from {encoding} to UTF-8 at build time")
            }
            Warning::EscapedHtml => {
                write!(f, "the HTML body was escaped (&lt;p&gt;); read unescaped")
            }
            Warning::FrontMatterUnclosed { opened, read_to } => write!(
                f,
                "front matter opened on line {opened} is never closed with `---`; read up to line {read_to}"
            ),
            Warning::FrontMatterLine { line, text } => write!(
                f,
                "front matter line {line}: `{text}` is not `key: value`; ignored"
            ),
            Warning::FrontMatterList { line, key } => write!(
                f,
                "front matter line {line}: list for `{key}` is not closed with `]`; ignored"
            ),
            Warning::FrontMatterQuote { line } => write!(
                f,
                "front matter line {line}: quoted string is not closed; read to the end of the line"
            ),
            Warning::FrontMatterDate(d) => {
                write!(f, "front matter date `{d}` is not a date; ignored")
            }
            Warning::FrontMatterAddress(u) => {
                write!(f, "front matter address `{u}` is not http(s); ignored")
            }
            Warning::FrontMatterImage(u) => write!(
                f,
                "front matter image `{u}` is not an http(s) address; dropped"
            ),
            Warning::DateLine(v) => write!(f, "date line `{v}` is not a date; ignored"),
            Warning::AddressLine(v) => write!(f, "address `{v}` is not http(s); ignored"),
            Warning::LinkLine(l) => write!(
                f,
                "original link line `{l}` has no http(s) address; ignored"
            ),
            Warning::Image(src) => {
                write!(f, "image `{src}` is not an http(s) address; dropped")
            }
            Warning::UnclosedWidget(n) => write!(
                f,
                "an ad or widget element is never closed; {n} characters after it were dropped"
            ),
            Warning::Repeats(n) => write!(f, "dropped {n} line(s) repeating the line before"),
            Warning::DateWithoutYear(d) => {
                write!(f, "date `{d}` has no year and the text gives none; ignored")
            }
            Warning::NoDate => write!(f, "no publication date found"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDate {
    /// The day; for a month ([`PublishedDate::precision`]), its first day.
    pub day: Day,
    pub basis: DateBasis,
}

impl PublishedDate {
    /// How much of the date is known: the month only when pictures gave it.
    pub fn precision(&self) -> Precision {
        match self.basis {
            DateBasis::Pictures => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// `2022-01-27`, or `2022-01` for a month.
    pub fn label(&self) -> String {
        match self.precision() {
            Precision::Day => self.day.to_string(),
            _ => format!("{:04}-{:02}", self.day.year, self.day.month),
        }
    }
}

/// Where a publication date came from, most to least reliable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DateBasis {
    /// A date field: front matter, a `日期:` line.
    Metadata,
    /// A page timestamp with a time of day (`2018年9月11日 06:57` under the title).
    Timestamp,
    /// A dateline in the body, such as `【大纪元2022年01月27日讯】`.
    Dateline,
    /// A date in the article's URL (`/gb/20/9/15/`, an id `…-09112020093810`).
    Url,
    /// A date in the title or first heading (`3/14/2022国际财经快讯`, `1.27大直播`).
    Title,
    /// A date in the file's name (`…_20220203.md`, `2022-02-03-….md`).
    FileName,
    /// Estimated from the dates the text mentions.
    Inferred,
    /// The month the pictures were uploaded in (a WordPress folder `/uploads/2022/01/`, the
    /// latest of them): a month, not a day. Taken over [`DateBasis::Inferred`] when the text's
    /// dates point to another month (they often name what happened long before).
    Pictures,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Metadata => "metadata",
            DateBasis::Timestamp => "timestamp",
            DateBasis::Dateline => "dateline",
            DateBasis::Url => "url",
            DateBasis::Title => "title",
            DateBasis::FileName => "file name",
            DateBasis::Inferred => "inferred",
            DateBasis::Pictures => "pictures",
        }
    }
}

/// A unit of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(String),
    Subheading(String),
    /// An image or a caption standing where an image was: an index into `Article::images`.
    Figure(usize),
}

impl Block {
    /// The text of a paragraph or subheading.
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Paragraph(t) | Block::Subheading(t) => Some(t),
            Block::Figure(_) => None,
        }
    }
}

/// An image of the article; either part may be missing (scraped text often keeps only the
/// caption).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Image {
    /// `http(s)` address; anything else is dropped with a warning.
    pub src: Option<String>,
    pub caption: Option<String>,
}

/// A sentence that states a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub date: PartialDate,
    /// The sentence, as written.
    pub text: String,
    /// Index into `Article::blocks` of the block holding the sentence.
    pub block: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedHeadline {
    pub date: Option<PartialDate>,
    pub title: String,
}

impl Article {
    /// The paragraphs and subheadings, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(Block::text)
    }

    pub fn paragraph_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count()
    }

    /// The file name without folders.
    pub fn file_name(&self) -> &str {
        self.file.rsplit('/').next().unwrap_or(&self.file)
    }
}

/// The first `max` characters of `s`, with `…` when that cuts it short: a long value quoted in
/// a message.
pub fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}
