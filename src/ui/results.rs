//! The result list: title, outlet, date (marked when inferred), tags and highlighted
//! snippets, one entry per story (re-posts and near-duplicates of one text behind their
//! best-ranked result, "另有 N 篇转载/重复" expanding to them); an empty state that suggests
//! what to try. Each result is a keyed component whose
//! highlights are computed once per query, so moving the selection renders only two of them.

use std::rc::Rc;

use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::store::Action;
use super::{keys, marked, url};
use dossier_core::article::{Article, DateBasis};
use dossier_core::index::Facet;
use dossier_core::search::stories::Story;
use dossier_core::search::{Results, Searcher, highlight};
use dossier_core::state::ViewState;

/// Characters per snippet.
const SNIPPET_CHARS: usize = 100;
/// How many results are shown before "显示更多".
pub const PAGE: usize = 50;

/// [`PAGE`], or for a sharded collection 20: each result's snippet fetches its text file
/// (about 2 KB gzip), and a query should transfer well under 150 KB.
fn page() -> usize {
    if crate::sharded() { 20 } else { PAGE }
}

/// In a sharded collection, the results whose snippets show at once; the others' snippets
/// (and the text files they read) wait until the result comes near the viewport
/// ([`use_near`]): a query fetches the texts of the results a reader sees, about 6 of 20.
const EAGER: usize = 6;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ViewState,
    pub results: Rc<Results>,
}

/// "2022-01-27" (or "2022-01", a month), with a note and its explanation when the file does
/// not state the date: "（推断）" from the text, "（据配图）" from the pictures' upload month.
pub fn date_label(a: &Article) -> Option<(String, Option<(&'static str, &'static str)>)> {
    a.date.map(|d| {
        let note = match d.basis {
            DateBasis::Inferred => Some(("（推断）", "文件未注明日期，根据正文推断")),
            DateBasis::Pictures => Some(("（据配图）", "文件未注明日期，根据配图的上传月份推断")),
            _ => None,
        };
        (d.label(), note)
    })
}

