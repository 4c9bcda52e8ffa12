//! Stage 1: article files to [`Article`]s.
//!
//! ```text
//! bytes -decode-> text -frontmatter-> fields + body -html/plain-> segments
//!       -meta/dates-> Article (title, date, outlet, author, tags, blocks, events, related)
//! ```
//!
//! Every file shape of the collection (plain scraped text, YAML front matter with an HTML
//! body, Markdown-and-HTML mirror pages, body-only text) goes through the same walk over
//! text segments, so layouts not seen yet degrade gracefully instead of failing. A file that
//! cannot be read as an article becomes a [`Failure`] with the reason; nothing here panics.
//!
//! `build.rs` includes this module through `#[path]`, so it may only use `crate::article`,
//! `crate::date` and external crates listed as both dependencies and build-dependencies.

mod dates;
pub mod decode;
mod frontmatter;
mod html;
mod meta;
mod plain;

use std::borrow::Cow;
use std::fmt;

use crate::article::{Article, Block, DateBasis, Event, Image, PublishedDate, RelatedHeadline};
use crate::date::{Day, PartialDate, Precision};

use dates::{FieldDate, Raw, Resolver};

/// A unit of text before it is classified: what the HTML and plain-text readers produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Text(String),
    Heading(String),
    Caption(String),
    /// An image address, as written.
    Image(String),
}

/// Why a file is not an article. `Display` gives the reason for a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    Blank,
    TooLarge(usize),
    Binary(&'static str),
    Undecodable,
    /// Readable text, but no paragraph of article body.
    NoText,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "the file is empty (0 bytes)"),
            ParseError::Blank => write!(f, "the file contains only whitespace"),
            ParseError::TooLarge(n) => write!(
                f,
                "the file is too large for an article ({:.1} MB; the limit is {} MB)",
                *n as f64 / 1_048_576.0,
                decode::MAX_BYTES / 1_048_576
            ),
            ParseError::Binary(kind) => write!(f, "the file is binary data, not text ({kind})"),
            ParseError::Undecodable => {
                write!(f, "the bytes are not text in UTF-8, GB18030/GBK or Big5")
            }
            ParseError::NoText => write!(f, "no article text: the file has no body paragraphs"),
        }
    }
}

impl std::error::Error for ParseError {}

/// [`parse_all`] for files some of which build.rs converted from a legacy encoding to UTF-8
/// (the third item, `None` for the others): their articles note what the encoding was.
pub fn parse_all_converted<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8], Option<&'a str>)>,
) -> Collection {
    let files: Vec<_> = files.into_iter().collect();
    let mut c = parse_all(files.iter().map(|&(path, bytes, _)| (path, bytes)));
    for &(path, _, encoding) in &files {
        if let Some(encoding) = encoding
            && let Some(article) = c.articles.iter_mut().find(|a| a.file == path)
        {
            article
                .warnings
                .push(format!("文件编码为 {encoding}，构建时已转换为 UTF-8"));
        }
    }
    c
}

/// A file that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    pub file: String,
    pub reason: String,
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
        match parse(path, bytes) {
            Ok(a) => c.articles.push(a),
            Err(e) => c.failures.push(Failure {
                file: path.to_owned(),
                reason: e.to_string(),
            }),
        }
    }
    c.articles.sort_by(|a, b| a.file.cmp(&b.file));
    c.failures.sort_by(|a, b| a.file.cmp(&b.file));
    c
}

