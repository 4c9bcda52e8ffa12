//! `window.dossier`: the page's search, articles and facets for scripts (the browser's
//! console, a bookmarklet, a test), as plain JavaScript objects. The work is
//! `dossier_core::api`'s; this module only converts values with serde-wasm-bindgen.
//!
//! - `dossier.search(query, {sort, exact, filters: {tag: [...], ...}, date, limit})`
//! - `dossier.article(file)`: the article or `null`
//! - `dossier.facets(query, options)`: `{tag: [{value, count}], ..., month: [...]}`
//!
//! Bad options (an unknown sort or filter, an unreadable date) throw an `Error` saying so.
//!
//! In a sharded build (`scripts/build --sharded`) each returns a `Promise` of its value, which
//! settles once the index files it reads are fetched; `await` works with both.

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::Library;
use dossier_core::api::{self, SearchOptions};

type Api = dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>;

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn error(message: &str) -> JsValue {
    JsError::new(&format!("dossier: {message}")).into()
}

/// The keys of a plain object, with their values (those not `undefined` or `null`).
fn entries(value: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(error(&format!("{what} must be an object")));
    }
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    let mut out = Vec::new();
    for key in keys.iter() {
        let v = js_sys::Reflect::get(value, &key)?;
        if !v.is_undefined() && !v.is_null() {
            out.push((key.as_string().unwrap_or_default(), v));
        }
    }
    Ok(out)
}

/// The search options, read by hand rather than with serde's `Deserialize` (which costs
/// about 6 KB gzip of wasm); unknown keys and wrong types are errors, as in the README.
fn options(value: JsValue) -> Result<SearchOptions, JsValue> {
    let mut o = SearchOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(o);
    }
    for (key, v) in entries(&value, "options")? {
        match key.as_str() {
            "sort" => o.sort = Some(text(&v, "sort")?),
            "exact" => {
                o.exact = v
                    .as_bool()
                    .ok_or_else(|| error("exact must be a boolean"))?
            }
            "imported" => {
                o.imported = v
                    .as_bool()
                    .ok_or_else(|| error("imported must be a boolean"))?
            }
            "date" => o.date = Some(text(&v, "date")?),
            "limit" => {
                let n = v
                    .as_f64()
                    .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                    .ok_or_else(|| error("limit must be a whole number"))?;
                o.limit = Some(n as usize);
            }
            "filters" => {
                for (facet, values) in entries(&v, "filters")? {
                    let what = format!("filters.{facet}");
                    let list = if js_sys::Array::is_array(&values) {
                        js_sys::Array::from(&values)
                            .iter()
                            .map(|v| text(&v, &what))
                            .collect::<Result<Vec<_>, _>>()?
                    } else {
                        vec![text(&values, &what)?]
                    };
                    o.filters.insert(facet, list);
                }
            }
            _ => {
                return Err(error(&format!(
                    "unknown option `{key}` (sort, exact, imported, filters, date, limit)"
                )));
            }
        }
    }
    Ok(o)
}

fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| error(&format!("{what} must be a string")))
}

/// The query or file argument: a string, or nothing for the empty query.
fn argument(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(String::new());
    }
    text(value, what)
}

fn refused(e: api::ApiError) -> JsValue {
    error(&e.to_string())
}

/// `f`'s answer over the library's index: at once, or, for a sharded collection, a `Promise`
/// of it once the shards it reads are fetched ([`super::shards::resolve`]).
fn answer(
    library: &Rc<Library>,
    f: impl Fn(&dossier_core::index::Index) -> Result<JsValue, JsValue> + 'static,
) -> Result<JsValue, JsValue> {
    if !library.is_sharded() {
        return f(&library.index());
    }
    let library = library.clone();
    Ok(wasm_bindgen_futures::future_to_promise(async move {
        super::shards::resolve(&library, f)
            .await
            .map_err(|e| error(&e))?
    })
    .into())
}

/// Sets `window.dossier` to the interface over `library` (replacing an earlier one).
pub fn install(library: Rc<Library>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let object = js_sys::Object::new();
    let lib = library.clone();
    let search: Box<Api> = Box::new(move |q, o| {
        let (q, o) = (argument(&q, "query")?, options(o)?);
        answer(&lib, move |index| {
            to_js(&api::search(index, &q, &o).map_err(refused)?)
        })
    });
    let lib = library.clone();
    let facets: Box<Api> = Box::new(move |q, o| {
        let (q, o) = (argument(&q, "query")?, options(o)?);
        answer(&lib, move |index| {
            to_js(&api::facets(index, &q, &o).map_err(refused)?)
        })
    });
    let lib = library;
    let article: Box<Api> = Box::new(move |file, _| {
        let file = argument(&file, "file")?;
        answer(&lib, move |index| match api::article(index, &file) {
            Some(a) => to_js(&a),
            None => Ok(JsValue::NULL),
        })
    });
    for (name, f) in [("search", search), ("facets", facets), ("article", article)] {
        let closure = Closure::wrap(f);
        let _ = js_sys::Reflect::set(&object, &name.into(), closure.as_ref());
        // Lives as long as the page.
        closure.forget();
    }
    let _ = js_sys::Object::freeze(&object);
    let _ = js_sys::Reflect::set(&window, &"dossier".into(), &object);
}
