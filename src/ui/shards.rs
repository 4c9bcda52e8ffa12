//! A sharded collection in the page (`scripts/build --sharded`): the index is fetched from
//! [`crate::SHARDS`] as the view needs it, not embedded.
//!
//! The view renders as it always does, over the [`Library`]'s index. Whatever a render reads
//! that is not loaded yet (a word's postings, a character pair's, an article's text) reads as
//! nothing and is noted ([`dossier_core::shard`]). After each render, [`use_settle`] has the
//! explorer fetch what was noted, several files at a time, load it, and render again with the
//! library's next generation; a search that noted something is shown as still loading, and
//! the last complete one stays on screen meanwhile. Script callers and the export await
//! [`resolve`] instead: it searches, fetches and searches again until nothing is missing.
//! A failed fetch stops fetching and says so, with a button to try again; when the host now
//! serves another build of the collection (its manifest changed: a deploy replaced the files
//! this page asks for), it says that instead, with a button to reload.

use std::cell::RefCell;
use std::collections::BTreeSet;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Library;
use super::context::use_shared;
use dossier_core::index::Index;
use dossier_core::shard::{Need, ShardError};

/// Why fetching stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A fetch failed, in the reader's words: trying again may help (the network came back).
    Failed(String),
    /// The host now serves another build of the collection than the one this page opened: the
    /// files the page asks for are gone or will be, and only a reload helps.
    Replaced,
}

/// What is being fetched, and why fetching stopped.
#[derive(Default)]
pub struct Loader {
    in_flight: RefCell<BTreeSet<Need>>,
    failed: RefCell<Option<Stop>>,
    /// The manifest this page opened the collection by: after a failed fetch, the host's is
    /// compared with it ([`replaced`]).
    manifest: RefCell<Vec<u8>>,
}

impl Loader {
    /// Why fetching stopped, until the reader tries again.
    pub fn failed(&self) -> Option<Stop> {
        self.failed.borrow().clone()
    }

    /// Notes the manifest the collection was opened by.
    pub fn opened(&self, manifest: Vec<u8>) {
        self.manifest.replace(manifest);
    }

    /// Lets fetching start again (the reader's "重试").
    pub fn retry(&self) {
        self.failed.replace(None);
    }

    /// Of `needs`, those not already being fetched, now marked as being fetched.
    fn start(&self, needs: Vec<Need>) -> Vec<Need> {
        let mut in_flight = self.in_flight.borrow_mut();
        needs.into_iter().filter(|n| in_flight.insert(*n)).collect()
    }

    fn end(&self, needs: &[Need], result: Result<(), Stop>) {
        let mut in_flight = self.in_flight.borrow_mut();
        for n in needs {
            in_flight.remove(n);
        }
        if let Err(e) = result {
            self.failed.replace(Some(e));
        }
    }
}

/// Whether this program may hold a sharded collection: natively (the prerender reads shards)
/// and in a sharded build's page (feature `sharded`). A constant: in the default page's wasm
/// the sharded reader is never reached, and the compiler leaves it out.
fn may_shard() -> bool {
    !cfg!(target_arch = "wasm32") || cfg!(feature = "sharded")
}

impl Library {
    /// Whether the collection is sharded.
    pub fn is_sharded(&self) -> bool {
        may_shard() && self.index().is_sharded()
    }

    /// What renders and searches read since the last call and was not loaded.
    pub fn take_missing(&self) -> Vec<Need> {
        if !may_shard() {
            return Vec::new();
        }
        match &*self.data.borrow() {
            super::Data::Whole(_) => Vec::new(),
            super::Data::Sharded(s) => s.take_missing(),
        }
    }

    /// The file name of a shard.
    pub(crate) fn shard_name(&self, need: Need) -> Option<String> {
        if !may_shard() {
            return None;
        }
        match &*self.data.borrow() {
            super::Data::Whole(_) => None,
            super::Data::Sharded(s) => s.name(need),
        }
    }

