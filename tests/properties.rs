//! Property tests kept in the normal suite (the fuzz targets in `fuzz/` run the same
//! properties for longer): the parser never panics on arbitrary bytes or near-miss article
//! files and keeps only http(s) addresses; the query parser and the URL-fragment codec never
//! panic; search on the seed index answers hostile queries without panicking.
//!
//! The inputs come from a small seeded generator (xorshift) rather than proptest: no extra
//! dependency to compile, and every run checks the same cases, so a failure reproduces by
//! its case number. Timings are printed (`cargo test --test properties -- --nocapture`), not
//! asserted: the budget for a query is 50 ms on the release build.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::time::Instant;

use dossier_core::article::{Article, Block};
use dossier_core::index::Index;
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher, highlight};
use dossier_core::state::ViewState;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Pieces of every file shape, and of the ways files break, to build near-miss articles from.
const PIECES: &[&str] = &[
    "---\n",
    "---",
    "title: ",
    "date: 2022-01-27\n",
    "date: Thu, 03 Feb 2022 11:02:11 GMT\n",
    "tags: [北约, ",
    "categories:\n - ",
    "headimg: '",
    "url: ",
    "author: 观察者网\n",
    "'",
    "\"",
    "|\n  ",
    "### ",
    "#### [首页](../../x) &nbsp;|&nbsp; ",
    "![图](",
    "[链接](",
    ")",
    "<p>",
    "</p>",
    "<div class=\"caption\">",
    "</div>",
    "<img src=\"",
    "\">",
    "<a href=\"/tag/",
    "</a>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<title>",
    "</title>",
    "<svg><math><mglyph><style>",
    "<figure><figcaption>",
    "&lt;p&gt;",
    "&amp;lt;",
    "&#x6A;",
    "&#106;",
    "&#1;",
    "&#xFFFFFFFF;",
    "&",
    "javascript:",
    "java&#x0A;script:",
    "data:text/html,",
    "//",
    "https://",
    "http://example.com/2022/01/27/a.html",
    "原文链接：",
    "日期:",
    "来源：新华社",
    "（记者 张三）",
    "【大纪元2022年01月27日讯】",
    "1月26日",
    "2021年12月30日",
    "9999年99月99日",
    "去年12月",
    "相关阅读",
    "乌克兰局势时间线\n",
    "图：",
    "北约与俄罗斯就乌克兰问题继续对话。",
    "普京表示，俄方不会接受。",
    "\n",
    "\n\n",
    "\r\n",
    "\u{FEFF}",
    " ",
];

fn near_miss(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(60) {
        match rng.below(8) {
            0 => s.push(rng.char()),
            1 => {
                for _ in 0..rng.below(20) {
                    s.push(rng.char());
                }
            }
            _ => s.push_str(rng.pick::<&str>(PIECES)),
        }
    }
    s
}

fn is_http(u: &str) -> bool {
    let l = u.to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'))
}

/// What must hold of every parsed article.
fn check(a: &Article, what: &str) {
    if let Some(u) = &a.url {
        assert!(is_http(u), "{what}: url {u:?}");
    }
    for i in &a.images {
        if let Some(s) = &i.src {
            assert!(is_http(s), "{what}: image {s:?}");
        }
    }
    for b in &a.blocks {
        if let Block::Figure(n) = b {
            assert!(*n < a.images.len(), "{what}: figure {n}");
        }
    }
    for e in &a.events {
        assert!(e.block < a.blocks.len(), "{what}: event block {}", e.block);
    }
}

fn parse_checked(bytes: &[u8], what: &str) {
    if let Ok(a) = dossier_core::parse::parse(what, bytes) {
        check(&a, what);
    }
}

#[test]
fn parse_never_panics_on_arbitrary_bytes() {
    let t = Instant::now();
    let mut rng = Rng(0x5EED_0001);
    let n = 3000;
    for i in 0..n {
        let b = rng.bytes(3000);
        // A third named as tables: their rows are checked before anything else.
        parse_checked(
            &b,
            &format!("bytes case {i}{}", ["", ".tsv", ".csv"][i % 3]),
        );
    }
    eprintln!("parse: {n} arbitrary byte strings in {:?}", t.elapsed());
}

