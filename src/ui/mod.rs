//! Stage 5, the view: the yew single-page app, and the only module that touches yew or the DOM.
//!
//! Article text reaches the page only as text nodes and checked attributes: nothing here
//! builds HTML from strings.
//!
//! The same components render natively: `src/bin/dossier-prerender.rs` renders the first view
//! ([`prerender`], yew's server renderer) into the built `index.html`, and the page hydrates
//! it ([`start`]). Render functions therefore never call the browser; effects and event
//! handlers do.

mod api;
mod compare;
mod context;
mod download;
pub mod explorer;
mod facets;
mod import;
mod keys;
mod messages;
mod near;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod reader;
mod results;
mod search_bar;
pub mod shards;
mod store;
mod stored;
mod timeline;
mod turns;
mod url;

use std::cell::{Cell, OnceCell, Ref, RefCell, RefMut};
use std::rc::Rc;

use yew::prelude::*;

pub use explorer::{Early, Explorer};
pub use store::Action;

use dossier_core::index::Index;
use dossier_core::index::pack::{PackError, Unpacker};
use dossier_core::parse::Failure;
use dossier_core::search::stories::{Story, stories};
use dossier_core::search::{Results, Sort};
use dossier_core::shard::Sharded;
use dossier_core::state::ViewState;
use dossier_core::timeline::{Mentions, Timeline};

/// The indexed collection: unpacked from what build.rs packed, or (a sharded build)
/// assembled from the catalogue and filled shard by shard as the view needs them
/// ([`shards`]).
pub struct Library {
    data: RefCell<Data>,
    pub failures: Vec<Failure>,
    /// Every dated mention of the collection, in timeline order (sorted once, here), shared
    /// with the timelines made of them.
    pub mentions: Mentions,
    /// Milliseconds spent unpacking at start-up.
    pub load_ms: f64,
    /// How many of the articles the reader imported ([`dossier_core::import`]).
    pub imported: usize,
    /// The pack and dictionary of a collection an import joined; none for the embedded one.
    pub joined: Option<Rc<Joined>>,
    /// What is being fetched for a sharded collection, and whether fetching failed.
    pub(crate) loader: shards::Loader,
    /// Bumped each time shards load: the view's memos and components then run again.
    generation: Cell<u32>,
    /// The whole collection's timeline (the first view's, and a cleared search box's), made
    /// once: it reads only the catalogue, and charts every mention.
    whole_timeline: OnceCell<Rc<Timeline>>,
    /// The last search: what it searched for (and the generation it searched), and its results.
    last_search: RefCell<Option<(SearchKey, Rc<Searched>)>>,
}

/// What a view's results depend on: its query, filters, sort and exact matching, and the
/// library's generation.
type SearchKey = (String, dossier_core::query::Filters, Sort, bool, u32);

/// The results of a view's search, with and without its date range.
#[derive(PartialEq)]
pub struct Searched {
    pub unranged: Rc<Results>,
    pub results: Rc<Results>,
    /// Whether the search read only what is loaded (always, but for a sharded collection).
    pub complete: bool,
    /// The result list's entries (re-posts folded), made once for the search bar's count
    /// and the list (see [`Library::stories`]).
    stories: OnceCell<Rc<Vec<Story>>>,
}

enum Data {
    Whole(Index),
    Sharded(Sharded),
}

/// A collection joined by an import: the worker's pack and the dictionary trimmed to it.
pub struct Joined {
    pub pack: Vec<u8>,
    pub dictionary: String,
}

/// Shared handle to the library and the generation of its loaded shards; props compare it by
/// identity and generation.
#[derive(Clone)]
pub struct LibraryRef(pub Rc<Library>, pub u32);

impl PartialEq for LibraryRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

impl LibraryRef {
    pub fn new(library: Library) -> LibraryRef {
        LibraryRef(Rc::new(library), 0)
    }

    /// The same library after shards loaded: compares unequal to `self`.
    pub fn next(&self) -> LibraryRef {
        let g = self.0.generation.get() + 1;
        self.0.generation.set(g);
        LibraryRef(self.0.clone(), g)
    }
}

impl std::ops::Deref for LibraryRef {
    type Target = Library;
    fn deref(&self) -> &Library {
        &self.0
    }
}

impl Library {
    /// Unpacks `pack` all at once (the prerender does; the page unpacks in slices).
    pub fn unpack_all(pack: &[u8]) -> Result<Library, PackError> {
        let mut unpacker = Unpacker::new(pack)?;
        while unpacker.step()? {}
        let (index, failures) = unpacker.finish(&crate::dictionary())?;
        Ok(Library::new(index, failures, 0.0))
    }

