//! The body walk: text segments to the article's blocks, images and related headlines, with
//! the metadata lines, credits and tag lines met on the way.
//!
//! One pass over the segments, a small state machine. In the body each line is classified:
//! the start of a section, of the comments, a metadata line, a tag line, an "original link"
//! trailer, boilerplate, credits, a caption, a subheading or a paragraph. A `…时间线` section
//! holds date lines and the headlines under them, a `相关阅读` section headlines; the
//! comments end the article.

use crate::article::clip;
use crate::article::{Block, Image, RelatedHeadline, Warning};
use crate::date::PartialDate;

use super::dates::{self, Resolver};
use super::fields::{tag_corpus, tag_line};
use super::url::normalise_src;
use super::{Builder, Seg, meta, plain};

/// The part of the file the walk is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    /// A `…时间线` section: date lines and the headlines under them.
    Timeline(Option<PartialDate>),
    /// A `相关阅读` section: headlines.
    Related,
}

/// Whether the walk goes on after a segment.
enum Flow {
    Next,
    Stop,
}

/// What the walk remembers from one segment to the next.
struct State {
    mode: Mode,
    /// No body text yet: tag lines are looked for here only.
    header: bool,
    seen_meta: bool,
    /// The previous segment was an image that was kept.
    prev_image: bool,
    /// Credits are looked for in the first paragraphs only.
    paragraphs: usize,
    /// A paragraph so far was a sentence (it ends as one, or is long): the article has begun,
    /// and metadata lines from here on are text unless they end it
    /// ([`Builder::trailing_meta`]).
    sentences: bool,
    /// Resolves the dates of a timeline's date lines.
    resolver: Resolver,
    /// The blocks that are metadata lines met after the body began ([`Builder::trailing_meta`]).
    late: Vec<usize>,
}

impl State {
    /// Still above the article's text: no paragraph yet, or only a few lines that are no
    /// sentences (a deck, a page's counters, a stamp the parser does not know).
    fn early(&self) -> bool {
        self.header || self.paragraphs < 3 && !self.sentences
    }
}

impl Builder {
    /// Reads the body: every segment after the title, until the comments.
    pub(super) fn walk(&mut self, segs: Vec<Seg>) {
        let segs = plain::markdown_segs(segs);
        let corpus = tag_corpus(&segs);
        let rest = self.leading_title(&segs);
        let mut st = State {
            mode: Mode::Body,
            header: true,
            seen_meta: false,
            prev_image: false,
            paragraphs: 0,
            sentences: false,
            resolver: Resolver::new(None),
            late: Vec::new(),
        };
        for seg in rest {
            let was_image = std::mem::replace(&mut st.prev_image, false);
            let flow = match (st.mode, seg) {
                (Mode::Body, Seg::Text(t)) => self.body_line(t, was_image, &corpus, &mut st),
                (Mode::Body, Seg::Heading(t)) => self.body_heading(t, &mut st),
                (Mode::Body, Seg::Caption(t)) => {
                    st.header = false;
                    self.caption(t, was_image);
                    Flow::Next
                }
                (Mode::Body, Seg::Image(src)) => {
                    st.header = false;
                    st.prev_image = self.image(src);
                    Flow::Next
                }
                (Mode::Timeline(cur), Seg::Text(t) | Seg::Heading(t)) => {
                    self.timeline_line(t, cur, &mut st)
                }
                (Mode::Related, Seg::Text(t) | Seg::Heading(t)) => self.related_line(t),
                _ => Flow::Next,
            };
            if let Flow::Stop = flow {
                break;
            }
        }
        self.trailing_meta(&st.late);
    }

