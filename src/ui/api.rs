//! `window.dossier`: the page's search, articles and facets for scripts (the browser's
//! console, a bookmarklet, a test), as plain JavaScript objects. The work is
//! `dossier_core::api`'s; this module only converts values with serde-wasm-bindgen.
//!
//! - `dossier.search(query, {sort, exact, filters: {tag: [...], ...}, date, limit})`
//! - `dossier.article(file)`: the article or `null`
//! - `dossier.facets(query, options)`: `{tag: [{value, count}], ..., month: [...]}`
//!
//! Bad options (an unknown sort or filter, an unreadable date) throw an `Error` saying so.

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::Library;
use dossier_core::api::{self, SearchOptions};

type Api = dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>;

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn options(value: JsValue) -> Result<SearchOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(SearchOptions::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("dossier: options: {e}")).into())
}

fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(String::new());
    }
    value
        .as_string()
        .ok_or_else(|| JsError::new(&format!("dossier: {what} must be a string")).into())
}

fn refused(e: api::ApiError) -> JsValue {
    JsError::new(&format!("dossier: {e}")).into()
}

/// Sets `window.dossier` to the interface over `library` (replacing an earlier one).
pub fn install(library: Rc<Library>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let object = js_sys::Object::new();
    let lib = library.clone();
    let search: Box<Api> = Box::new(move |q, o| {
        let results =
            api::search(&lib.index, &text(&q, "query")?, &options(o)?).map_err(refused)?;
        to_js(&results)
    });
    let lib = library.clone();
    let facets: Box<Api> = Box::new(move |q, o| {
        let facets = api::facets(&lib.index, &text(&q, "query")?, &options(o)?).map_err(refused)?;
        to_js(&facets)
    });
    let lib = library;
    let article: Box<Api> =
        Box::new(
            move |file, _| match api::article(&lib.index, &text(&file, "file")?) {
                Some(a) => to_js(&a),
                None => Ok(JsValue::NULL),
            },
        );
    for (name, f) in [("search", search), ("facets", facets), ("article", article)] {
        let closure = Closure::wrap(f);
        let _ = js_sys::Reflect::set(&object, &name.into(), closure.as_ref());
        // Lives as long as the page.
        closure.forget();
    }
    let _ = js_sys::Object::freeze(&object);
    let _ = js_sys::Reflect::set(&window, &"dossier".into(), &object);
}
