//! Importing the reader's own files (issue 15): the "导入文件" and "导入文件夹" controls and
//! files or folders dropped on the page. The page only reads the files' bytes; the import
//! worker (`crates/import-worker`, a wasm of its own, started here only when the reader
//! imports) parses and indexes them with the collection the page shows, and hands back the
//! joined collection as a pack, which the page unpacks in slices as it unpacks its own and
//! puts in place of the explorer's library. The page keeps it in the browser ([`stored`]).
//!
//! Progress is announced (`aria-live`), the import can be cancelled (the worker is
//! terminated; nothing is kept), and files that are not articles are listed with the reason,
//! as the build's are (`notices` in the explorer). Files over the parser's limit are not even
//! read. The single file (opened from `file://`) cannot start a worker: there the control is
//! replaced by a line saying so.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::context::use_shared;
use super::{Joined, Library, LibraryRef, stored};
use dossier_core::parse::decode::MAX_BYTES;
use dossier_core::text::Dictionary;

/// The worker's loader, which trunk writes beside the page (`data-loader-shim`).
const WORKER: &str = "dossier-import_loader.js";

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    /// Working: what, and whether it can still be cancelled.
    Busy(String),
    Done(String),
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Puts a library in place of the explorer's (after an import, after clearing).
    pub replace: Callback<LibraryRef>,
}

/// What a running import holds: its worker (and the worker's handlers), and its number, which
/// cancelling changes so that nothing of a cancelled import lands.
#[derive(Default)]
struct Job {
    run: Cell<u32>,
    worker: RefCell<
        Option<(
            web_sys::Worker,
            Closure<dyn FnMut(web_sys::MessageEvent)>,
            Closure<dyn FnMut(web_sys::Event)>,
        )>,
    >,
}

impl Job {
    fn stop(&self) {
        if let Some((worker, _, _)) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
    }
}

/// Everything an import step needs to report and land.
#[derive(Clone)]
struct Ctx {
    job: Rc<Job>,
    run: u32,
    status: UseStateSetter<Status>,
    library: Rc<Library>,
    replace: Callback<LibraryRef>,
}

impl Ctx {
    fn live(&self) -> bool {
        self.job.run.get() == self.run
    }

    fn say(&self, status: Status) {
        if self.live() {
            self.status.set(status);
        }
    }
}

fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "未知错误".to_owned())
}

/// A file to import: its path (inside the folder, for a folder) and the file, or its bytes
/// (the kept files of an earlier import, [`stored::files`]).
type Picked = (String, Source);

enum Source {
    File(web_sys::File),
    Bytes(js_sys::Uint8Array),
}

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
            (relative.unwrap_or_else(|| f.name()), Source::File(f))
        })
        .collect()
}

/// Calls `f(resolve, reject)` and waits for it: for the callback-style file system entries.
async fn callback(
    f: impl FnOnce(&js_sys::Function, &js_sys::Function),
) -> Result<JsValue, JsValue> {
    let mut f = Some(f);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(f) = f.take() {
            f(&resolve, &reject);
        }
    });
    JsFuture::from(promise).await
}

