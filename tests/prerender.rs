//! The prerendered first view (`dossier::ui::prerender`): what `dossier-prerender` puts into
//! index.html. It is the explorer's default view of the embedded collection, the same on
//! every run, with no live markup; `tests/e2e/prerender.test.mjs` checks the built file and
//! that the page hydrates it.

use std::rc::Rc;

use dossier::ui::prerender::{escape, first_view, inject, prerender, summary};

use dossier::ui::{Action, Early, Library};
use dossier_core::index::Facet;
use dossier_core::search::Sort;

fn library() -> Rc<Library> {
    Rc::new(Library::unpack_all(dossier::pack()).expect("the embedded pack unpacks"))
}

/// A page like the one trunk writes.
const PAGE: &str = "<!doctype html><html><head><title>dossier · 新闻档案</title>\
    <script type=\"module\" src=\"./boot.js?js=a.js&amp;wasm=a.wasm\"></script></head>\
    <body><noscript>x</noscript>\n<div id=\"root\"><p class=\"boot\" id=\"boot\">正在加载文章…</p></div>\n</body></html>";

#[test]
fn the_first_view_is_deterministic() {
    // Two libraries, two renders: hash maps seeded differently would show here.
    let a = first_view(library());
    let b = first_view(library());
    assert_eq!(a, b);
    assert_eq!(prerender(PAGE).unwrap(), prerender(PAGE).unwrap());
}

