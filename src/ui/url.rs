//! The browser side of URL state: reading the fragment and writing history entries.

use dossier_core::state::ViewState;

/// The view described by the current URL fragment.
pub fn read() -> ViewState {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    ViewState::from_fragment(&hash)
}

/// A link to `view` relative to the current page (works under any sub-path).
pub fn href(view: &ViewState) -> String {
    let fragment = view.to_fragment();
    if fragment.is_empty() {
        "#".to_owned()
    } else {
        format!("#{fragment}")
    }
}

/// Makes the URL show `view`, as a new history entry (`push`) or in place.
pub fn write(view: &ViewState, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = view.to_fragment();
    let current = window.location().hash().unwrap_or_default();
    if current.trim_start_matches('#') == fragment {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    let url = if fragment.is_empty() {
        // No fragment at all, not a dangling "#".
        let loc = window.location();
        format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        )
    } else {
        format!("#{fragment}")
    };
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}
