//! The sharded index (issue 17) against the embedded one: the same collection built once,
//! searched through the index itself and through its shard files read on demand
//! (`dossier_core::shard`), and through its pack unpacked as the page unpacks it (per-character
//! sets instead of grams), must give identical results: hits, scores and order, how each term
//! was cut, facet counts over the whole result set, highlights, and the snippets of the top
//! hits. Over the seeds (the seed table, whose article sets are also checked), a synthetic
//! collection (`dossier-synth`) and the development corpus of real pages, with phrases, single
//! characters, filters, date ranges, exclusions, OR, exact mode and every sort.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use dossier_core::bundle::{Built, build};
use dossier_core::corpus::SourceFile;
use dossier_core::index::pack::{self, Unpacker};
use dossier_core::query::Query;
use dossier_core::search::{Options, Searcher, Sort};
use dossier_core::shard::{self, Files, Sharded};
use dossier_core::text::Dictionary;
use dossier_core::text::aliases::AliasTable;

#[path = "support/seed_table.rs"]
mod seed_table;

/// Queries besides the seed table: every kind of clause the language has.
const QUERIES: &[&str] = &[
    "普京",
    "北約",
    "烏克蘭",
    "NATO",
    "nato",
    "北约 东扩",
    "俄罗斯 乌克兰 美国",
    "\"书面回复\"",
    "「安全保障」",
    "\"nato said\"",
    "\"\"",
    "普京 -拜登",
    "美国 -俄罗斯",
    "北约 -\"书面回复\"",
    "布林肯 OR 拉夫罗夫",
    "普京 OR 泽伦斯基 OR 马克龙",
    "tag:北约",
    "source:观察者网",
    "tag:北约 source:观察者网",
    "person:普京",
    "place:乌克兰",
    "2022-01-20..2022-02-01",
    "普京 2022-01",
    "北约 2022-01-20..2022-02-01",
    "2021",
    "东扩",
    "向东扩张",
    "克里姆林宫",
    "俄",
    "的",
    "美",
    "哈哈",
    "美国和北约分别向俄罗斯递交了有关双边安全保障草案的书面回复",
    "普京表示愿意同西方继续通过谈判解决问题",
    "Pifer",
    "CNN",
    "xyzzy",
    "量子计算机",
    // Name variants and repeated words, the rarest clause last or in the middle; the same
    // within one term (cut into several words), and a term whose first word is nowhere.
    "普丁 泽连斯基",
    "川普 普丁 书面回复",
    "乌克兰 普京 乌克兰",
    "\"书面回复\" 普京",
    "北约 OR 欧盟 俄罗斯 xyzzy",
    "乌克兰普京乌克兰",
    "xyzzy普京泽连斯基",
    "普京xyzzy OR 北约",
    "",
];

fn dict() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jieba/dict.txt"))
        .expect("data/jieba/dict.txt is readable")
}

fn aliases() -> AliasTable {
    let curated =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/aliases.tsv"))
            .expect("data/aliases.tsv is readable");
    AliasTable::load(&curated, None).0
}

/// Every query of `queries` in every mode and sort, through the index and through its shards
/// (cut at `shard_bytes`), compared; returns the shards' reader for more checks.
fn compare(built: &Built, queries: &[&str], shard_bytes: usize) -> (Sharded, Files) {
    let mut fetch = Files::new(shard::write(
        &built.index,
        &built.dictionary,
        &built.failures,
        &shard::Options {
            shard_bytes,
            text_bytes: shard_bytes / 2,
            ..shard::Options::default()
        },
    ));
    let mut sharded = Sharded::open(&mut fetch).expect("the files written read");
    assert_eq!(sharded.failures(), built.failures.as_slice());
    let index = &built.index;
    // The page's index: the pack unpacked with per-character sets instead of grams.
    let (chars, _) = Unpacker::new(&pack::pack(index, &built.failures))
        .and_then(|u| u.finish(&Dictionary::Words(&built.dictionary)))
        .expect("the pack reads");
    assert!(index.has_grams() && !chars.has_grams());
    for q in queries {
        for (exact, sort) in [
            (false, Sort::Relevance),
            (false, Sort::Newest),
            (true, Sort::Relevance),
            (true, Sort::Oldest),
        ] {
            let opts = Options {
                exact,
                sort,
                ..Options::default()
            };
            let query = Query::parse(q);
            let want = Searcher::new(index).search(&query, &opts);
            // Scoring later words only in the documents of earlier ones changes nothing.
            assert_eq!(
                Searcher::unnarrowed(index).search(&query, &opts),
                want,
                "{q:?} exact={exact} {sort:?}: every word scored everywhere"
            );
            let got = sharded.search(&mut fetch, &query, &opts).unwrap();
            assert_eq!(got, want, "{q:?} exact={exact} {sort:?}");
            let scanned = Searcher::new(&chars).search(&query, &opts);
            assert_eq!(
                scanned, want,
                "{q:?} exact={exact} {sort:?}: character sets"
            );
            if sort == Sort::Relevance {
                for h in want.hits.iter().take(20) {
                    let snippets = sharded
                        .snippets(&mut fetch, h.doc, &want.needles, 3, 100)
                        .unwrap();
                    assert_eq!(
                        snippets,
                        Searcher::new(index).snippets(h.doc, &want.needles, 3, 100),
                        "{q:?}: snippets of {}",
                        h.doc
                    );
                }
            }
        }
    }
    (sharded, fetch)
}