    fn new(index: Index, failures: Vec<Failure>, load_ms: f64) -> Library {
        let mentions = Mentions::of(index.articles());
        let imported = index
            .articles()
            .iter()
            .filter(|a| dossier_core::import::is_imported(&a.file))
            .count();
        Library {
            data: RefCell::new(Data::Whole(index)),
            failures,
            mentions,
            load_ms,
            imported,
            joined: None,
            loader: shards::Loader::default(),
            generation: Cell::new(0),
            whole_timeline: OnceCell::new(),
            last_search: RefCell::new(None),
        }
    }

    /// A sharded collection, as its catalogue describes it.
    pub fn sharded(mut sharded: Sharded, load_ms: f64) -> Library {
        // Moved, not copied: 387,230 of them at 100,000 synthetic articles.
        let mentions = sharded.take_mentions();
        Library {
            failures: sharded.failures().to_vec(),
            mentions: Mentions::new(sharded.index().articles(), mentions),
            load_ms,
            imported: 0,
            joined: None,
            loader: shards::Loader::default(),
            generation: Cell::new(0),
            whole_timeline: OnceCell::new(),
            last_search: RefCell::new(None),
            data: RefCell::new(Data::Sharded(sharded)),
        }
    }

    /// The search of `view` (its query, filters, sort and exact matching), or the last one's
    /// results if it was the same: the page searches the first view before it hydrates it.
    pub fn searched(&self, view: &ViewState) -> Rc<Searched> {
        let key: SearchKey = (
            view.query.clone(),
            view.filters.clone(),
            view.sort,
            view.exact,
            self.generation.get(),
        );
        if let Some((k, found)) = &*self.last_search.borrow()
            && *k == key
        {
            return found.clone();
        }
        let index = self.index();
        let misses = index.misses();
        let (all, narrowed) = view.search(&index);
        let all = Rc::new(all);
        let found = Rc::new(Searched {
            // No range: both are the same results, shared rather than copied.
            results: narrowed.map_or_else(|| all.clone(), Rc::new),
            unranged: all,
            complete: index.misses() == misses,
            stories: OnceCell::new(),
        });
        *self.last_search.borrow_mut() = Some((key, found.clone()));
        found
    }

    /// The entries of a result list for `results` (re-posts and near-duplicates of one text
    /// are one): for the last search's results, made once.
    pub fn stories(&self, results: &Rc<Results>) -> Rc<Vec<Story>> {
        let make = || Rc::new(stories(&self.index(), &results.hits));
        match &*self.last_search.borrow() {
            Some((_, found)) if Rc::ptr_eq(&found.results, results) => {
                found.stories.get_or_init(make).clone()
            }
            _ => make(),
        }
    }

    /// The timeline of `docs`, distinct articles (a search's hits): for all of them, the one
    /// made once.
    pub fn timeline(&self, docs: &[usize]) -> Rc<Timeline> {
        let chart = || Rc::new(self.mentions.timeline(docs));
        if docs.len() == self.index().len() {
            self.whole_timeline.get_or_init(chart).clone()
        } else {
            chart()
        }
    }

    /// The index, with what is loaded so far. Reading what a sharded collection has not
    /// loaded notes it; [`shards::use_settle`] fetches it and renders again.
    pub fn index(&self) -> Ref<'_, Index> {
        Ref::map(self.data.borrow(), |d| match d {
            Data::Whole(index) => index,
            Data::Sharded(s) => s.index(),
        })
    }

    /// The sharded collection being filled, if this is one.
    fn shelf(&self) -> Option<RefMut<'_, Sharded>> {
        RefMut::filter_map(self.data.borrow_mut(), |d| match d {
            Data::Whole(_) => None,
            Data::Sharded(s) => Some(s),
        })
        .ok()
    }
}

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

/// Longest stretch of unpacking between two chances for the page to paint and take input.
const SLICE_MS: f64 = 30.0;
/// Packs larger than this (about 500 articles) are unpacked in tasks of their own.
const LARGE_PACK_BYTES: usize = 2 << 20;

/// Unpacks the embedded index in slices of at most [`SLICE_MS`], reporting progress between
/// slices. A small collection is done within the first slice, without ever yielding.
async fn unpack(progress: &dyn Fn(f64, usize)) -> Result<Library, PackError> {
    unpack_bytes(crate::pack(), &crate::dictionary(), progress).await
}

