//! Importing the reader's own files (issue 15): the "导入文件" and "导入文件夹" controls and
//! files or folders dropped on the page. The page only collects the `File`s (folders walked)
//! and hands them to the import worker (`crates/import-worker`, a wasm of its own, started
//! here only when the reader imports), with the pack of the collection it shows. The worker
//! reads, parses and indexes them with that collection exactly as the build would, keeps the
//! result in the browser, and hands back the joined collection as a pack, which the page
//! unpacks in slices as it unpacks its own and puts in place of the explorer's library.
//!
//! Progress is announced (`aria-live`), the import can be cancelled (the worker is
//! terminated; nothing is kept), and files that are not articles are listed with the reason
//! in the notice that lists the build's. The single file (opened from `file://`) cannot start
//! a worker: there the control is replaced by a line saying so.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::{Joined, Library, LibraryRef, messages, stored};
use dossier_core::text::Dictionary;

/// The worker's loader, which trunk writes beside the page (`data-loader-shim`), under this
/// name in a debug build; a release build names it by its contents and says so in
/// `<meta name="dossier-import-worker">` (`scripts/hash-worker.mjs`).
const WORKER: &str = "dossier-import_loader.js";

/// The worker's loader for this page: the name its build gave it.
fn worker_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=\"dossier-import-worker\"]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .filter(|name| !name.is_empty() && !name.contains(['/', ':']))
        .unwrap_or_else(|| WORKER.to_owned())
}

/// Files per message to the worker: cloning a `File` into a message costs the page about
/// 0.1 ms (a thousand at once: a 90 ms task).
const BATCH: usize = 100;

/// What the import line says: `idle`, `busy` (can be cancelled), `loading` (the worker is
/// done, the page unpacks), `done` or `failed` (`data-state`), and the text.
type Status = (&'static str, String);

type Handler = Closure<dyn FnMut(web_sys::MessageEvent)>;

/// The running import's worker (and its handler), and the import's number, which cancelling
/// changes so that nothing of a cancelled import lands.
#[derive(Default)]
struct Job {
    run: Cell<u32>,
    worker: RefCell<Option<(web_sys::Worker, Handler)>>,
}

impl Job {
    /// Stops the running import, if any; returns the next one's number.
    fn next(&self) -> u32 {
        self.stop();
        self.run.set(self.run.get().wrapping_add(1));
        self.run.get()
    }

    /// Terminates the worker and drops its handler. The handler is detached first: a message
    /// the worker sent before it was terminated can still be dispatched, and it must not
    /// reach a dropped closure ("closure invoked … after being dropped").
    fn stop(&self) {
        let taken = self.worker.borrow_mut().take();
        if let Some((worker, _handler)) = taken {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
    }
}

/// What an import needs to report and land.
#[derive(Clone)]
struct Ctx {
    job: Rc<Job>,
    run: u32,
    status: UseStateSetter<Status>,
    replace: Callback<LibraryRef>,
}

impl Ctx {
    fn say(&self, state: &'static str, text: String) {
        if self.job.run.get() == self.run {
            self.status.set((state, text));
        }
    }
}

/// A file to import: its path (inside the folder, for a folder) and the file.
type Picked = (String, web_sys::File);

/// The files of an `<input type=file>`, with their paths inside a chosen folder.
fn from_input(input: &web_sys::HtmlInputElement) -> Vec<Picked> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| {
            let relative = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|p| !p.is_empty());
            (relative.unwrap_or_else(|| f.name()), f)
        })
        .collect()
}

/// Every file under the entries dropped on the page, folders walked, with their paths.
async fn from_entries(mut todo: Vec<web_sys::FileSystemEntry>) -> Vec<Picked> {
    let mut out = Vec::new();
    while let Some(entry) = todo.pop() {
        let dir = entry.dyn_ref::<web_sys::FileSystemDirectoryEntry>();
        let reader = dir.map(|d| d.create_reader());
        // A folder's entries come in batches until an empty one; a file is one `File`.
        loop {
            let promise = js_sys::Promise::new(&mut |ok, err| {
                let _ = match (&reader, entry.dyn_ref::<web_sys::FileSystemFileEntry>()) {
                    (Some(r), _) => r.read_entries_with_callback_and_callback(&ok, &err),
                    (None, Some(f)) => {
                        f.file_with_callback_and_callback(&ok, &err);
                        Ok(())
                    }
                    _ => err.call0(&JsValue::NULL).map(drop),
                };
            });
            let Ok(got) = JsFuture::from(promise).await else {
                break;
            };
            if reader.is_none() {
                let path = entry.full_path().trim_start_matches('/').to_owned();
                out.push((path, got.unchecked_into()));
                break;
            }
            let batch = js_sys::Array::from(&got);
            if batch.length() == 0 {
                break;
            }
            todo.extend(batch.iter().map(|e| e.unchecked_into()));
        }
    }
    out
}

