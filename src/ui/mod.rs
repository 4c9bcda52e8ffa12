//! Stage 5, the view: the yew single-page app, and the only module that touches yew or the DOM.
//!
//! Article text reaches the page only as text nodes and checked attributes: nothing here
//! builds HTML from strings.

mod api;
mod compare;
mod context;
mod download;
mod explorer;
mod facets;
mod keys;
mod messages;
mod reader;
mod results;
mod search_bar;
mod store;
mod timeline;
mod url;

use std::rc::Rc;

use yew::prelude::*;

use dossier_core::index::Index;
use dossier_core::index::pack::{PackError, Unpacker};
use dossier_core::parse::Failure;
use dossier_core::timeline::{Mention, mentions_of};

/// The indexed collection, unpacked from what build.rs packed.
pub struct Library {
    pub index: Index,
    pub failures: Vec<Failure>,
    /// Every dated mention of the collection, in timeline order (sorted once, here).
    pub mentions: Vec<Mention>,
    /// Milliseconds spent unpacking at start-up.
    pub load_ms: f64,
}

/// Shared handle to the library; props compare it by identity.
#[derive(Clone)]
pub struct LibraryRef(pub Rc<Library>);

impl PartialEq for LibraryRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Longest stretch of unpacking between two chances for the page to paint and take input.
const SLICE_MS: f64 = 30.0;
/// Packs larger than this (about 500 articles) are unpacked in tasks of their own.
const LARGE_PACK_BYTES: usize = 2 << 20;

#[derive(Clone, PartialEq)]
enum Load {
    /// Share of the index unpacked, and the number of articles.
    Unpacking(f64, usize),
    Ready(LibraryRef),
    Failed(String),
}

/// Unpacks the embedded index in slices of at most [`SLICE_MS`], reporting progress between
/// slices. A small collection is done within the first slice, without ever yielding.
async fn unpack(progress: impl Fn(f64, usize)) -> Result<Library, PackError> {
    let t0 = now_ms();
    let bytes = crate::pack();
    // A large collection gets tasks of its own for the first slice (not the one that
    // instantiated the wasm), for finishing the index, and for the first render.
    let large = bytes.len() > LARGE_PACK_BYTES;
    let pause = || async move {
        if large {
            yew::platform::time::sleep(std::time::Duration::ZERO).await;
        }
    };
    pause().await;
    let mut unpacker = Unpacker::new(bytes)?;
    loop {
        let slice = now_ms();
        let mut more = true;
        while more && now_ms() - slice < SLICE_MS {
            more = unpacker.step()?;
        }
        if !more {
            break;
        }
        progress(unpacker.progress(), unpacker.len());
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
    }
    pause().await;
    let (index, failures) = unpacker.finish(&crate::dictionary())?;
    let mentions = mentions_of(index.articles(), 0..index.len());
    pause().await;
    Ok(Library {
        index,
        failures,
        mentions,
        load_ms: now_ms() - t0,
    })
}

/// The app root: a progress indicator while the index unpacks, then the explorer.
#[function_component(App)]
pub fn app() -> Html {
    let load = use_state(|| Load::Unpacking(0.0, 0));
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let report = load.clone();
                let done = unpack(move |share, n| report.set(Load::Unpacking(share, n))).await;
                load.set(match done {
                    Ok(library) => Load::Ready(LibraryRef(Rc::new(library))),
                    Err(e) => {
                        web_sys::console::error_1(&format!("dossier: {e}").into());
                        Load::Failed(messages::pack_error(&e))
                    }
                });
            });
        });
    }
    match &*load {
        Load::Unpacking(share, n) => {
            let percent = (share * 100.0).round() as u32;
            let label = if *n > 0 {
                format!("正在载入 {n} 篇文章的索引… {percent}%")
            } else {
                "正在载入索引…".to_owned()
            };
            html! {
                <div class="app loading" data-testid="app-loading" aria-busy="true">
                    <p class="boot" role="status">{ label }</p>
                    <progress class="load-progress" max="100" value={percent.to_string()} aria-label="索引载入进度" />
                </div>
            }
        }
        Load::Failed(reason) => html! {
            <div class="app" data-testid="app-error" role="alert">
                <p class="load-error">{ format!("无法打开文章集：{reason}。请重新构建（scripts/build）后再试。") }</p>
            </div>
        },
        Load::Ready(lib) => html! { <explorer::Explorer library={lib.clone()} /> },
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

/// Mounts the app on `<body>`, replacing the static loading text of index.html.
pub fn start() {
    install_panic_notice();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<App>::new().render();
}