/// Unpacks `bytes`, a pack indexed with `dict`, as [`unpack`] does the embedded one.
async fn unpack_bytes(
    bytes: &[u8],
    dict: &dossier_core::text::Dictionary<'_>,
    progress: &dyn Fn(f64, usize),
) -> Result<Library, PackError> {
    let t0 = now_ms();
    // A large collection gets tasks of its own for the first slice (not the one that
    // instantiated the wasm), for finishing the index, and for the first render.
    let large = bytes.len() > LARGE_PACK_BYTES;
    let pause = || async move {
        if large {
            next_task().await;
        }
    };
    pause().await;
    let mut unpacker = Unpacker::new(bytes)?;
    in_slices(&mut unpacker, Unpacker::step, |u| {
        progress(u.progress(), u.len())
    })
    .await?;
    pause().await;
    let (index, failures) = unpacker.finish(dict)?;
    pause().await;
    Ok(Library::new(index, failures, now_ms() - t0))
}

/// Prepares the library's facet tables for counting large result sets
/// ([`dossier_core::index::FacetTable::prepare`]: a few ms each at 100,000 articles), a table
/// a task, once the page is ready. A query typed before they are done counts without them:
/// the same counts, article by article.
pub(crate) fn prepare_counting(library: Rc<Library>) {
    yew::platform::spawn_local(async move {
        let tables = library.index().tables().count();
        for i in 0..tables {
            next_task().await;
            if let Some(table) = library.index().tables().nth(i) {
                table.prepare();
            }
        }
    });
}

/// Yields to the browser: what follows runs in a task of its own, after the page has had a
/// chance to paint and take input.
async fn next_task() {
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

/// Resolves after the next frame is painted (or 100 ms, for a page in a background tab,
/// which paints no frames).
async fn after_paint() {
    #[cfg(target_arch = "wasm32")]
    {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(&resolve);
            }
        });
        let frame = wasm_bindgen_futures::JsFuture::from(frame);
        let timeout = yew::platform::time::sleep(std::time::Duration::from_millis(100));
        futures::future::select(frame, Box::pin(timeout)).await;
    }
    next_task().await;
}

/// Runs `step` over `reader` until it says there is no more, in slices of at most
/// [`SLICE_MS`], reporting between slices and letting the page paint and take input there.
/// A small reader is done within the first slice, without ever yielding.
///
/// A slice stops before a step that would take it past [`SLICE_MS`] if it took as long as the
/// longest step yet (a catalogue's steps at 100,000 articles take up to about 5 ms natively,
/// a few times that in the page), not only once past it, which made slices longer by a step.
async fn in_slices<R, E>(
    reader: &mut R,
    step: impl Fn(&mut R) -> Result<bool, E>,
    report: impl Fn(&R),
) -> Result<(), E> {
    let mut longest = 0.0f64;
    loop {
        let slice = now_ms();
        let mut more = true;
        while more {
            let t = now_ms();
            more = step(reader)?;
            let now = now_ms();
            longest = longest.max(now - t);
            if now - slice + longest > SLICE_MS {
                break;
            }
        }
        if !more {
            return Ok(());
        }
        report(reader);
        next_task().await;
    }
}

/// Text with the byte ranges `marks` wrapped in `<mark>`; text nodes only.
pub fn marked(text: &str, marks: &[(usize, usize)]) -> Html {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in marks {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        if a > at {
            out.push(html! { { &text[at..a] } });
        }
        out.push(html! { <mark>{ &text[a..b] }</mark> });
        at = b;
    }
    if at < text.len() {
        out.push(html! { { &text[at..] } });
    }
    out.into_iter().collect()
}

/// Shows a visible message when the app panics, instead of a blank or frozen page.
#[cfg(target_arch = "wasm32")]
fn install_panic_notice() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("dossier: {info}").into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        if doc.get_element_by_id("panic-notice").is_some() {
            return;
        }
        if let Ok(el) = doc.create_element("div") {
            el.set_id("panic-notice");
            let _ = el.set_attribute("role", "alert");
            let _ = el.set_attribute("class", "panic-notice");
            let _ = el.set_attribute("data-testid", "panic-notice");
            el.set_text_content(Some(&format!(
                "出错了：dossier 遇到内部错误，页面可能无法继续响应。请刷新页面重试。（{info}）"
            )));
            let _ = body.prepend_with_node_1(&el);
        }
    }));
}