#[test]
fn parse_never_panics_on_near_miss_articles() {
    let t = Instant::now();
    let mut rng = Rng(0x5EED_0002);
    let n = 4000;
    for i in 0..n {
        let s = near_miss(&mut rng);
        parse_checked(
            s.as_bytes(),
            &format!("near-miss case {i}{}", ["", ".tsv", ".csv"][i % 3]),
        );
    }
    eprintln!("parse: {n} near-miss articles in {:?}", t.elapsed());
}

/// Every file of the seeds, the broken fixtures and the XSS fixtures, mutated: truncated,
/// bytes flipped, pieces spliced in.
#[test]
fn parse_never_panics_on_mutated_real_files() {
    let t = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["articles", "tests/fixtures/broken", "tests/xss/articles"] {
        for f in dossier_core::corpus::read_dir(&root.join(dir)).unwrap() {
            files.push(f.bytes.into_owned());
        }
    }
    let mut rng = Rng(0x5EED_0003);
    let mut cases = 0;
    for (k, file) in files.iter().enumerate() {
        parse_checked(file, &format!("file {k}"));
        for i in 0..30 {
            let mut b = file.clone();
            match i % 4 {
                0 => b.truncate(rng.below(b.len() + 1)),
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        if !b.is_empty() {
                            let p = rng.below(b.len());
                            b[p] = rng.next() as u8;
                        }
                    }
                }
                2 => {
                    let p = rng.below(b.len() + 1);
                    let piece = rng.pick(PIECES).as_bytes().to_vec();
                    b.splice(p..p, piece);
                }
                _ => {
                    let (p, q) = (rng.below(b.len() + 1), rng.below(b.len() + 1));
                    let (p, q) = (p.min(q), p.max(q));
                    b.drain(p..q);
                }
            }
            parse_checked(&b, &format!("file {k} mutation {i}"));
            cases += 1;
        }
    }
    eprintln!(
        "parse: {} real files and {cases} mutations in {:?}",
        files.len(),
        t.elapsed()
    );
}

#[test]
fn xss_fixtures_keep_only_http_addresses_and_nothing_is_lost() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = dossier_core::corpus::read_dir(&root.join("tests/xss/articles")).unwrap();
    assert!(files.len() >= 60, "{} files", files.len());
    let c = dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
    assert_eq!(c.articles.len() + c.failures.len(), files.len());
    for a in &c.articles {
        check(a, &a.file);
    }
    for f in &c.failures {
        assert!(!f.reason.to_string().is_empty(), "{}", f.file);
    }
}

fn query_text(rng: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "北约",
        "普京",
        "\"书面回复",
        "“",
        "」",
        "-",
        "-\"",
        "OR",
        "|",
        "tag:",
        "source:",
        "person:",
        "place:",
        "org:",
        "date:",
        "2022-01-20..2022-02-01",
        "2022-13-45",
        "..",
        "2022-02-30..",
        "9999999999-01",
        "NATO",
        "🙂",
        "עברית",
        "العربية",
        "\u{202E}",
        "<script>",
        "&amp;",
        " ",
        "　",
    ];
    let mut s = String::new();
    for _ in 0..rng.below(12) {
        if rng.below(3) == 0 {
            s.push(rng.char());
        } else {
            s.push_str(rng.pick::<&str>(WORDS));
        }
        if rng.below(2) == 0 {
            s.push(' ');
        }
    }
    s
}

#[test]
fn query_and_fragment_parsing_never_panic() {
    let t = Instant::now();
    let mut rng = Rng(0x5EED_0004);
    let n = 20_000;
    for _ in 0..n {
        let s = query_text(&mut rng);
        let q = Query::parse(&s);
        let _ = q.has_terms();
        let v = ViewState::from_fragment(&s);
        let _ = ViewState::from_fragment(&format!("q={s}&tag={s}&open={s}&sort={s}&date={s}"));
        let _ = v.to_fragment();
        let _ = v.to_query();
        let raw: String = (0..rng.below(200)).map(|_| rng.char()).collect();
        let _ = Query::parse(&raw);
        let _ = ViewState::from_fragment(&raw);
    }
    eprintln!(
        "query: {n} × (2 queries, 3 fragments) parsed in {:?}",
        t.elapsed()
    );
}

fn seed_index() -> Index {
    let files = dossier::embedded::files();
    dossier::build_index(
        dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes))).articles,
    )
}