/// Names starting with `.` are skipped, as the build skips them.
fn hidden(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('.'))
}

/// Starts a worker on `files` (none: the kept files, imported again) and the collection the
/// page shows (`pack`), and lands what it sends back.
fn import(files: Vec<Picked>, pack: &[u8], ctx: Ctx) {
    let paths = js_sys::Array::new();
    let list = js_sys::Array::new();
    for (path, file) in files.iter().filter(|(p, _)| !hidden(p)) {
        paths.push(&JsValue::from_str(path));
        list.push(file);
    }
    let again = files.is_empty();
    if !again && list.length() == 0 {
        ctx.say("failed", "没有可导入的文件".to_owned());
        return;
    }
    let pack = js_sys::Uint8Array::from(pack);
    let request = js_sys::Object::new();
    let count = list.length();
    for (key, value) in [
        ("paths", JsValue::from(paths)),
        ("count", count.into()),
        ("pack", pack.clone().into()),
        ("build", stored::build_id().into()),
        ("again", again.into()),
    ] {
        let _ = js_sys::Reflect::set(&request, &key.into(), &value);
    }
    ctx.say("busy", "正在启动导入线程…".to_owned());
    let worker = match web_sys::Worker::new(&worker_url()) {
        Ok(w) => w,
        Err(_) => return ctx.say("failed", "无法启动导入线程".to_owned()),
    };
    let onmessage = {
        let ctx = ctx.clone();
        let worker = worker.clone();
        let mut request = Some(request);
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            // A cancelled import's worker is detached when it is stopped; this guards the
            // next import's worker from a message of a stale one all the same.
            if ctx.job.run.get() != ctx.run {
                return worker.terminate();
            }
            let data = e.data();
            let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or_default();
            // Counts, written as integers (formatting an f64 would bring 13 KB of float
            // formatting into the page's wasm).
            let n = |key: &str| get(key).as_f64().unwrap_or(0.0) as u64;
            let text = match get("kind").as_string().unwrap_or_default().as_str() {
                "ready" => {
                    if let Some(request) = request.take() {
                        let transfer = js_sys::Array::of1(&pack.buffer());
                        let _ = worker.post_message_with_transfer(&request, &transfer);
                        // The files in batches, each in a task of its own.
                        let (worker, list) = (worker.clone(), list.clone());
                        yew::platform::spawn_local(async move {
                            for at in (0..count).step_by(BATCH) {
                                let more = js_sys::Object::new();
                                let batch = list.slice(at, at + BATCH as u32);
                                let _ = js_sys::Reflect::set(&more, &"more".into(), &batch);
                                let _ = worker.post_message(&more);
                                super::next_task().await;
                            }
                        });
                    }
                    return;
                }
                "dictionary" => "正在载入分词词典（首次导入时下载，约 2 MB）…".to_owned(),
                "reading" => format!("正在读取文件 {}/{}…", n("done"), n("total")),
                "parsing" => format!("正在解析文件 {}/{}…", n("done"), n("total")),
                "preparing" => "正在准备分词…".to_owned(),
                "indexing" => format!("正在建立索引（{} 篇文章）…", n("articles")),
                "packing" => "正在保存索引…".to_owned(),
                "done" => {
                    ctx.job.stop();
                    let joined = Joined {
                        pack: js_sys::Uint8Array::new(&get("pack")).to_vec(),
                        dictionary: get("dictionary").as_string().unwrap_or_default(),
                    };
                    let mut text = format!("已导入 {} 篇文章", n("added"));
                    if n("refused") > 0 {
                        text += &format!("；{} 个文件无法作为文章读取，见下方列表", n("refused"));
                    }
                    let kept = get("kept").as_bool() == Some(true);
                    if !kept {
                        text += "；无法保存在浏览器中，重新载入页面后需要再次导入";
                    }
                    yew::platform::spawn_local(land(ctx.clone(), joined, text, kept));
                    return;
                }
                _ => {
                    ctx.job.stop();
                    let why = get("message").as_string().unwrap_or_default();
                    return ctx.say("failed", format!("导入失败：{why}"));
                }
            };
            ctx.say("busy", text);
        })
    };
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // A worker that cannot start (its script missing) reports as a failure.
    worker.set_onerror(Some(onmessage.as_ref().unchecked_ref()));
    *ctx.job.worker.borrow_mut() = Some((worker, onmessage));
}