    /// A metadata line after the body began is text where the article goes on after it (an
    /// interview's `记者：…` questions, an event's `时间：…`, a chart's `来源：…`), but the lines
    /// that end the article are its credits (`作者：…`, `发布：…`, `来源：…` at the foot): those
    /// are read as metadata, in order, and leave the text. Figures, lines with no Chinese (a
    /// bare address, a stamp like `20220223`) and labels of what was a link (`更多资讯请关注：`)
    /// after them do not end the credits, and stay.
    fn trailing_meta(&mut self, late: &[usize]) {
        // A line whose fields credit nothing (`来源：国家统计局`, a chart's source, not an
        // outlet) is text, and what comes before it too.
        let credits = |line: &str| {
            meta::meta_fields(line).is_some_and(|fields| {
                fields.iter().all(|&(key, value)| match key {
                    "source" => {
                        meta::split_credit(value).0.is_some() || meta::looks_like_outlet(value)
                    }
                    "date" | "updated" => super::dating::parse_field(value).is_some(),
                    // An address line is the article's (or dropped with a warning).
                    _ => true,
                })
            })
        };
        let mut run = Vec::new();
        for (i, block) in self.a.blocks.iter().enumerate().rev() {
            match block.text() {
                Some(t) if late.contains(&i) && credits(t) => run.push(i),
                _ if late.contains(&i) => break,
                None => {}
                Some(t) if !t.chars().any(crate::text::is_han) || t.ends_with([':', '：']) => {}
                Some(_) => break,
            }
        }
        for &i in run.iter().rev() {
            let line = self.a.blocks[i].text().unwrap_or_default().to_owned();
            self.metadata(&meta::meta_fields(&line).unwrap_or_default());
        }
        // `run` descends: each removal leaves the places of the others as they were.
        for i in run {
            self.a.blocks.remove(i);
        }
    }

    /// The outlet and author credits name, unless earlier lines named them.
    fn credited(&mut self, outlet: Option<String>, author: Option<String>) {
        self.credit_outlet = self.credit_outlet.take().or(outlet);
        self.credit_author = self.credit_author.take().or(author);
    }

    /// Reads the fields of a metadata line ([`meta::meta_fields`]), in order.
    fn metadata(&mut self, fields: &[(&str, &str)]) {
        for &(key, value) in fields {
            self.meta(key, value);
        }
    }

    /// Adds a metadata line met after the body began as a block of text, and notes it
    /// ([`Builder::trailing_meta`]).
    fn late_meta(&mut self, block: Block, st: &mut State) {
        let at = self.a.blocks.len();
        self.push_text(block);
        if self.a.blocks.len() > at {
            st.late.push(at);
        }
    }