/// Parses one article file. `path` becomes [`Article::file`].
pub fn parse(path: &str, bytes: &[u8]) -> Result<Article, ParseError> {
    let decoded = decode::decode(bytes).map_err(|e| match e {
        decode::DecodeError::Empty => ParseError::Empty,
        decode::DecodeError::TooLarge(n) => ParseError::TooLarge(n),
        decode::DecodeError::Binary(k) => ParseError::Binary(k),
        decode::DecodeError::Undecodable => ParseError::Undecodable,
    })?;
    if decoded.text.trim().is_empty() {
        return Err(ParseError::Blank);
    }
    let mut b = Builder {
        a: Article {
            file: path.to_owned(),
            ..Article::default()
        },
        ..Builder::default()
    };
    if let Some(enc) = decoded.encoding {
        b.a.warnings.push(format!("read as {enc}"));
    }
    let body = match frontmatter::split(&decoded.text) {
        Some((fm, body)) => {
            b.front_matter(&fm);
            body
        }
        None => decoded.text.as_str(),
    };
    let mut body = Cow::Borrowed(body);
    for _ in 0..2 {
        if html::looks_escaped_html(&body) {
            body = Cow::Owned(html::decode_entities(&body).into_owned());
            b.a.warnings
                .push("the HTML body was escaped (&lt;p&gt;); read unescaped".to_owned());
        }
    }
    let segs = if html::looks_like_html(&body) {
        let doc = html::to_segs(&body);
        b.tags.extend(doc.tags);
        b.html_title = doc.title;
        b.a.warnings.extend(doc.warnings);
        doc.segs
    } else {
        plain::to_segs(&body)
    };
    b.walk(segs);
    b.finish()
}

#[derive(Default)]
struct Builder {
    a: Article,
    title: Option<String>,
    html_title: Option<String>,
    original_title: Option<String>,
    field_date: Option<(FieldDate, String)>,
    dateline: Option<Raw>,
    /// Outlets by reliability: front matter, credits, copyright line, interview, address.
    fm_outlet: Option<String>,
    credit_outlet: Option<String>,
    copyright_outlet: Option<String>,
    interview_outlet: Option<String>,
    fm_author: Option<String>,
    credit_author: Option<String>,
    tags: Vec<String>,
    lead_image: Option<String>,
    image_srcs: std::collections::HashSet<String>,
    repeats: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    /// A `…时间线` section: date lines and the headlines under them.
    Timeline(Option<PartialDate>),
    /// A `相关阅读` section: headlines.
    Related,
}

impl Builder {
    fn front_matter(&mut self, fm: &frontmatter::FrontMatter) {
        self.a.warnings.extend(fm.warnings.iter().cloned());
        let text = |keys: &[&str]| fm.get(keys).map(|v| v.as_text().trim().to_owned());
        self.title = text(&["title"]);
        if let Some(d) = text(&[
            "date",
            "published",
            "pubdate",
            "publish_date",
            "published_at",
            "created",
            "time",
        ]) {
            match dates::parse_field(&d) {
                Some(fd) => self.field_date = Some((fd, d)),
                None => self
                    .a
                    .warnings
                    .push(format!("front matter date `{d}` is not a date; ignored")),
            }
        }
        if let Some(author) = text(&["author", "authors", "byline", "writer"]) {
            let (o, p) = meta::split_credit(&author);
            self.fm_outlet = o;
            self.fm_author = p;
        }
        if let Some(src) = text(&[
            "source",
            "outlet",
            "publisher",
            "site",
            "site_name",
            "media",
        ]) {
            let (o, _) = meta::split_credit(&src);
            self.fm_outlet = o.or(Some(src)).or(self.fm_outlet.take());
        }
        if let Some(t) = fm.get(&["tags", "keywords", "tag"]) {
            self.tags.extend(t.as_list());
        }
        if let Some(c) = fm.get(&["categories", "category"]) {
            self.a.categories = c.as_list();
        }
        if let Some(u) = text(&[
            "url",
            "link",
            "permalink",
            "source_url",
            "original_url",
            "canonical",
            "original",
        ]) {
            match meta::http_url(&u) {
                Some(u) => self.a.url = Some(u),
                None => self.a.warnings.push(format!(
                    "front matter address `{}` is not http(s); ignored",
                    clip(&u, 60)
                )),
            }
        }
        self.lead_image = text(&["headimg", "image", "cover", "featured_image", "thumbnail"]);
    }

