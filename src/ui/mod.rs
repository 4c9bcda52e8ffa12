//! Stage 5, the view: the yew single-page app, and the only module that touches yew or the DOM.
//!
//! Article text reaches the page only as text nodes and checked attributes: nothing here
//! builds HTML from strings.

mod explorer;
mod facets;
mod reader;
mod results;
mod search_bar;
mod store;
mod timeline;
mod url;

use std::rc::Rc;

use yew::prelude::*;

use crate::corpus;
use crate::index::Index;
use crate::parse::{self, Failure};

/// The parsed and indexed collection.
pub struct Library {
    pub index: Index,
    pub failures: Vec<Failure>,
    /// Milliseconds spent parsing and indexing at start-up.
    pub load_ms: f64,
}

impl Library {
    /// Parses and indexes the embedded articles.
    pub fn load() -> Library {
        let t0 = now_ms();
        let files = corpus::embedded();
        let mut collection = parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
        // The parser saw these as UTF-8; say what they were, as `dossier inspect` does. Only
        // the (usually no) converted files are looked up, not every file for every article.
        for file in files.iter().filter(|f| f.converted_from.is_some()) {
            if let (Some(enc), Some(article)) = (
                file.converted_from,
                collection.articles.iter_mut().find(|a| a.file == file.path),
            ) {
                article
                    .warnings
                    .push(format!("文件编码为 {enc}，构建时已转换为 UTF-8"));
            }
        }
        let index = Index::build(collection.articles);
        Library {
            index,
            failures: collection.failures,
            load_ms: now_ms() - t0,
        }
    }
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

/// The app root: a loading state until the collection is indexed, then the explorer.
#[function_component(App)]
pub fn app() -> Html {
    let library = use_state(|| None::<LibraryRef>);
    {
        let library = library.clone();
        use_effect_with((), move |_| {
            // Let the loading state paint before the (synchronous) parse and index.
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(0)).await;
                library.set(Some(LibraryRef(Rc::new(Library::load()))));
            });
        });
    }
    match &*library {
        None => html! {
            <div class="app loading" data-testid="app" aria-busy="true">
                <p class="boot" role="status">{ "正在解析和索引文章…" }</p>
            </div>
        },
        Some(lib) => html! { <explorer::Explorer library={lib.clone()} /> },
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
