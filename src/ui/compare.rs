//! The compare view (`#view=compare`): the outlets of the current results side by side, one
//! column each (a list on a phone), with their article counts, dates, a small timeline on a
//! common axis, and the keywords and names most distinctive of each (see
//! [`dossier_core::compare`]). Every word links into the query; Escape or back returns to
//! the list.

use std::fmt::Write;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::facets::group_label;
use super::store::Action;
use super::{messages, url};
use dossier_core::compare::{Column, Comparison, Distinctive, compare};
use dossier_core::search::Results;
use dossier_core::state::ViewState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ViewState,
    /// The current results (date range applied): the set compared.
    pub results: Rc<Results>,
}

/// Height of a column's timeline in chart units; each bucket is [`SLOT`] wide.
const H: usize = 24;
const SLOT: usize = 4;

#[function_component(CompareView)]
pub fn compare_view(props: &Props) -> Html {
    let Shared {
        library, dispatch, ..
    } = use_shared();
    let comparison = {
        let lib = library.clone();
        use_memo(
            (props.results.clone(), props.view.outlets.clone()),
            move |(results, outlets)| {
                let docs: Vec<usize> = results.hits.iter().map(|h| h.doc).collect();
                compare(&lib.0.index(), &docs, outlets)
            },
        )
    };
    let share = props.view.share;

    // Escape closes the reader when it is open, else returns to the list.
    {
        let dispatch = dispatch.clone();
        use_effect_with(props.view.open.is_some(), move |&open| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.key() == "Escape" && !(e.ctrl_key() || e.meta_key() || e.alt_key()) {
                        e.prevent_default();
                        dispatch.emit(if open {
                            Action::Close
                        } else {
                            Action::Compare(false)
                        });
                    }
                },
            );
            move || drop(listener)
        });
    }
    // The heading takes focus when the view opens, so a screen reader announces it.
    use_effect_with((), |_| {
        if let Some(el) = gloo::utils::document().get_element_by_id("compare-title")
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    });

    let mut list_view = props.view.clone();
    list_view.compare = false;
    let back = link_click(&dispatch, list_view.clone());
    let on_share = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(Action::Share(!share)))
    };
    let c = &*comparison;
    let shown: Vec<String> = c.columns.iter().map(|col| col.outlet.clone()).collect();
    let picker = c.outlets.iter().map(|(outlet, n)| {
        let checked = shown.contains(outlet);
        let mut next: Vec<String> = shown.clone();
        if checked {
            next.retain(|o| o != outlet);
        } else {
            next.push(outlet.clone());
        }
        let d = dispatch.clone();
        let full = !checked && shown.len() >= dossier_core::compare::MAX_COLUMNS;
        let onchange = Callback::from(move |_: Event| d.emit(Action::Outlets(next.clone())));
        html! {
            <li>
                <label>
                    <input type="checkbox" checked={checked} disabled={full} onchange={onchange}
                        data-testid="compare-outlet-choice" />
                    { outlet.clone() }<span class="count">{ n.to_string() }</span>
                </label>
            </li>
        }
    });
    html! {
        <section class="compare" data-testid="compare-view" aria-labelledby="compare-title">
            <div class="compare-head">
                <h2 id="compare-title" tabindex="-1">{ "媒体对比" }</h2>
                <p class="compare-summary">
                    { format!("{} 篇结果，{} 家媒体；每栏列出该媒体相对其余结果最有特色的关键词和名字（加权对数几率）。", c.total, c.outlets.len()) }
                </p>
                <div class="compare-tools">
                    <a class="link back" href={url::href(&list_view)} onclick={back} data-testid="compare-back">
                        { "← 返回结果列表" }<kbd>{ "Esc" }</kbd>
                    </a>
                    <label class="share-toggle">
                        <input type="checkbox" checked={share} onchange={on_share} data-testid="compare-share" />
                        { "以占该媒体文章的比例显示" }
                    </label>
                    if c.outlets.len() > 1 {
                        <details class="compare-pick">
                            <summary>{ format!("选择媒体（{} / {}）", shown.len(), c.outlets.len()) }</summary>
                            <fieldset>
                                <legend>{ "对比的媒体（文章数）" }</legend>
                                <ul>{ for picker }</ul>
                            </fieldset>
                        </details>
                    }
                </div>
            </div>
            if c.columns.is_empty() {
                <p class="empty" role="status">{ "当前结果中没有注明媒体的文章。" }</p>
            } else {
                <ul class="compare-columns" aria-label="各媒体">
                    { for c.columns.iter().enumerate().map(|(i, col)| column(i, col, c, &props.view, share, &dispatch)) }
                </ul>
            }
        </section>
    }
}

