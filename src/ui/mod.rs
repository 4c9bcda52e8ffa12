//! Stage 5, the view: the yew single-page app. The only module that touches yew or the DOM.

use yew::prelude::*;

use crate::corpus::{self, SourceFile};

/// The app root.
#[function_component(App)]
pub fn app() -> Html {
    let files = use_memo((), |_| corpus::embedded());
    html! {
        <main class="app" data-testid="app">
            <header class="masthead">
                <h1>{ "dossier" }</h1>
                <p class="count">{ format!("共 {} 篇文章", files.len()) }</p>
            </header>
            <ul class="article-list" data-testid="article-list">
                { for files.iter().map(item) }
            </ul>
        </main>
    }
}

fn item(file: &SourceFile) -> Html {
    html! {
        <li class="article-item" data-testid="article-item" data-file={file.file_name().to_owned()}>
            { file.path.clone() }
        </li>
    }
}

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
