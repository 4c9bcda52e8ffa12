//! Golden tests on the development corpus of real mirror and repost pages
//! (`../shared/corpus/`, beside the repository; not copied into it). Skipped, with a note,
//! where that directory is absent. The expected values were read off the files by hand.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use dossier_core::article::{Article, DateBasis};
use dossier_core::parse::parse;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

fn article(dir: &std::path::Path, prefix: &str) -> Article {
    let name = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("no file {prefix}*"));
    let bytes = std::fs::read(dir.join(&name)).unwrap();
    parse(&name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn all(dir: &std::path::Path) -> Vec<Article> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("dev_"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| parse(n, &std::fs::read(dir.join(n)).unwrap()).expect(n))
        .collect()
}

type Row = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<(&'static str, DateBasis)>,
);

/// File, title, outlet, author, date and its basis.
const GOLDEN: &[Row] = &[
    // Reposts opening with a "back to home" link, then the title, then a repost line.
    (
        "dev_002_",
        "英国首相称俄罗斯可能爆发战争",
        Some("GNews"),
        Some("香草山健身部-正道新闻"),
        // No date in the text; its picture was uploaded in February 2022 (a month).
        Some(("2022-02", DateBasis::Pictures)),
    ),
    (
        "dev_014_",
        "2.04大直播后记：普京保镖染毒团灭",
        Some("GNews"),
        Some("雅典娜GNotes"),
        Some(("2022-02-04", DateBasis::Title)),
    ),
    (
        "dev_019_",
        "3/14/2022国际财经快讯：白宫顾问警告中共帮助俄罗斯逃避制裁将面临严重后果；俄财长表示：倚赖中共国帮忙渡过制裁难关",
        Some("GNews"),
        Some("自由信仰"),
        Some(("2022-03-14", DateBasis::Title)),
    ),
    (
        "dev_023_",
        "俄羅斯軍隊對烏克蘭發動襲擊目擊視頻",
        Some("GNews"),
        Some("喜马拉雅-华盛顿DC农场"),
        None,
    ),
    (
        "dev_042_",
        "2021年9月13日郭文贵先生送小郑州雪茄盖特全文字版",
        Some("GNews"),
        Some("喜马拉雅日本银河系农场"),
        Some(("2021-09-13", DateBasis::Title)),
    ),
    // Mirror pages of several outlets.
    (
        "dev_051_",
        "【直播】与FBI局长对话：中共影响美机构",
        Some("大纪元"),
        None,
        Some(("2020-07-07", DateBasis::Dateline)),
    ),
    (
        "dev_069_",
        "历经艰难 重庆法轮功学员余业顗被迫害离世",
        Some("大纪元"),
        None,
        Some(("2020-10-15", DateBasis::Dateline)),
    ),
    (
        "dev_072_",
        "中国消费类企业上半年利润大减15%",
        Some("希望之聲"),
        Some("賀景田"),
        Some(("2020-07-31", DateBasis::Dateline)),
    ),
    (
        "dev_081_",
        "川普第二任期十大施政纲领出炉 多条与反击中共相关",
        Some("希望之声"),
        Some("張莉莉"),
        Some(("2020-08-24", DateBasis::Dateline)),
    ),
    (
        "dev_085_",
        "梵蒂冈:梵中协议不涉政治外交 德总理:中国以恶劣残酷方式对待少数民族",
        Some("自由亚洲电台"),
        Some("蔡凌"),
        Some(("2020-09-30", DateBasis::Url)),
    ),
    (
        "dev_087_",
        "专栏 | 中国透视：新冷战的意识形态维度—刘晓波辞世三年反思",
        Some("自由亚洲电台"),
        None,
        Some(("2020-07-15", DateBasis::Url)),
    ),
    (
        "dev_094_",
        "金正恩怎麼了？朝鮮很罕見承認領導人不是神(图)",
        Some("看中国"),
        None,
        Some(("2020-05-22", DateBasis::Dateline)),
    ),
    (
        "dev_103_",
        "韩国小学校长：修炼令我峰回路转",
        Some("大纪元"),
        Some("孔英子"),
        Some(("2018-09-14", DateBasis::Dateline)),
    ),
    (
        "dev_109_",
        "梵蒂冈准备回应关于教宗掩盖性侵的指控",
        Some("美国之音"),
        None,
        // Its `<time datetime="2018-09-11T06:57:29+08:00">`, the machine-readable form of
        // the page's timestamp `2018年9月11日 06:57`.
        Some(("2018-09-11", DateBasis::Metadata)),
    ),
    (
        "dev_115_",
        "汇市一周综述：贸易战阴云不散 避险货币上涨",
        Some("路透中文网"),
        None,
        // `路透北京9月7日` without a year; the picture's address (`?d=20180907`) gives it.
        Some(("2018-09-07", DateBasis::Dateline)),
    ),
    (
        "dev_119_",
        "《KEMP专栏》美国经济加速迈向周期颠峰 登顶后走向备受关注",
        Some("路透中文网"),
        None,
        // `8月30日` in the dateline: the picture (`?d=20180831`), not the text's
        // `2007年以来最窄`, gives the year.
        Some(("2018-08-30", DateBasis::Dateline)),
    ),
    // Year-less dates in titles; the pictures' WordPress upload folders give the year.
    (
        "dev_032_",
        "文贵大直播3/15 金玉其外 败絮其中 如此中共还妄想统治宇宙",
        Some("GNews"),
        Some("回响"),
        Some(("2022-03-15", DateBasis::Title)),
    ),
    (
        "dev_037_",
        "墙内要闻汇编 12月4日",
        Some("GNews"),
        Some("東京櫻花団-Tokyo Sakura Group"),
        Some(("2021-12-04", DateBasis::Title)),
    ),
    (
        "dev_038_",
        "1.27大直播后记：七哥谈战友救人",
        Some("GNews"),
        Some("雅典娜GNotes"),
        Some(("2022-01-27", DateBasis::Title)),
    ),
    (
        "dev_116_",
        "可口可乐以估值51亿美元收购咖世家 加码深耕咖啡市场",
        Some("路透中文网"),
        None,
        // `8月31日` and nothing in the file that gives the year: no date, a warning says why.
        None,
    ),
];