    fn walk(&mut self, segs: Vec<Seg>) {
        // Markdown lines (plain text, and text outside HTML blocks).
        let segs: Vec<Seg> = segs
            .into_iter()
            .filter_map(|s| match s {
                Seg::Text(t) => match plain::markdown(&t) {
                    plain::Line::Text(t) => Some(Seg::Text(t)),
                    plain::Line::Heading(t) => Some(Seg::Heading(t)),
                    plain::Line::Image(src) => Some(Seg::Image(src)),
                    plain::Line::Drop => None,
                },
                other => Some(other),
            })
            .collect();
        let corpus: String = segs
            .iter()
            .filter_map(|s| match s {
                Seg::Text(t) | Seg::Heading(t) => Some(t.as_str()),
                _ => None,
            })
            .take(400)
            .collect::<Vec<_>>()
            .join("\n");

        let mut rest = &segs[..];
        if self.title.is_none() {
            match segs.first() {
                Some(Seg::Heading(t)) => {
                    self.title = Some(t.clone());
                    rest = &segs[1..];
                }
                Some(Seg::Text(t)) if segs.len() > 1 && title_like(t) => {
                    self.title = Some(t.clone());
                    rest = &segs[1..];
                }
                _ => {}
            }
        }
        let mut header = true;
        let mut seen_meta = false;
        let mut mode = Mode::Body;
        let mut prev_image = false;
        // Credits are looked for in the first paragraphs only.
        let mut paragraphs = 0;
        let mut resolver = Resolver::new(None);
        for seg in rest {
            let was_image = std::mem::replace(&mut prev_image, false);
            match (mode, seg) {
                (Mode::Body, Seg::Text(t)) => {
                    if let Some(m) = section(t) {
                        mode = m;
                        continue;
                    }
                    if is_comments(t) {
                        break;
                    }
                    if let Some((key, value)) = meta::meta_line(t) {
                        self.meta(key, value);
                        seen_meta = true;
                        continue;
                    }
                    if header
                        && (seen_meta || t.contains([' ', '、', '|', '#']))
                        && self.title.is_some()
                        && let Some(tags) = tag_line(t, &corpus)
                    {
                        self.tags.extend(tags);
                        continue;
                    }
                    if let Some(url) = meta::trailer(t) {
                        match url {
                            Some(u) => {
                                self.a.url.get_or_insert(u);
                            }
                            None => self.a.warnings.push(format!(
                                "original link line `{}` has no http(s) address; ignored",
                                clip(t, 60)
                            )),
                        }
                        continue;
                    }
                    if meta::is_editor_line(t) || is_junk_line(t) {
                        continue;
                    }
                    if let Some(outlet) = meta::copyright(t) {
                        self.copyright_outlet = self.copyright_outlet.take().or(outlet);
                        continue;
                    }
                    let mut text = t.as_str();
                    if paragraphs < 3 {
                        let c = meta::opening_credits(text);
                        if c.len > 0 {
                            self.credit_outlet = self.credit_outlet.take().or(c.outlet);
                            self.credit_author = self.credit_author.take().or(c.author);
                            self.dateline = self.dateline.or(c.date);
                            text =
                                text[c.len..].trim_start_matches([' ', '　', ',', '，', ':', '：']);
                        }
                    }
                    if text.is_empty() {
                        continue;
                    }
                    if self.interview_outlet.is_none() {
                        self.interview_outlet = meta::interview_outlet(text);
                    }
                    header = false;
                    paragraphs += 1;
                    let short = text.chars().count() <= 80 && !text.ends_with('。');
                    if meta::is_caption(text) || (was_image && short) {
                        self.caption(text, was_image);
                    } else if subheading_like(text) {
                        self.push_text(Block::Subheading(text.to_owned()));
                    } else {
                        self.push_text(Block::Paragraph(text.to_owned()));
                    }
                }
                (Mode::Body, Seg::Heading(t)) => {
                    if let Some(m) = section(t) {
                        mode = m;
                        continue;
                    }
                    if is_comments(t) {
                        break;
                    }
                    header = false;
                    self.push_text(Block::Subheading(t.clone()));
                }
                (Mode::Body, Seg::Caption(t)) => {
                    header = false;
                    self.caption(t, was_image);
                }
                (Mode::Body, Seg::Image(src)) => {
                    header = false;
                    prev_image = self.image(src);
                }
                (Mode::Timeline(cur), Seg::Text(t) | Seg::Heading(t)) => {
                    if is_comments(t) {
                        break;
                    }
                    if let Some(m) = section(t).filter(|m| *m == Mode::Related) {
                        mode = m;
                    } else if let Some(d) = date_line(t, &mut resolver) {
                        mode = Mode::Timeline(Some(d));
                    } else if !is_junk_line(t) {
                        self.related(t, cur);
                    }
                }
                (Mode::Related, Seg::Text(t) | Seg::Heading(t)) => {
                    if is_comments(t) {
                        break;
                    }
                    if t.chars().count() <= 80 && !is_junk_line(t) {
                        self.related(t, None);
                    }
                }
                _ => {}
            }
        }
    }

