//! The explorer: search bar, facets, timeline, results and reader, wired to one store whose
//! state mirrors the URL. It provides them the library and the store's dispatcher as a
//! context ([`Shared`]); their props carry only what is their own.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use super::context::Shared;
use super::store::{Action, Store, UrlUpdate};
use super::{LibraryRef, api, compare, facets, keys, reader, results, search_bar, timeline, url};
use dossier_core::search::{Results, Searcher};

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

    // Scripts reach the same searches through window.dossier.
    use_effect_with(props.library.clone(), |library| {
        api::install(library.0.clone())
    });

    // The search box has focus when the page opens.
    use_effect_with((), |_| keys::focus_search());

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
                    if view.compare {
                        <compare::CompareView view={view.clone()} results={results.clone()} />
                    } else {
                        { compare_link(&view, &store.dispatcher()) }
                        <timeline::TimelineView view={view.clone()} results={unranged} />
                        <results::ResultList view={view.clone()} results={results.clone()} />
                    }
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