/// A link followed in place: a new history entry with `target`, unless the browser is to
/// open it elsewhere.
fn link_click(dispatch: &Callback<Action>, target: ViewState) -> Callback<MouseEvent> {
    let d = dispatch.clone();
    Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
            return;
        }
        e.prevent_default();
        d.emit(Action::Show(target.clone()));
    })
}

fn column(
    i: usize,
    col: &Column,
    c: &Comparison,
    view: &ViewState,
    share: bool,
    dispatch: &Callback<Action>,
) -> Html {
    let id = format!("outlet-{i}");
    let n = col.docs.len();
    let dates = match (col.first, col.last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "日期不明".to_owned(),
    };
    // The outlet's articles in the list view.
    let mut only = view.clone();
    only.compare = false;
    if !only
        .filters
        .sources
        .iter()
        .any(|s| dossier_core::text::fold(s) == dossier_core::text::fold(&col.outlet))
    {
        only.toggle(dossier_core::index::Facet::Source, &col.outlet);
    }
    let on_only = link_click(dispatch, only.clone());
    html! {
        <li class="outlet-col" data-testid="compare-column" data-outlet={col.outlet.clone()}>
            <section aria-labelledby={id.clone()}>
                <h3 id={id.clone()}>{ col.outlet.clone() }</h3>
                <p class="outlet-stats">
                    <a href={url::href(&only)} onclick={on_only} data-testid="compare-count"
                        aria-label={format!("{}：{n} 篇文章，在结果列表中查看", col.outlet)}>
                        { format!("{n} 篇") }
                    </a>
                    { format!(" · {dates}") }
                </p>
                { sparkline(col, c) }
                <h4>{ "特色关键词" }</h4>
                { words(&col.words, n, share, view, dispatch, "compare-word") }
                <h4>{ "特色人物、地点、机构" }</h4>
                { words(&col.names, n, share, view, dispatch, "compare-name") }
            </section>
        </li>
    }
}

/// The outlet's articles per bucket of the common axis, as one path of bars.
fn sparkline(col: &Column, c: &Comparison) -> Html {
    let n = col.timeline.len();
    if n == 0 {
        return html! {};
    }
    let max = col.timeline.iter().copied().max().unwrap_or(0).max(1);
    let mut d = String::new();
    for (i, &count) in col.timeline.iter().enumerate() {
        if count > 0 {
            let h = ((H - 2) * count).div_ceil(max).max(1);
            let _ = write!(d, "M{} {H}v-{h}h{}v{h}z", i * SLOT, SLOT - 1);
        }
    }
    let (from, to) = (c.buckets[0].0, c.buckets[n - 1].1);
    let label = format!(
        "{}的文章{}分布，{from} 至 {to}，最多一段 {max} 篇",
        col.outlet,
        c.granularity.label()
    );
    html! {
        <svg class="spark" viewBox={format!("0 0 {} {H}", n * SLOT)} preserveAspectRatio="none"
            role="img" aria-label={label}>
            <line class="axis" x1="0" x2={(n * SLOT).to_string()} y1={H.to_string()} y2={H.to_string()} />
            <path class="articles" d={d} />
        </svg>
    }
}

fn words(
    list: &[Distinctive],
    total: usize,
    share: bool,
    view: &ViewState,
    dispatch: &Callback<Action>,
    testid: &'static str,
) -> Html {
    if list.is_empty() {
        return html! { <p class="muted">{ "（无）" }</p> };
    }
    let items = list.iter().map(|w| {
        let mut target = view.clone();
        target.compare = false;
        let active = target
            .filters
            .values(w.facet)
            .iter()
            .any(|v| dossier_core::text::fold(v) == dossier_core::text::fold(&w.value));
        if !active {
            target.toggle(w.facet, &w.value);
        }
        let onclick = link_click(dispatch, target.clone());
        let count = if share {
            format!("{}%", (100 * w.count + total / 2) / total.max(1))
        } else {
            w.count.to_string()
        };
        let label = format!(
            "{}：{}，{} 篇中 {} 篇；按此筛选结果",
            group_label(w.facet),
            w.value,
            total,
            w.count
        );
        html! {
            <li>
                <a href={url::href(&target)} onclick={onclick} data-testid={testid} aria-label={label}
                    title={format!("z = {}", messages::fixed(w.z, 2))}>{ w.value.clone() }</a>
                <span class="count" aria-hidden="true">{ count }</span>
            </li>
        }
    });
    html! { <ol class="distinctive">{ for items }</ol> }
}
