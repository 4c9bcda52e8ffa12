//! Addresses: an article's own address and its images' are kept only when they are plain
//! `http(s)` ones, so that nothing the reader is shown can run script.

/// What follows the `http://` or `https://` (in any case) that `s` starts with; `None` when
/// it starts with anything else. The one test of an address's scheme.
pub fn after_http_scheme(s: &str) -> Option<&str> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        s.get(..scheme.len())
            .filter(|start| start.eq_ignore_ascii_case(scheme))
            .map(|_| &s[scheme.len()..])
    })
}

/// The `http(s)://` address `s` starts with (after spaces, and an opening `<`, quote or
/// bracket), up to the first character that cannot be part of it. `None` for any other
/// scheme, including one that only hides an `http` address further on
/// (`javascript:…//https://…`), and for a scheme-relative `//host` (an article address must
/// say its scheme).
pub fn http_url(s: &str) -> Option<String> {
    let s = s
        .trim()
        .trim_start_matches(['<', '"', '\'', '(', '（', '「', '《', '['])
        .trim_start();
    after_http_scheme(s)?;
    let url: String = s
        .chars()
        .take_while(|&c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(
                    c,
                    '）' | '」' | '》' | '"' | '<' | '>' | '`' | '，' | '。' | '、'
                )
        })
        .collect();
    (url.len() > 10).then_some(url)
}

/// True when `c` may stand in an address as written: no space, control character, quote,
/// angle bracket or backtick (a raw one means the text around was taken for the address).
pub fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !matches!(c, '"' | '<' | '>' | '`')
}

/// An image address as `http(s)`; protocol-relative ones (`//host/…`) get `https:`. Any
/// other scheme (`javascript:`, `data:`, …, however written: the HTML reader has already
/// decoded character references), a relative path, and an address with spaces, control
/// characters, quotes or angle brackets in it are `None`.
pub fn normalise_src(src: &str) -> Option<String> {
    let src = src.trim();
    if !src.chars().all(is_url_char) {
        return None;
    }
    let host_start = |rest: &str| rest.starts_with(|c: char| c != '/' && c != '\\');
    if let Some(rest) = src.strip_prefix("//") {
        return host_start(rest).then(|| format!("https://{rest}"));
    }
    let rest = after_http_scheme(src)?;
    host_start(rest).then(|| src.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn only_http_and_https_schemes_in_any_case() {
        assert_eq!(after_http_scheme("HTTPS://a.b/c"), Some("a.b/c"));
        assert_eq!(after_http_scheme("hTtP://a"), Some("a"));
        assert_eq!(after_http_scheme("https:/a"), None);
        assert_eq!(after_http_scheme("//a.b/c"), None);
        assert_eq!(after_http_scheme("javascript:x//http://a"), None);
        assert_eq!(after_http_scheme("北约http://a"), None);
        assert_eq!(after_http_scheme("http:/北约"), None);
        assert_eq!(after_http_scheme("http"), None);
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
                a.warnings
                    .iter()
                    .any(|w| w.to_string().contains("not http(s)")),
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
                a.warnings.iter().any(|w| w.to_string().contains("http(s)")),
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
                    .any(|w| w.to_string().contains("not an http(s) address")),
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
                a.warnings
                    .iter()
                    .any(|w| w.to_string().contains("front matter image")),
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
}
