//! Bad input: every file under tests/fixtures/broken/ is either parsed correctly or reported
//! as a failure with a clear reason, and nothing panics. The 10 MB file is generated here.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::time::{Duration, Instant};

use dossier_core::article::{Article, DateBasis};
use dossier_core::parse::{self, Collection};

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/broken")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("fixture {}: {e}", p.display()))
}

fn ok(name: &str) -> Article {
    parse::parse(name, &fixture(name))
        .unwrap_or_else(|e| panic!("{name} should parse, failed: {e}"))
}

fn err(name: &str) -> String {
    match parse::parse(name, &fixture(name)) {
        Ok(a) => panic!("{name} should be a failure, parsed as {:?}", a.title),
        Err(e) => e.to_string(),
    }
}

fn body(a: &Article) -> String {
    a.texts().collect::<Vec<_>>().join("\n")
}

#[test]
fn unreadable_files_fail_with_a_reason() {
    assert!(
        err("empty.txt").contains("empty"),
        "empty.txt: {}",
        err("empty.txt")
    );
    assert!(
        err("whitespace_only.txt").contains("whitespace"),
        "whitespace_only.txt"
    );
    assert!(
        err("binary.png").contains("binary"),
        "binary.png: {}",
        err("binary.png")
    );
    assert!(
        err("binary.png").contains("PNG"),
        "binary.png names the format"
    );
}

#[test]
fn legacy_chinese_encodings_are_decoded() {
    let a = ok("gbk_encoded.txt");
    assert_eq!(a.title, "俄罗斯称愿意继续对话", "GBK title");
    assert!(
        body(&a).contains("佩斯科夫27日表示"),
        "GBK body: {}",
        body(&a)
    );
    assert_eq!(a.source.as_deref(), Some("新京报"), "GBK 来源 line");
    assert!(
        a.warnings.iter().any(|w| w.to_string().contains("GB18030")),
        "GBK: warning names the encoding"
    );

    let a = ok("big5_encoded.txt");
    assert_eq!(a.title, "俄羅斯稱願意繼續對話", "Big5 title");
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2022-01-27".into(), DateBasis::Dateline)),
        "Big5 dateline 【大紀元…訊】"
    );
    assert_eq!(a.source.as_deref(), Some("大紀元"), "Big5 outlet");
    assert_eq!(
        a.author.as_deref(),
        Some("王明"),
        "Big5 author from （大紀元記者王明綜合報導）"
    );
    assert!(
        !body(&a).contains("責任編輯"),
        "Big5: editor line is not body"
    );
    assert!(
        a.warnings.iter().any(|w| w.to_string().contains("Big5")),
        "Big5: warning names the encoding"
    );
}

#[test]
fn bom_and_crlf_are_invisible() {
    let a = ok("utf8_bom.txt");
    assert_eq!(a.title, "美国北约书面回应", "BOM: no U+FEFF in the title");
    assert_eq!(
        a.date.map(|d| d.day.to_string()).as_deref(),
        Some("2022-01-27")
    );
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref()),
        (Some("观察者网"), Some("张三"))
    );

    let a = ok("crlf_no_final_newline.txt");
    assert_eq!(a.title, "布林肯与拉夫罗夫通话");
    assert!(
        a.texts().all(|t| !t.contains('\r')),
        "CRLF: no carriage return left"
    );
    assert!(
        body(&a).ends_with("就应该从边境撤军。"),
        "no final newline: last line kept"
    );
    assert!(
        a.events.iter().any(|e| e.date.to_string() == "2022-02-01"),
        "CRLF: events found"
    );
}

#[test]
fn broken_front_matter_warns_but_keeps_the_article() {
    let a = ok("invalid_yaml.md");
    assert!(
        a.warnings
            .iter()
            .any(|w| w.to_string().contains("front matter")),
        "invalid YAML: warnings {:?}",
        a.warnings
    );
    assert_eq!(
        a.date.map(|d| d.day.to_string()).as_deref(),
        Some("2022-02-03"),
        "valid keys still read"
    );
    assert!(body(&a).contains("西班牙媒体曝光"), "body kept");

    let a = ok("unterminated_front_matter.md");
    assert!(
        a.warnings
            .iter()
            .any(|w| w.to_string().contains("never closed")),
        "unterminated: warnings {:?}",
        a.warnings
    );
    assert_eq!(a.title, "乌克兰局势最新进展");
    assert!(
        body(&a).starts_with("普京2日表示"),
        "unterminated: the body after the YAML lines is kept"
    );
}

#[test]
fn script_style_nav_and_ads_never_reach_the_body() {
    let a = ok("html_with_script.html");
    let all = format!("{}\n{}\n{:?}", a.title, body(&a), a.images);
    for bad in [
        "SCRIPT_TEXT_MUST_NOT_APPEAR",
        "STYLE_TEXT_MUST_NOT_APPEAR",
        "ADVERT_MUST_NOT_APPEAR",
        "injected",
        "首页",
    ] {
        assert!(
            !all.contains(bad),
            "html_with_script: {bad:?} leaked: {all}"
        );
    }
    assert_eq!(a.title, "北约拒绝俄罗斯划出的红线");
    assert_eq!(a.paragraph_count(), 2);
}

#[test]
fn the_whole_fixture_collection_is_accounted_for() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    let Collection { articles, failures } =
        parse::parse_all(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    assert_eq!(
        articles.len() + failures.len(),
        files.len(),
        "no file silently dropped"
    );
    let failed: Vec<&str> = failures.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        failed,
        ["binary.png", "empty.txt", "whitespace_only.txt"],
        "exactly the unreadable files fail, sorted"
    );
    assert!(failures.iter().all(|f| !f.reason.to_string().is_empty()));
}

#[test]
fn ten_megabytes_fail_cleanly_and_quickly() {
    let line = "俄罗斯总统普京2月1日表示，西方国家忽视了俄方的主要安全关切。\n";
    let big = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    let start = Instant::now();
    let r = parse::parse("huge.txt", big.as_bytes());
    let took = start.elapsed();
    match r {
        Ok(a) => assert!(a.paragraph_count() > 0),
        Err(e) => assert!(e.to_string().contains("too large"), "10 MB: {e}"),
    }
    assert!(took < Duration::from_secs(2), "10 MB took {took:?}");
}

#[test]
fn a_large_article_under_the_limit_parses_in_time() {
    // 3 MB of varied paragraphs with dates, captions and entities: the parser is linear.
    let mut s = String::from("标题\n\n日期:2022-02-03\n\n");
    let mut i = 0;
    while s.len() < 3 * 1024 * 1024 {
        i += 1;
        s.push_str(&format!(
            "第{i}段：据报道，{}月{}日，美国与北约&amp;俄罗斯举行会谈，双方同意继续对话。\n",
            i % 12 + 1,
            i % 28 + 1
        ));
        if i % 50 == 0 {
            s.push_str("会谈现场 图源:视觉中国\n");
        }
    }
    let start = Instant::now();
    let a = parse::parse("large.txt", s.as_bytes()).expect("3 MB article parses");
    let took = start.elapsed();
    eprintln!(
        "3 MB article: {took:?}, {} paragraphs, {} events",
        a.paragraph_count(),
        a.events.len()
    );
    assert!(a.paragraph_count() > 10_000);
    assert!(took < Duration::from_secs(20), "3 MB took {took:?}");
}
