//! The explorer: search bar, facets, timeline, results and reader, wired to one store whose
//! state mirrors the URL. It provides them the library and the store's dispatcher as a
//! context ([`Shared`]); their props carry only what is their own.
//!
//! Its first render is the same everywhere, the default view (no query, no filter, newest
//! first) with "search is starting" in the status line: that is what `dossier-prerender`
//! renders into index.html and what the page hydrates. Its first effect then applies the URL
//! fragment and what the reader did before the app ran ([`Early`]), and marks the page ready
//! (`data-ready` on the app's root).

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::context::Shared;
use super::store::{Action, Store, UrlUpdate};
use super::{
    LibraryRef, Searched, api, compare, facets, import, keys, messages, reader, results,
    search_bar, shards, timeline, turns, url,
};
use dossier_core::index::Facet;
use dossier_core::query::DateRange;
use dossier_core::search::Sort;
use dossier_core::state::ViewState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub library: LibraryRef,
    /// What the reader did in the prerendered page before the app ran.
    #[prop_or_default]
    pub early: Early,
    /// Whether the first render hydrates prerendered markup: its parts then take it over in
    /// turns ([`turns`]).
    #[prop_or_default]
    pub hydrating: bool,
}

/// Input the prerendered page took before the app ran: text typed into its search box, and
/// what its controls were set to (`boot.js` records them on `<html data-early>`, see
/// [`Early::collect`]). Links need nothing: they changed the URL fragment, which the explorer
/// reads when it starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Early {
    pub query: Option<String>,
    /// In the order they were done.
    pub actions: Vec<Action>,
}

/// Separates the records `boot.js` writes, and a record's kind from its value.
const RECORD: char = '\u{1e}';
const UNIT: char = '\u{1f}';

impl Early {
    /// Reads `data-early`, as `boot.js` writes it: `kind US value` per record, joined by RS,
    /// where the kind is a facet's key (a value clicked: toggled), `sort`, `exact` (`1` or `0`)
    /// or `date` (a timeline span, `START..END`). What it does not understand it skips.
    pub fn parse(record: &str) -> Vec<Action> {
        record
            .split(RECORD)
            .filter_map(|r| {
                let (kind, value) = r.split_once(UNIT)?;
                match kind {
                    "sort" => Sort::from_key(value).map(Action::Sort),
                    "exact" => Some(Action::Exact(value == "1")),
                    "date" => match DateRange::parse(value)? {
                        DateRange {
                            from: Some(from),
                            to: Some(to),
                        } => Some(Action::Range(from, to)),
                        _ => None,
                    },
                    _ => Some(Action::Toggle(Facet::from_key(kind)?, value.to_owned())),
                }
            })
            .collect()
    }

    /// What the page took before the app ran: the search box's text (read before hydration
    /// sets it to the first view's), unless it is still the URL fragment's query `boot.js`
    /// put there (`data-fragment`), and the recorded clicks.
    #[cfg(target_arch = "wasm32")]
    pub fn collect(doc: &web_sys::Document) -> Early {
        use wasm_bindgen::JsCast;
        let query = doc
            .get_element_by_id("q")
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| {
                let value = input.value();
                let shown = input.get_attribute("data-fragment");
                (!value.is_empty() && shown.as_deref() != Some(value.as_str())).then_some(value)
            });
        let actions = doc
            .document_element()
            .and_then(|html| html.get_attribute("data-early"))
            .map(|r| Early::parse(&r))
            .unwrap_or_default();
        Early { query, actions }
    }
}

