//! The embedded collection: what build.rs embedded is what dossier-core builds from the
//! embedded files, and the app can read it back.
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::bundle::bundle_aliased;
use dossier_core::index::pack::Unpacker;

fn full_dictionary() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba/dict.txt"))
        .expect("data/jieba/dict.txt is readable")
}

/// What the app loads is what the library builds from the embedded files, byte for byte.
#[test]
fn the_embedded_pack_is_the_embedded_collection_bundled() {
    let built = bundle_aliased(
        &dossier::embedded::files(),
        &full_dictionary(),
        &dossier::alias_table(),
    )
    .unwrap();
    assert!(built.pack == dossier::pack(), "the embedded pack differs");
    assert_eq!(built.dictionary, dossier::trimmed_dictionary());
}

#[test]
fn the_embedded_pack_unpacks_into_every_file() {
    let (index, failures) = Unpacker::new(dossier::pack())
        .and_then(|u| u.finish(&dossier::dictionary()))
        .expect("the embedded pack reads");
    assert_eq!(
        index.len() + failures.len(),
        dossier::embedded::files().len(),
        "every file is shown or reported"
    );
}