/// Every file under the entries dropped on the page, folders walked, with their paths.
async fn from_entries(entries: Vec<web_sys::FileSystemEntry>) -> Vec<Picked> {
    let mut out = Vec::new();
    let mut todo = entries;
    while let Some(entry) = todo.pop() {
        let path = entry.full_path().trim_start_matches('/').to_owned();
        if entry.is_directory() {
            let reader = entry
                .unchecked_ref::<web_sys::FileSystemDirectoryEntry>()
                .create_reader();
            // Entries come in batches until an empty one.
            loop {
                let batch = callback(|ok, err| {
                    let _ = reader.read_entries_with_callback_and_callback(ok, err);
                })
                .await;
                let Ok(batch) = batch else { break };
                let batch = js_sys::Array::from(&batch);
                if batch.length() == 0 {
                    break;
                }
                todo.extend(batch.iter().map(|e| e.unchecked_into()));
            }
        } else if entry.is_file() {
            let entry = entry.unchecked_ref::<web_sys::FileSystemFileEntry>();
            if let Ok(file) =
                callback(|ok, err| entry.file_with_callback_and_callback(ok, err)).await
            {
                out.push((path, Source::File(file.unchecked_into())));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Names starting with `.` are skipped, as the build skips them.
fn hidden(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('.'))
}

/// Reads the files, hands them to a new worker with the current collection's pack, and lands
/// what it sends back.
async fn import(files: Vec<Picked>, ctx: Ctx) {
    let files: Vec<Picked> = files.into_iter().filter(|(p, _)| !hidden(p)).collect();
    if files.is_empty() {
        ctx.say(Status::Failed("没有可导入的文件".to_owned()));
        return;
    }
    let total = files.len();
    let paths = js_sys::Array::new();
    let bytes = js_sys::Array::new();
    // The files' bytes go to the worker as copies: the page keeps them ([`stored::save`]).
    let transfer = js_sys::Array::new();
    let mut kept: Vec<(String, js_sys::Uint8Array)> = Vec::with_capacity(total);
    for (i, (path, source)) in files.into_iter().enumerate() {
        if !ctx.live() {
            return;
        }
        ctx.say(Status::Busy(format!("正在读取文件 {}/{total}…", i + 1)));
        paths.push(&JsValue::from_str(&path));
        let read = match source {
            Source::Bytes(b) => b,
            Source::File(file) if file.size() > MAX_BYTES as f64 => {
                // Refused unread: the worker lists it as too large.
                bytes.push(&JsValue::from_f64(file.size()));
                continue;
            }
            Source::File(file) => match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer),
                // Unreadable (removed meanwhile, no permission): an empty file, refused as such.
                Err(_) => js_sys::Uint8Array::new_with_length(0),
            },
        };
        bytes.push(&read);
        kept.push((path, read));
    }
    if !ctx.live() {
        return;
    }
    let pack = match &ctx.library.joined {
        Some(joined) => js_sys::Uint8Array::from(joined.pack.as_slice()),
        None => js_sys::Uint8Array::from(crate::pack()),
    };
    transfer.push(&pack.buffer());
    let request = js_sys::Object::new();
    for (key, value) in [
        ("paths", &paths as &JsValue),
        ("files", &bytes),
        ("pack", &pack),
    ] {
        let _ = js_sys::Reflect::set(&request, &key.into(), value);
    }
    ctx.say(Status::Busy("正在启动导入线程…".to_owned()));
    let worker = match web_sys::Worker::new(WORKER) {
        Ok(w) => w,
        Err(e) => {
            ctx.say(Status::Failed(format!("无法启动导入线程：{}", message(&e))));
            return;
        }
    };
    let onmessage = {
        let ctx = ctx.clone();
        let worker = worker.clone();
        let mut request = Some((request, transfer));
        let mut kept = Some(kept);
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or_default();
            let number = |key: &str| get(key).as_f64().unwrap_or(0.0) as usize;
            let kind = get("kind").as_string().unwrap_or_default();
            let busy = |text: String| ctx.say(Status::Busy(text));
            match kind.as_str() {
                "ready" => {
                    if let Some((request, transfer)) = request.take() {
                        let _ = worker.post_message_with_transfer(&request, &transfer);
                    }
                }
                "dictionary" => busy("正在载入分词词典（首次导入时下载，约 2.4 MB）…".to_owned()),
                "parsing" => busy(format!(
                    "正在解析文件 {}/{}…",
                    number("done"),
                    number("total")
                )),
                "preparing" => busy("正在准备分词…".to_owned()),
                "indexing" => busy(format!("正在建立索引（{} 篇文章）…", number("articles"))),
                "packing" => busy("正在整理索引…".to_owned()),
                "done" => {
                    ctx.job.stop();
                    let pack = js_sys::Uint8Array::new(&get("pack")).to_vec();
                    let dictionary = get("dictionary").as_string().unwrap_or_default();
                    let (added, refused) = (number("added"), number("refused"));
                    let ctx = ctx.clone();
                    let kept = kept.take().unwrap_or_default();
                    yew::platform::spawn_local(land(ctx, pack, dictionary, added, refused, kept));
                }
                "failed" => {
                    ctx.job.stop();
                    ctx.say(Status::Failed(format!(
                        "导入失败：{}",
                        get("message").as_string().unwrap_or_default()
                    )));
                }
                _ => {}
            }
        })
    };
    let onerror = {
        let ctx = ctx.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            ctx.job.stop();
            ctx.say(Status::Failed("导入线程出错，文件未导入".to_owned()));
        })
    };
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    *ctx.job.worker.borrow_mut() = Some((worker, onmessage, onerror));
}

