//! A minimal yew page: one component with a list and an input, nothing else.
use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    let items = ["一", "二", "三", "四", "五"];
    html! {
        <main data-testid="app">
            <input data-testid="search-input" type="search" />
            <ul>{ for items.iter().map(|i| html! { <li data-testid="result-item">{ *i }</li> }) }</ul>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