    fn meta(&mut self, key: &str, value: &str) {
        match key {
            "date" if self.field_date.is_none() => match dates::parse_field(value) {
                Some(d) => self.field_date = Some((d, value.to_owned())),
                None => self
                    .a
                    .warnings
                    .push(format!("date line `{value}` is not a date; ignored")),
            },
            "source" => {
                let (o, _) = meta::split_credit(value);
                self.fm_outlet = self.fm_outlet.take().or(o);
            }
            "author" => {
                let (o, p) = meta::split_credit(value);
                self.credit_outlet = self.credit_outlet.take().or(o);
                self.fm_author = self.fm_author.take().or(p);
            }
            "original_title" => self.original_title = Some(value.to_owned()),
            "title" => {
                self.title.get_or_insert_with(|| value.to_owned());
            }
            "tags" => self.tags.extend(split_list(value)),
            "categories" => self.a.categories.extend(split_list(value)),
            "url" => match meta::http_url(value) {
                Some(u) => {
                    self.a.url.get_or_insert(u);
                }
                None => self.a.warnings.push(format!(
                    "address `{}` is not http(s); ignored",
                    clip(value, 60)
                )),
            },
            _ => {}
        }
    }

    /// Adds a paragraph or subheading unless it repeats the block before it.
    fn push_text(&mut self, block: Block) {
        if self.a.blocks.last().and_then(Block::text) == block.text() {
            self.repeats += 1;
            return;
        }
        self.a.blocks.push(block);
    }

    /// A caption: for the image just before it, or a figure of its own. A caption repeating
    /// the previous figure's is dropped (scrapers copy them).
    fn caption(&mut self, text: &str, after_image: bool) {
        if let Some(Block::Figure(i)) = self.a.blocks.last()
            && let Some(img) = self.a.images.get_mut(*i)
        {
            if img.caption.as_deref() == Some(text) {
                self.repeats += 1;
                return;
            }
            if after_image && img.caption.is_none() {
                img.caption = Some(text.to_owned());
                return;
            }
        }
        self.a.images.push(Image {
            src: None,
            caption: Some(text.to_owned()),
        });
        self.a.blocks.push(Block::Figure(self.a.images.len() - 1));
    }

    /// Adds an image; false when its address is unusable or already shown.
    fn image(&mut self, src: &str) -> bool {
        let Some(src) = normalise_src(src) else {
            self.a.warnings.push(format!(
                "image `{}` is not an http(s) address; dropped",
                clip(src, 60)
            ));
            return false;
        };
        // A set, not a scan of `images`: a huge file must stay linear.
        if !self.image_srcs.insert(src.clone()) {
            return false;
        }
        self.a.images.push(Image {
            src: Some(src),
            caption: None,
        });
        self.a.blocks.push(Block::Figure(self.a.images.len() - 1));
        true
    }

    fn related(&mut self, title: &str, date: Option<PartialDate>) {
        self.a.related.push(RelatedHeadline {
            date,
            title: title.to_owned(),
        });
    }

