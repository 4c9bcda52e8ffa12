//! Export of results on the seed collection: golden CSV and JSON of one query
//! (`tests/fixtures/export/`), and that the export holds exactly the results, in order.
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
    golden("美国制裁.csv", &export::to_csv(&rows));
    golden("美国制裁.json", &export::to_json(&rows));
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
