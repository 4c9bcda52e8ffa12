//! Browser tests of the view layer, run by wasm-bindgen-test in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --test web` (scripts/test does this).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the real explorer over the embedded collection into a fresh element and returns it
/// once yew has rendered (the page does the same after unpacking, or hydrates the prerendered
/// view).
async fn mount() -> web_sys::Element {
    let document = web_sys::window()
        .expect("a window")
        .document()
        .expect("a document");
    let root = document.create_element("div").expect("create div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("append");
    let library = dossier::ui::Library::unpack_all(dossier::pack()).expect("the pack unpacks");
    let props = dossier::ui::explorer::Props {
        library: dossier::ui::LibraryRef::new(library),
        early: Default::default(),
        hydrating: false,
    };
    yew::Renderer::<dossier::ui::Explorer>::with_root_and_props(root.clone(), props).render();
    // Rendering is scheduled; yield to the event loop until it has happened.
    for _ in 0..50 {
        if root
            .query_selector("[data-testid=app]")
            .ok()
            .flatten()
            .is_some()
        {
            break;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    root
}

#[wasm_bindgen_test]
async fn app_lists_every_parsed_article() {
    let files = dossier::embedded::files();
    let parsed = dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
    let root = mount().await;
    let items = root
        .query_selector_all("[data-testid=result-item]")
        .expect("valid selector");
    assert_eq!(items.length() as usize, parsed.articles.len());
    assert_eq!(
        parsed.articles.len() + parsed.failures.len(),
        files.len(),
        "every file is shown or reported"
    );
}

#[wasm_bindgen_test]
fn the_segmenter_loads_its_trimmed_dictionary_in_the_browser() {
    let a = dossier_core::text::Analyzer::new(
        &dossier::dictionary(),
        &[dossier_core::text::Name {
            word: "布林肯".into(),
            tag: "nr",
        }],
    )
    .expect("the trimmed dictionary loads");
    assert_eq!(
        a.cut("美国国务卿布林肯表示"),
        ["美国", "国务卿", "布林肯", "表示"]
    );
}