/// Starts the app in `#root` (or `<body>`): unpacks the index, with the page's status line
/// saying how far, then shows the explorer. When the root holds the prerendered first view
/// (`dossier-prerender`), that view stays on screen, its search box taking input, and is then
/// hydrated: the same components render the same markup and take it over; what the reader did
/// meanwhile is applied once the explorer runs ([`Early`]). An empty root (a debug build, which
/// skips the post-build hook) shows a loading line, and the explorer renders into it.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    install_panic_notice();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let root = doc
        .get_element_by_id("root")
        .or_else(|| doc.body().map(Into::into));
    let Some(root) = root else { return };
    let prerendered = root
        .query_selector("[data-testid=app]")
        .ok()
        .flatten()
        .is_some();
    // Where progress and failure show: the prerendered status line, or the loading line.
    let status = if prerendered {
        doc.query_selector("[data-testid=search-starting]")
            .ok()
            .flatten()
    } else {
        doc.get_element_by_id("boot")
    };
    // Says how far loading is ("正在载入 N 篇文章的索引… 40%"), in the status line.
    let progress = {
        let status = status.clone();
        move |what: &'static str| {
            let status = status.clone();
            move |share: f64, n: usize| {
                if let Some(s) = &status {
                    let percent = (share * 100.0).round() as u32;
                    s.set_text_content(Some(&format!("正在载入 {n} 篇文章的{what}… {percent}%")));
                }
            }
        }
    };
    // Says why the collection cannot open, where progress showed.
    let fail = {
        let status = status.clone();
        move |message: &str| {
            if let Some(s) = &status {
                let _ = s.set_attribute("role", "alert");
                let _ = s.set_attribute("data-testid", "app-error");
                s.set_text_content(Some(message));
            }
        }
    };
    let mount = move |library: Library, hydrate: bool| {
        let props = explorer::Props {
            library: LibraryRef::new(library),
            early: Early::collect(&doc),
            hydrating: prerendered && hydrate,
        };
        let renderer = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props);
        if prerendered && hydrate {
            renderer.hydrate();
        } else {
            // The loading line goes; the app renders into the emptied root.
            root.set_text_content(None);
            renderer.render();
        }
    };
    if crate::sharded() {
        yew::platform::spawn_local(async move {
            let t0 = now_ms();
            if let Some(s) = &status {
                s.set_text_content(Some("正在载入索引…"));
            }
            // The catalogue, then the shards the prerendered view read (index.html preloads
            // them): the first render is then the prerendered markup.
            let opened = async {
                let (sharded, manifest) = shards::open(&progress("目录")).await?;
                // The mentions' tables in a task of their own, after the index's.
                next_task().await;
                let library = Library::sharded(sharded, 0.0);
                library.loader.opened(manifest);
                shards::fill(&library, &shards::preloaded()).await?;
                // The first view's timeline in a task of its own, before the hydrating render.
                next_task().await;
                library.timeline(&(0..library.index().len()).collect::<Vec<_>>());
                next_task().await;
                // And its search (facet counts, results), which the hydrating render reuses,
                // then the result list's entries of it (re-posts folded, over every article).
                let first = library.searched(&ViewState::default());
                next_task().await;
                library.stories(&first.results);
                next_task().await;
                Ok::<_, String>(library)
            };
            match opened.await {
                Ok(library) => mount(
                    Library {
                        load_ms: now_ms() - t0,
                        ..library
                    },
                    true,
                ),
                Err(e) => fail(&format!("无法打开文章集：{e}。请检查网络后重新载入页面。")),
            }
        });
        return;
    }
    yew::platform::spawn_local(async move {
        let progress = progress("索引");
        // Files the reader imported earlier come back with their index (stored.rs): that
        // pack holds the embedded articles too, and is unpacked instead of the embedded one.
        let mut kept = None;
        if let Some(joined) = stored::load().await {
            let joined = Rc::new(joined);
            let dict = dossier_core::text::Dictionary::Words(&joined.dictionary);
            match unpack_bytes(&joined.pack, &dict, &progress).await {
                Ok(mut library) => {
                    library.joined = Some(joined.clone());
                    kept = Some(library);
                }
                // Not expected (the page wrote it); the embedded collection still opens.
                Err(e) => web_sys::console::error_1(&format!("dossier: kept imports: {e}").into()),
            }
        }
        let imported = kept.is_some();
        let done = match kept {
            Some(library) => Ok(library),
            None => unpack(&progress).await,
        };
        match done {
            // The prerendered view shows the embedded collection only: with imports the app
            // renders anew instead of hydrating it.
            Ok(library) => mount(library, !imported),
            Err(e) => {
                web_sys::console::error_1(&format!("dossier: {e}").into());
                fail(&format!(
                    "无法打开文章集：{}。请重新构建（scripts/build）后再试。",
                    messages::pack_error(&e)
                ));
            }
        }
    });
}
