//! The title: stated (front matter, a `标题:` line, the first heading or title-like line),
//! an original title (`原标题:`), the HTML `<title>` without the site's name, or derived from
//! the first paragraph.

use crate::article::Block;

use super::{Builder, Seg, dates, meta};

impl Builder {
    /// Takes the first segment for the title when the file stated none and the segment is a
    /// heading or a line that can be a title; the segments after the title.
    pub(super) fn leading_title<'s>(&mut self, segs: &'s [Seg]) -> &'s [Seg] {
        if self.title.is_some() {
            return segs;
        }
        let mut segs = segs;
        // A page's date above its title (`2022-02-24`, then the title).
        while let Some(Seg::Text(t)) = segs.first()
            && segs.len() > 2
            && let Some(day) = super::dating::timestamp(t)
        {
            self.timestamp.get_or_insert(day);
            segs = &segs[1..];
        }
        while let Some(Seg::Heading(t) | Seg::Text(t)) = segs.first()
            && (is_navigation(t)
                || matches!(segs.first(), Some(Seg::Text(_)))
                    && names_the_site(self.html_title.as_deref(), t))
        {
            segs = &segs[1..];
        }
        match segs.first() {
            Some(Seg::Heading(t)) => {
                self.title = Some(t.clone());
                &segs[1..]
            }
            // An outlet's name alone above the title (`人民网`, then the title).
            Some(Seg::Text(t))
                if segs.len() > 2
                    && meta::is_known_outlet(t.trim())
                    && matches!(&segs[1], Seg::Text(n) | Seg::Heading(n) if title_like(n)) =>
            {
                self.credit_outlet = Some(t.trim().to_owned());
                match &segs[1] {
                    Seg::Text(n) | Seg::Heading(n) => self.title = Some(n.clone()),
                    _ => {}
                }
                &segs[2..]
            }
            Some(Seg::Text(t)) if segs.len() > 1 && title_like(t) => {
                self.title = Some(t.clone());
                &segs[1..]
            }
            _ => segs,
        }
    }

    /// Sets the article's title from the best source there is, deriving one from the body
    /// when there is none.
    pub(super) fn choose_title(&mut self) {
        let title = self
            .title
            .take()
            .filter(|t| !t.is_empty())
            .or(self.original_title.take())
            .or(self.html_title.take().map(|t| site_suffix_removed(&t)));
        // A post's headline in brackets (`【美国宣布新一轮对俄制裁】#俄乌冲突# 美国…`, as Weibo
        // writes it): the title, out of the text.
        let bracketed = || {
            let Some(Block::Paragraph(p)) = self.a.blocks.first() else {
                return None;
            };
            let inner = p.strip_prefix('【')?;
            let (head, rest) = inner.split_once('】')?;
            let n = head.chars().count();
            // Not a dateline, a credit, an outlet or an article's label (`【核心提示】`).
            const LABELS: &[&str] = &[
                "核心提示",
                "新闻背景",
                "新聞背景",
                "相关阅读",
                "相關閱讀",
                "编者按",
                "編者按",
                "导读",
                "導讀",
                "摘要",
                "背景",
                "链接",
                "鏈接",
                "提示",
                "独家",
                "獨家",
                "快讯",
                "快訊",
                "重磅",
                "突发",
                "突發",
            ];
            let not_headline = head.ends_with(['讯', '訊', '电', '電'])
                || ["报道", "報導", "報道", "消息", "综述", "綜述"]
                    .iter()
                    .any(|e| head.ends_with(e))
                || !dates::scan(head).is_empty()
                || LABELS.contains(&head)
                || meta::looks_like_outlet(head);
            // A post: a paragraph or two (a page's article has its title elsewhere).
            let post = self.a.blocks.len() <= 3;
            ((6..=40).contains(&n) && !not_headline && post && !rest.trim().is_empty())
                .then(|| (head.to_owned(), rest.trim_start().to_owned()))
        };
        let title = match (title, bracketed()) {
            (None, Some((head, rest))) => {
                self.a.blocks[0] = Block::Paragraph(rest);
                Some(head)
            }
            (title, _) => title,
        };
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
    }
}

