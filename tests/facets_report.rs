//! Prints the top values of the people, places, organisations and keywords facets over every
//! article, on the seeds and on the development corpus (`../shared/corpus/`, skipped when
//! absent), through the very path the app takes: `bundle` (parse, trim, index, pack), unpack,
//! `Searcher` facets. Figures for reports, not assertions:
//! `cargo test --test facets_report -- --ignored --nocapture`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use dossier_core::bundle::bundle_aliased;
use dossier_core::corpus::{self, SourceFile};
use dossier_core::index::Facet;
use dossier_core::index::pack::Unpacker;
use dossier_core::query::Query;
use dossier_core::search::{FacetGroup, Options, Searcher};
use dossier_core::text::Dictionary;
use dossier_core::text::aliases::AliasTable;

fn full_dictionary() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba/dict.txt"))
        .expect("data/jieba/dict.txt is readable")
}

fn report(name: &str, files: &[SourceFile]) {
    report_with(name, files, &AliasTable::default());
    report_with(
        &format!("{name}, with aliases"),
        files,
        &dossier::alias_table(),
    );
}

/// The facets with `aliases`; the pack is written to the temporary folder for size figures.
fn report_with(name: &str, files: &[SourceFile], aliases: &AliasTable) {
    let built = bundle_aliased(files, &full_dictionary(), aliases).expect("bundle");
    let (index, _) = Unpacker::new(&built.pack)
        .and_then(|u| u.finish(&Dictionary::Words(&built.dictionary)))
        .expect("the pack reads");
    let results = Searcher::new(&index).search(&Query::parse(""), &Options::default());
    let file = std::env::temp_dir().join(format!(
        "dossier-facets-{}.pack",
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    ));
    let _ = std::fs::write(&file, &built.pack);
    println!(
        "== {name}: {} articles; pack {} bytes ({}), {} alias lines kept, dictionary {} lines",
        index.len(),
        built.pack.len(),
        file.display(),
        index.aliases().len(),
        built.dictionary.lines().count()
    );
    for kind in [Facet::Person, Facet::Place, Facet::Org, Facet::Keyword] {
        let counts = &results
            .facets
            .iter()
            .find(|(g, _)| *g == FacetGroup::Filter(kind))
            .expect("every facet is counted")
            .1;
        let top: Vec<String> = counts
            .iter()
            .take(8)
            .map(|(v, n)| format!("{v} {n}"))
            .collect();
        println!("{:8} {}", kind.key(), top.join(", "));
    }
}

#[test]
#[ignore = "prints figures; run with --ignored --nocapture"]
fn print_facets() {
    report("seeds (articles/)", &dossier::embedded::files());
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    match corpus::read_dir(&corpus) {
        // The articles only, not the corpus's README and manifest.
        Ok(mut files) => {
            files.retain(|f| f.file_name().starts_with("dev_"));
            report("../shared/corpus", &files)
        }
        Err(e) => println!("note: {} not read ({e}): skipped", corpus.display()),
    }
}
