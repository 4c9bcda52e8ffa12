//! The explorer: search bar, facets, timeline, results and reader, wired to one store whose
//! state mirrors the URL. It provides them the library and the store's dispatcher as a
//! context ([`Shared`]); their props carry only what is their own.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::context::Shared;
use super::store::{Action, Store, UrlUpdate};
use super::{LibraryRef, facets, reader, results, search_bar, timeline, url};
use dossier_core::search::{Results, Searcher};

/// How many results are shown before "显示更多".
pub const PAGE: usize = 50;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub library: LibraryRef,
}

#[function_component(Explorer)]
pub fn explorer(props: &Props) -> Html {
    let lib = props.library.0.clone();
    let store = use_reducer(|| Store::new(url::read()));
    // The library and the dispatcher, for every component below: made once.
    let shared = {
        let dispatcher = store.dispatcher();
        use_memo(props.library.clone(), move |library| Shared {
            library: library.clone(),
            dispatch: dispatcher.into(),
        })
    };
    let view = store.view.clone();

    // The URL follows the state ...
    use_effect_with(store.clone(), |store| match store.url {
        UrlUpdate::Push => url::write(&store.view, true),
        UrlUpdate::Replace => url::write(&store.view, false),
        UrlUpdate::None => {}
    });
    // ... and the state follows the URL when it changes from outside (back, forward, edits).
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let d1 = dispatcher.clone();
            let pop = EventListener::new(&window, "popstate", move |_| {
                d1.dispatch(Action::FromUrl(url::read()))
            });
            let hash = EventListener::new(&window, "hashchange", move |_| {
                dispatcher.dispatch(Action::FromUrl(url::read()))
            });
            move || drop((pop, hash))
        });
    }

    // The search runs without its date range; the range then narrows the hits. The timeline
    // shows the unnarrowed results, so a chosen span keeps its context.
    let searched: Rc<(Rc<Results>, Rc<Results>)> = {
        let lib = lib.clone();
        let key = (
            view.query.clone(),
            view.filters.clone(),
            view.sort,
            view.exact,
        );
        use_memo(key, move |_| {
            let mut query = view.to_query();
            let range = query.filters.range.take();
            let all = Rc::new(Searcher::new(&lib.index).search(&query, &view.options()));
            let Some(range) = range else {
                // No range: both are the same results, shared rather than copied.
                return (all.clone(), all);
            };
            let mut narrowed = (*all).clone();
            let arts = &lib.index.articles();
            narrowed
                .hits
                .retain(|h| arts[h.doc].date.is_some_and(|d| range.contains(d.day)));
            narrowed.facets = Searcher::new(&lib.index).facets(&narrowed.hits);
            (all, Rc::new(narrowed))
        })
    };
    let (unranged, results) = (searched.0.clone(), searched.1.clone());
    let view = store.view.clone();

    // Keyboard selection in the result list; reset when the results change.
    let selected = use_state_eq(|| None::<usize>);
    let shown = use_state_eq(|| PAGE);
    {
        let selected = selected.clone();
        let shown = shown.clone();
        use_effect_with(results.clone(), move |_| {
            selected.set(None);
            shown.set(PAGE);
        });
    }

    // Global keys: "/" focuses the search box, j/k or arrows move through results, Enter
    // opens, Escape closes the reader.
    {
        let dispatcher = store.dispatcher();
        let selected = selected.clone();
        let hits: Vec<String> = results
            .hits
            .iter()
            .take(*shown)
            .map(|h| lib.index.articles()[h.doc].file.clone())
            .collect();
        let open = view.open.is_some();
        use_effect_with((hits, *selected, open), move |(hits, current, open)| {
            let hits = hits.clone();
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
                            dispatcher.dispatch(Action::Close);
                        }
                        return;
                    }
                    let step = |delta: isize| {
                        if hits.is_empty() {
                            return;
                        }
                        let next = match current {
                            None if delta > 0 => 0,
                            None => hits.len() - 1,
                            Some(i) => {
                                (i as isize + delta).clamp(0, hits.len() as isize - 1) as usize
                            }
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
                        "Enter" if !typing || in_search => {
                            if let Some(file) = current.and_then(|i| hits.get(i)) {
                                e.prevent_default();
                                dispatcher.dispatch(Action::Open(file.clone(), None));
                            }
                        }
                        "Escape" if in_search => focus_result(current.unwrap_or(0)),
                        _ => {}
                    }
                });
            move || drop(listener)
        });
    }

    // The search box has focus when the page opens.
    use_effect_with((), |_| focus_search());

    let on_select = {
        let selected = selected.clone();
        Callback::from(move |i: usize| selected.set(Some(i)))
    };
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    let open_article = view
        .open
        .as_ref()
        .and_then(|f| lib.index.articles().iter().position(|a| &a.file == f));

    let page = html! {
        <div class="app" data-testid="app" data-load-ms={format!("{:.1}", lib.load_ms)} data-articles={lib.index.len().to_string()}>
            <header class="top">
                <div class="brand">
                    <h1>{ "dossier" }</h1>
                    <span class="tagline">{ format!("新闻档案 · {} 篇文章", lib.index.len()) }</span>
                </div>
                <search_bar::SearchBar view={view.clone()} results={results.clone()} />
            </header>
            { notices(&lib.failures) }
            <div class="layout">
                <facets::Facets view={view.clone()} results={results.clone()} />
                <main class="main" id="main">
                    <timeline::TimelineView view={view.clone()} results={unranged} />
                    <results::ResultList
                        view={view.clone()}
                        results={results.clone()}
                        selected={*selected}
                        shown={*shown}
                        on_select={on_select}
                        on_more={on_more}
                    />
                </main>
            </div>
            if view.open.is_some() {
                <reader::Reader
                    doc={open_article}
                    file={view.open.clone().unwrap_or_default()}
                    needles={results.needles.clone()}
                    focus_block={store.focus_block}
                />
            }
        </div>
    };
    html! {
        <ContextProvider<Shared> context={(*shared).clone()}>{ page }</ContextProvider<Shared>>
    }
}

/// Files that could not be read, with their reasons.
fn notices(failures: &[dossier_core::parse::Failure]) -> Html {
    if failures.is_empty() {
        return html! {};
    }
    html! {
        <section class="notice" role="status" data-testid="error-notice">
            <details>
                <summary>{ format!("{} 个文件无法作为文章读取（其余文章不受影响）", failures.len()) }</summary>
                <ul>
                    { for failures.iter().map(|f| html! {
                        <li><code>{ &f.file }</code>{ "：" }{ &f.reason }</li>
                    }) }
                </ul>
            </details>
        </section>
    }
}

pub fn focus_search() {
    if let Some(el) = gloo::utils::document().get_element_by_id("q")
        && let Ok(input) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = input.focus();
    }
}

fn focus_result(i: usize) {
    if let Some(el) = gloo::utils::document().get_element_by_id(&format!("result-{i}"))
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