/// A line that is never a title: a "back to home" link, an emoji shortcode (`:house:`), a
/// bare address.
pub(super) fn is_navigation(t: &str) -> bool {
    let t = t.trim();
    let words: String = t
        .chars()
        .filter(|c| c.is_alphanumeric() && !super::plain::is_pictograph(*c))
        .collect();
    const HOME: &[&str] = &[
        "返回首页",
        "返回首頁",
        "回到首页",
        "回到首頁",
        "首页",
        "首頁",
        "主页",
        "主頁",
        "返回主页",
        "返回主頁",
        "返回",
        "回首页",
        "回首頁",
        "home",
        "Home",
        "HOME",
    ];
    HOME.iter().any(|h| {
        words == *h
            || words
                .strip_prefix(h)
                .is_some_and(|r| r.len() <= 6 && r.is_ascii())
    }) || has_shortcode(t)
        || is_breadcrumb(t)
        || super::url::http_url(t).is_some_and(|u| u.len() + 2 >= t.len())
        || t.chars()
            .all(|c| !c.is_alphanumeric() || super::plain::is_pictograph(c))
}

/// A page's breadcrumb trail: `首页 > 国际 > 正文`, `当前位置：首页 » 新闻`.
fn is_breadcrumb(t: &str) -> bool {
    let stripped = [
        "当前位置",
        "您的位置",
        "你的位置",
        "您现在的位置",
        "所在位置",
        "位置",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .map(|r| r.trim_start_matches([':', '：', ' ']));
    let rest = stripped.unwrap_or(t);
    let parts: Vec<&str> = rest
        .split(['>', '＞', '›', '»', '/'])
        .map(str::trim)
        .collect();
    let arrows = rest.matches(['>', '＞', '›', '»']).count();
    // A trail, not a comparison (`收入>支出`): it says where it is, or has steps.
    let trail = stripped.is_some()
        || arrows >= 2
        || parts
            .iter()
            .any(|p| ["首页", "首頁", "主页", "Home", "正文"].contains(p));
    arrows >= 1
        && trail
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 8 && !p.contains(['。', '，']))
}

/// `:house:`, `:arrow_left:`: an emoji written as a GitHub shortcode.
fn has_shortcode(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while let Some(p) = t[i..].find(':') {
        let start = i + p + 1;
        let len = b[start..]
            .iter()
            .take_while(|c| {
                c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || **c == b'_'
                    || **c == b'+'
                    || **c == b'-'
            })
            .count();
        if len >= 2 && b.get(start + len) == Some(&b':') {
            return true;
        }
        i = start;
        if i >= t.len() {
            break;
        }
    }
    false
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
        && !is_navigation(t)
        && super::dating::timestamp(t).is_none()
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
    let mut t = t.trim();
    // `标题_国际新闻_环球网`: the section as well as the site.
    'strip: loop {
        for sep in TITLE_SEPARATORS {
            if let Some((head, _)) = t.rsplit_once(sep)
                && head.trim().chars().count() >= 4
            {
                t = head.trim();
                continue 'strip;
            }
        }
        return t.to_owned();
    }
}

/// The last part of a page's `<title>` (`俄乌谈判取得进展 | 端传媒` names 端传媒), if it has
/// parts.
pub(super) fn site_of(title: &str) -> Option<String> {
    TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .map(|(_, site)| site.trim())
        .min_by_key(|site| site.len())
        .filter(|site| !site.is_empty())
        .map(str::to_owned)
}

/// What separates a page title's parts (`标题_国际新闻_环球网`, `标题 - BBC News 中文`).
const TITLE_SEPARATORS: [&str; 5] = [" - ", " | ", "_", " – ", "｜"];

/// Whether `t` is one of the parts after the first of a page's `<title>`, shorter than the
/// first: the site's or the section's name, which a page's header repeats above the article
/// (`普京宣布…_国际新闻_环球网` and a header's 环球网; not `专访 | 俄乌谈判取得进展`'s title).
fn names_the_site(html_title: Option<&str>, t: &str) -> bool {
    let (Some(title), t) = (html_title, t.trim()) else {
        return false;
    };
    let mut parts = vec![title];
    for sep in TITLE_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let first = parts[0].trim().chars().count();
    parts.iter().skip(1).any(|p| p.trim() == t) && t.chars().count() < first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_is_never_a_title() {
        for t in [
            ":house:返回首頁",
            "🏠 返回首页",
            "返回首頁",
            "首页",
            "主页",
            ":arrow_left: Home",
            "首页 > 国际 > 正文",
            "当前位置：首页 » 新闻中心",
            "https://github.com/ourhimalayas/txt",
            "💥",
        ] {
            assert!(is_navigation(t), "{t}");
        }
        for t in [
            "英国首相称俄罗斯可能爆发战争",
            "首页设计大赛开幕",
            "时间: 10:30 开会",
            "G20峰会：各国领导人抵达",
        ] {
            assert!(!is_navigation(t), "{t}");
        }
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
}
