//! Golden tests: what the parser must read from the five seed articles (issue 3's table and
//! its "Also" facts). A failure names the file and the field to look at.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use dossier_core::article::{Article, Block, DateBasis};
use dossier_core::date::{Day, Precision};
use dossier_core::parse;

fn seed(prefix: &str) -> Article {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let entry = std::fs::read_dir(&dir)
        .expect("articles/ is readable")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed file {prefix}_* in articles/"));
    let name = entry.file_name().to_string_lossy().into_owned();
    let bytes = std::fs::read(entry.path()).expect("seed is readable");
    parse::parse(&name, &bytes).unwrap_or_else(|e| panic!("seed {name} failed to parse: {e}"))
}

fn day(s: &str) -> Day {
    Day::parse_iso(s).expect("test date")
}

fn check_date(a: &Article, from: &str, to: &str, basis: DateBasis) {
    let d = a
        .date
        .unwrap_or_else(|| panic!("{}: no publication date (see parse/dates.rs)", a.file));
    assert!(
        d.day >= day(from) && d.day <= day(to),
        "{}: date {} is outside {from}..={to}",
        a.file,
        d.day
    );
    assert_eq!(d.basis, basis, "{}: date basis", a.file);
}

fn body(a: &Article) -> String {
    a.texts().collect::<Vec<_>>().join("\n")
}

#[test]
fn seed_000_plain_text_with_timeline() {
    let a = seed("000");
    assert_eq!(
        a.title, "美国北约书面回应:拒绝俄罗斯所划“红线”",
        "000: title (first line)"
    );
    assert!(!a.title_derived, "000: title is stated, not derived");
    check_date(&a, "2022-01-27", "2022-01-27", DateBasis::Metadata);
    assert_eq!(
        a.source.as_deref(),
        Some("观察者网"),
        "000: outlet from the byline [文/观察者网熊超然]"
    );
    assert_eq!(
        a.author.as_deref(),
        Some("熊超然"),
        "000: author from the byline"
    );
    assert_eq!(
        a.tags,
        ["北约", "俄罗斯", "美国", "乌克兰", "布林肯"],
        "000: the run-together tag line split into words"
    );
    assert!(
        !body(&a).contains("[文/"),
        "000: the byline is removed from the body"
    );
    assert!(
        !body(&a).contains("原标题"),
        "000: 原标题 is metadata, not body"
    );

    // Related headlines: the 时间线 section.
    let n = a.related.len();
    assert!(
        (50..=70).contains(&n),
        "000: about 60 related headlines, got {n}"
    );
    let dated: Vec<_> = a.related.iter().filter_map(|r| r.date).collect();
    assert_eq!(
        dated.len(),
        n,
        "000: every related headline has the date heading above it"
    );
    let min = dated.iter().map(|d| d.start).min().expect("dates");
    let max = dated.iter().map(|d| d.start).max().expect("dates");
    assert_eq!(
        (min, max),
        (day("2021-03-01"), day("2022-01-27")),
        "000: related dates span 2021-03..2022-01-27"
    );
    let text = body(&a);
    for r in &a.related {
        assert!(
            !text.contains(&r.title),
            "000: related headline {:?} leaked into the body",
            r.title
        );
    }
    assert!(
        !text.contains("时间线") && !text.contains("点击展开") && !text.contains("相关阅读"),
        "000: timeline furniture in body"
    );

    assert!(
        a.events.iter().any(|e| e.date.start == day("2022-01-26")
            && e.date.precision == Precision::Day
            && e.text.contains("书面回复")),
        "000: an event on 2022-01-26 about the written replies; events: {:?}",
        a.events
            .iter()
            .map(|e| e.date.to_string())
            .collect::<Vec<_>>()
    );
    assert!(
        a.events
            .iter()
            .any(|e| e.date.to_string() == "2021-12" && e.text.contains("去年12月")),
        "000: 去年12月 resolves to 2021-12"
    );
}

#[test]
fn seed_001_body_only_two_reports() {
    let a = seed("001");
    assert!(
        a.title_derived,
        "001: no title in the file, so it is derived"
    );
    assert!(
        a.title.starts_with("普京"),
        "001: derived title {:?} should start with 普京",
        a.title
    );
    assert!(
        a.title.chars().count() <= 41,
        "001: derived title is short: {:?}",
        a.title
    );
    check_date(&a, "2022-02-01", "2022-02-03", DateBasis::Inferred);
    assert_eq!(
        a.source, None,
        "001: CNN/美联社/卫星通讯社 are cited sources, not the outlet"
    );
    assert_eq!(a.author, None, "001: author");
    assert!(a.tags.is_empty(), "001: no explicit tags, got {:?}", a.tags);
    let subs: Vec<_> = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Subheading(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        subs.contains(&"布林肯吁俄国撤兵"),
        "001: headline-like lines are subheadings: {subs:?}"
    );
    assert!(
        a.images
            .iter()
            .any(|i| i.caption.as_deref() == Some("俄罗斯总统普京 图源:视觉中国")),
        "001: caption lines become figures"
    );
}

