//! The search box, its switches, and the status line: result count and how the query was cut.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::download;
use super::store::Action;
use dossier_core::export;
use dossier_core::search::{Results, Sort};
use dossier_core::state::ViewState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ViewState,
    pub results: Rc<Results>,
    /// The page shows the prerendered first view and the app is not running yet.
    #[prop_or_default]
    pub starting: bool,
}

fn input_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
}

/// "12 篇文章（10 组）": the articles and, when re-posts or near-duplicates make fewer
/// entries, the groups the list shows.
pub fn count_label(articles: usize, groups: usize) -> String {
    if groups < articles {
        format!("{articles} 篇文章（{groups} 组）")
    } else {
        format!("{articles} 篇文章")
    }
}

#[function_component(SearchBar)]
pub fn search_bar(props: &Props) -> Html {
    let Shared {
        library, dispatch, ..
    } = use_shared();
    let d = dispatch.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        // While an input method composes (pinyin, zhuyin), wait for the finished characters.
        if e.is_composing() {
            return;
        }
        if let Some(v) = input_value(&e) {
            d.emit(Action::Query(v));
        }
    });
    // yew has no `oncompositionend` listener: attach one to the input directly.
    let input_ref = use_node_ref();
    {
        let d = dispatch.clone();
        let input_ref = input_ref.clone();
        use_effect_with((), move |_| {
            let listener = input_ref.get().map(|el| {
                gloo::events::EventListener::new(&el, "compositionend", move |e| {
                    if let Some(v) = input_value(e) {
                        d.emit(Action::Query(v));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let d = dispatch.clone();
    let onexact = Callback::from(move |e: Event| {
        let checked = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.checked());
        d.emit(Action::Exact(checked));
    });
    let d = dispatch.clone();
    let onsort = Callback::from(move |e: Event| {
        let value = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default();
        d.emit(Action::Sort(Sort::from_key(&value).unwrap_or_default()));
    });
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());

    let r = &props.results;
    // Entries of the result list: re-posts and near-duplicates of one text are one.
    let stories = *use_memo(r.clone(), move |r| library.stories(r).len());
    let segmented: Vec<String> = r
        .segmented
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| w.join(" / "))
        .collect();
    let sort = props.view.sort;
    html! {
        <form class="search" role="search" onsubmit={onsubmit}>
            <label for="q" class="visually-hidden">{ "搜索文章" }</label>
            <input
                id="q"
                type="search"
                data-testid="search-input"
                placeholder="搜索，如：布林肯　\"书面回复\"　-大纪元　tag:北约　2022-01（按 / 聚焦）"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                autofocus=true
                value={props.view.query.clone()}
                oninput={oninput}
                ref={input_ref}
            />
            <div class="controls">
                <label class="switch" title="只按原文子串匹配，不经分词">
                    <input type="checkbox" role="switch" data-testid="exact-toggle" checked={props.view.exact} onchange={onexact} />
                    { "精确子串" }
                </label>
                <label>
                    { "排序 " }
                    <select data-testid="sort-select" onchange={onsort} aria-label="排序方式">
                        <option value="relevance" selected={sort == Sort::Relevance}>{ "相关度" }</option>
                        <option value="newest" selected={sort == Sort::Newest}>{ "最新优先" }</option>
                        <option value="oldest" selected={sort == Sort::Oldest}>{ "最早优先" }</option>
                    </select>
                </label>
            </div>
            <div class="status-line">
                <p class="status" aria-live="polite">
                    <span data-testid="result-count" data-count={r.hits.len().to_string()}
                        data-groups={stories.to_string()}>
                        { count_label(r.hits.len(), stories) }
                    </span>
                    if props.starting {
                        // Typed text and facet clicks are kept and applied once search runs.
                        <span class="starting" data-testid="search-starting">{ "搜索正在启动…" }</span>
                    }
                    if !segmented.is_empty() {
                        <span class="segmentation" data-testid="segmentation" title="查询的分词结果：每个词都须出现（整词或子串）">
                            { "分词：" }
                            { for segmented.iter().enumerate().map(|(i, s)| html! {
                                <>
                                    if i > 0 { <span class="sep">{ "　" }</span> }
                                    <code>{ s }</code>
                                </>
                            }) }
                        </span>
                    }
                    if !r.also.is_empty() {
                        <span class="segmentation" data-testid="also-searched" title="同一人物、地点或机构的其他译名也一并搜索（加引号则只搜所输入的写法）">
                            { format!("另搜：{}", r.also.join("、")) }
                        </span>
                    }
                </p>
                <ExportButtons query={props.view.query.clone()} results={r.clone()} />
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ExportProps {
    query: String,
    results: Rc<Results>,
}

/// "导出 CSV" and "导出 JSON": every result of the current view (with its date range and
/// filters), as [`export`] writes them, downloaded as a file.
#[function_component(ExportButtons)]
fn export_buttons(props: &ExportProps) -> Html {
    let Shared { library, .. } = use_shared();
    let n = props.results.hits.len();
    let button = |ext: &'static str, label: &'static str| {
        let library = library.clone();
        let results = props.results.clone();
        let name = export::file_name(&props.query, ext);
        let onclick = Callback::from(move |_: MouseEvent| {
            let name = name.clone();
            let save = move |rows: Vec<export::Row>| {
                let (text, mime) = if ext == "csv" {
                    (export::to_csv(&rows), "text/csv;charset=utf-8")
                } else {
                    (export::to_json(&rows), "application/json;charset=utf-8")
                };
                if let Err(e) = download::save(&name, mime, &text) {
                    web_sys::console::error_1(&e);
                }
            };
            if !library.is_sharded() {
                return save(export::rows(&library.index(), &results));
            }
            // A sharded collection fetches the texts of the snippets first.
            let (library, results) = (library.0.clone(), results.clone());
            yew::platform::spawn_local(async move {
                match super::shards::resolve(&library, |index| export::rows(index, &results)).await
                {
                    Ok(rows) => save(rows),
                    Err(e) => web_sys::console::error_1(&e.into()),
                }
            });
        });
        html! {
            <button type="button" class="export-button" data-testid={format!("export-{ext}")}
                onclick={onclick} disabled={n == 0}
                aria-label={format!("将 {n} 篇结果导出为 {label} 文件")}>
                { label }
            </button>
        }
    };
    html! {
        <div class="export" role="group" aria-label="导出结果">
            <span class="export-label" aria-hidden="true">{ "导出：" }</span>
            { button("csv", "CSV") }
            { button("json", "JSON") }
        </div>
    }
}