    fn finish(mut self) -> Result<Article, ParseError> {
        if self.a.paragraph_count() == 0
            && !self
                .a
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Subheading(_)))
        {
            return Err(ParseError::NoText);
        }
        if self.repeats > 0 {
            self.a.warnings.push(format!(
                "dropped {} line(s) repeating the line before",
                self.repeats
            ));
        }
        // Lead image from the front matter, unless the body shows it.
        let lead = self.lead_image.take();
        let lead_src = lead.as_deref().and_then(normalise_src);
        if let (Some(raw), None) = (&lead, &lead_src) {
            self.a.warnings.push(format!(
                "front matter image `{}` is not an http(s) address; dropped",
                clip(raw, 60)
            ));
        }
        if let Some(src) = lead_src
            && !self
                .a
                .images
                .iter()
                .any(|i| i.src.as_deref() == Some(src.as_str()))
        {
            self.a.images.push(Image {
                src: Some(src),
                caption: None,
            });
            self.a
                .blocks
                .insert(0, Block::Figure(self.a.images.len() - 1));
        }

        // Title.
        let title = self
            .title
            .take()
            .filter(|t| !t.is_empty())
            .or(self.original_title.take())
            .or(self.html_title.take().map(|t| site_suffix_removed(&t)));
        match title {
            Some(t) => self.a.title = t,
            None => {
                self.a.title_derived = true;
                self.a.title = self
                    .a
                    .blocks
                    .iter()
                    .find_map(|b| match b {
                        Block::Paragraph(p) => Some(derive_title(p)),
                        _ => None,
                    })
                    .or_else(|| self.a.texts().next().map(derive_title))
                    .unwrap_or_default();
            }
        }

        // Outlet, author, tags.
        self.a.source = self
            .fm_outlet
            .take()
            .or(self.credit_outlet.take())
            .or(self.copyright_outlet.take())
            .or(self.interview_outlet.take())
            .or_else(|| {
                self.a
                    .url
                    .as_deref()
                    .and_then(meta::outlet_of_url)
                    .map(str::to_owned)
            });
        self.a.author = self
            .fm_author
            .take()
            .or(self.credit_author.take())
            .filter(|a| Some(a) != self.a.source.as_ref());
        let mut tags: Vec<String> = Vec::new();
        for t in std::mem::take(&mut self.tags) {
            let t = t.trim().trim_start_matches('#').trim().to_owned();
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        self.a.tags = tags;

        self.date_and_events();
        Ok(self.a)
    }

    /// The publication date (metadata, dateline, address, or inferred from the text) and the
    /// events, which need it to resolve year-less and relative dates.
    fn date_and_events(&mut self) {
        let anchor = self.anchor();
        let resolve_raw = |raw: Raw| {
            Resolver::new(anchor)
                .resolve(raw)
                .filter(|p| p.precision == Precision::Day)
        };
        let mut date = None;
        match self.field_date {
            Some((FieldDate::Day(d), _)) => date = Some((d, DateBasis::Metadata)),
            Some((FieldDate::MonthDay(m, d), ref written)) => {
                match resolve_raw(Raw::MonthDay { m, d: Some(d) }) {
                    Some(p) => date = Some((p.start, DateBasis::Metadata)),
                    None => self.a.warnings.push(format!(
                        "date `{written}` has no year and the text gives none; ignored"
                    )),
                }
            }
            None => {}
        }
        if date.is_none() {
            date = self
                .dateline
                .and_then(resolve_raw)
                .map(|p| (p.start, DateBasis::Dateline));
        }
        if date.is_none() {
            date = self
                .a
                .url
                .as_deref()
                .and_then(dates::from_url)
                .map(|d| (d, DateBasis::Url));
        }
        if date.is_none() {
            let first = self.events(anchor);
            date = dates::infer(first.iter().map(|e| (e.date, e.text.as_str())))
                .map(|d| (d, DateBasis::Inferred));
        }
        self.a.events = match date {
            Some((d, _)) => self.events_with(Resolver::dated(d)),
            None => self.events(anchor),
        };
        self.a.date = date.map(|(day, basis)| PublishedDate { day, basis });
        if self.a.date.is_none() {
            self.a.warnings.push("no publication date found".to_owned());
        }
        // Related headlines were resolved against the anchor alone; nothing to redo there.
    }

    /// The latest date with its year written out, from sentences not about the future: the
    /// reference for year-less dates when the article has no date of its own.
    fn anchor(&self) -> Option<Day> {
        let mut best: Option<Day> = None;
        let mut any: Option<Day> = None;
        let texts = self
            .a
            .texts()
            .flat_map(dates::sentences)
            .chain(self.a.related.iter().map(|r| r.title.as_str()));
        for s in texts {
            for m in dates::scan(s) {
                if let Raw::Full { y, m: Some(mo), d } = m.raw {
                    let Some(p) = Resolver::new(None).resolve(Raw::Full { y, m: Some(mo), d })
                    else {
                        continue;
                    };
                    any = any.max(Some(p.end()));
                    if !dates::is_future(s) {
                        best = best.max(Some(p.end()));
                    }
                }
            }
        }
        let related = self
            .a
            .related
            .iter()
            .filter_map(|r| r.date)
            .map(|p| p.end())
            .max();
        best.max(related).or(any)
    }

    fn events(&self, reference: Option<Day>) -> Vec<Event> {
        self.events_with(Resolver::new(reference))
    }

    fn events_with(&self, mut r: Resolver) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, block) in self.a.blocks.iter().enumerate() {
            let Some(text) = block.text() else { continue };
            for s in dates::sentences(text) {
                let mut seen: Vec<PartialDate> = Vec::new();
                for m in dates::scan(s) {
                    if let Some(p) = r.resolve(m.raw)
                        && !seen.contains(&p)
                    {
                        seen.push(p);
                        out.push(Event {
                            date: p,
                            text: s.to_owned(),
                            block: i,
                        });
                    }
                }
            }
        }
        out
    }
}

