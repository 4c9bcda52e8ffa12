//! The import worker: a Web Worker, a wasm of its own, that the page starts only when the
//! reader imports files (src/ui/import.rs). It parses and indexes them with the page's
//! collection exactly as the build would (`dossier_core::import`), and hands back the joined
//! collection as a pack, which the page unpacks as it unpacks its own. The main thread never
//! parses, segments or loads jieba's whole dictionary.
//!
//! Messages:
//!
//! - page → worker: `{paths: [string], count: number, pack: Uint8Array, build: string,
//!   again: boolean}`, then `{more: [File]}` until `count` files came: the files' paths (read
//!   with serde-wasm-bindgen) and the files themselves in batches (the worker reads them; one
//!   over the parser's limit is refused unread; a thousand `File`s in one message cost the
//!   page a 90 ms task), the pack of the collection the page shows (its buffer transferred),
//!   the identifier of the page's embedded collection; `again`: import the kept files again
//!   (the page was rebuilt), no files.
//! - worker → page: a [`Report`] (serde-wasm-bindgen, `kind` says which), the last `done` with
//!   the new pack as a transferred `Uint8Array` in `pack`, or `failed`.
//!
//! The worker also keeps the result in the browser ([`store`]) before it reports it done.
//!
//! jieba's whole dictionary (`dict.txt` beside the worker, 5 MB, 2.4 MB gzip) is fetched once
//! per worker, on the first import, and cached by the browser. The curated name variants
//! (`data/aliases.tsv`) are built in. Cancelling is terminating the worker: nothing it did
//! is kept.