#[test]
fn seeds_sharded_answer_as_embedded() {
    let files = dossier::embedded::files();
    let mut queries: Vec<&str> = seed_table::TABLE.iter().map(|(q, _)| *q).collect();
    queries.extend(QUERIES);
    // With the name variants, as the app is built…
    compare(&build(&files, &dict(), &aliases()).unwrap(), &queries, 1024);
    // …and without, as the seed table pins the engine (see `dossier::build_index`).
    let built = build(&files, &dict(), &AliasTable::default()).unwrap();
    let (mut sharded, mut fetch) = compare(&built, &queries, 1024);
    // The seed table's article sets, through the shards.
    for (q, want) in seed_table::TABLE {
        let r = sharded
            .search(&mut fetch, &Query::parse(q), &Options::default())
            .unwrap();
        let mut got: Vec<&str> = r
            .hits
            .iter()
            .map(|h| &sharded.index().articles()[h.doc].file[..3])
            .collect();
        got.sort();
        assert_eq!(got, *want, "{q}");
    }
}

#[test]
fn synthetic_sharded_answers_as_embedded() {
    let files: Vec<SourceFile> = dossier_synth::generate(&dossier::embedded::files(), 300, 17)
        .into_iter()
        .map(|(path, bytes)| SourceFile::new(path, bytes))
        .collect();
    let built = build(&files, &dict(), &aliases()).unwrap();
    assert_eq!(built.index.len(), 300);
    let (sharded, fetch) = compare(&built, QUERIES, 8 * 1024);
    assert!(sharded.count(shard::Kind::Terms) > 10);
    assert!(fetch.fetched_files > 10);
}

/// The development corpus of real mirror and repost pages (`../shared/corpus/`, beside the
/// repository; skipped, with a note, where it is absent): simplified and traditional text,
/// several outlets' page shapes. Besides the fixed queries, each article's own title as a
/// query (many words), its first four characters as a phrase, and its outlet as a filter.
#[test]
fn corpus_sharded_answers_as_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    // The articles only, not the corpus's README and manifest.
    let mut files = dossier_core::corpus::read_dir(&dir).unwrap();
    files.retain(|f| f.file_name().starts_with("dev_"));
    let built = build(&files, &dict(), &aliases()).unwrap();
    assert!(built.index.len() > 100, "{} articles", built.index.len());
    let mut derived: Vec<String> = Vec::new();
    for a in built.index.articles().iter().step_by(6) {
        derived.push(a.title.clone());
        let head: String = a
            .title
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(4)
            .collect();
        if head.chars().count() == 4 && !head.contains('"') {
            derived.push(format!("\"{head}\""));
        }
        if let Some(source) = &a.source
            && !source.contains(char::is_whitespace)
        {
            derived.push(format!("source:{source}"));
        }
    }
    assert!(derived.len() > 40, "{} derived queries", derived.len());
    let mut queries: Vec<&str> = QUERIES.to_vec();
    queries.extend(derived.iter().map(String::as_str));
    let (mut sharded, mut fetch) = compare(&built, &queries, 8 * 1024);
    assert!(sharded.count(shard::Kind::Terms) > 10);
    assert!(fetch.fetched_files > 10);
    // Not equal by both finding nothing: an article's title finds it, its phrase too.
    for (doc, a) in built.index.articles().iter().enumerate().step_by(6) {
        if a.title.contains('"') {
            continue;
        }
        for q in [a.title.clone(), format!("\"{}\"", a.title)] {
            let r = sharded
                .search(&mut fetch, &Query::parse(&q), &Options::default())
                .unwrap();
            assert!(
                r.hits.iter().any(|h| h.doc == doc),
                "{q:?} finds {}",
                a.file
            );
        }
    }
}