/// A first line that can be a title: short, not a sentence, not metadata or credits.
fn title_like(t: &str) -> bool {
    let n = t.chars().count();
    (2..=64).contains(&n)
        && !t.contains('。')
        && !t.ends_with(['，', ',', '：', ':', '；', ';', '、'])
        && meta::meta_line(t).is_none()
        && meta::opening_credits(t).len == 0
        && !meta::is_caption(t)
}

/// A short line standing alone in the body, not a sentence: a subheading.
fn subheading_like(t: &str) -> bool {
    let n = t.chars().count();
    let commas = t.chars().filter(|c| matches!(c, '，' | ',')).count();
    (4..=30).contains(&n)
        && commas <= 1
        && !t.ends_with([
            '。', '！', '？', '!', '?', '；', ';', '：', ':', '，', ',', '、', '…', '”', '」', '"',
            '）', ')',
        ])
        && !t
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '“' | '"' | '「' | '（' | '('))
        && !t.contains('。')
}

/// The section a heading line opens: a dated timeline or a list of related articles.
fn section(t: &str) -> Option<Mode> {
    let t = t.trim().trim_end_matches([':', '：']);
    let n = t.chars().count();
    if n <= 20
        && ["时间线", "时间轴", "大事记", "時間線", "時間軸", "大事記"]
            .iter()
            .any(|e| t.ends_with(e))
    {
        return Some(Mode::Timeline(None));
    }
    let related = [
        "相关阅读",
        "相关新闻",
        "延伸阅读",
        "推荐阅读",
        "相关文章",
        "相關閱讀",
        "相關新聞",
        "延伸閱讀",
        "推薦閱讀",
        "相關文章",
    ];
    (n <= 10 && related.iter().any(|r| t.starts_with(r))).then_some(Mode::Related)
}

/// The start of a comment section, after which nothing is article.
fn is_comments(t: &str) -> bool {
    let t = t.trim().trim_end_matches([':', '：']);
    t.chars().count() <= 10
        && [
            "最新评论",
            "热门评论",
            "网友评论",
            "发表评论",
            "全部评论",
            "最新評論",
            "熱門評論",
            "網友評論",
            "發表評論",
            "评论区",
            "留言区",
        ]
        .iter()
        .any(|k| t.starts_with(k))
}

/// Page furniture left in scraped text.
fn is_junk_line(t: &str) -> bool {
    t.chars().count() <= 24
        && [
            "点击展开",
            "展开全文",
            "更多精彩内容",
            "点击查看",
            "扫码",
            "下载客户端",
            "點擊展開",
            "展開全文",
            "返回顶部",
            "分享到",
            "打印本文",
        ]
        .iter()
        .any(|k| t.contains(k))
}

/// A line that is only a date (`2022年01月27日`, `2021年12月`): a timeline heading.
fn date_line(t: &str, r: &mut Resolver) -> Option<PartialDate> {
    let t = t.trim();
    let ms = dates::scan(t);
    match ms.as_slice() {
        [m] if m.start == 0 && t[m.end..].trim().is_empty() => r.resolve(m.raw),
        _ => None,
    }
}