#[test]
fn golden_titles_outlets_authors_and_dates() {
    let Some(dir) = corpus() else { return };
    for &(prefix, title, source, author, date) in GOLDEN {
        let a = article(&dir, prefix);
        assert_eq!(a.title, title, "{prefix} title");
        assert_eq!(a.source.as_deref(), source, "{prefix} outlet");
        assert_eq!(a.author.as_deref(), author, "{prefix} author");
        assert_eq!(
            a.date.map(|d| (d.label(), d.basis)),
            date.map(|(d, b)| (d.to_owned(), b)),
            "{prefix} date"
        );
    }
}

#[test]
fn reposts_keep_the_original_address_and_the_reposting_site() {
    let Some(dir) = corpus() else { return };
    let a = article(&dir, "dev_002_");
    assert_eq!(a.url.as_deref(), Some("https://gnews.org/zh-hans/2037494/"));
    // A 新唐人 page reposting a 大纪元 article says so on its last line.
    let a = article(&dir, "dev_069_");
    assert_eq!(
        (a.source.as_deref(), a.via.as_deref()),
        (Some("大纪元"), Some("新唐人"))
    );
}

/// Over the whole corpus: no title is navigation, every article has an outlet, nothing of
/// the mirrors' furniture is left in the body, and every dated page that states a year has
/// its date.
#[test]
fn no_navigation_titles_no_furniture_every_outlet() {
    let Some(dir) = corpus() else { return };
    let articles = all(&dir);
    assert!(articles.len() >= 120, "{} articles", articles.len());
    const FURNITURE: &[&str] = &[
        "返回首頁",
        ":house:",
        "轉載自GNews",
        "Privacy Policy",
        "ROL Foundation",
        "手机上长按",
        "翻墙必看",
        "网站代理",
        "一键翻墙",
        "Discord",
        "我们的标准",
        "仅代表作者",
    ];
    for a in &articles {
        assert!(
            !dossier_core::article::Article::default()
                .title
                .contains(':'),
            "sanity"
        );
        assert!(
            !a.title.contains(":house:") && !a.title.contains("返回首"),
            "{}: title {}",
            a.file,
            a.title
        );
        assert!(a.source.is_some(), "{}: no outlet", a.file);
        for t in a.texts() {
            for f in FURNITURE {
                assert!(!t.contains(f), "{}: {f:?} left in {t:?}", a.file);
            }
        }
    }
    let dated = articles.iter().filter(|a| a.date.is_some()).count();
    let stated = articles
        .iter()
        .filter(|a| {
            a.date
                .is_some_and(|d| !matches!(d.basis, DateBasis::Inferred | DateBasis::Pictures))
        })
        .count();
    eprintln!(
        "{} articles: {dated} dated, {stated} by a stated date",
        articles.len()
    );
    // Every page of the mirrors (051-114) states its date in a dateline, a timestamp or its
    // address.
    for a in &articles[50..114] {
        assert!(
            a.date
                .is_some_and(|d| !matches!(d.basis, DateBasis::Inferred | DateBasis::Pictures)),
            "{}: {:?}",
            a.file,
            a.date
        );
    }
}

