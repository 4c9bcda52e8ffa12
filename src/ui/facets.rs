//! Facet filters beside the results, with counts over the current results, and the chips of
//! what is active.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::store::Action;
use dossier_core::index::Facet;
use dossier_core::search::{FacetGroup, Results};
use dossier_core::state::ViewState;
use dossier_core::text::fold;

/// Values shown per group until its "显示全部" toggle is pressed. Selected values are shown
/// beyond these too.
const TOP: usize = 8;
/// Most values "显示全部" lists: a large collection has tens of thousands of tags and names;
/// the rest are reached by typing them (`tag:名称`).
const MOST: usize = 300;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ViewState,
    pub results: Rc<Results>,
}

pub fn group_label(kind: Facet) -> &'static str {
    match kind {
        Facet::Tag => "标签",
        Facet::Source => "媒体",
        Facet::Author => "作者",
        Facet::Person => "人物",
        Facet::Place => "地点",
        Facet::Org => "机构",
        Facet::Keyword => "关键词",
    }
}

/// Whether `value` is one of the `active` filter values: the same once folded (a URL may say
/// 看中國 where the facet shows 看中国, which the search treats as one value).
fn is_active(active: &[String], value: &str) -> bool {
    let value = fold(value);
    active.iter().any(|a| fold(a) == value)
}

/// The values of one facet group to show, in order: the top `TOP` by count (all when
/// `expanded`), every selected value wherever it ranks, and selected values no current result
/// has (count 0) at the end. Also returns how many values the group has in all.
fn visible<'a>(
    counts: &'a [(std::sync::Arc<str>, usize)],
    active: &'a [String],
    expanded: bool,
) -> (Vec<(&'a str, usize)>, usize) {
    let top = if expanded { MOST } else { TOP };
    // Only selected values are folded, and the values past the top only when some are
    // selected: a tag group has twenty thousand values at 100,000 articles.
    let folded: Vec<String> = active.iter().map(|a| fold(a)).collect();
    let mut found = vec![false; active.len()];
    let mut shown: Vec<(&str, usize)> = Vec::new();
    for (i, (v, n)) in counts.iter().enumerate() {
        if i >= top && folded.is_empty() {
            break;
        }
        let mut selected = false;
        if !folded.is_empty() {
            let v = fold(v);
            for (a, found) in folded.iter().zip(&mut found) {
                if *a == v {
                    (selected, *found) = (true, true);
                }
            }
        }
        if i < top || selected {
            shown.push((&**v, *n));
        }
    }
    let missing: Vec<(&str, usize)> = active
        .iter()
        .zip(&found)
        .filter(|(_, found)| !**found)
        .map(|(v, _)| (v.as_str(), 0))
        .collect();
    let total = counts.len() + missing.len();
    shown.extend(missing);
    (shown, total)
}

#[function_component(Facets)]
pub fn facets(props: &Props) -> HtmlResult {
    super::turns::use_turn(0)?;
    let Shared {
        dispatch, library, ..
    } = use_shared();
    let expanded = use_state(Vec::<Facet>::new);
    let view = &props.view;
    let chips = chips(view, &dispatch);
    // One listener for every value button: it names its group and value in data attributes.
    let onclick = {
        let d = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest(".facet-option").ok().flatten())
            else {
                return;
            };
            let kind = button
                .get_attribute("data-group")
                .and_then(|k| Facet::from_key(&k));
            if let (Some(kind), Some(value)) = (kind, button.get_attribute("data-value")) {
                d.emit(Action::Toggle(kind, value));
            }
        })
    };
    let groups = props.results.facets.iter().filter_map(|(group, counts)| {
        let FacetGroup::Filter(kind) = *group else { return None };
        let active = view.filters.values(kind);
        let is_expanded = expanded.contains(&kind);
        let (values, total) = visible(counts, active, is_expanded);
        if values.is_empty() {
            return None;
        }
        let toggle = {
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
        let key = kind.key();
        let id = format!("facet-{key}");
        let list_id = format!("facet-{key}-values");
        Some(html! {
            <section class="facet-group" aria-labelledby={id.clone()}>
                <h2 id={id.clone()}>{ group_label(kind) }</h2>
                <div class="facet-values" id={list_id.clone()} role="group" aria-labelledby={id}>
                    { for values.into_iter().map(|(value, count)| {
                        let on = is_active(active, value);
                        html! {
                            <button
                                type="button"
                                class={if on { "facet-option on" } else { "facet-option" }}
                                role="checkbox"
                                aria-checked={if on { "true" } else { "false" }}
                                aria-label={format!("{value}（{count} 篇）")}
                                data-testid="facet-option"
                                data-group={key}
                                data-value={value.to_owned()}
                                data-count={count.to_string()}
                            >
                                { value.to_owned() }
                            </button>
                        }
                    }) }
                </div>
                if is_expanded && total > MOST {
                    <p class="hint" data-testid="facet-capped">
                        { format!("共 {total} 项，仅列出前 {MOST} 项；其余可在搜索框中输入 {key}:名称 筛选。") }
                    </p>
                }
                if total > TOP {
                    <button type="button" class="link more" data-testid="facet-toggle" data-group={key}
                        aria-expanded={if is_expanded { "true" } else { "false" }} aria-controls={list_id}
                        onclick={toggle}>
                        { match (is_expanded, total > MOST) {
                            (true, _) => "收起".to_owned(),
                            (false, true) => format!("显示前 {MOST} 项（共 {total} 项）"),
                            (false, false) => format!("显示全部 {total} 项"),
                        } }
                    </button>
                }
            </section>
        })
    });
    Ok(html! {
        <aside class="facets" aria-label="筛选" onclick={onclick}>
            { chips }
            { imported(&library.0, view, &props.results, &dispatch) }
            { for groups }
        </aside>
    })
}