/// A run of tags: separated (`北约 俄罗斯`, `北约、俄罗斯`) or run together
/// (`北约俄罗斯美国`), which is split into words the article itself uses.
fn tag_line(t: &str, corpus: &str) -> Option<Vec<String>> {
    let n = t.chars().count();
    if !(2..=40).contains(&n)
        || t.contains(|c: char| "。，,：:；！？!?“”\"（）()《》".contains(c))
        || !dates::scan(t).is_empty()
    {
        return None;
    }
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '|' | '#' | '/' | ';' | '｜'))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        return Some(parts.into_iter().map(str::to_owned).collect());
    }
    Some(split_run_together(t, corpus).unwrap_or_else(|| vec![t.to_owned()]))
}

/// Splits a run of words with no separators into the fewest pieces (2 to 6 characters) that
/// each occur in `corpus`, preferring frequent pieces on ties.
fn split_run_together(t: &str, corpus: &str) -> Option<Vec<String>> {
    let cs: Vec<char> = t.chars().collect();
    let n = cs.len();
    // best[i]: (pieces, -occurrences, previous cut) for the prefix of length i.
    let mut best: Vec<Option<(usize, i64, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0));
    for i in 0..n {
        let Some((pieces, score, _)) = best[i] else {
            continue;
        };
        for len in 2..=6 {
            let j = i + len;
            if j > n {
                break;
            }
            let piece: String = cs[i..j].iter().collect();
            // The tag line itself is part of the text: its own occurrences do not count.
            let count = corpus.matches(piece.as_str()).count() as i64
                - t.matches(piece.as_str()).count() as i64;
            if count <= 0 {
                continue;
            }
            let cand = (pieces + 1, score - count, i);
            if best[j].is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                best[j] = Some(cand);
            }
        }
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, _, i) = best[j]?;
        out.push(cs[i..j].iter().collect());
        j = i;
    }
    out.reverse();
    (out.len() > 1).then_some(out)
}

fn split_list(v: &str) -> Vec<String> {
    v.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '|'))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A title from the first paragraph: its first sentence, cut at a clause boundary when long.
fn derive_title(p: &str) -> String {
    let first = dates::sentences(p).into_iter().next().unwrap_or(p);
    let first = first.trim_end_matches(['。', '！', '？', '!', '?', '；', '…']);
    let cs: Vec<char> = first.chars().collect();
    if cs.len() <= 40 {
        return first.to_owned();
    }
    let cut = (12..=40)
        .rev()
        .find(|&i| {
            cs.get(i)
                .is_some_and(|c| matches!(c, '，' | ',' | '、' | '；' | '：' | ':'))
        })
        .unwrap_or(30);
    let mut t: String = cs[..cut].iter().collect();
    t.push('…');
    t
}

/// `标题 - 网站名` to `标题`.
fn site_suffix_removed(t: &str) -> String {
    for sep in [" - ", " | ", "_", " – ", "｜"] {
        if let Some((head, _)) = t.rsplit_once(sep)
            && head.chars().count() >= 4
        {
            return head.trim().to_owned();
        }
    }
    t.trim().to_owned()
}

/// An image address as `http(s)`; protocol-relative ones (`//host/…`) get `https:`. Any
/// other scheme (`javascript:`, `data:`, …, however written: the HTML reader has already
/// decoded character references), a relative path, and an address with spaces, control
/// characters, quotes or angle brackets in it are `None`.
fn normalise_src(src: &str) -> Option<String> {
    let src = src.trim();
    if !src.chars().all(meta::is_url_char) {
        return None;
    }
    let host_start = |rest: &str| rest.starts_with(|c: char| c != '/' && c != '\\');
    if let Some(rest) = src.strip_prefix("//") {
        return host_start(rest).then(|| format!("https://{rest}"));
    }
    let lower = src.get(..8).unwrap_or(src).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &src[8..]
    } else if lower.starts_with("http://") {
        &src[7..]
    } else {
        return None;
    };
    host_start(rest).then(|| src.to_owned())
}

fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_run_together_tags_by_the_words_of_the_text() {
        // The corpus holds the tag line itself, as in a real file.
        let corpus = "北约俄罗斯美国乌克兰布林肯\n北约和俄罗斯,美国与乌克兰,布林肯说。北约火星";
        assert_eq!(
            split_run_together("北约俄罗斯美国乌克兰布林肯", corpus).unwrap(),
            vec!["北约", "俄罗斯", "美国", "乌克兰", "布林肯"]
        );
        assert_eq!(split_run_together("北约火星", corpus), None);
    }

    #[test]
    fn derived_titles_are_short() {
        assert_eq!(
            derive_title("普京表示,俄方愿意谈。其余。"),
            "普京表示,俄方愿意谈"
        );
        let long = "普京指出,俄方提出的三项关键要求为北约不扩张、北约成员国不在俄边境附近部署打击系统、北约将在欧驻军和军事基础设施退回1997年状态。";
        assert_eq!(
            derive_title(long),
            "普京指出,俄方提出的三项关键要求为北约不扩张…"
        );
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
    fn article_addresses_other_than_http_are_dropped_with_a_warning() {
        let body = "<p>北约与俄罗斯就乌克兰问题继续对话。</p>";
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "javascript:alert(1)//https://example.com/x",
            " javascript:alert(1);//http://example.com/x",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "java&#x0A;script:alert(1)",
            "java\tscript:alert(1)",
        ] {
            let file = format!("---\ntitle: t\nurl: \"{url}\"\n---\n{body}");
            let a = parse("fm", file.as_bytes()).unwrap();
            assert_eq!(a.url, None, "{url}");
            assert!(
                a.warnings.iter().any(|w| w.contains("not http(s)")),
                "{url}: {:?}",
                a.warnings
            );
        }
        for line in [
            "原文链接：javascript:alert(1)",
            "原文链接：javascript:alert(1)//https://example.com/x",
            "原文链接：//evil.example/x",
            "网址：vbscript:msgbox(1)",
            "URL: javascript:alert(1)//http://example.com/x",
        ] {
            let file = format!("标题\n\n北约与俄罗斯就乌克兰问题继续对话。\n{line}\n");
            let a = parse("plain", file.as_bytes()).unwrap();
            assert_eq!(a.url, None, "{line}");
            assert!(
                a.warnings.iter().any(|w| w.contains("http(s)")),
                "{line}: {:?}",
                a.warnings
            );
        }
        // Plain addresses still work, with any case of scheme and after an opening bracket.
        let a = parse(
            "ok",
            "标题\n\n北约与俄罗斯就乌克兰问题继续对话。\n原文链接：<HTTPS://example.com/a.html>\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(a.url.as_deref(), Some("HTTPS://example.com/a.html"));
    }

    #[test]
    fn image_sources_other_than_http_are_dropped_with_a_warning() {
        for src in [
            "javascript:alert(1)",
            " java&#x0A;script:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "&#1;javascript:alert(1)",
            "jav\tas\ncript:alert(1)",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:msgbox(1)",
            "x",
            "/\\evil.example/a.jpg",
            "///evil.example/a.jpg",
            "https:///evil.example/a.jpg",
            "https://img.example/a.jpg&quot; onerror=&quot;alert(1)",
        ] {
            let file =
                format!("<p>北约与俄罗斯就乌克兰问题继续对话。</p><img src=\"{src}\"><p>图</p>");
            let a = parse("img", file.as_bytes()).unwrap();
            assert!(
                a.images.iter().all(|i| i.src.is_none()),
                "{src}: {:?}",
                a.images
            );
            assert!(
                a.warnings
                    .iter()
                    .any(|w| w.contains("not an http(s) address")),
                "{src}: {:?}",
                a.warnings
            );
        }
        for lead in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "//",
            "x.jpg",
        ] {
            let file = format!(
                "---\ntitle: t\nheadimg: '{lead}'\n---\n<p>北约与俄罗斯就乌克兰问题继续对话。</p>"
            );
            let a = parse("lead", file.as_bytes()).unwrap();
            assert!(a.images.is_empty(), "{lead}");
            assert!(
                a.warnings.iter().any(|w| w.contains("front matter image")),
                "{lead}: {:?}",
                a.warnings
            );
        }
        let a = parse(
            "ok",
            "<p>北约与俄罗斯就乌克兰问题继续对话。</p><img src=\"//img.example/a.jpg\"><img src=\"HTTP://img.example/b.jpg\">"
                .as_bytes(),
        )
        .unwrap();
        let srcs: Vec<_> = a.images.iter().filter_map(|i| i.src.as_deref()).collect();
        assert_eq!(
            srcs,
            ["https://img.example/a.jpg", "HTTP://img.example/b.jpg"]
        );
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
