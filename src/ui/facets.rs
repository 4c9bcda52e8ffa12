//! Facet filters beside the results, with counts over the current results, and the chips of
//! what is active.

use std::rc::Rc;

use yew::prelude::*;

use super::store::Action;
use crate::query::FilterKind;
use crate::search::{FacetGroup, Results};
use crate::state::ViewState;

/// Values shown per group before "更多".
const TOP: usize = 10;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ViewState,
    pub results: Rc<Results>,
    pub dispatch: Callback<Action>,
}

pub fn group_label(kind: FilterKind) -> &'static str {
    match kind {
        FilterKind::Tag => "标签",
        FilterKind::Source => "媒体",
        FilterKind::Person => "人物",
        FilterKind::Place => "地点",
        FilterKind::Org => "机构",
        FilterKind::Keyword => "关键词",
    }
}

#[function_component(Facets)]
pub fn facets(props: &Props) -> Html {
    let expanded = use_state(Vec::<FilterKind>::new);
    let view = &props.view;
    let chips = chips(view, &props.dispatch);
    let groups = props.results.facets.iter().filter_map(|(group, counts)| {
        let FacetGroup::Filter(kind) = *group else { return None };
        let active = view.filters.values(kind);
        // Active values stay listed even when no current result has them.
        let mut values: Vec<(String, usize)> = counts.clone();
        for v in active {
            if !values.iter().any(|(x, _)| x == v) {
                values.push((v.clone(), 0));
            }
        }
        if values.is_empty() {
            return None;
        }
        let is_expanded = expanded.contains(&kind);
        let total = values.len();
        let shown = if is_expanded { total } else { TOP.min(total) };
        let toggle_more = {
            let expanded = expanded.clone();
            Callback::from(move |_| {
                let mut e = (*expanded).clone();
                if let Some(i) = e.iter().position(|k| *k == kind) {
                    e.remove(i);
                } else {
                    e.push(kind);
                }
                expanded.set(e);
            })
        };
        let id = format!("facet-{}", kind.key());
        Some(html! {
            <section class="facet-group" aria-labelledby={id.clone()}>
                <h2 id={id.clone()}>{ group_label(kind) }</h2>
                <ul role="group" aria-labelledby={id}>
                    { for values.iter().take(shown).map(|(value, count)| {
                        let on = active.contains(value);
                        let d = props.dispatch.clone();
                        let v = value.clone();
                        let onclick = Callback::from(move |_| d.emit(Action::Toggle(kind, v.clone())));
                        html! {
                            <li>
                                <button
                                    type="button"
                                    class={classes!("facet-option", on.then_some("on"))}
                                    role="checkbox"
                                    aria-checked={on.to_string()}
                                    data-testid="facet-option"
                                    data-group={kind.key()}
                                    data-value={value.clone()}
                                    onclick={onclick}
                                >
                                    <span class="facet-value">{ value }</span>
                                    <span class="facet-count" aria-label={format!("{count} 篇")}>{ count }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if total > TOP {
                    <button type="button" class="link more" onclick={toggle_more}>
                        { if is_expanded { "收起".to_owned() } else { format!("更多（{}）", total - TOP) } }
                    </button>
                }
            </section>
        })
    });
    html! {
        <aside class="facets" aria-label="筛选">
            { chips }
            { for groups }
        </aside>
    }
}

/// The active filters as removable chips, and "clear all".
fn chips(view: &ViewState, dispatch: &Callback<Action>) -> Html {
    let mut chips = Vec::new();
    for kind in FilterKind::ALL {
        for value in view.filters.values(kind) {
            let d = dispatch.clone();
            let v = value.clone();
            let onclick = Callback::from(move |_| d.emit(Action::Toggle(kind, v.clone())));
            chips.push(html! {
                <button type="button" class="chip" data-testid="active-filter" data-group={kind.key()} data-value={value.clone()}
                    onclick={onclick} aria-label={format!("移除筛选 {}：{}", group_label(kind), value)}>
                    <span class="chip-kind">{ group_label(kind) }</span>{ value }<span aria-hidden="true">{ " ×" }</span>
                </button>
            });
        }
    }
    if let Some(range) = view.filters.range {
        let d = dispatch.clone();
        chips.push(html! {
            <button type="button" class="chip" data-testid="active-filter" data-group="date" data-value={range.to_string()}
                onclick={Callback::from(move |_| d.emit(Action::ClearRange))} aria-label={format!("移除日期筛选 {range}")}>
                <span class="chip-kind">{ "日期" }</span>{ range.to_string().replace("..", " – ") }<span aria-hidden="true">{ " ×" }</span>
            </button>
        });
    }
    if chips.is_empty() {
        return html! {};
    }
    let d = dispatch.clone();
    html! {
        <div class="chips" aria-label="已选筛选">
            { for chips }
            <button type="button" class="link clear" data-testid="clear-filters" onclick={Callback::from(move |_| d.emit(Action::ClearFilters))}>
                { "清除全部" }
            </button>
        </div>
    }
}