#[test]
fn the_pictures_upload_month_dates_posts_that_state_no_date() {
    let Some(dir) = corpus() else { return };
    let dated = |prefix| {
        article(&dir, prefix)
            .date
            .map(|d| (d.label(), d.basis))
            .unwrap_or_else(|| panic!("{prefix}: no date"))
    };
    // The text's dates name other months (`7月1日`, a 2019 event): the pictures, uploaded
    // in the month of the post (the GNews ids agree), win.
    assert_eq!(dated("dev_009_"), ("2022-01".into(), DateBasis::Pictures));
    assert_eq!(dated("dev_026_"), ("2021-09".into(), DateBasis::Pictures));
    // The text's estimate falls inside the pictures' month: the day is kept.
    assert_eq!(
        dated("dev_030_"),
        ("2022-01-17".into(), DateBasis::Inferred)
    );
    // A channel logo uploaded earlier does not set the month: the latest picture does.
    assert_eq!(dated("dev_006_"), ("2022-02".into(), DateBasis::Pictures));
    // Every post of the mirror with an upload-folder picture is dated.
    let articles = all(&dir);
    let undated: Vec<&str> = articles
        .iter()
        .filter(|a| {
            a.date.is_none()
                && a.images
                    .iter()
                    .any(|i| i.src.as_deref().is_some_and(|s| s.contains("/uploads/20")))
        })
        .map(|a| a.file.as_str())
        .collect();
    assert_eq!(undated, Vec::<&str>::new());
}

/// The corpus folder's manifest is a table of its files: reported as one, not shown as an
/// article of 120 "paragraphs".
#[test]
fn the_manifest_is_a_table_not_an_article() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("MANIFEST.tsv")).unwrap();
    assert_eq!(
        parse("MANIFEST.tsv", &bytes),
        Err(dossier_core::parse::ParseError::Table(
            dossier_core::parse::TableKind::Tsv
        ))
    );
}

#[test]
fn a_metadata_line_inside_the_body_is_text_credits_at_the_foot_are_credits() {
    let Some(dir) = corpus() else { return };
    // A speech's `時間：二○一一年九月十一日` in the middle of a 2020 article: text, and not the
    // article's date (nor a warning that it is no date).
    let a = article(&dir, "dev_093_");
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2020-04-10".into(), DateBasis::Url))
    );
    assert!(a.texts().any(|t| t == "時間：二○一一年九月十一日"));
    assert!(
        a.warnings
            .iter()
            .all(|w| !w.to_string().contains("date line"))
    );
    // `作者：…` / `发布：…` after the last paragraph, with a stamp and promotions after them.
    let a = article(&dir, "dev_030_");
    assert_eq!(a.author.as_deref(), Some("洛杉矶盘古农场 — 十月"));
    let a = article(&dir, "dev_018_");
    assert!(
        a.texts()
            .all(|t| !t.starts_with("发布：") && !t.contains("请关注"))
    );
    // `作者：…` after a logo, before the first paragraph.
    let a = article(&dir, "dev_049_");
    assert_eq!(a.author.as_deref(), Some("紐約香草山 雲豹"));
    assert!(a.texts().all(|t| !t.starts_with("作者：")));
}