#[function_component(Explorer)]
pub fn explorer(props: &Props) -> Html {
    // The library: the one the page started with, until an import joins files to it or
    // clearing them takes them out again.
    let library = use_state(|| props.library.clone());
    let replace = {
        let setter = library.setter();
        use_memo((), move |_| {
            Callback::from(move |l: LibraryRef| setter.set(l))
        })
    };
    let library = (*library).clone();
    let lib = library.0.clone();
    // The first render shows the default view (the prerendered one); the URL comes after.
    let store = use_reducer(|| Store::new(ViewState::default()));
    let ready = use_state_eq(|| false);
    let turns = (*use_memo((), |_| {
        turns::Turns::new(props.hydrating && turns::enabled())
    }))
    .clone();
    {
        let dispatcher = store.dispatcher();
        let ready = ready.clone();
        let early = props.early.clone();
        let turns = turns.clone();
        let lib = lib.clone();
        use_effect_with((), move |_| {
            let start = move || {
                dispatcher.dispatch(Action::FromUrl(url::read()));
                // Typed before hydration (read before it reset the box), or, when the
                // explorer rendered into an empty root, typed between that render and this
                // effect, or while its parts hydrated.
                if let Some(q) = early.query.or_else(keys::search_text) {
                    dispatcher.dispatch(Action::Query(q));
                }
                for action in early.actions {
                    dispatcher.dispatch(action);
                }
                ready.set(true);
                super::prepare_counting(lib);
            };
            // Once every part has hydrated, when they take turns (`enabled` is a constant: an
            // embedded build's wasm compiles the turns out).
            if turns::enabled() && turns.hydrating() {
                yew::platform::spawn_local(async move {
                    turns.run().await;
                    start();
                });
            } else {
                start();
            }
        });
    }
    // The library and the dispatcher, for every component below: made once per library
    // (and, for a sharded one, once per load of its shards).
    let shared = {
        let dispatcher = store.dispatcher();
        let replace = (*replace).clone();
        let turns = turns.clone();
        use_memo(library.clone(), move |library| {
            let lib = library.clone();
            Shared {
                library: library.clone(),
                dispatch: dispatcher.into(),
                turns: turns.clone(),
                settle: Callback::from(move |()| {
                    let (lib2, replace) = (lib.clone(), replace.clone());
                    shards::settle(&lib, Callback::from(move |()| replace.emit(lib2.next())));
                }),
            }
        })
    };
    shards::use_settle_with(&shared.settle);
    let view = store.view.clone();
    let import_panel = import::use_import(&lib, &replace);

    // The URL follows the state ... A query typed replaces the URL after the results are
    // painted (replacing it took about 2 ms of each keystroke in Chromium); the last of
    // several keystrokes within a frame is written. A new history entry first writes what is
    // pending, so going back finds the query; the URL changed from outside drops it.
    let pending = use_mut_ref(|| None::<ViewState>);
    use_effect_with(store.clone(), move |store| match store.url {
        UrlUpdate::Push => {
            if let Some(typed) = pending.take() {
                url::write(&typed, false);
            }
            url::write(&store.view, true);
        }
        UrlUpdate::Replace => {
            if pending.replace(Some(store.view.clone())).is_none() {
                yew::platform::spawn_local(async move {
                    super::after_paint().await;
                    if let Some(typed) = pending.take() {
                        url::write(&typed, false);
                    }
                });
            }
        }
        UrlUpdate::None => {
            pending.take();
        }
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
    // The library keeps the last search: a render whose view searches the same (and whose
    // shards did not load since) reads it again.
    let searched: Rc<Searched> = lib.searched(&view);
    // A sharded collection's search that read shards not loaded yet is incomplete: their
    // requests are sent now, before the view's DOM is updated (`use_settle` after the render
    // would send them about 5 ms later), and the last complete one stays on screen until they
    // arrive.
    if !searched.complete {
        shared.settle.emit(());
    }
    let last_complete = use_mut_ref(|| None::<Rc<Searched>>);
    let fetching = !searched.complete;
    let searched = if searched.complete {
        *last_complete.borrow_mut() = Some(searched.clone());
        searched
    } else {
        last_complete.borrow().clone().unwrap_or(searched)
    };
    let (unranged, results) = (searched.unranged.clone(), searched.results.clone());
    let view = store.view.clone();
    let retry = {
        let (library, replace) = (library.clone(), (*replace).clone());
        Callback::from(move |_: MouseEvent| {
            library.loader.retry();
            replace.emit(library.next());
        })
    };

    // Scripts reach the same searches through window.dossier.
    use_effect_with(library.clone(), |library| api::install(library.0.clone()));

    // The search box has focus when the page opens (unless the reader put it elsewhere).
    use_effect_with((), |_| keys::focus_search_at_start());

    let open_article = view
        .open
        .as_ref()
        .and_then(|f| lib.index().articles().iter().position(|a| &a.file == f));
    let articles = lib.index().len();

    let layout = html! {
        <div class="layout">
            <facets::Facets view={view.clone()} results={results.clone()} />
            <main class="main" id="main" aria-busy={fetching.then_some("true")}>
                if view.compare {
                    <compare::CompareView view={view.clone()} results={results.clone()} />
                } else {
                    { compare_link(&view, &store.dispatcher()) }
                    <timeline::TimelineView view={view.clone()} results={unranged} />
                    <results::ResultList view={view.clone()} results={results.clone()} />
                }
            </main>
        </div>
    };
    // In a sharded build the parts hydrate in turns, the prerendered markup on screen meanwhile.
    let layout = if turns::enabled() {
        html! { <Suspense>{ layout }</Suspense> }
    } else {
        layout
    };
    let page = html! {
        <div class="app" data-testid="app" data-ready={ready.then_some("true")} data-fetching={fetching.then_some("true")}
            data-load-ms={ready.then(|| messages::fixed(lib.load_ms, 1))} data-articles={articles.to_string()}>
            <header class="top">
                <div class="brand">
                    <h1>{ "dossier" }</h1>
                    <span class="tagline">{ format!("新闻档案 · {articles} 篇文章") }</span>
                </div>
                <search_bar::SearchBar view={view.clone()} results={results.clone()} starting={!*ready} />
                { import_panel }
            </header>
            { notices(&lib.failures) }
            { shards::status(fetching, lib.loader.failed(), retry) }
            { layout }
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

/// The link that opens the compare view of the current results.
fn compare_link(
    view: &dossier_core::state::ViewState,
    dispatcher: &UseReducerDispatcher<Store>,
) -> Html {
    let mut target = view.clone();
    target.compare = true;
    let d = dispatcher.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
            return;
        }
        e.prevent_default();
        d.dispatch(Action::Compare(true));
    });
    html! {
        <nav class="view-switch" aria-label="视图">
            <a href={url::href(&target)} onclick={onclick} data-testid="open-compare">{ "媒体对比" }</a>
        </nav>
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
                        <li><code>{ &f.file }</code>{ "：" }{ super::messages::failure(&f.reason) }</li>
                    }) }
                </ul>
            </details>
        </section>
    }
}
