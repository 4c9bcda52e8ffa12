//! The command-line tool, run in-process: `inspect` over the seed collection.
#![cfg(not(target_arch = "wasm32"))]

use dossier_cli::run;
use serde_json::Value;

fn inspect(args: &[&str]) -> (i32, String) {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let mut out = Vec::new();
    let code = run(&args, &mut out);
    (code, String::from_utf8(out).expect("output is UTF-8"))
}

fn articles_dir() -> String {
    format!("{}/../../articles", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn inspect_json_text_adds_the_body_in_reading_order() {
    let (code, out) = inspect(&["inspect", &articles_dir(), "--json", "--text"]);
    assert_eq!(code, 0, "inspect --json --text exit code");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let first = &v.as_array().expect("a JSON array")[0];
    let text = first["text"].as_array().expect("text is an array");
    let paragraphs = first["paragraphs"].as_u64().expect("a count");
    assert!(
        text.len() as u64 >= paragraphs,
        "paragraphs and subheadings"
    );
    assert!(
        text[0]
            .as_str()
            .expect("strings")
            .starts_with("1月26日,美国和北约分别向俄罗斯递交了"),
        "the first paragraph first"
    );
    let (code, out) = inspect(&["inspect", &articles_dir(), "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert!(v[0].get("text").is_none(), "no text without --text");
}

#[test]
fn inspect_json_has_one_object_per_file_with_every_key() {
    let (code, out) = inspect(&["inspect", &articles_dir(), "--json"]);
    assert_eq!(code, 0, "inspect --json exit code");
    let v: Value = serde_json::from_str(&out).expect("inspect --json prints JSON");
    let files = v.as_array().expect("a JSON array");
    assert_eq!(files.len(), 5, "one object per seed file");
    let names: Vec<&str> = files
        .iter()
        .map(|f| f["file"].as_str().expect("file is a string"))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "objects sorted by path");
    const KEYS: [&str; 17] = [
        "file",
        "title",
        "title_derived",
        "date",
        "date_basis",
        "source",
        "via",
        "author",
        "tags",
        "categories",
        "url",
        "paragraphs",
        "images",
        "events",
        "related_headlines",
        "warnings",
        "error",
    ];
    for f in files {
        let obj = f.as_object().expect("an object per file");
        for k in KEYS {
            assert!(obj.contains_key(k), "{}: key {k} missing", f["file"]);
        }
        assert_eq!(
            obj.len(),
            KEYS.len(),
            "{}: exactly the documented keys",
            f["file"]
        );
        assert!(f["error"].is_null(), "{}: seeds parse", f["file"]);
        let date = f["date"].as_str().expect("seed dates are known");
        assert!(
            dossier_core::date::Day::parse_iso(date).is_some(),
            "date is YYYY-MM-DD: {date}"
        );
        assert!(f["paragraphs"].as_u64().is_some_and(|n| n > 0));
        for e in f["events"].as_array().expect("events array") {
            assert!(
                ["day", "month", "year"].contains(&e["precision"].as_str().expect("precision"))
            );
            assert!(e["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
        for i in f["images"].as_array().expect("images array") {
            assert!(i.get("src").is_some() && i.get("caption").is_some());
        }
    }
    assert_eq!(files[0]["title"], "美国北约书面回应:拒绝俄罗斯所划“红线”");
    assert_eq!(files[0]["date_basis"], "metadata");
    assert!(
        files[0]["related_headlines"]
            .as_array()
            .is_some_and(|r| r.len() > 40)
    );
    assert_eq!(files[1]["title_derived"], true);
    assert_eq!(
        files[3]["url"],
        "https://www.epochtimes.com/gb/22/1/27/n13533598.htm"
    );
}

#[test]
fn inspect_human_table_ends_with_a_summary() {
    let (code, out) = inspect(&["inspect", &articles_dir()]);
    assert_eq!(code, 0);
    assert!(out.contains("  outlet     观察者网"), "{out}");
    assert!(
        out.trim_end().ends_with("5 files: 5 parsed, 0 failed"),
        "{out}"
    );
}

#[test]
fn inspect_reports_broken_files_without_failing() {
    let dir = format!("{}/../../tests/fixtures/broken", env!("CARGO_MANIFEST_DIR"));
    let (code, out) = inspect(&["inspect", &dir, "--json"]);
    assert_eq!(code, 0, "broken files are not a usage error");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let empty = v
        .as_array()
        .and_then(|a| a.iter().find(|f| f["file"] == "empty.txt"))
        .expect("empty.txt listed");
    assert!(empty["error"].as_str().is_some_and(|e| e.contains("empty")));
    assert!(empty["title"].is_null());
}

#[test]
fn usage_errors_exit_non_zero() {
    assert_eq!(inspect(&["inspect", "--bogus"]).0, 2);
    assert_eq!(inspect(&["inspect", "a", "b"]).0, 2);
    assert_eq!(inspect(&["inspect", "/no/such/dir"]).0, 2);
    assert_eq!(inspect(&["frobnicate"]).0, 2);
    assert_eq!(inspect(&[]).0, 2);
}

#[test]
fn search_json_lists_ranked_hits_with_snippets() {
    let (code, out) = inspect(&["search", &articles_dir(), "\"书面回复\" -大纪元", "--json"]);
    assert_eq!(code, 0, "search exit code");
    let v: Value = serde_json::from_str(&out).expect("search --json prints JSON");
    let hits = v.as_array().expect("a JSON array");
    let mut files: Vec<&str> = hits
        .iter()
        .map(|h| &h["file"].as_str().expect("file")[..3])
        .collect();
    files.sort();
    assert_eq!(files, ["000", "001", "002"]);
    let scores: Vec<f64> = hits
        .iter()
        .map(|h| h["score"].as_f64().expect("score"))
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
    for h in hits {
        assert!(h["title"].is_string() && h["date"].is_string(), "{h}");
        let snippets = h["snippets"].as_array().expect("snippets");
        assert!(!snippets.is_empty() && snippets.len() <= 3, "{h}");
    }
}

#[test]
fn search_takes_a_query_starting_with_a_dash_and_rejects_bad_flags() {
    let (code, out) = inspect(&["search", &articles_dir(), "-大纪元"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("4 articles"), "everything but 003: {out}");
    assert_eq!(inspect(&["search", "--sort", "sideways", "x"]).0, 2);
    assert_eq!(inspect(&["search"]).0, 2);
}

#[test]
fn every_command_has_help_and_help_is_not_a_query() {
    for cmd in ["list", "inspect", "search", "facets", "stories"] {
        let (code, out) = inspect(&[cmd, "--help"]);
        assert_eq!(code, 0, "{cmd} --help");
        assert!(
            out.contains(&format!("Usage: dossier {cmd}")),
            "{cmd}: {out}"
        );
    }
    let (code, out) = inspect(&["search", "--help"]);
    assert_eq!(code, 0);
    assert!(!out.contains("(segmented:"), "--help searched: {out}");
    assert!(
        out.contains("--limit <N>") && out.contains("[default: 20]"),
        "{out}"
    );
    let (code, out) = inspect(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("facets"), "{out}");
}

#[test]
fn unknown_flags_and_bad_values_are_usage_errors() {
    let dir = articles_dir();
    for args in [
        &["search", &dir, "北约", "--bogus"][..],
        &["search", &dir, "--bogus", "北约"],
        &["search", &dir, "北约", "-x"],
        &["search", &dir, "北约", "--limit", "many"],
        &["search", &dir, "北约", "extra"],
        &["list", "--json"],
        &["facets", &dir, "--top"],
        &["facets", &dir, "--bogus"],
    ] {
        assert_eq!(inspect(args).0, 2, "{args:?}");
    }
}

#[test]
fn search_takes_flags_after_a_query_starting_with_a_dash() {
    let (code, out) = inspect(&[
        "search",
        &articles_dir(),
        "-大纪元",
        "--json",
        "--limit",
        "2",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("--json after the query is a flag");
    assert_eq!(v.as_array().map(Vec::len), Some(2), "--limit 2");
    // After "--" anything is the query: -NATO excludes 004, the one article saying NATO.
    let (code, out) = inspect(&["search", &articles_dir(), "--", "-NATO"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("4 articles for \"-NATO\""), "{out}");
}

#[test]
fn search_says_when_the_limit_cuts_the_list() {
    let (code, out) = inspect(&["search", &articles_dir(), "北约", "--limit", "2"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("5 articles for \"北约\"")
            && out.lines().next().unwrap().contains("the first 2 shown"),
        "{out}"
    );
    assert_eq!(out.matches("  [0").count(), 2, "two hits printed: {out}");
    let (_, all) = inspect(&["search", &articles_dir(), "北约", "--limit", "100"]);
    assert_eq!(all.matches("  [0").count(), 5, "{all}");
    assert!(!all.contains("shown"), "{all}");
}

#[test]
fn facets_prints_the_top_values_of_each_facet() {
    let (code, out) = inspect(&["facets", &articles_dir(), "--top", "2"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("5 articles\n"), "{out}");
    let groups: Vec<&str> = out.split("\n\n").skip(1).collect();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "tag", "source", "author", "person", "place", "org", "keyword", "month"
        ]
    );
    for g in &groups {
        assert!(g.trim_end().lines().count() <= 3, "at most 2 values: {g}");
    }
    let source = groups[1];
    assert!(source.starts_with("source (3 values)"), "{source}");
    assert!(
        source.contains("      2  观察者网"),
        "most frequent first: {source}"
    );
    let (_, all) = inspect(&["facets", &articles_dir(), "--top", "0"]);
    assert!(all.contains("      1  新京报"), "{all}");
}

#[test]
fn stories_lists_the_groups_of_reposts_with_their_similarity() {
    let dir = format!("{}/../../tests/fixtures/dups", env!("CARGO_MANIFEST_DIR"));
    let (code, out) = inspect(&["stories", &dir, "--json"]);
    assert_eq!(code, 0, "{out}");
    let groups: Value = serde_json::from_str(&out).expect("JSON");
    let groups = groups.as_array().unwrap();
    assert_eq!(groups.len(), 1, "{out}");
    assert_eq!(groups[0]["representative"], "000_original.txt");
    let members = groups[0]["articles"].as_array().unwrap();
    let files: Vec<&str> = members
        .iter()
        .map(|m| m["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "000_original.txt",
            "020_trimmed_copy.txt",
            "010_repost_new_header.md"
        ]
    );
    assert_eq!(members[0]["similarity"], 1.0);
    assert!(
        members
            .iter()
            .all(|m| m["similarity"].as_f64().unwrap() >= 0.8)
    );
    let (code, out) = inspect(&["stories", &dir]);
    assert_eq!(code, 0);
    assert!(out.starts_with("5 articles, 3 in 1 groups"), "{out}");
    assert!(out.contains("[010_repost_new_header.md]"), "{out}");
    let (code, out) = inspect(&["stories", &articles_dir()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("5 articles, 0 in 0 groups"), "{out}");
}

#[test]
fn search_expands_name_variants_and_reads_the_collections_aliases() {
    let dir = std::env::temp_dir().join(format!("dossier-cli-aliases-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write("a.txt", "普京讲话\n\n俄罗斯总统普京周二发表讲话。");
    write("b.txt", "普丁講話\n\n俄羅斯總統普丁週二發表講話。");
    write("c.txt", "老普讲话\n\n老普周二发表讲话。");
    write("aliases.tsv", "person\t普京\t老普\n");
    let d = dir.to_string_lossy().into_owned();
    let (code, out) = inspect(&["list", &d]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with("3 files\n"),
        "aliases.tsv is no article: {out}"
    );
    // The collection's line joins the curated one of 普京.
    let (code, out) = inspect(&["search", &d, "老普"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("3 articles for \"老普\" (segmented: 老普; also searched: 普京 普丁)"),
        "{out}"
    );
    let (_, out) = inspect(&["search", &d, "\"老普\""]);
    assert!(out.starts_with("1 articles for"), "{out}");
    let (_, out) = inspect(&["facets", &d, "--top", "0"]);
    assert!(out.contains("      3  普京"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_finds_every_spelling_with_the_curated_table() {
    let dir = std::env::temp_dir().join(format!("dossier-cli-curated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "普京讲话\n\n俄罗斯总统普京周二发表讲话。",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "普丁講話\n\n俄羅斯總統普丁週二發表講話。",
    )
    .unwrap();
    let d = dir.to_string_lossy().into_owned();
    let (code, out) = inspect(&["search", &d, "普京"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("2 articles for \"普京\" (segmented: 普京; also searched: 普丁)"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn shard_writes_files_the_reader_searches_and_the_same_files_again() {
    use dossier_core::query::Query;
    use dossier_core::search::Options;
    use dossier_core::shard::{Dir, MANIFEST, Sharded};
    let to = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("shard-seeds");
    let _ = std::fs::remove_dir_all(&to);
    let to_s = to.to_str().unwrap();
    let dir_arg = articles_dir();
    let write = || inspect(&["shard", &dir_arg, "--out", to_s, "--shard-bytes", "4096"]);
    let (code, out) = write();
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("5 articles (0 failed)"), "{out}");
    assert!(out.contains("total"), "{out}");
    let names = |dir: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    let first = names(&to);
    assert!(first.contains(&MANIFEST.to_owned()));
    let mut dir = Dir(to.clone());
    let mut sharded = Sharded::open(&mut dir).unwrap();
    let r = sharded
        .search(&mut dir, &Query::parse("布林肯"), &Options::default())
        .unwrap();
    assert_eq!(r.hits.len(), 3);
    // Deterministic: the same collection writes the same names.
    std::fs::remove_dir_all(&to).unwrap();
    let (code, _) = write();
    assert_eq!(code, 0);
    assert_eq!(names(&to), first);
}