/// "Only the imported files", once the reader imported some (or a URL asks for it).
fn imported(
    library: &super::Library,
    view: &ViewState,
    results: &Results,
    dispatch: &Callback<Action>,
) -> Html {
    let on = view.filters.imported;
    if library.imported == 0 && !on {
        return html! {};
    }
    let index = library.index();
    let articles = index.articles();
    let count = results
        .hits
        .iter()
        .filter(|h| dossier_core::import::is_imported(&articles[h.doc].file))
        .count();
    let d = dispatch.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        // Not the groups' shared listener.
        e.stop_propagation();
        d.emit(Action::Imported(!on));
    });
    html! {
        <section class="facet-group" aria-labelledby="facet-imported">
            <h2 id="facet-imported">{ "来源" }</h2>
            <div class="facet-values" role="group" aria-labelledby="facet-imported">
                <button type="button" class={if on { "facet-option on" } else { "facet-option" }}
                    role="checkbox" aria-checked={if on { "true" } else { "false" }}
                    aria-label={format!("只看导入的文件（{count} 篇）")}
                    data-testid="imported-filter" data-count={count.to_string()} onclick={onclick}>
                    { "导入的文件" }
                </button>
            </div>
        </section>
    }
}

/// The active filters as removable chips, and "clear all".
fn chips(view: &ViewState, dispatch: &Callback<Action>) -> Html {
    let mut chips = Vec::new();
    for kind in Facet::ALL {
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
    if view.filters.imported {
        let d = dispatch.clone();
        chips.push(html! {
            <button type="button" class="chip" data-testid="active-filter" data-group="imported" data-value="1"
                onclick={Callback::from(move |_| d.emit(Action::Imported(false)))} aria-label="移除筛选：只看导入的文件">
                <span class="chip-kind">{ "来源" }</span>{ "导入的文件" }<span aria-hidden="true">{ " ×" }</span>
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

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(n: usize) -> Vec<(std::sync::Arc<str>, usize)> {
        (0..n).map(|i| (format!("值{i}").into(), n - i)).collect()
    }

    #[test]
    fn the_top_values_then_selected_ones_wherever_they_rank() {
        let c = counts(20);
        let (shown, total) = visible(&c, &[], false);
        assert_eq!(shown.len(), TOP);
        assert_eq!((shown[0], total), (("值0", 20), 20));
        // A selected value past the top is shown in its place; one no result has comes last
        // with 0; a value selected twice (the same once folded) is shown once.
        let active = ["值15".to_owned(), "无此值".to_owned(), "值15".to_owned()];
        let (shown, total) = visible(&c, &active, false);
        assert_eq!(shown.len(), TOP + 2);
        assert_eq!(shown[TOP], ("值15", 5));
        assert_eq!(shown[TOP + 1], ("无此值", 0));
        assert_eq!(total, 21);
        // Expanded: up to MOST.
        let c = counts(MOST + 5);
        assert_eq!(visible(&c, &[], true).0.len(), MOST);
    }

    #[test]
    fn selected_values_match_once_folded() {
        let c = vec![("看中国".into(), 3), ("大纪元".into(), 2)];
        let active = ["看中國".to_owned()];
        let (shown, total) = visible(&c, &active, false);
        assert_eq!(shown, [("看中国", 3), ("大纪元", 2)]);
        assert_eq!(total, 2);
    }
}