#[function_component(ResultList)]
pub fn result_list(props: &Props) -> Html {
    let Shared {
        library, dispatch, ..
    } = use_shared();
    super::shards::use_settle();
    // The keyboard's selection in the list, and how many results are shown; both reset when
    // the results change.
    let selected = use_state_eq(|| None::<usize>);
    let shown = use_state_eq(page);
    {
        let selected = selected.clone();
        let shown = shown.clone();
        use_effect_with(props.results.clone(), move |_| {
            selected.set(None);
            shown.set(page());
        });
    }
    // One entry per story; the keys move through the entries' leads.
    let entries: Rc<Vec<Story>> = {
        let library = library.clone();
        (*use_memo(props.results.clone(), move |r| library.stories(r))).clone()
    };
    let leads = use_memo(entries.clone(), |e| {
        e.iter().map(|s| s.lead).collect::<Vec<_>>()
    });
    keys::use_result_keys(leads, *shown, selected.clone(), props.view.open.is_some());
    // Shared by every item, and the same from one render to the next unless the view or the
    // query changes: an item renders again only when its own props change.
    let on_select = use_callback(selected.setter(), |i: usize, select| select.set(Some(i)));
    let base = use_memo(props.view.clone(), |view| ViewState {
        open: None,
        ..view.clone()
    });
    let needles = use_memo(props.results.needles.clone(), |needles| needles.clone());
    let r = &props.results;
    if r.hits.is_empty() {
        return empty_state(&props.view, &dispatch);
    }
    let items = entries.iter().take(*shown).enumerate().map(|(i, story)| {
        html! {
            <ResultItem key={story.lead} position={i} doc={story.lead} others={story.others.clone()}
                selected={*selected == Some(i)} view={base.clone()} needles={needles.clone()}
                on_select={on_select.clone()} />
        }
    });
    let more: usize = entries
        .iter()
        .skip(*shown)
        .map(|s| 1 + s.others.len())
        .sum();
    let on_more = Callback::from(move |_| shown.set(*shown + page()));
    html! {
        <section class="results" aria-label="搜索结果">
            <ol class="result-list" data-testid="article-list" aria-label="文章">
                { for items }
            </ol>
            if more > 0 {
                <button type="button" class="more-results" onclick={on_more}>
                    { format!("显示更多（还有 {more} 篇）") }
                </button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    /// Place in the list: the link's id is `result-{position}`, and selecting it reports it.
    position: usize,
    /// The article.
    doc: usize,
    /// The other results of its story (re-posts, near-duplicates), in the results' order.
    others: Vec<usize>,
    selected: bool,
    /// The current view without an open article; the item links to it with its article open.
    view: Rc<ViewState>,
    /// What the query highlights.
    needles: Rc<Vec<String>>,
    on_select: Callback<usize>,
}

/// One result: keyed by its article, rendered again only when its props change (the
/// selection moving to or from it, a new query, another view).
#[function_component(ResultItem)]
fn result_item(props: &ItemProps) -> HtmlResult {
    // Hydrating, five results a turn, after the facets and the timeline.
    super::turns::use_turn(2 + props.position / 5)?;
    let Shared {
        library,
        dispatch,
        turns,
        ..
    } = use_shared();
    // A result that comes near the viewport renders on its own, its text noted missing.
    super::shards::use_settle();
    let item = use_node_ref();
    // Hydrating, the snippets are the prerendered ones, whose texts the page preloads.
    let near = use_near(&item, props.position < EAGER || turns.hydrating());
    // The highlighted title and the snippets: once per article and query.
    let marked_up = {
        let library = library.clone();
        // With the library: a sharded collection's snippet arrives with its text shard.
        use_memo(
            (props.doc, props.needles.clone(), library, near),
            move |(doc, needles, library, near)| {
                let index = library.index();
                let index = &index;
                let title_marks = highlight(&index.articles()[*doc].title, needles);
                let snippets = if *near {
                    Searcher::new(index).snippets(*doc, needles, 3, SNIPPET_CHARS)
                } else {
                    Vec::new()
                };
                (title_marks, snippets)
            },
        )
    };
    let (title_marks, snippets) = &*marked_up;
    let index = library.0.index();
    let a = &index.articles()[props.doc];
    let i = props.position;
    let mut target = (*props.view).clone();
    target.open = Some(a.file.clone());
    let d = dispatch.clone();
    let file = a.file.clone();
    let select = props.on_select.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
            return; // let the browser open a new tab or window
        }
        e.prevent_default();
        select.emit(i);
        d.emit(Action::Open(file.clone(), None));
    });
    let select = props.on_select.clone();
    let onfocus = Callback::from(move |_| select.emit(i));
    let selected = props.selected;
    let dups = (!props.others.is_empty()).then(|| {
        html! { <Dups doc={props.doc} others={props.others.clone()} view={props.view.clone()} /> }
    });
    Ok(html! {
        <li ref={item} class={classes!("result", selected.then_some("selected"))} data-testid="result-item" data-file={a.file.clone()}
            aria-current={selected.then_some("true")}>
            <article data-testid="article-item" data-file={a.file_name().to_owned()}>
                <h2 class="result-title">
                    <a id={format!("result-{i}")} href={url::href(&target)} onclick={onclick} onfocus={onfocus}>
                        { marked(&a.title, title_marks) }
                    </a>
                </h2>
                { meta(a, &dispatch) }
                { for snippets.iter().map(|s| html! {
                    <p class="snippet">{ marked(&s.text, &s.highlights) }</p>
                }) }
                if !near || !index.has_text(props.doc) {
                    // Keeps about the room the snippets will take until they show, so that the
                    // results below do not all count as near meanwhile.
                    <div class="snippets-pending" aria-hidden="true"></div>
                }
                { for dups }
            </article>
        </li>
    })
}

/// Whether a result's snippets show: at once when `eager`, in a collection whose texts are
/// all in the page (embedded) and in the server renderer; otherwise once `item` has come
/// within about a screen of the viewport (an `IntersectionObserver`). Once shown, from then
/// on: a result of the hydrated first view keeps its snippets when it renders again later.
#[hook]
fn use_near(item: &NodeRef, eager: bool) -> bool {
    let seen = use_state_eq(|| eager);
    let near = eager || *seen || !cfg!(target_arch = "wasm32") || !crate::sharded();
    {
        let seen = seen.clone();
        use_effect_with((near, item.clone()), move |(near, item)| {
            let mut watch = None;
            match (*near, item.cast::<web_sys::Element>()) {
                // Near once (moved up the list, say), near from then on.
                (true, _) => seen.set(true),
                (false, Some(el)) => {
                    let setter = seen.setter();
                    watch = super::near::Watch::new(&el, move || setter.set(true));
                    // A browser without the observer shows every snippet.
                    if watch.is_none() {
                        seen.set(true);
                    }
                }
                (false, None) => {}
            }
            move || drop(watch)
        });
    }
    near
}

/// "另有 N 篇转载/重复", a button that shows and hides the other results of the item's story,
/// each with its outlet and date, opening in the reader.
#[derive(Properties, PartialEq)]
struct DupsProps {
    doc: usize,
    others: Vec<usize>,
    view: Rc<ViewState>,
}