/// Unpacks the worker's pack in slices and puts it in place of the library; then keeps it.
async fn land(
    ctx: Ctx,
    pack: Vec<u8>,
    dictionary: String,
    added: usize,
    refused: usize,
    kept: Vec<(String, js_sys::Uint8Array)>,
) {
    let unpacked = {
        let ctx = ctx.clone();
        super::unpack_bytes(&pack, &Dictionary::Words(&dictionary), &move |share, _| {
            ctx.say(Status::Busy(format!(
                "正在载入索引… {}%",
                (share * 100.0).round() as u32
            )))
        })
        .await
    };
    if !ctx.live() {
        return;
    }
    let mut library = match unpacked {
        Ok(library) => library,
        Err(e) => {
            ctx.say(Status::Failed(format!("导入失败：{e}")));
            return;
        }
    };
    let joined = Rc::new(Joined { pack, dictionary });
    library.joined = Some(joined.clone());
    ctx.replace.emit(LibraryRef(Rc::new(library)));
    let mut text = format!("已导入 {added} 篇文章");
    if refused > 0 {
        text.push_str(&format!("；{refused} 个文件无法作为文章读取，见上方列表"));
    }
    if let Err(e) = stored::save(&joined, &kept).await {
        web_sys::console::error_1(&e);
        text.push_str("；但无法保存在浏览器中，重新载入页面后需要再次导入");
    }
    ctx.say(Status::Done(text));
}

#[function_component(ImportPanel)]
pub fn import_panel(props: &Props) -> Html {
    let shared = use_shared();
    let library = shared.library.0.clone();
    let status = use_state_eq(|| Status::Idle);
    let job = use_memo((), |_| Job::default());
    // The single file, opened from disk, cannot start a worker.
    let local = use_state_eq(|| false);
    {
        let local = local.clone();
        use_effect_with((), move |_| {
            let protocol = web_sys::window().and_then(|w| w.location().protocol().ok());
            local.set(protocol.as_deref() == Some("file:"));
        });
    }
    let start = {
        let status = status.clone();
        let job = job.clone();
        let library = library.clone();
        let replace = props.replace.clone();
        Callback::from(move |files: Vec<Picked>| {
            job.stop();
            let run = job.run.get().wrapping_add(1);
            job.run.set(run);
            let ctx = Ctx {
                job: job.clone(),
                run,
                status: status.setter(),
                library: library.clone(),
                replace: replace.clone(),
            };
            yew::platform::spawn_local(import(files, ctx));
        })
    };
    // Kept files whose index was made with another build of the page: imported again.
    {
        let start = start.clone();
        let has = library.joined.is_some();
        use_effect_with((), move |_| {
            if !has && stored::flagged() {
                yew::platform::spawn_local(async move {
                    let files = stored::files().await;
                    if !files.is_empty() {
                        start.emit(
                            files
                                .into_iter()
                                .map(|(p, b)| (p, Source::Bytes(b)))
                                .collect(),
                        );
                    }
                });
            }
        });
    }
    // Files and folders dropped anywhere on the page.
    {
        let start = start.clone();
        let local = *local;
        use_effect_with(local, move |local| {
            let listeners = (!*local).then(|| drop_listeners(start));
            move || drop(listeners)
        });
    }
    if *local {
        return html! {
            <section class="import" aria-label="导入文件">
                <p class="muted" data-testid="import-unavailable">
                    { "单文件版不能导入文件：从本地打开的页面无法启动导入所需的后台线程（Web Worker）。请在网站上或用本地服务器打开 dist/ 版本来导入。" }
                </p>
            </section>
        };
    }
    let on_pick = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let files = from_input(&input);
            // The same files can be chosen again.
            input.set_value("");
            start.emit(files);
        })
    };
    let cancel = {
        let status = status.clone();
        let job = job.clone();
        Callback::from(move |_| {
            job.stop();
            job.run.set(job.run.get().wrapping_add(1));
            status.set(Status::Done("已取消导入，没有文件被导入".to_owned()));
        })
    };
    let clear = {
        let status = status.clone();
        let job = job.clone();
        let replace = props.replace.clone();
        Callback::from(move |_| {
            job.stop();
            let run = job.run.get().wrapping_add(1);
            job.run.set(run);
            let status = status.clone();
            let replace = replace.clone();
            let job = job.clone();
            yew::platform::spawn_local(async move {
                if let Err(e) = stored::clear().await {
                    web_sys::console::error_1(&e);
                }
                if let Ok(library) = super::unpack(&|_, _| {}).await
                    && job.run.get() == run
                {
                    replace.emit(LibraryRef(Rc::new(library)));
                    status.set(Status::Done("已清除导入的文件".to_owned()));
                }
            });
        })
    };
    let busy = matches!(*status, Status::Busy(_));
    let line = match &*status {
        Status::Idle => String::new(),
        Status::Busy(t) | Status::Done(t) | Status::Failed(t) => t.clone(),
    };
    let has_imports = library.joined.is_some();
    html! {
        <section class="import" aria-label="导入文件" data-testid="import">
            <div class="import-controls">
                <label class={classes!("import-button", busy.then_some("disabled"))}>
                    <input type="file" multiple=true class="visually-hidden" data-testid="import-input"
                        disabled={busy} onchange={on_pick.clone()} />
                    { "导入文件" }
                </label>
                <label class={classes!("import-button", busy.then_some("disabled"))}>
                    <input type="file" multiple=true webkitdirectory=true class="visually-hidden" data-testid="import-folder-input"
                        disabled={busy} onchange={on_pick} />
                    { "导入文件夹" }
                </label>
                if busy {
                    <button type="button" class="import-cancel" data-testid="import-cancel" onclick={cancel}>{ "取消" }</button>
                }
                if has_imports && !busy {
                    <button type="button" class="link" data-testid="import-clear" onclick={clear}>{ "清除导入的文件" }</button>
                }
                <span class="hint">{ "或拖放到页面上；只在本机处理，不会上传" }</span>
            </div>
            <p class={classes!("import-status", matches!(*status, Status::Failed(_)).then_some("failed"))}
                role="status" aria-live="polite" data-testid="import-status"
                data-state={match *status { Status::Idle => "idle", Status::Busy(_) => "busy", Status::Done(_) => "done", Status::Failed(_) => "failed" }}>
                { line }
            </p>
        </section>
    }
}