    /// What follows a page's date line ([`super::dating::stamp_and_rest`]): metadata
    /// (`来源：人民网－人民日报`, `作者：…`), or an outlet's name alone (`新浪财经`), parts
    /// between `|`. True when every part is one of these: the line is the page's stamp, not
    /// text.
    fn stamp_rest(&mut self, rest: &str) -> bool {
        let parts: Vec<&str> = rest
            .split(['|', '｜', '丨'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        // Words that say the stamp is the first publication or an update (`首次發布`).
        const STAMPED: &[&str] = &[
            "首次發布",
            "首次发布",
            "首發",
            "首发",
            "發布",
            "发布",
            "更新",
            "最後更新",
            "最后更新",
        ];
        let parts: Vec<&str> = parts.into_iter().filter(|p| !STAMPED.contains(p)).collect();
        let metas: Vec<_> = parts.iter().map(|p| meta::meta_fields(p)).collect();
        let named = |p: &str| metas.len() == 1 && meta::looks_like_outlet(p);
        if !parts
            .iter()
            .zip(&metas)
            .all(|(p, m)| m.is_some() || named(p))
        {
            return false;
        }
        for (p, m) in parts.iter().zip(metas) {
            match m {
                Some(fields) => {
                    self.metadata(&fields);
                }
                None => {
                    self.fm_outlet.get_or_insert_with(|| (*p).to_owned());
                }
            }
        }
        true
    }

    /// A header line of credits in parts (`作者 王五 · 2022年3月4日`, `文／张三 | 端传媒 |
    /// 2022-03-04`): each part a date (a time may follow), metadata, a byline, `作者 NAME`, or
    /// an outlet's name. True (and read) when every part is one, and there are two or more.
    fn credit_parts<'a>(&mut self, t: &'a str) -> bool {
        let parts: Vec<&str> = t
            .split(['·', '•', '|', '｜', '丨'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 || t.chars().count() > 80 {
            return false;
        }
        enum Part<'a> {
            Day(crate::date::Day),
            Fields(Vec<(&'static str, &'a str)>),
            Credits(meta::Credits),
            Outlet(&'a str),
        }
        let read = |p: &'a str| -> Option<Part<'a>> {
            if let Some(day) = super::dating::timestamp(p) {
                return Some(Part::Day(day));
            }
            if let Some(fields) = meta::meta_fields(p) {
                return Some(Part::Fields(fields));
            }
            if let Some(c) = meta::byline(p).or_else(|| meta::named_author(p)) {
                return Some(Part::Credits(c));
            }
            meta::looks_like_outlet(p).then_some(Part::Outlet(p))
        };
        let Some(read): Option<Vec<Part>> = parts.iter().map(|p| read(p)).collect() else {
            return false;
        };
        for part in read {
            match part {
                Part::Day(day) => {
                    self.timestamp.get_or_insert(day);
                }
                Part::Fields(fields) => {
                    self.metadata(&fields);
                }
                Part::Credits(c) => {
                    self.credited(c.outlet, c.author);
                }
                Part::Outlet(o) => {
                    self.credit_outlet.get_or_insert_with(|| o.to_owned());
                }
            }
        }
        true
    }

    /// A line of text in the body.
    fn body_line(&mut self, t: &str, was_image: bool, corpus: &str, st: &mut State) -> Flow {
        if let Some(m) = section(t) {
            st.mode = m;
            return Flow::Next;
        }
        if is_comments(t) {
            return Flow::Stop;
        }
        if let Some(fields) = meta::meta_fields(t) {
            if st.early() {
                self.metadata(&fields);
                st.seen_meta = true;
            } else {
                self.late_meta(Block::Paragraph(t.to_owned()), st);
                st.paragraphs += 1;
            }
            return Flow::Next;
        }
        if st.header
            && let Some(day) = super::dating::timestamp(t)
        {
            self.timestamp.get_or_insert(day);
            return Flow::Next;
        }
        if st.header
            && let Some((account, author, day)) = meta::wechat_header(t)
        {
            self.timestamp.get_or_insert(day);
            self.credited(Some(account), author);
            return Flow::Next;
        }
        if st.header
            && let Some((day, rest)) = super::dating::stamp_and_rest(t)
            && self.stamp_rest(rest)
        {
            self.timestamp.get_or_insert(day);
            return Flow::Next;
        }
        if self.furniture(t) {
            return Flow::Next;
        }
        if st.header && self.title.is_some() && t.contains(' ') && meta::looks_like_outlet(t.trim())
        {
            self.credit_outlet
                .get_or_insert_with(|| t.trim().to_owned());
            return Flow::Next;
        }
        if st.header
            && let Some(c) = meta::named_author(t)
        {
            self.credited(c.outlet, c.author);
            return Flow::Next;
        }
        if st.header && self.credit_parts(t) {
            return Flow::Next;
        }
        if st.header
            && let Some(c) = meta::byline(t)
        {
            self.credited(c.outlet, c.author);
            return Flow::Next;
        }
        if st.header
            && (st.seen_meta || t.contains([' ', '、', '|', '#']))
            && self.title.is_some()
            && let Some(tags) = tag_line(t, corpus)
        {
            self.tags.extend(tags);
            return Flow::Next;
        }
        if let Some(url) = meta::trailer(t) {
            match url {
                Some(u) => {
                    self.a.url.get_or_insert(u);
                }
                None => self.a.warnings.push(Warning::LinkLine(clip(t, 60))),
            }
            return Flow::Next;
        }
        if let Some(outlet) = meta::copyright(t) {
            self.copyright_outlet = self.copyright_outlet.take().or(outlet);
            return Flow::Next;
        }
        let mut text = t;
        if st.paragraphs < 3 {
            let c = meta::opening_credits(text);
            if c.len > 0 {
                self.credited(c.outlet, c.author);
                self.dateline = self.dateline.or(c.date);
                text = text[c.len..].trim_start_matches([' ', '　', ',', '，', ':', '：']);
            }
        }
        if text.is_empty() {
            return Flow::Next;
        }
        if self.interview_outlet.is_none() {
            self.interview_outlet = meta::interview_outlet(text);
        }
        // A post's topics, where a post puts them: in its first lines.
        if st.paragraphs < 2 {
            self.tags.extend(hashtags(text));
        }
        st.header = false;
        st.paragraphs += 1;
        st.sentences |=
            text.chars().count() > 60 || text.ends_with(['。', '！', '？', '!', '?', '…']);
        let short = text.chars().count() <= 80 && !text.ends_with('。');
        if meta::is_caption(text) || (was_image && short) {
            self.caption(text, was_image);
        } else if subheading_like(text) {
            self.push_text(Block::Subheading(text.to_owned()));
        } else {
            self.push_text(Block::Paragraph(text.to_owned()));
        }
        Flow::Next
    }

    /// A heading in the body: a section, the comments, or a subheading.
    fn body_heading(&mut self, t: &str, st: &mut State) -> Flow {
        if let Some(m) = section(t) {
            st.mode = m;
            return Flow::Next;
        }
        if is_comments(t) {
            return Flow::Stop;
        }
        if let Some(fields) = meta::meta_fields(t) {
            if st.early() {
                self.metadata(&fields);
            } else {
                self.late_meta(Block::Subheading(t.to_owned()), st);
            }
            return Flow::Next;
        }
        if self.furniture(t) {
            return Flow::Next;
        }
        st.header = false;
        self.push_text(Block::Subheading(t.to_owned()));
        Flow::Next
    }

    /// Lines that are about the article, not of it: a repost line, credits of its reporters,
    /// editors and makers, page furniture and disclaimers. What they say of the outlet and
    /// the author is kept; true when the line is one of them.
    fn furniture(&mut self, t: &str) -> bool {
        if let Some(r) = meta::repost(t) {
            self.repost(r);
            return true;
        }
        if let Some(c) = meta::credit_line(t) {
            self.credited(c.outlet, c.author);
            return true;
        }
        meta::is_editor_line(t)
            || is_junk_line(t)
            || meta::is_credit_line(t)
            || meta::is_boilerplate(t)
    }

    /// A line of a timeline: a date line dating the headlines after it, or a headline.
    fn timeline_line(&mut self, t: &str, cur: Option<PartialDate>, st: &mut State) -> Flow {
        if is_comments(t) {
            return Flow::Stop;
        }
        if let Some(m) = section(t).filter(|m| *m == Mode::Related) {
            st.mode = m;
        } else if let Some(d) = date_line(t, &mut st.resolver) {
            st.mode = Mode::Timeline(Some(d));
        } else if !is_junk_line(t) {
            self.related(t, cur);
        }
        Flow::Next
    }

    /// A line of a list of related articles: a headline.
    fn related_line(&mut self, t: &str) -> Flow {
        if is_comments(t) {
            return Flow::Stop;
        }
        if t.chars().count() <= 80 && !is_junk_line(t) && !self.furniture(t) {
            self.related(t, None);
        }
        Flow::Next
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
            self.a.warnings.push(Warning::Image(clip(src, 60)));
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

    /// The front matter's lead image, first, unless the body shows it.
    pub(super) fn add_lead_image(&mut self) {
        let lead = self.lead_image.take();
        let lead_src = lead.as_deref().and_then(normalise_src);
        if let (Some(raw), None) = (&lead, &lead_src) {
            self.a
                .warnings
                .push(Warning::FrontMatterImage(clip(raw, 60)));
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
    }
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

/// A post's topics: `#俄乌冲突#` (Weibo's, between two `#`), Chinese words of at most 20
/// characters. A `#` after a Latin letter or a digit opens none (`3#机组`, `C#`).
fn hashtags(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(open) = rest.find('#') {
        before = rest[..open].chars().next_back().or(before);
        let after = &rest[open + 1..];
        let Some(close) = after.find('#') else { break };
        let tag = &after[..close];
        let n = tag.chars().count();
        let opens = before.is_none_or(|c| !c.is_ascii_alphanumeric());
        if opens
            && (2..=20).contains(&n)
            && tag.chars().any(crate::text::is_han)
            && tag.chars().all(|c| c.is_alphanumeric() || c == '·')
            && !tag.starts_with(|c: char| c.is_ascii_digit())
            && !tag.ends_with(|c: char| c.is_ascii_digit())
        {
            tags.push(tag.to_owned());
            before = Some('#');
            rest = &after[close + 1..];
        } else {
            before = Some('#');
            rest = after;
        }
    }
    tags
}

/// Page furniture left in scraped text, and a dateline's place standing alone (`华盛顿 —`).
fn is_junk_line(t: &str) -> bool {
    let place_dash = t.chars().count() <= 12
        && t.trim_end().ends_with(['—', '–', '-'])
        && t.chars().filter(|c| c.is_alphabetic()).count() <= 8;
    place_dash
        || t.chars().count() <= 24
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
                "【纠错】",
                "【打印】",
                "【关闭】",
                "【糾錯】",
                "【關閉】",
                "二维码关注",
                "二維碼關注",
                "举报/反馈",
                "舉報/反饋",
                "进入专题",
                "進入專題",
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