    /// Loads a fetched shard.
    pub fn load(&self, need: Need, bytes: &[u8]) -> Result<(), String> {
        if !may_shard() {
            return Ok(());
        }
        match self.shelf() {
            Some(mut s) => s.load(need, bytes).map_err(|e| message(&e)),
            None => Ok(()),
        }
    }
}

/// A shard's failure in the reader's words.
pub fn message(e: &ShardError) -> String {
    match e {
        ShardError::Fetch { name, reason } => format!("无法获取索引文件 {name}（{reason}）"),
        ShardError::Corrupt { name } => {
            format!("索引文件 {name} 已损坏（内容与文件名不符），部署可能不完整")
        }
        ShardError::Version { .. } => "索引文件属于另一版本的 dossier，请重新构建".to_owned(),
        ShardError::Decode { name, .. } | ShardError::Invalid { name, .. } => {
            format!("索引文件 {name} 无法读取，部署可能不完整")
        }
    }
}

/// The bytes of the index file `name`, fetched from [`crate::SHARDS`] beside the page.
pub async fn fetch(name: &str) -> Result<Vec<u8>, ShardError> {
    request(name).await
}

/// [`fetch`], its request sent now rather than when the future is first polled: a search's
/// files are asked for before the view renders (see [`settle`]).
pub fn request(
    name: &str,
) -> impl std::future::Future<Output = Result<Vec<u8>, ShardError>> + use<> {
    request_past_cache(name, false)
}

/// [`request`]; with `past_cache`, asking the host even when the browser holds a copy it
/// thinks fresh (`cache: "no-cache"`: the host may answer "not modified").
#[cfg(target_arch = "wasm32")]
fn request_past_cache(
    name: &str,
    past_cache: bool,
) -> impl std::future::Future<Output = Result<Vec<u8>, ShardError>> + use<> {
    use wasm_bindgen_futures::JsFuture;
    let url = format!("{}{name}", crate::SHARDS);
    let sent = web_sys::window().map(|w| {
        if past_cache {
            let init = web_sys::RequestInit::new();
            init.set_cache(web_sys::RequestCache::NoCache);
            w.fetch_with_str_and_init(&url, &init)
        } else {
            w.fetch_with_str(&url)
        }
    });
    let name = name.to_owned();
    async move {
        let failed = |reason: String| ShardError::Fetch {
            name: name.clone(),
            reason,
        };
        let offline = |_| failed("网络错误".to_owned());
        let sent = sent.ok_or_else(|| failed("没有浏览器窗口".to_owned()))?;
        let response: web_sys::Response = JsFuture::from(sent)
            .await
            .map_err(offline)?
            .dyn_into()
            .map_err(|_| failed("不是 HTTP 响应".to_owned()))?;
        if !response.ok() {
            return Err(failed(format!("服务器返回 {}", response.status())));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(offline)?)
            .await
            .map_err(offline)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// Natively there is nothing to fetch from (the prerender reads the files itself).
#[cfg(not(target_arch = "wasm32"))]
fn request_past_cache(
    name: &str,
    _past_cache: bool,
) -> impl std::future::Future<Output = Result<Vec<u8>, ShardError>> + use<> {
    std::future::ready(Err(ShardError::Fetch {
        name: name.to_owned(),
        reason: "not in a browser".into(),
    }))
}

/// Opens the sharded collection: the manifest, then the catalogue and the dictionary side by
/// side; the catalogue is read in slices of at most [`super::SLICE_MS`] after the prerendered
/// view is painted, with `progress` (share read, articles) between them. Also gives the
/// manifest's bytes ([`Loader::opened`]).
pub async fn open(
    progress: &dyn Fn(f64, usize),
) -> Result<(dossier_core::shard::Sharded, Vec<u8>), String> {
    use dossier_core::shard::{CatalogueReader, MANIFEST, Opening, dictionary_text};
    let manifest = fetch(MANIFEST).await.map_err(|e| message(&e))?;
    let opening = Opening::read(&manifest).map_err(|e| message(&e))?;
    let (catalogue, dictionary) =
        futures::future::join(fetch(&opening.catalogue.0), fetch(&opening.dictionary.0)).await;
    let (catalogue, dictionary) = (
        catalogue.map_err(|e| message(&e))?,
        dictionary.map_err(|e| message(&e))?,
    );
    let (cat_name, cat_hash) = &opening.catalogue;
    let (dict_name, dict_hash) = &opening.dictionary;
    let dictionary =
        dictionary_text(dict_name, *dict_hash, &dictionary).map_err(|e| message(&e))?;
    super::after_paint().await;
    let mut reader =
        CatalogueReader::new(cat_name, Some(*cat_hash), catalogue).map_err(|e| message(&e))?;
    super::in_slices(&mut reader, CatalogueReader::step, |r| {
        progress(r.progress(), r.len())
    })
    .await
    .map_err(|e| message(&e))?;
    // The rest in three tasks: the segmenter, the checks, then the index.
    super::next_task().await;
    let prepared = reader.prepare(&dictionary).map_err(|e| message(&e))?;
    super::next_task().await;
    let checked = prepared.check().map_err(|e| message(&e))?;
    super::next_task().await;
    Ok((checked.finish(), manifest))
}

/// The shards `index.html` preloads (`<link rel="preload" data-shard>`): what the prerendered
/// view read (`prerender::prerender_sharded`).
#[cfg(target_arch = "wasm32")]
pub fn preloaded() -> Vec<Need> {
    let Some(links) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("link[data-shard]").ok())
    else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|link| link.get_attribute("href"))
        .filter_map(|href| Need::of_file(href.strip_prefix(crate::SHARDS)?))
        .collect()
}