/// Runs `q` with snippets and highlights as the result list does; returns milliseconds.
fn run(idx: &Index, q: &str, exact: bool) -> f64 {
    let t = Instant::now();
    let opts = Options {
        exact,
        ..Options::default()
    };
    let r = Searcher::new(idx).search(&Query::parse(q), &opts);
    for hit in r.hits.iter().take(20) {
        for sn in Searcher::new(idx).snippets(hit.doc, &r.needles, 3, 100) {
            for &(a, b) in &sn.highlights {
                assert!(a <= b && b <= sn.text.len() && sn.text.is_char_boundary(a));
            }
        }
        let _ = highlight(&idx.articles()[hit.doc].title, &r.needles);
    }
    t.elapsed().as_secs_f64() * 1000.0
}

#[test]
fn search_answers_hostile_queries() {
    let idx = seed_index();
    let long_han: String = "北约俄罗斯乌克兰美国普京"
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    let long_mixed: String = (0..10_000)
        .map(|i| ['北', 'a', ' ', '"', '-', '约', '|', '🙂'][i % 8])
        .collect();
    let cases: Vec<(&str, String)> = vec![
        ("10,000 Han characters", long_han),
        ("10,000 mixed characters", long_mixed),
        ("10,000 spaces", " ".repeat(10_000)),
        (
            "only punctuation",
            "!!!???。。。，，，“”《》【】…—·、；：".to_owned(),
        ),
        (
            "only ASCII punctuation",
            "\"'-|:.,;()[]{}<>/\\*&^%$#@!~`".to_owned(),
        ),
        ("emoji", "🙂🇺🇦👍🏽‍🔥 🧨".to_owned()),
        (
            "right-to-left text",
            "\u{202E}שלום עולם مرحبا بالعالم\u{202C}".to_owned(),
        ),
        (
            "unbalanced quotes",
            "\"书面回复 “北约 「普京 -\"".to_owned(),
        ),
        (
            "invalid date filter",
            "date:2022-13-45 2022-02-30..2021-01-01 北约".to_owned(),
        ),
        ("huge year", "99999999999999999999-01-01..".to_owned()),
        (
            "empty filters",
            "tag: source: person: place: org: date:".to_owned(),
        ),
        ("only exclusions", "-北约 -普京 -\"书面回复\"".to_owned()),
        ("many ORs", "OR | OR 北约 OR OR | 普京 OR".to_owned()),
        (
            "markup",
            "<script>alert(1)</script> <img src=x onerror=alert(1)>".to_owned(),
        ),
        (
            "control characters",
            "\u{0}\u{1}\u{7}\u{1b}[31m北约".to_owned(),
        ),
        ("lone combining marks", "\u{301}\u{302}\u{303}".to_owned()),
        (
            "1,000 distinct words",
            (0..1000).map(|i| format!("w{i} ")).collect(),
        ),
    ];
    let mut worst: f64 = 0.0;
    for (name, q) in &cases {
        for exact in [false, true] {
            let ms = run(&idx, q, exact);
            worst = worst.max(ms);
            eprintln!("search {name:<26} exact={exact:<5} {ms:>8.2} ms (budget 50 ms in release)");
        }
    }
    let mut rng = Rng(0x5EED_0005);
    let t = Instant::now();
    for _ in 0..500 {
        let q = query_text(&mut rng);
        let exact = rng.below(2) == 0;
        worst = worst.max(run(&idx, &q, exact));
    }
    eprintln!(
        "search: 500 generated queries in {:?}; slowest query {worst:.2} ms",
        t.elapsed()
    );
}

/// Text made of what number runs are made of (digits, letters, joiners, full-width forms)
/// between Han characters, spaces and punctuation.
fn number_text(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &[
        "1", "9", "0", "7", "19", "1997", "３", "５", ".", "-", "%", "+", "#", "&", "_", "f", "G",
        "ak", "Ｆ", "年", "月", "万", "北约", "米格", "战机", "1号店", "4s店", " ", "，", "。",
        ",", "/", ":", "\n",
    ];
    let mut s = String::new();
    for _ in 0..rng.below(24) {
        if rng.below(10) == 0 {
            s.push(rng.char());
        } else {
            let part: &&str = rng.pick(PARTS);
            s.push_str(part);
        }
    }
    s
}

