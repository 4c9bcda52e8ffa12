//! The normalised article: what every file shape is parsed into, and all later stages read.
//! Plain data, no behaviour beyond small accessors.

use serde::{Deserialize, Serialize};

use crate::date::{Day, PartialDate};

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
    /// The outlet that published the article (not a source it cites).
    pub source: Option<String>,
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
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDate {
    pub day: Day,
    pub basis: DateBasis,
}

/// Where a publication date came from, most to least reliable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DateBasis {
    /// A date field: front matter, a `日期:` line.
    Metadata,
    /// A dateline in the body, such as `【大纪元2022年01月27日讯】`.
    Dateline,
    /// A date in the article's URL.
    Url,
    /// Estimated from the dates the text mentions.
    Inferred,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Metadata => "metadata",
            DateBasis::Dateline => "dateline",
            DateBasis::Url => "url",
            DateBasis::Inferred => "inferred",
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