/// Unpacks the worker's pack in slices and puts it in place of the library. The import is
/// complete (and kept) by then: it can no longer be cancelled.
async fn land(ctx: Ctx, joined: Joined, text: String, kept: bool) {
    let say = |share: f64, _| {
        ctx.say(
            "loading",
            format!("正在载入索引… {}%", messages::fixed(share * 100.0, 0)),
        )
    };
    let dict = Dictionary::Words(&joined.dictionary);
    let unpacked = super::unpack_bytes(&joined.pack, &dict, &say).await;
    if ctx.job.run.get() != ctx.run {
        return;
    }
    match unpacked {
        Ok(mut library) => {
            library.joined = Some(Rc::new(joined));
            // The explorer renders the joined collection in a task of its own.
            super::next_task().await;
            ctx.replace.emit(LibraryRef::new(library));
            if kept {
                stored::flag();
            }
            ctx.say("done", text);
        }
        Err(e) => ctx.say("failed", format!("导入失败：{e}")),
    }
}

/// The import control over `library`; `replace` puts a library in place of the explorer's
/// (after an import, after clearing). A hook of the explorer rather than a component of its
/// own: a component type costs the page's wasm about 0.8 KB gzip of yew's machinery.
#[hook]
pub fn use_import(library: &Rc<Library>, replace: &Callback<LibraryRef>) -> Html {
    let library = library.clone();
    let status = use_state_eq(|| ("idle", String::new()));
    let job = use_memo((), |_| Job::default());
    // The single file, opened from disk, cannot start a worker.
    let local = use_state_eq(|| false);
    // The library now (the drop listeners' callback outlives this render).
    let current = use_mut_ref(|| library.clone());
    *current.borrow_mut() = library.clone();
    let start = {
        let (status, job, current) = (status.clone(), job.clone(), current.clone());
        let replace = replace.clone();
        Callback::from(move |files: Vec<Picked>| {
            let ctx = Ctx {
                job: job.clone(),
                run: job.next(),
                status: status.setter(),
                replace: replace.clone(),
            };
            // Kept files are imported again into the embedded collection.
            let library = current.borrow().clone();
            let pack = match (&library.joined, files.is_empty()) {
                (Some(joined), false) => &joined.pack[..],
                _ => crate::pack(),
            };
            import(files, pack, ctx);
        })
    };
    {
        let (local, start) = (local.clone(), start.clone());
        let embedded = library.joined.is_none();
        use_effect_with((), move |_| {
            let protocol = web_sys::window().and_then(|w| w.location().protocol().ok());
            // A sharded build has no pack to join imports to.
            let is_local = protocol.as_deref() == Some("file:") || crate::sharded();
            local.set(is_local);
            // Kept imports made with another build of the page: the kept files again.
            if embedded && !is_local && stored::flagged() {
                start.emit(Vec::new());
            }
            // Files and folders dropped anywhere on the page.
            let listeners = (!is_local).then(|| drop_listeners(start));
            move || drop(listeners)
        });
    }
    if crate::sharded() {
        return html! {
            <p class="import muted" data-testid="import-unavailable">
                { "这个文章集较大，索引按需从网站载入，因此不能在页面中导入文件。" }
            </p>
        };
    }
    if *local {
        return html! {
            <p class="import muted" data-testid="import-unavailable">
                { "单文件版不能导入文件：从本地打开的页面无法启动导入所需的后台线程（Web Worker）。请在网站上或用本地服务器打开 dist/ 版本来导入。" }
            </p>
        };
    }
    let on_pick = start.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let files = from_input(&input);
        // The same files can be chosen again.
        input.set_value("");
        files
    });
    let stop = {
        let (status, job) = (status.clone(), job.clone());
        let replace = replace.clone();
        let clear = library.joined.is_some();
        Callback::from(move |_| {
            let run = job.next();
            if !clear {
                return status.set(("done", "已取消导入，没有文件被导入".to_owned()));
            }
            stored::clear();
            let (status, replace, job) = (status.clone(), replace.clone(), job.clone());
            yew::platform::spawn_local(async move {
                if let Ok(library) = super::unpack(&|_, _| {}).await
                    && job.run.get() == run
                {
                    replace.emit(LibraryRef::new(library));
                    status.set(("done", "已清除导入的文件".to_owned()));
                }
            });
        })
    };
    let busy = status.0 == "busy";
    let locked = busy || status.0 == "loading";
    let button = if locked {
        "import-button disabled"
    } else {
        "import-button"
    };
    html! {
        <section class="import" aria-label="导入文件" data-testid="import">
            <label class={button}>
                <input type="file" multiple=true class="visually-hidden" data-testid="import-input"
                    disabled={locked} onchange={on_pick.clone()} />
                { "导入文件" }
            </label>
            <label class={button}>
                <input type="file" multiple=true webkitdirectory=true class="visually-hidden"
                    data-testid="import-folder-input" disabled={locked} onchange={on_pick} />
                { "导入文件夹" }
            </label>
            if busy || (!locked && library.joined.is_some()) {
                <button type="button" class="import-button" onclick={stop}
                    data-testid={if busy { "import-cancel" } else { "import-clear" }}>
                    { if busy { "取消" } else { "清除导入的文件" } }
                </button>
            }
            <span class="hint">{ "或拖放到页面上；只在本机处理，不会上传" }</span>
            <p class="import-status" role="status" aria-live="polite" data-testid="import-status"
                data-state={status.0}>{ status.1.clone() }</p>
        </section>
    }
}

