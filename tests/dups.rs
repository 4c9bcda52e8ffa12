//! Re-posts and near-duplicates (`dossier_core::index::dups`) on made-up files made from the
//! seeds (`tests/fixtures/dups/`): a re-post with a new header (front matter, a repost line
//! and an editor's line) and a copy without its last paragraphs and its timeline are grouped
//! with the original; two other reports of the same week on the same written reply are not.
//! And a property: an article with junk lines added groups with itself, different articles
//! of the synthetic collection never do.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use dossier_core::article::{Article, Block};
use dossier_core::index::{Field, Index, dups};
use dossier_core::text::Dictionary;

fn collection(dir: &Path) -> Vec<Article> {
    let files = dossier_core::corpus::read_dir(dir).expect("the fixtures are readable");
    let c = dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
    assert!(c.failures.is_empty(), "{:?}", c.failures);
    c.articles
}

fn files(index: &Index, members: &[u32]) -> Vec<String> {
    members
        .iter()
        .map(|&d| index.articles()[d as usize].file_name().to_owned())
        .collect()
}

#[test]
fn reposts_and_trimmed_copies_group_other_reports_do_not() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dups");
    let index = Index::build(collection(&dir), &Dictionary::Default).unwrap();
    let groups = index.groups().lists();
    assert_eq!(groups.len(), 1, "{groups:?}");
    // The original is dated 01-27 (completed to 2022), the re-post 2022-01-28; the trimmed
    // copy has the original's date line: a tie, broken by file.
    assert_eq!(
        files(&index, &groups[0]),
        [
            "000_original.txt",
            "020_trimmed_copy.txt",
            "010_repost_new_header.md"
        ]
    );
    let body = |d: u32| index.docs()[d as usize].folded()[Field::Body as usize].as_str();
    for &d in &groups[0][1..] {
        let s = dups::similarity(body(groups[0][0]), body(d));
        assert!(s >= dups::THRESHOLD, "{s}");
    }
    // Same topic, same days, many shared phrases: far from one text.
    let doc = |name: &str| {
        (0..index.len() as u32)
            .find(|&d| index.articles()[d as usize].file_name() == name)
            .unwrap()
    };
    for other in ["030_same_topic_leak.txt", "040_same_topic_reply.txt"] {
        assert_eq!(index.groups().of(doc(other) as usize), None, "{other}");
        let s = dups::similarity(body(doc("000_original.txt")), body(doc(other)));
        assert!(s < 0.2, "{other}: {s}");
    }
}

#[test]
fn the_export_names_each_copys_story() {
    use dossier_core::export;
    use dossier_core::query::Query;
    use dossier_core::search::{Options, Searcher};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dups");
    let index = Index::build(collection(&dir), &Dictionary::Default).unwrap();
    let results = Searcher::new(&index).search(&Query::parse(""), &Options::default());
    let rows = export::rows(&index, &results);
    assert_eq!(rows.len(), index.len(), "every article, not one per story");
    let lead = index.articles()[index.groups().lists()[0][0] as usize]
        .file
        .clone();
    for r in &rows {
        let copy = [
            "000_original.txt",
            "020_trimmed_copy.txt",
            "010_repost_new_header.md",
        ]
        .iter()
        .any(|f| r.file.ends_with(f));
        assert_eq!(
            r.story,
            if copy { lead.clone() } else { String::new() },
            "{}",
            r.file
        );
    }
    let csv = export::to_csv(&rows);
    assert_eq!(csv.matches(&format!(",{lead}\r\n")).count(), 3);
}

#[test]
fn the_seeds_have_no_reposts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let index = Index::build(collection(&dir), &Dictionary::Default).unwrap();
    assert!(index.groups().is_empty(), "{:?}", index.groups().lists());
}

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// A line of junk: sharing prompts, a stray address, random characters.
fn junk(rng: &mut Rng) -> String {
    const LINES: [&str; 5] = [
        "点击关注，获取更多资讯",
        "https://example.org/a/b?c=1",
        "【免责声明】本文仅代表作者观点",
        "扫码下载App，第一时间看新闻",
        "责任编辑：某某",
    ];
    if rng.below(3) == 0 {
        (0..rng.below(12) + 1)
            .map(|_| char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap_or('中'))
            .collect()
    } else {
        LINES[rng.below(LINES.len())].to_owned()
    }
}

#[test]
fn an_article_with_junk_lines_groups_with_itself_different_articles_do_not() {
    let seeds =
        dossier_core::corpus::read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"))
            .expect("the seeds are readable");
    let files = dossier_synth::generate(&seeds, 60, 7);
    let mut articles =
        dossier_core::parse::parse_all(files.iter().map(|(p, b)| (p.as_str(), &b[..]))).articles;
    let originals = articles.len();
    let mut rng = Rng(0x5EED);
    // A copy of every third article, with up to three junk lines at random places.
    for i in (0..originals).step_by(3) {
        let mut copy = articles[i].clone();
        copy.file = format!("{}.copy", copy.file);
        for _ in 0..rng.below(3) + 1 {
            let at = rng.below(copy.blocks.len() + 1);
            copy.blocks.insert(at, Block::Paragraph(junk(&mut rng)));
        }
        articles.push(copy);
    }
    let bodies: Vec<String> = articles
        .iter()
        .map(|a| dossier_core::text::fold(&a.texts().collect::<Vec<_>>().join("\n")))
        .collect();
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let pairs = dups::find(&refs);
    for p in &pairs {
        let (a, b) = (p.a as usize, p.b as usize);
        // Only an article and its copy; never two different articles.
        assert!(
            b >= originals && articles[b].file == format!("{}.copy", articles[a].file),
            "{} and {} grouped at {}",
            articles[a].file,
            articles[b].file,
            p.similarity
        );
    }
    for (k, i) in (0..originals).step_by(3).enumerate() {
        if dups::shingles(&bodies[i]).len() < dups::MIN_SHINGLES {
            continue;
        }
        let copy = (originals + k) as u32;
        assert!(
            pairs.iter().any(|p| p.a == i as u32 && p.b == copy),
            "{} not grouped with its copy",
            articles[i].file
        );
    }
}