#[test]
fn seed_002_front_matter_and_html() {
    let a = seed("002");
    assert_eq!(
        a.title, "美国北约给俄罗斯的保密书面回复被西班牙媒体曝光了",
        "002: title from front matter"
    );
    check_date(&a, "2022-02-03", "2022-02-03", DateBasis::Metadata);
    assert_eq!(a.source.as_deref(), Some("观察者网"), "002: outlet");
    assert_eq!(
        a.author, None,
        "002: the author field names the outlet, so no author"
    );
    assert_eq!(
        a.categories,
        ["新媒体", "观察者网", "首页"],
        "002: categories"
    );
    assert_eq!(
        a.images.len(),
        2,
        "002: two images (the front-matter headimg is the first)"
    );
    assert_eq!(
        a.images[0].caption.as_deref(),
        Some("报道截图"),
        "002: caption span after the image"
    );
    let text = body(&a);
    assert!(
        !text.contains('<') && !text.contains("text-align"),
        "002: no markup in the body"
    );
    assert!(
        !text.contains("不得转载"),
        "002: the copyright line is not body"
    );
    assert!(
        text.starts_with("在美国和北约"),
        "002: the （观察者网讯） dateline is removed: {}",
        &text[..30]
    );
    assert!(
        a.events
            .iter()
            .any(|e| e.date.to_string() == "2022-02-01" && e.text.starts_with("1日")),
        "002: `1日` resolves into the article's month (2022-02-01)"
    );
}

#[test]
fn seed_003_mirror_page() {
    let a = seed("003");
    assert_eq!(
        a.title, "获美国北约书面回复 俄罗斯称愿意继续谈",
        "003: title from the ### heading"
    );
    check_date(&a, "2022-01-27", "2022-01-27", DateBasis::Dateline);
    assert_eq!(
        a.source.as_deref(),
        Some("大纪元"),
        "003: outlet from the dateline"
    );
    assert_eq!(
        a.author.as_deref(),
        Some("李言"),
        "003: author from （大纪元记者李言综合报导）"
    );
    assert_eq!(
        a.tags,
        ["北约", "门户开放"],
        "003: tags from the <ok href=…/tag/…> links"
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.epochtimes.com/gb/22/1/27/n13533598.htm"),
        "003: url from the 原文链接 trailer"
    );
    let text = body(&a);
    for junk in [
        "首页",
        "禁闻",
        "禁书",
        "翻墙",
        "gtx",
        "原文链接",
        "http",
        "责任编辑",
        "【大纪元",
        "---",
        "###",
    ] {
        assert!(
            !text.contains(junk),
            "003: body contains navigation/widget/trailer text {junk:?}"
        );
    }
    assert!(
        text.contains("美国和北约关于俄罗斯核心要求"),
        "003: inline tag links keep their text, no stray spaces"
    );
    assert_eq!(a.images.len(), 1, "003: the lead image");
    assert!(
        a.images[0]
            .caption
            .as_deref()
            .is_some_and(|c| c.starts_with("2022年1月25日")),
        "003: the lead image's caption div"
    );
}

#[test]
fn seed_004_body_only_with_lede() {
    let a = seed("004");
    assert!(a.title_derived, "004: title derived from the lede");
    assert!(
        a.title.starts_with("在即将迈入新年之时"),
        "004: derived title {:?}",
        a.title
    );
    check_date(&a, "2021-12-30", "2021-12-31", DateBasis::Inferred);
    assert_eq!(
        a.source.as_deref(),
        Some("新京报"),
        "004: outlet from 对新京报记者表示"
    );
    assert_eq!(a.author, None, "004: author");
    assert!(a.tags.is_empty(), "004: tags");
    for d in ["2021-12-30", "2022-01-10"] {
        assert!(
            a.events
                .iter()
                .any(|e| e.date.start == day(d) && e.date.precision == Precision::Day),
            "004: an event on {d}"
        );
    }
    assert!(
        !body(&a).contains("最新评论"),
        "004: the comment marker ends the body"
    );
}

#[test]
fn no_body_repeats_a_line_twice_in_a_row() {
    for p in ["000", "001", "002", "003", "004"] {
        let a = seed(p);
        for w in a.blocks.windows(2) {
            let same = match (&w[0], &w[1]) {
                (Block::Figure(x), Block::Figure(y)) => {
                    a.images[*x].caption.is_some() && a.images[*x].caption == a.images[*y].caption
                }
                (x, y) => x.text().is_some() && x.text() == y.text(),
            };
            assert!(!same, "{p}: repeated line twice in a row: {:?}", w);
        }
        assert!(
            a.texts().all(|t| !t.contains('<') && !t.contains("&nbsp;")),
            "{p}: markup or entities left in the body"
        );
    }
}

#[test]
fn parse_all_keeps_every_seed_sorted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("articles/")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    files.reverse();
    let start = std::time::Instant::now();
    let c = parse::parse_all(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    eprintln!(
        "parse_all over {} seed files: {:?}",
        files.len(),
        start.elapsed()
    );
    assert_eq!(
        c.articles.len() + c.failures.len(),
        files.len(),
        "every file is accounted for"
    );
    assert!(c.failures.is_empty(), "seed failures: {:?}", c.failures);
    assert!(
        c.articles.windows(2).all(|w| w[0].file < w[1].file),
        "articles sorted by path"
    );
}