#[cfg(target_arch = "wasm32")]
mod store;

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::rc::Rc;

    use dossier_core::import::{self, Stage};
    use dossier_core::index::pack;
    use dossier_core::parse::decode::MAX_BYTES;
    use dossier_core::text::aliases::AliasTable;
    use serde::Serialize;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

    /// What the worker tells the page.
    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Report<'a> {
        /// Started: the page may send its request.
        Ready,
        /// Fetching jieba's dictionary (first import only).
        Dictionary,
        Reading {
            done: usize,
            total: usize,
        },
        Parsing {
            done: usize,
            total: usize,
        },
        Preparing,
        Indexing {
            articles: usize,
        },
        Packing,
        /// The joined collection; its pack travels beside this, in `pack`.
        Done {
            added: usize,
            refused: usize,
            articles: usize,
            /// jieba's dictionary trimmed to the joined collection: the page cuts queries
            /// with it.
            dictionary: &'a str,
            /// Milliseconds the worker spent, dictionary fetch included.
            ms: f64,
            /// Whether it is kept in the browser (IndexedDB) for the next visit.
            kept: bool,
        },
        Failed {
            message: String,
        },
    }

    thread_local! {
        static DICT: RefCell<Option<Rc<String>>> = const { RefCell::new(None) };
    }

    /// The curated name variants, as the build reads them.
    const CURATED: &str = include_str!("../../../data/aliases.tsv");

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    fn post(report: &Report, pack: Option<js_sys::Uint8Array>) {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let Ok(value) = report.serialize(&serializer) else {
            return;
        };
        let transfer = js_sys::Array::new();
        if let Some(bytes) = pack {
            let _ = js_sys::Reflect::set(&value, &"pack".into(), &bytes);
            transfer.push(&bytes.buffer());
        }
        let _ = scope().post_message_with_transfer(&value, &transfer);
    }

    fn text(e: JsValue) -> String {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| format!("{e:?}"))
    }

    /// jieba's whole dictionary, fetched once.
    async fn dictionary() -> Result<Rc<String>, String> {
        if let Some(d) = DICT.with(|d| d.borrow().clone()) {
            return Ok(d);
        }
        post(&Report::Dictionary, None);
        let response: Response = JsFuture::from(scope().fetch_with_str("dict.txt"))
            .await
            .map_err(text)?
            .unchecked_into();
        if !response.ok() {
            return Err(format!("dict.txt: HTTP {}", response.status()));
        }
        let body = JsFuture::from(response.text().map_err(text)?)
            .await
            .map_err(text)?
            .as_string()
            .ok_or("dict.txt is not text")?;
        let dict = Rc::new(body);
        DICT.with(|d| *d.borrow_mut() = Some(dict.clone()));
        Ok(dict)
    }

    async fn handle(data: JsValue, list: js_sys::Array) -> Result<(), String> {
        let t0 = now();
        let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).map_err(text);
        let build = get("build")?.as_string().unwrap_or_default();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut too_large: Vec<(String, usize)> = Vec::new();
        if get("again")?.as_bool() == Some(true) {
            files = crate::store::files().await.map_err(text)?;
        } else {
            let paths: Vec<String> =
                serde_wasm_bindgen::from_value(get("paths")?).map_err(|e| e.to_string())?;
            let total = paths.len();
            let mut last = 0.0;
            for (done, (file, path)) in list.iter().zip(paths).enumerate() {
                if done == 0 || now() - last > 50.0 {
                    last = now();
                    post(&Report::Reading { done, total }, None);
                }
                let file: web_sys::Blob = file.unchecked_into();
                // Over the parser's limit: refused unread.
                if file.size() > MAX_BYTES as f64 {
                    too_large.push((path, file.size() as usize));
                    continue;
                }
                // Unreadable (removed meanwhile, no permission): empty, refused as such.
                let bytes = match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                    Err(_) => Vec::new(),
                };
                files.push((path, bytes));
            }
        }
        let base_pack = js_sys::Uint8Array::new(&get("pack")?).to_vec();
        let dict = dictionary().await?;
        let base = import::base(&base_pack).map_err(|e| e.to_string())?;
        drop(base_pack);
        let (curated, _) = AliasTable::load(CURATED, None);
        // Progress at most every 50 ms, and at every change of stage.
        let mut last = 0.0;
        let mut progress = |stage: Stage| {
            let report = match stage {
                Stage::Parsing { done, total } => {
                    if done != 0 && done != total && now() - last < 50.0 {
                        return;
                    }
                    Report::Parsing { done, total }
                }
                Stage::Preparing => Report::Preparing,
                Stage::Indexing { articles } => Report::Indexing { articles },
            };
            last = now();
            post(&report, None);
        };
        let out = import::import(base, &files, &too_large, &dict, &curated, &mut progress)
            .map_err(|e| e.to_string())?;
        post(&Report::Packing, None);
        let packed = pack::pack(&out.index, &out.failures);
        let bytes = js_sys::Uint8Array::from(packed.as_slice());
        drop(packed);
        let kept = match crate::store::save(&build, &bytes, &out.dictionary, &files).await {
            Ok(()) => true,
            Err(e) => {
                web_sys::console::error_1(&e);
                false
            }
        };
        post(
            &Report::Done {
                added: out.added,
                refused: out.refused,
                articles: out.index.len(),
                dictionary: &out.dictionary,
                ms: now() - t0,
                kept,
            },
            Some(bytes),
        );
        Ok(())
    }

    thread_local! {
        /// The request and the files received so far (they come in batches).
        static PENDING: RefCell<Option<(JsValue, js_sys::Array)>> = const { RefCell::new(None) };
    }

    pub fn start() {
        let onmessage = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| {
            let data = e.data();
            let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or_default();
            let more = get("more");
            let ready = PENDING.with(|p| {
                let mut p = p.borrow_mut();
                if more.is_undefined() {
                    *p = Some((data.clone(), js_sys::Array::new()));
                } else if let Some((_, files)) = p.as_mut() {
                    for f in js_sys::Array::from(&more).iter() {
                        files.push(&f);
                    }
                }
                let (request, files) = p.as_ref()?;
                let count = js_sys::Reflect::get(request, &"count".into())
                    .ok()?
                    .as_f64()
                    .unwrap_or(0.0);
                (files.length() as f64 >= count).then(|| p.take())?
            });
            let Some((request, files)) = ready else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(message) = handle(request, files).await {
                    web_sys::console::error_1(&format!("dossier import: {message}").into());
                    post(&Report::Failed { message }, None);
                }
            });
        });
        scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        // Lives as long as the worker.
        onmessage.forget();
        post(&Report::Ready, None);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dossier-import is the page's import worker: trunk builds it for wasm32");
    std::process::exit(2);
}