/// Requests in flight at once: a phrase can need thousands of text shards, more than a browser
/// lets a page request at a time.
const PARALLEL: usize = 12;

/// Fetches `needs`, [`PARALLEL`] at a time, loading each as it arrives.
pub async fn fill(library: &Library, needs: &[Need]) -> Result<(), String> {
    match load(library, requests(named(library, needs))).await {
        Ok(()) => Ok(()),
        Err(e) => Err(match stop(library, e).await {
            Stop::Failed(e) => e,
            Stop::Replaced => REPLACED.to_owned(),
        }),
    }
}

/// A [`Stop::Replaced`] in the reader's words.
pub const REPLACED: &str =
    "这份文章集已在服务器上更新，此页面仍是旧版本，无法再取得它的索引文件；请重新载入页面";

/// Why fetching stopped after the failure `e`: [`Stop::Replaced`] when the host's manifest,
/// asked for past the cache, is not the one the page opened; the failure itself when it is (or
/// cannot be fetched either: then the network is what failed).
async fn stop(library: &Library, e: String) -> Stop {
    let opened = library.loader.manifest.borrow().clone();
    match request_past_cache(dossier_core::shard::MANIFEST, true).await {
        Ok(now) if replaced(&opened, &now) => Stop::Replaced,
        _ => Stop::Failed(e),
    }
}

/// Whether the manifest the host serves now (`now`) names another build than the one the page
/// opened: the manifest holds the hashes of the catalogue and the dictionary, so any other
/// build of any other collection writes other bytes. A page opened with no manifest (an
/// embedded collection) has nothing replaced.
fn replaced(opened: &[u8], now: &[u8]) -> bool {
    !opened.is_empty() && opened != now
}

/// `needs` with their file names.
fn named(library: &Library, needs: &[Need]) -> Vec<(Need, String)> {
    needs
        .iter()
        .filter_map(|&n| Some((n, library.shard_name(n)?)))
        .collect()
}

/// The files of `named`, [`PARALLEL`] at a time, as they arrive: the first requests are sent
/// now, not when the stream is first polled, the others as those arrive.
fn requests(
    named: Vec<(Need, String)>,
) -> impl futures::Stream<Item = (Need, Result<Vec<u8>, ShardError>)> {
    use futures::{FutureExt, StreamExt};
    let mut named = named.into_iter();
    let sent: Vec<_> = (named.by_ref().take(PARALLEL))
        .map(|(need, name)| request(&name).map(move |bytes| (need, bytes)).boxed_local())
        .collect();
    let rest = named.map(|(need, name)| async move { (need, request(&name).await) }.boxed_local());
    futures::stream::iter(sent.into_iter().chain(rest)).buffer_unordered(PARALLEL)
}