#[function_component(Dups)]
fn dups_list(props: &DupsProps) -> Html {
    let Shared {
        library, dispatch, ..
    } = use_shared();
    let expanded = use_state_eq(|| false);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let id = format!("dups-{}", props.doc);
    let index = library.0.index();
    let articles = index.articles();
    let items = props.others.iter().map(|&doc| {
        let a = &articles[doc];
        let mut target = (*props.view).clone();
        target.open = Some(a.file.clone());
        let d = dispatch.clone();
        let file = a.file.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            e.prevent_default();
            d.emit(Action::Open(file.clone(), None));
        });
        html! {
            <li data-testid="dup-item" data-file={a.file.clone()}>
                <a href={url::href(&target)} onclick={onclick}>{ a.title.clone() }</a>
                { imported_badge(&a.file) }
                <span class="source">{ a.source.clone().unwrap_or_else(|| "来源不明".to_owned()) }</span>
                if let Some((date, note)) = date_label(a) {
                    <time datetime={date.clone()} class={classes!(note.is_some().then_some("inferred"))}>
                        { date }{ note.map_or("", |(n, _)| n) }
                    </time>
                } else {
                    <span class="nodate">{ "日期不明" }</span>
                }
            </li>
        }
    });
    html! {
        <div class="dups">
            <button type="button" class="dups-toggle" data-testid="dups-toggle"
                aria-expanded={expanded.to_string()} aria-controls={id.clone()}
                title="内容相同或几乎相同的文章（转载、重发、改了标题或删节的版本）"
                onclick={toggle}>
                { if *expanded { "▾ " } else { "▸ " } }
                { format!("另有 {} 篇转载/重复", props.others.len()) }
            </button>
            <ul class="dups-list" id={id} data-testid="dups-list" hidden={!*expanded}>
                { for items }
            </ul>
        </div>
    }
}

/// The mark of a file the reader imported (nothing for an embedded one).
pub fn imported_badge(file: &str) -> Html {
    if !dossier_core::import::is_imported(file) {
        return html! {};
    }
    html! {
        <span class="imported-badge" data-testid="imported-badge" title="你导入的文件，只保存在这个浏览器里">{ "导入" }</span>
    }
}

/// Outlet, date and tags of an article; tags filter when clicked.
pub fn meta(a: &Article, dispatch: &Callback<Action>) -> Html {
    html! {
        <div class="meta">
            { imported_badge(&a.file) }
            <span class="source">{ a.source.clone().unwrap_or_else(|| "来源不明".to_owned()) }</span>
            if let Some((date, note)) = date_label(a) {
                <time datetime={date.clone()} class={classes!(note.is_some().then_some("inferred"))}
                    title={note.map_or("发布日期", |(_, why)| why)}>
                    { date }{ note.map_or("", |(n, _)| n) }
                </time>
            } else {
                <span class="nodate">{ "日期不明" }</span>
            }
            { for a.tags.iter().map(|t| {
                let d = dispatch.clone();
                let tag = t.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    d.emit(Action::Toggle(Facet::Tag, tag.clone()));
                });
                html! { <button type="button" class="tag" data-group="tag" data-value={t.clone()} onclick={onclick} title={format!("按标签筛选：{t}")}>{ t }</button> }
            }) }
        </div>
    }
}

fn empty_state(view: &ViewState, dispatch: &Callback<Action>) -> Html {
    let filtered = !view.filters.is_empty();
    let d1 = dispatch.clone();
    let d2 = dispatch.clone();
    let d3 = dispatch.clone();
    html! {
        <section class="empty" data-testid="empty-state" role="status">
            <h2>{ "没有找到匹配的文章" }</h2>
            <ul>
                if filtered {
                    <li>
                        { "当前有筛选条件。" }
                        <button type="button" class="link" onclick={Callback::from(move |_| d1.emit(Action::ClearFilters))}>{ "清除筛选" }</button>
                    </li>
                }
                if view.exact {
                    <li>
                        { "精确子串模式已开启。" }
                        <button type="button" class="link" onclick={Callback::from(move |_| d2.emit(Action::Exact(false)))}>{ "改用分词匹配" }</button>
                    </li>
                }
                <li>{ "检查拼写，或换用更短、更常见的词；繁体与简体可以互相匹配。" }</li>
                <li>{ "去掉排除词（-词）或引号，或用 OR 连接近义词。" }</li>
                if !view.query.is_empty() {
                    <li>
                        <button type="button" class="link" onclick={Callback::from(move |_| d3.emit(Action::Query(String::new())))}>{ "清空搜索框" }</button>
                    </li>
                }
            </ul>
        </section>
    }
}
