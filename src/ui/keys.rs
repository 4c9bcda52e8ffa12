//! The page's keys, one document listener: "/" focuses the search box, ↓/↑ or j/k move the
//! selection through the shown results, Enter opens the selected one, Escape closes the reader
//! (or, in the search box, goes to the results).

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::store::Action;

/// Listens to the keys while the calling component is mounted. `leads` are the articles of
/// the listed entries (one per story, see [`dossier_core::search::stories`]), of which the
/// first `shown` are on the page; `selected` is the position of the
/// selected one, which the arrows and j/k move (focusing its link); `open` tells whether the
/// reader is open, in which case only Escape counts.
#[hook]
pub fn use_result_keys(
    leads: Rc<Vec<usize>>,
    shown: usize,
    selected: UseStateHandle<Option<usize>>,
    open: bool,
) {
    let Shared {
        library, dispatch, ..
    } = use_shared();
    let current = *selected;
    use_effect_with(
        (leads, shown, current, open),
        move |(leads, shown, current, open)| {
            let leads = leads.clone();
            let len = leads.len().min(*shown);
            let current = *current;
            let open = *open;
            let document = gloo::utils::document();
            // Not passive: "/" and the arrows must not also type or scroll.
            let options = EventListenerOptions::enable_prevent_default();
            let listener =
                EventListener::new_with_options(&document, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let target = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
                    let in_search = target.as_ref().is_some_and(|t| t.id() == "q");
                    let typing =
                        in_search || tag == "INPUT" || tag == "SELECT" || tag == "TEXTAREA";
                    let key = e.key();
                    if open {
                        if key == "Escape" {
                            e.prevent_default();
                            dispatch.emit(Action::Close);
                        }
                        return;
                    }
                    let step = |delta: isize| {
                        if len == 0 {
                            return;
                        }
                        let next = match current {
                            None if delta > 0 => 0,
                            None => len - 1,
                            Some(i) => (i as isize + delta).clamp(0, len as isize - 1) as usize,
                        };
                        selected.set(Some(next));
                        focus_result(next);
                    };
                    match key.as_str() {
                        "/" if !typing => {
                            e.prevent_default();
                            focus_search();
                        }
                        "ArrowDown" if !typing || in_search => {
                            e.prevent_default();
                            step(1);
                        }
                        "ArrowUp" if !typing || in_search => {
                            e.prevent_default();
                            step(-1);
                        }
                        "j" if !typing => step(1),
                        "k" if !typing => step(-1),
                        // A focused button (a group's "另有 N 篇") handles its own Enter.
                        "Enter" if (!typing || in_search) && tag != "BUTTON" => {
                            if let Some(&doc) = current.filter(|&i| i < len).map(|i| &leads[i]) {
                                e.prevent_default();
                                let file = library.0.index().articles()[doc].file.clone();
                                dispatch.emit(Action::Open(file, None));
                            }
                        }
                        "Escape" if in_search => focus_result(current.unwrap_or(0)),
                        _ => {}
                    }
                });
            move || drop(listener)
        },
    );
}

/// Puts the caret in the search box.
pub fn focus_search() {
    if let Some(el) = gloo::utils::document().get_element_by_id("q")
        && let Ok(input) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = input.focus();
    }
}

/// Puts the caret in the search box when the page opens, unless the reader has already moved
/// the focus elsewhere (tabbed into the prerendered view while the app started).
pub fn focus_search_at_start() {
    let document = gloo::utils::document();
    let body = document.body().map(web_sys::Element::from);
    let elsewhere = document
        .active_element()
        .is_some_and(|a| a.id() != "q" && Some(&a) != body.as_ref());
    if !elsewhere {
        focus_search();
    }
}

/// The search box's text, when it has any.
pub fn search_text() -> Option<String> {
    gloo::utils::document()
        .get_element_by_id("q")
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .filter(|v| !v.is_empty())
}

fn focus_result(i: usize) {
    if let Some(el) = gloo::utils::document().get_element_by_id(&format!("result-{i}"))
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