/// Loads the files of `fetched` as they arrive; the first that fails is the error.
async fn load(
    library: &Library,
    fetched: impl futures::Stream<Item = (Need, Result<Vec<u8>, ShardError>)>,
) -> Result<(), String> {
    use futures::StreamExt;
    let mut fetched = std::pin::pin!(fetched);
    while let Some((need, bytes)) = fetched.next().await {
        library.load(need, &bytes.map_err(|e| message(&e))?)?;
    }
    Ok(())
}

/// `f` over the index once it read nothing that is not loaded: runs it, fetches what it
/// noted, and runs it again (for a collection that is not sharded, once).
pub async fn resolve<R>(library: &Library, f: impl Fn(&Index) -> R) -> Result<R, String> {
    loop {
        let r = f(&library.index());
        let missing = library.take_missing();
        if missing.is_empty() {
            return Ok(r);
        }
        fill(library, &missing).await?;
    }
}

/// After each render of the calling component, fetches what the render noted as missing; the
/// explorer then renders again with it ([`super::LibraryRef::next`]).
#[hook]
pub fn use_settle() {
    let settle = use_shared().settle;
    use_settle_with(&settle);
}

/// [`use_settle`] for the explorer, which provides the context.
#[hook]
pub fn use_settle_with(settle: &Callback<()>) {
    let settle = settle.clone();
    use_effect(move || settle.emit(()));
}

/// The line that says the index is being fetched, or why fetching failed with a button to try
/// again (or, when the host serves another build now, to reload); nothing when neither.
pub fn status(fetching: bool, failed: Option<Stop>, retry: Callback<MouseEvent>) -> Html {
    match failed {
        Some(Stop::Failed(e)) => html! {
            <div class="notice fetch-error" role="alert" data-testid="fetch-error">
                <p>{ format!("索引载入失败：{e}。") }</p>
                <button type="button" onclick={retry} data-testid="fetch-retry">{ "重试" }</button>
            </div>
        },
        Some(Stop::Replaced) => html! {
            <div class="notice fetch-error" role="alert" data-testid="fetch-error" data-reason="replaced">
                <p>{ format!("{REPLACED}。已显示的内容不受影响；当前视图保存在网址中，重新载入后仍在。") }</p>
                <button type="button" onclick={Callback::from(|_: MouseEvent| reload())} data-testid="fetch-reload">
                    { "重新载入" }
                </button>
            </div>
        },
        None if fetching => html! {
            <p class="fetching" role="status" data-testid="fetching">{ "正在载入索引…" }</p>
        },
        None => html! {},
    }
}

/// Reloads the page (the view is in its URL).
fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// What the explorer does on [`use_settle`]: fetches the shards renders noted (unless
/// fetching failed and the reader has not asked to try again), then `done`.
pub fn settle(library: &super::LibraryRef, done: Callback<()>) {
    if library.loader.failed().is_some() {
        return;
    }
    let needs = library.loader.start(library.take_missing());
    if needs.is_empty() {
        return;
    }
    let library = library.0.clone();
    // The requests are sent now: when the explorer settles in its render, before the view's
    // DOM is updated (not a task later).
    let fetched = requests(named(&library, &needs));
    yew::platform::spawn_local(async move {
        let result = match load(&library, fetched).await {
            Ok(()) => Ok(()),
            Err(e) => Err(stop(&library, e).await),
        };
        library.loader.end(&needs, result);
        done.emit(());
    });
}

#[cfg(test)]
mod tests {
    use super::replaced;

    #[test]
    fn another_manifest_is_another_build_and_none_opened_is_none_replaced() {
        assert!(!replaced(b"\x05abc", b"\x05abc"), "the same build");
        assert!(
            replaced(b"\x05abc", b"\x05abd"),
            "another catalogue or dictionary"
        );
        assert!(replaced(b"\x05abc", b""), "a manifest emptied by a deploy");
        assert!(
            !replaced(b"", b"\x05abc"),
            "an embedded collection opened none"
        );
    }
}