/// Listens for files dragged over and dropped on the page (the page shows a drop hint
/// meanwhile: `html.dropping`).
fn drop_listeners(start: Callback<Vec<Picked>>) -> Option<[EventListener; 3]> {
    let window = web_sys::window()?;
    let html = window.document()?.document_element()?;
    let with_files = |e: &web_sys::DragEvent| {
        e.data_transfer().is_some_and(|d| {
            d.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    };
    let active = EventListenerOptions::enable_prevent_default();
    let over = {
        let html = html.clone();
        EventListener::new_with_options(&window, "dragover", active, move |e| {
            let e = e.unchecked_ref::<web_sys::DragEvent>();
            if with_files(e) {
                e.prevent_default();
                let _ = html.class_list().add_1("dropping");
            }
        })
    };
    let leave = {
        let html = html.clone();
        EventListener::new(&window, "dragleave", move |e| {
            let e = e.unchecked_ref::<web_sys::DragEvent>();
            // Left the window (not one element for another).
            if e.related_target().is_none() {
                let _ = html.class_list().remove_1("dropping");
            }
        })
    };
    let drop = EventListener::new_with_options(&window, "drop", active, move |e| {
        let e = e.unchecked_ref::<web_sys::DragEvent>();
        let _ = html.class_list().remove_1("dropping");
        let Some(transfer) = e.data_transfer() else {
            return;
        };
        if !with_files(e) {
            return;
        }
        e.prevent_default();
        // The entries must be taken now: the transfer is emptied after the event.
        let items = transfer.items();
        let entries: Vec<web_sys::FileSystemEntry> = (0..items.length())
            .filter_map(|i| items.get(i))
            .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
            .collect();
        let start = start.clone();
        yew::platform::spawn_local(async move {
            start.emit(from_entries(entries).await);
        });
    });
    Some([over, leave, drop])
}
