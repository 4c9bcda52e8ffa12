//! Export of results on the seed collection: golden CSV and JSON of one query
//! (`tests/fixtures/export/us-sanctions.*`, the query `美国 制裁`), and that the export holds exactly the results, in order; the
//! programmatic interface (`dossier_core::api`, `window.dossier`) gives the page's results.
//! `DOSSIER_BLESS=1 cargo test --test export_seeds` rewrites the golden files.
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::export;
use dossier_core::index::Index;
use dossier_core::query::Query;
use dossier_core::search::{Options, Results, Searcher};

fn index() -> Index {
    let files = dossier::embedded::files();
    dossier::build_index(
        dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes))).articles,
    )
}

fn search(idx: &Index, q: &str) -> Results {
    Searcher::new(idx).search(&Query::parse(q), &Options::default())
}

fn golden(name: &str, got: &str) {
    let path = format!(
        "{}/tests/fixtures/export/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        got == want,
        "{name} differs from the golden file (DOSSIER_BLESS=1 rewrites it):\n{got}"
    );
}

#[test]
fn golden_csv_and_json_of_a_query() {
    let idx = index();
    let rows = export::rows(&idx, &search(&idx, "美国 制裁"));
    assert_eq!(rows.len(), 3);
    golden("us-sanctions.csv", &export::to_csv(&rows));
    golden("us-sanctions.json", &export::to_json(&rows));
}

#[test]
fn the_export_holds_every_result_in_order() {
    let idx = index();
    for q in ["", "普京", "北約", "\"书面回复\" -大纪元"] {
        let results = search(&idx, q);
        let rows = export::rows(&idx, &results);
        let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
        let want: Vec<&str> = results
            .hits
            .iter()
            .map(|h| idx.articles()[h.doc].file.as_str())
            .collect();
        assert_eq!(files, want, "{q}");
        let csv = export::to_csv(&rows);
        assert!(csv.starts_with('\u{feff}'));
        // A header and one record per result: records end with CRLF, and every line break
        // inside a cell is quoted (the parser keeps none in titles; snippets are one block).
        assert_eq!(csv.matches("\r\n").count(), 1 + rows.len(), "{q}");
        let json = export::to_json(&rows);
        assert_eq!(json.matches("\n  {\"rank\": ").count(), rows.len(), "{q}");
    }
}

#[test]
fn the_api_searches_as_the_page_does() {
    use dossier_core::api::{self, SearchOptions};
    let idx = index();
    let all = api::search(&idx, "普京", &SearchOptions::default()).unwrap();
    let page = search(&idx, "普京");
    assert_eq!(all.count, page.hits.len());
    assert_eq!(all.results, export::rows(&idx, &page));
    // Options: the order, a limit (the count stays), filters and a date range.
    let mut o = SearchOptions {
        sort: Some("oldest".into()),
        limit: Some(2),
        ..SearchOptions::default()
    };
    let oldest = api::search(&idx, "普京", &o).unwrap();
    assert_eq!(oldest.count, all.count);
    assert_eq!(oldest.results.len(), 2);
    assert!(oldest.results[0].date <= oldest.results[1].date);
    o.limit = None;
    o.filters.insert("source".into(), vec!["观察者网".into()]);
    let filtered = api::search(&idx, "普京", &o).unwrap();
    assert!(filtered.count > 0 && filtered.count < all.count);
    assert!(filtered.results.iter().all(|r| r.outlet == "观察者网"));
    o.filters.clear();
    o.date = Some("2022-02".into());
    let feb = api::search(&idx, "普京", &o).unwrap();
    assert!(feb.results.iter().all(|r| r.date.starts_with("2022-02")));
    // Facets count the results; an article by its file.
    let facets = api::facets(&idx, "普京", &SearchOptions::default()).unwrap();
    let months: usize = facets["month"].iter().map(|v| v.count).sum();
    assert!(months > 0 && months <= all.count);
    assert!(facets.contains_key("tag") && facets.contains_key("person"));
    let first = &all.results[0].file;
    let a = api::article(&idx, first).unwrap();
    assert_eq!(&a.file, first);
    assert!(!a.paragraphs.is_empty());
    assert!(api::article(&idx, "no/such/file.txt").is_none());
}
