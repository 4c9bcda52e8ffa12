//! The article's metadata: front matter fields, metadata lines (`来源：`, `作者：`, `标签：`,
//! …) and tag lines, and which of the outlets and authors found wins.

use crate::article::Warning;
use crate::article::clip;

use super::url::http_url;
use super::{Builder, Seg, dates, dating, frontmatter, meta};

impl Builder {
    pub(super) fn front_matter(&mut self, fm: &frontmatter::FrontMatter) {
        self.a.warnings.extend(fm.warnings.iter().cloned());
        let text = |keys: &[&str]| fm.get(keys).map(|v| v.as_text().trim().to_owned());
        // Names as Obsidian's web clipper writes them (`[[BBC News 中文]]`), or as Markdown
        // links (`[张三](https://…)`).
        let name = |keys: &[&str]| {
            fm.get(keys).map(|v| match v {
                frontmatter::Value::Scalar(s) => unlinked(s),
                frontmatter::Value::List(l) => {
                    l.iter().map(|s| unlinked(s)).collect::<Vec<_>>().join("、")
                }
            })
        };
        self.title = text(&["title", "headline"]);
        if let Some(d) = text(&[
            "date",
            "published",
            "pubdate",
            "publish_date",
            "published_at",
            "date_publish",
            "datepublished",
            "publish_time",
            "pub_time",
            "pubtime",
            "created",
            "time",
        ]) {
            match dating::parse_field(&d) {
                Some(fd) => self.field_date = Some((fd, d)),
                None => self.a.warnings.push(Warning::FrontMatterDate(d)),
            }
        }
        if let Some(author) = name(&["author", "authors", "byline", "writer"]) {
            let (o, p) = match meta::split_credit(&author) {
                // A clipper's "author" is often the outlet (`[[BBC News 中文]]`).
                (None, Some(p)) if meta::looks_like_outlet(&p) => (Some(p), None),
                credit => credit,
            };
            self.fm_outlet = o;
            self.fm_author = p;
        }
        if let Some(src) = name(&[
            "source",
            "outlet",
            "publisher",
            "site",
            "site_name",
            "sitename",
            "source-hostname",
            "media",
        ]) {
            // A web clipper's `source` is the page's address: the outlet then comes from it.
            match http_url(&src) {
                Some(u) => self.a.url = Some(u),
                None => {
                    let (o, _) = meta::split_credit(&src);
                    self.fm_outlet = o.or(Some(src)).or(self.fm_outlet.take());
                }
            }
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
            "canonical_url",
            "original",
        ]) {
            match http_url(&u) {
                Some(u) => self.a.url = Some(u),
                None => self
                    .a
                    .warnings
                    .push(Warning::FrontMatterAddress(clip(&u, 60))),
            }
        }
        self.lead_image = text(&["headimg", "image", "cover", "featured_image", "thumbnail"]);
    }

    /// A page's `<meta>` tags (Open Graph, `article:…`, Dublin Core, `itemprop`, a
    /// publisher's own names) and its canonical address: the date, outlet, author and address
    /// the front matter did not give. Values that are addresses (a publisher's Facebook page)
    /// name no one, and a date that cannot be read is passed over: pages fill these tags
    /// carelessly.
    pub(super) fn html_meta(&mut self, meta: &[(String, String)]) {
        let get = |keys: &[&str]| {
            keys.iter().find_map(|key| {
                meta.iter()
                    .find(|(k, v)| k == key && !v.is_empty())
                    .map(|(_, v)| v.as_str())
            })
        };
        let name = |keys: &[&str]| get(keys).filter(|v| !v.contains("://"));
        if self.field_date.is_none() {
            let date = get(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "publishdate",
                "pubdate",
                "publish_date",
                "publish-date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "date",
                "time",
            ]);
            if let Some(d) = date
                && let Some(fd) = dating::parse_field(d)
            {
                self.field_date = Some((fd, d.to_owned()));
            }
        }
        if self.fm_outlet.is_none()
            && let Some(site) = name(&["og:site_name", "source", "publisher", "dc.publisher"])
        {
            // `来源：人民网－人民日报`, as some pages fill the tag.
            let site = match meta::meta_line(site) {
                Some(("source", value)) => value,
                _ => site.trim(),
            };
            let (o, _) = meta::split_credit(site);
            self.fm_outlet = o.or_else(|| (!site.is_empty()).then(|| site.to_owned()));
        }
        if self.fm_author.is_none()
            && let Some(author) = name(&[
                "author",
                "article:author",
                "dc.creator",
                "byline",
                "sailthru.author",
                "parsely-author",
            ])
            && meta::plausible("author", author)
        {
            // Pages fill the tag with their system's or a department's name (`webmaster`,
            // `新浪网技术部`) or the outlet's (`网易新闻`): none of them an author.
            let (o, p) = if meta::looks_like_outlet(author) {
                (Some(author.to_owned()), None)
            } else {
                meta::split_credit(author)
            };
            let person = p.filter(|p| {
                let words = p.split_whitespace().count();
                (p.chars().any(crate::text::is_han) || words >= 2)
                    && !["部", "中心", "组", "組", "团队", "團隊", "频道", "頻道"]
                        .iter()
                        .any(|e| p.ends_with(e))
            });
            self.credit_outlet = self.credit_outlet.take().or(o);
            self.fm_author = person;
        }
        if self.a.url.is_none()
            && let Some(u) = get(&["og:url", "canonical"]).and_then(http_url)
        {
            self.a.url = Some(u);
        }
        // `标题 | 端传媒`: the site a page's <title> ends with, when nothing else names one.
        self.title_outlet = self
            .html_title
            .as_deref()
            .and_then(super::title::site_of)
            .filter(|site| meta::looks_like_outlet(site) || meta::split_credit(site).0.is_some());
    }

    /// A metadata line (`日期:01-27`, `来源：新京报`), by its normalised key.
    pub(super) fn meta(&mut self, key: &str, value: &str) {
        match key {
            "date" if self.field_date.is_none() => match dating::parse_field(value) {
                Some(d) => self.field_date = Some((d, value.to_owned())),
                None => self.a.warnings.push(Warning::DateLine(value.to_owned())),
            },
            "source" => {
                let (o, _) = meta::split_credit(value);
                // `来源：外交部网站`: a name that is an outlet's, though not one the credits know.
                let named = meta::looks_like_outlet(value).then(|| value.trim().to_owned());
                self.fm_outlet = self.fm_outlet.take().or(o).or(named);
            }
            "author" => {
                let (o, p) = meta::split_credit(value);
                self.credit_outlet = self.credit_outlet.take().or(o);
                self.fm_author = self.fm_author.take().or(p);
            }
            "poster" => {
                let value = value.trim();
                if !value.is_empty() && self.poster.is_none() {
                    self.poster = Some(value.to_owned());
                }
            }
            "original_title" => self.original_title = Some(value.to_owned()),
            "updated" => {
                if let Some(dating::FieldDate::Day(d)) = dating::parse_field(value) {
                    self.updated.get_or_insert(d);
                }
            }
            "title" => {
                self.title.get_or_insert_with(|| value.to_owned());
            }
            "tags" => self.tags.extend(split_list(value)),
            "categories" => self.a.categories.extend(split_list(value)),
            "url" => match http_url(value) {
                Some(u) => {
                    self.a.url.get_or_insert(u);
                }
                None => self.a.warnings.push(Warning::AddressLine(clip(value, 60))),
            },
            _ => {}
        }
    }

    /// A repost line: the original outlet, its address, and who posted the repost.
    pub(super) fn repost(&mut self, r: meta::Repost) {
        if self.repost_outlet.is_none() {
            self.repost_outlet = r.outlet;
        }
        if let Some(u) = r.url {
            self.a.url.get_or_insert(u);
        }
        if self.poster.is_none() {
            self.poster = r.poster;
        }
    }

    /// Sets the outlet and the author from the most reliable of the sources found: a repost
    /// line's original outlet, front matter and metadata lines, credits, a copyright line, an
    /// interview, the address. When the article is a repost, the site that reposted it is
    /// kept beside the original outlet ([`crate::article::Article::via`]).
    pub(super) fn choose_outlet_and_author(&mut self) {
        let site = self
            .fm_outlet
            .take()
            .or(self.credit_outlet.take())
            .or(self.copyright_outlet.take())
            .or(self.interview_outlet.take());
        // The site a page's <title> names comes after the one its address does.
        let url_outlet = self
            .a
            .url
            .as_deref()
            .and_then(meta::outlet_of_url)
            .map(str::to_owned)
            .or(self.title_outlet.take());
        match self.repost_outlet.take() {
            Some(original) => {
                let site = site
                    .or(url_outlet)
                    .filter(|s| crate::text::fold(s) != crate::text::fold(&original));
                self.a.via = site;
                self.a.source = Some(original);
            }
            None => self.a.source = site.or(url_outlet),
        }
        self.a.source = self.a.source.take().map(meta::canonical_outlet);
        self.a.via = self.a.via.take().map(meta::canonical_outlet);
        self.a.author = self
            .fm_author
            .take()
            .or(self.credit_author.take())
            .or(self.poster.take())
            .filter(|a| Some(a) != self.a.source.as_ref());
    }

    /// Sets the article's tags: the ones found, trimmed, without `#` and duplicates.
    pub(super) fn clean_tags(&mut self) {
        let mut tags: Vec<String> = Vec::new();
        for t in std::mem::take(&mut self.tags) {
            let t = t.trim().trim_start_matches('#').trim().to_owned();
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        self.a.tags = tags;
    }
}