/// The tokeniser on number-heavy text: every token's offsets are character boundaries of the
/// original text and fold to the token; positions never go back; and every word with a digit
/// that the text gives, typed as a query on its own, is that one word (so query and index
/// agree on numbers).
#[test]
fn number_tokens_point_into_the_text_and_read_back_as_queries() {
    use dossier_core::text::{Analyzer, Dictionary, fold};
    let a = Analyzer::new(&Dictionary::Default, &[]).unwrap();
    let mut rng = Rng(0x5EED_1997);
    for case in 0..3000 {
        let text = number_text(&mut rng);
        let tokens = a.tokens(&text);
        let terms: std::collections::HashSet<&str> =
            tokens.iter().map(|t| t.term.as_str()).collect();
        let mut position = 0;
        for t in &tokens {
            let original = text.get(t.start..t.end);
            assert_eq!(
                original.map(fold).as_deref(),
                Some(t.term.as_str()),
                "case {case}: {text:?} token {t:?}"
            );
            assert!(t.position >= position, "case {case}: {text:?} {t:?}");
            position = t.position;
            if t.term.bytes().any(|b| b.is_ascii_digit()) {
                let q = a.query_words(&t.term, |w| terms.contains(w));
                assert_eq!(
                    q,
                    std::slice::from_ref(&t.term),
                    "case {case}: {text:?} term {:?}",
                    t.term
                );
            }
        }
    }
}

/// Junk inserted anywhere in an article (stray control characters, unclosed tags, a `<style>`
/// or `<script>` never closed) costs at most the paragraph it lands in: every other
/// paragraph is kept, in every file shape.
#[test]
fn junk_costs_at_most_the_paragraph_it_lands_in() {
    const JUNK: &[&str] = &[
        "\u{1}",
        "\u{3}\u{1}",
        "\u{1b}[31m",
        "<style>",
        "<style>p{color:red}",
        "<script>",
        "<script>if (a<b) {",
        "<textarea>",
        "<title>",
        "<xmp>",
        "<b",
        "<div class=\"x",
        "</div>",
        "<p>",
        "<iframe src=\"https://x\">",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = dossier_core::corpus::read_dir(&root.join("articles")).unwrap();
    let paragraphs: Vec<String> = seeds
        .iter()
        .filter_map(|f| dossier_core::parse::parse(&f.path, &f.bytes).ok())
        .flat_map(|a| {
            a.blocks
                .into_iter()
                .filter_map(|b| match b {
                    Block::Paragraph(p) if p.chars().count() >= 20 => Some(p),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(paragraphs.len() > 20);
    let mut rng = Rng(0x5EED_0007);
    for case in 0..300 {
        let n = 3 + rng.below(4);
        let start = rng.below(paragraphs.len() - n);
        let paras = &paragraphs[start..start + n];
        let hit = rng.below(n);
        let junk = *rng.pick(JUNK);
        let mut with_junk: Vec<String> = paras.to_vec();
        let cs: Vec<char> = with_junk[hit].chars().collect();
        let at = rng.below(cs.len() + 1);
        with_junk[hit] =
            cs[..at].iter().collect::<String>() + junk + &cs[at..].iter().collect::<String>();
        let shape = case % 3;
        let file = match shape {
            0 => format!("乌克兰局势最新进展\n\n{}\n", with_junk.join("\n\n")),
            1 => format!(
                "<html><body><h1>乌克兰局势最新进展</h1>\n{}\n</body></html>",
                with_junk
                    .iter()
                    .map(|p| format!("<p>{p}</p>"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            _ => format!(
                "### 乌克兰局势最新进展\n---\n\n<div>\n{}\n</div>\n",
                with_junk
                    .iter()
                    .map(|p| format!(" <p>\n  {p}\n </p>"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        };
        let what = format!("case {case} (shape {shape}, junk {junk:?} in paragraph {hit})");
        let a = dossier_core::parse::parse("junk.txt", file.as_bytes())
            .unwrap_or_else(|e| panic!("{what}: refused: {e}"));
        check(&a, &what);
        let text: String = a.texts().collect::<Vec<_>>().join("\n");
        for (i, p) in paras.iter().enumerate() {
            if i != hit {
                assert!(
                    text.contains(p.as_str()),
                    "{what}: lost paragraph {i} {p:?}\n{text}"
                );
            }
        }
    }
}