/// Listens for files dragged over and dropped on the page (which shows a drop hint meanwhile:
/// `html.dropping`).
fn drop_listeners(start: Callback<Vec<Picked>>) -> Option<[EventListener; 3]> {
    let window = web_sys::window()?;
    let html = window.document()?.document_element()?;
    let files = |e: &web_sys::Event| {
        let e: &web_sys::DragEvent = e.unchecked_ref();
        e.data_transfer()
            .filter(|d| d.types().includes(&"Files".into(), 0))
    };
    let hint = move |on: bool| {
        let _ = html.class_list().toggle_with_force("dropping", on);
    };
    let active = EventListenerOptions::enable_prevent_default();
    let over = {
        let hint = hint.clone();
        EventListener::new_with_options(&window, "dragover", active, move |e| {
            if files(e).is_some() {
                e.prevent_default();
                hint(true);
            }
        })
    };
    let leave = {
        let hint = hint.clone();
        EventListener::new(&window, "dragleave", move |e| {
            // Left the window, not one element for another.
            if e.unchecked_ref::<web_sys::DragEvent>()
                .related_target()
                .is_none()
            {
                hint(false);
            }
        })
    };
    let drop = EventListener::new_with_options(&window, "drop", active, move |e| {
        hint(false);
        let Some(transfer) = files(e) else { return };
        e.prevent_default();
        // The entries must be taken now: the transfer is emptied after the event. An item
        // without one (a file a script dropped) is taken as it is.
        let items = transfer.items();
        let mut files = Vec::new();
        let mut entries = Vec::new();
        for item in (0..items.length()).filter_map(|i| items.get(i)) {
            match item.webkit_get_as_entry() {
                Ok(Some(entry)) => entries.push(entry),
                _ => files.extend(item.get_as_file().ok().flatten().map(|f| (f.name(), f))),
            }
        }
        let start = start.clone();
        yew::platform::spawn_local(async move {
            files.extend(from_entries(entries).await);
            if !files.is_empty() {
                start.emit(files);
            }
        });
    });
    Some([over, leave, drop])
}