/// The text a run-together tag line is split against: the first lines of text and headings.
pub(super) fn tag_corpus(segs: &[Seg]) -> String {
    segs.iter()
        .filter_map(|s| match s {
            Seg::Text(t) | Seg::Heading(t) => Some(t.as_str()),
            _ => None,
        })
        .take(400)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A run of tags: separated (`北约 俄罗斯`, `北约、俄罗斯`) or run together
/// (`北约俄罗斯美国`), which is split into words the article itself uses.
pub(super) fn tag_line(t: &str, corpus: &str) -> Option<Vec<String>> {
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
    // Every tag is a word: `华盛顿 —` (a dateline) and `10 03 2022` are not tag lines.
    if parts.iter().any(|p| !p.chars().any(char::is_alphabetic)) {
        return None;
    }
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

/// `s` without the brackets of a wiki link (`[[BBC News 中文]]`) or a Markdown link's address
/// (`[张三](https://…)` is 张三), trimmed.
fn unlinked(s: &str) -> String {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
        // `[[page|shown name]]`: the name shown.
        return inner.rsplit('|').next().unwrap_or(inner).trim().to_owned();
    }
    if let Some((text, rest)) = s.strip_prefix('[').and_then(|r| r.split_once("]("))
        && rest.ends_with(')')
        && !text.contains(']')
    {
        return text.trim().to_owned();
    }
    s.to_owned()
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
}