#[test]
fn the_first_view_lists_the_newest_articles_with_facets_timeline_and_counts() {
    let lib = library();
    let html = first_view(lib.clone());
    // Hydration markers are there (yew's comments around each component).
    assert!(html.starts_with("<!--<[dossier::ui::explorer::Explorer]>-->"));
    assert!(html.contains("data-testid=\"search-input\""));
    assert!(html.contains("data-testid=\"search-starting\""));
    assert!(
        !html.contains("data-ready"),
        "not ready before the app runs"
    );
    assert!(html.contains("5 篇文章"));
    assert!(html.contains("data-testid=\"facet-option\""));
    assert!(html.contains("data-testid=\"timeline-bucket\""));
    // Every title, newest first (empty query: newest first).
    let index = lib.index();
    let mut articles: Vec<_> = index.articles().iter().collect();
    articles.sort_by_key(|a| std::cmp::Reverse(a.date.map(|d| d.day)));
    let at: Vec<usize> = articles
        .iter()
        .map(|a| {
            html.find(&escape(&a.title))
                .unwrap_or_else(|| panic!("{} listed", a.title))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "newest first: {at:?}");
}

#[test]
fn the_page_gets_the_view_title_and_description() {
    let page = prerender(PAGE).unwrap();
    let root = page.find("<div id=\"root\">").unwrap();
    let script = page.find("<script").unwrap();
    assert!(script < root, "the only script is the loader in <head>");
    assert_eq!(page.matches("<script").count(), 1);
    assert!(
        !page.contains("正在加载文章"),
        "the loading line is replaced"
    );
    assert!(page.contains("<title>dossier · 新闻档案：5 篇文章，"));
    assert!(page.contains("<meta name=\"description\" content=\"5 篇中文新闻报道的档案"));
    let (title, description) = summary(&library());
    assert!(title.contains("2022-"), "{title}");
    assert!(description.contains("观察者网"), "{description}");
    // The form controls come as templates, which boot.js puts in place (defer_controls).
    for id in [
        "search-input",
        "exact-toggle",
        "sort-select",
        "import-input",
    ] {
        let at = page.find(&format!("data-testid=\"{id}\"")).unwrap();
        let tag = page[..at].rfind('<').unwrap();
        assert!(page[..tag].ends_with("<template data-late>"), "{id}");
    }
    for control in ["<input", "<select"] {
        for (at, _) in page.match_indices(control) {
            assert!(
                page[..at].ends_with("<template data-late>"),
                "{control} at {at}"
            );
        }
    }
    // Once only: a second run finds the root filled.
    assert!(inject(&page, "<p>x</p>", "t", "d").is_err());
}

#[test]
fn injected_head_text_is_escaped() {
    let page = inject(
        PAGE,
        "<div>view</div>",
        "<script>a</script>",
        "\"><img src=x>",
    )
    .unwrap();
    assert!(page.contains("<title>&lt;script&gt;a&lt;/script&gt;</title>"));
    assert!(page.contains("content=\"&quot;&gt;&lt;img src=x&gt;\""));
    assert!(inject("<html><body></body></html>", "", "t", "d").is_err());
}

#[test]
fn early_input_is_read_as_boot_js_records_it() {
    let day = |y, m, d| dossier_core::date::Day::new(y, m, d).unwrap();
    let records = [
        "source\u{1f}观察者网",
        "tag\u{1f}北约",
        "bogus\u{1f}x",
        "nounit",
        "sort\u{1f}oldest",
        "sort\u{1f}best",
        "exact\u{1f}1",
        "exact\u{1f}0",
        "date\u{1f}2022-01-20..2022-02-01",
        "date\u{1f}2022-01",
        "date\u{1f}..2022-02-01",
        "date\u{1f}garbage",
    ];
    assert_eq!(
        Early::parse(&records.join("\u{1e}")),
        vec![
            Action::Toggle(Facet::Source, "观察者网".to_owned()),
            Action::Toggle(Facet::Tag, "北约".to_owned()),
            Action::Sort(Sort::Oldest),
            Action::Exact(true),
            Action::Exact(false),
            Action::Range(day(2022, 1, 20), day(2022, 2, 1)),
            Action::Range(day(2022, 1, 1), day(2022, 1, 31)),
        ]
    );
    assert_eq!(Early::parse(""), vec![]);
}

/// The seeds written as shards, as `scripts/build --sharded` writes them (`dossier shard`):
/// indexed with the curated name variants, as build.rs indexes the embedded pack.
fn seed_shards() -> dossier_core::shard::Files {
    use std::path::Path;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("readable");
    let aliases = dossier_core::text::aliases::AliasTable::load(&read("data/aliases.tsv"), None).0;
    let files = dossier_core::corpus::read_dir(&root.join("articles")).expect("articles/");
    let built = dossier_core::bundle::build(&files, &read("data/jieba/dict.txt"), &aliases)
        .expect("the seeds build");
    dossier_core::shard::Files::new(dossier_core::shard::write(
        &built.index,
        &built.dictionary,
        &built.failures,
        &dossier_core::shard::Options::default(),
    ))
}

#[test]
fn a_sharded_collection_prerenders_the_same_view_and_preloads_what_it_read() {
    use dossier::ui::prerender::prerender_sharded;
    let mut files = seed_shards();
    let sharded = prerender_sharded(PAGE, &mut files).expect("the shards prerender");
    let embedded = prerender(PAGE).unwrap();
    // The preload links go last in <head>, in a template boot.js opens once the view has
    // painted; the rest is the embedded page.
    const OPEN: &str = "<template data-preload>";
    const CLOSE: &str = "\n  </template>\n  ";
    let start = sharded.find(OPEN).expect("a template of preloads");
    let end = start + sharded[start..].find(CLOSE).expect("closed") + CLOSE.len();
    let mut without = sharded.clone();
    without.replace_range(start..end, "");
    assert_eq!(
        without, embedded,
        "the same first view as the embedded pack's"
    );
    // Last in <head>, after everything the first paint and hydration need (the stylesheet, the
    // script that starts the page, the app's own files).
    assert!(
        sharded[end..].starts_with("</head>"),
        "the template ends the head"
    );
    let inside = &sharded[start + OPEN.len()..end - CLOSE.len()];
    let links: Vec<&str> = inside.split("\n    ").filter(|l| !l.is_empty()).collect();
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("<link rel=\"preload\"") && l.ends_with("/>"))
    );
    // The manifest, the catalogue, the dictionary and the snippets' texts: exactly the files
    // the view read, each once, each an existing file.
    let hrefs: Vec<&str> = links
        .iter()
        .map(|l| {
            l.split("href=\"shards/")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(hrefs[0], "manifest.bin");
    assert!(hrefs[1].starts_with("catalogue.") && hrefs[2].starts_with("dictionary."));
    assert!(
        hrefs[3..].iter().any(|h| h.starts_with("texts-")),
        "{hrefs:?}"
    );
    for h in &hrefs {
        assert!(files.files.contains_key(*h), "{h} exists");
        assert_eq!(hrefs.iter().filter(|x| x == &h).count(), 1, "{h} once");
    }
    assert!(
        links
            .iter()
            .all(|l| l.contains("as=\"fetch\" crossorigin=\"anonymous\" data-shard"))
    );
}
