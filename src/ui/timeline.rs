//! The timeline: an SVG chart of the matching articles and the events they mention, by day,
//! week, month or year; click a bucket or drag across several to filter by date. Below it, the
//! dated sentences and related headlines of the selected span, each linking to its article.

use std::fmt::Write;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::store::Action;
use super::url;
use dossier_core::article::clip;
use dossier_core::date::Precision;
use dossier_core::search::Results;
use dossier_core::state::ViewState;
use dossier_core::timeline::Granularity;

/// Width of one bucket in chart units: the chart is `SLOT * buckets` wide and stretched to
/// the available width, so every coordinate is a small integer (cheap to write, no f64
/// formatting per element).
const SLOT: usize = 20;
const H: usize = 96;
const TOP: usize = 8;
const BASE: usize = 94;
/// Events listed before "显示全部".
const EVENTS_SHOWN: usize = 6;
/// Most events "显示全部" lists: a large collection's results mention hundreds of thousands
/// of dates (387,230 at 100,000 synthetic articles), more than a page can show at once; a
/// span chosen on the chart lists its own.
const EVENTS_MOST: usize = 1_000;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ViewState,
    /// Results without the date range, so the chart keeps its context while a span is chosen.
    pub results: Rc<Results>,
}

#[function_component(TimelineView)]
pub fn timeline_view(props: &Props) -> HtmlResult {
    super::turns::use_turn(1)?;
    let Shared {
        library, dispatch, ..
    } = use_shared();
    super::shards::use_settle();
    let index = library.0.index();
    let timeline = {
        let lib = library.clone();
        use_memo(props.results.clone(), move |r| {
            let docs: Vec<usize> = r.hits.iter().map(|h| h.doc).collect();
            lib.0.timeline(&docs)
        })
    };
    let drag = use_state(|| None::<(usize, usize)>);
    let all_events = use_state(|| false);
    if timeline.buckets.is_empty() {
        return Ok(html! {});
    }
    let range = props.view.to_query().filters.range;
    let n = timeline.buckets.len();
    // Articles and events each get their own scale: a day with one article must stay visible
    // beside a day with sixty dated headlines.
    let max_articles = timeline
        .buckets
        .iter()
        .map(|b| b.articles)
        .max()
        .unwrap_or(0)
        .max(1);
    let max_events = timeline
        .buckets
        .iter()
        .map(|b| b.events)
        .max()
        .unwrap_or(0)
        .max(1);
    // Bar height in whole units, at least one when there is anything to show.
    let bar = |count: usize, max: usize| match count {
        0 => 0,
        c => (((BASE - TOP) * c + max / 2) / max).max(1),
    };
    let dragging = *drag;
    let in_drag = |i: usize| dragging.is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&i));

    // One set of listeners on the chart for all buckets; each bucket names its index.
    let bucket_at = move |e: &Event| -> Option<usize> {
        e.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".bucket").ok().flatten())
            .and_then(|g| g.get_attribute("data-i"))
            .and_then(|i| i.parse().ok())
            .filter(|&i| i < n)
    };
    let onmousedown = {
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = bucket_at(&e) {
                e.prevent_default();
                drag.set(Some((i, i)));
            }
        })
    };
    let onmouseover = {
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            if let (Some((a, b)), Some(i)) = (*drag, bucket_at(&e))
                && b != i
            {
                drag.set(Some((a, i)));
            }
        })
    };
    let onmouseup = {
        let drag = drag.clone();
        let d = dispatch.clone();
        let tl = timeline.clone();
        Callback::from(move |e: MouseEvent| {
            if let (Some((a, _)), Some(i)) = (*drag, bucket_at(&e)) {
                let (lo, hi) = (a.min(i), a.max(i));
                d.emit(Action::Range(tl.buckets[lo].start, tl.buckets[hi].end));
            }
            drag.set(None);
        })
    };
    let onkeydown = {
        let d = dispatch.clone();
        let tl = timeline.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.key() == "Enter" || e.key() == " ")
                && let Some(i) = bucket_at(&e)
            {
                e.prevent_default();
                d.emit(Action::Range(tl.buckets[i].start, tl.buckets[i].end));
            }
        })
    };

    // Each bucket is one focusable rectangle that takes the clicks; the bars of all buckets
    // are two paths drawn over them (they let the pointer through to the bucket).
    let (slot, base) = (
        AttrValue::from(SLOT.to_string()),
        AttrValue::from(BASE.to_string()),
    );
    let mut article_bars = String::new();
    let mut event_bars = String::new();
    let buckets = timeline.buckets.iter().enumerate().map(|(i, b)| {
        let selected = range.is_some_and(|r| r.from.is_none_or(|f| b.end >= f) && r.to.is_none_or(|t| b.start <= t));
        let class = match (selected, in_drag(i)) {
            (false, false) => "bucket",
            (true, false) => "bucket selected",
            (false, true) => "bucket dragging",
            (true, true) => "bucket selected dragging",
        };
        let x = i * SLOT;
        let ha = bar(b.articles, max_articles);
        let he = bar(b.events, max_events);
        if ha > 0 {
            let _ = write!(article_bars, "M{} {BASE}v-{ha}h9v{ha}z", x + 2);
        }
        if he > 0 {
            let _ = write!(event_bars, "M{} {BASE}v-{he}h7v{he}z", x + 11);
        }
        let start = b.start.to_string();
        let end = if b.start == b.end { start.clone() } else { b.end.to_string() };
        let label = if b.start == b.end { start.clone() } else { format!("{start} – {end}") };
        // The <title> names the bucket: its tooltip and its accessible name.
        html! {
            <rect class={class} data-testid="timeline-bucket" data-i={i.to_string()} data-start={start} data-end={end}
                data-articles={b.articles.to_string()} data-events={b.events.to_string()}
                tabindex="0" role="button" x={x.to_string()} width={slot.clone()} height={base.clone()}>
                <title>{ format!("{label}：{} 篇文章，{} 个事件", b.articles, b.events) }</title>
            </rect>
        }
    }).collect::<Html>();

    // Axis labels in HTML under the chart, so they keep a readable size on any screen.
    let label = |b: &dossier_core::timeline::Bucket| match timeline.granularity {
        Granularity::Year => b.start.year.to_string(),
        Granularity::Month => format!("{}-{:02}", b.start.year, b.start.month),
        _ => format!("{:02}-{:02}", b.start.month, b.start.day),
    };
    let picks: Vec<usize> = if n <= 5 {
        (0..n).collect()
    } else {
        (0..5).map(|k| k * (n - 1) / 4).collect()
    };
    let labels = picks
        .iter()
        .map(|&i| html! { <span>{ label(&timeline.buckets[i]) }</span> });

    let cancel = {
        let drag = drag.clone();
        Callback::from(move |_| drag.set(None))
    };
    let (from, to) = range.map_or((None, None), |r| (r.from, r.to));
    // The events of the period the results cover, newest first; older ones (and a span's
    // overflow) one click away.
    let want = if *all_events {
        EVENTS_MOST
    } else {
        EVENTS_SHOWN
    };
    let (head, firsts, olders) = timeline.listed_head(from, to, want);
    let total_mentions = firsts + olders;
    let shown = if *all_events {
        total_mentions.min(EVENTS_MOST)
    } else {
        EVENTS_SHOWN.min(firsts)
    };
    let more = match (olders, total_mentions > EVENTS_MOST) {
        (_, true) => format!("显示前 {EVENTS_MOST} 条（共 {total_mentions} 条）"),
        (0, false) => format!("显示全部 {total_mentions} 条"),
        (n, false) => format!("显示全部 {total_mentions} 条（含 {n} 条较早的事件）"),
    };
    let events = head.into_iter().take(shown).map(|m| {
        let a = &index.articles()[m.doc];
        let mut target = props.view.clone();
        target.open = Some(a.file.clone());
        let d = dispatch.clone();
        let file = a.file.clone();
        let block = m.block;
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            d.emit(Action::Open(file.clone(), block));
        });
        let date = m.date.to_string();
        let kind = if m.block.is_some() { "事件" } else { "相关报道" };
        let approx = m.date.precision != Precision::Day;
        html! {
            <li data-testid="event-item" data-date={date.clone()} data-file={a.file.clone()}>
                <time datetime={date.clone()} class={classes!(approx.then_some("approx"))}
                    title={approx.then_some("原文只写到月份或年份")}>{ date }</time>
                <a href={url::href(&target)} onclick={onclick}>{ clip(m.text_in(index.article_text(m.doc)), 90) }</a>
                <span class="event-source">{ format!("{kind} · {}", a.title) }</span>
            </li>
        }
    });
    let toggle_all = {
        let all_events = all_events.clone();
        Callback::from(move |_| all_events.set(!*all_events))
    };
    Ok(html! {
        <section class="timeline" aria-label="时间线">
            <div class="timeline-head">
                <h2>{ "时间线" }<span class="granularity">{ timeline.granularity.label() }</span></h2>
                <span class="legend"><i class="sw articles"></i>{ "文章" }<i class="sw events"></i>{ "正文提及的事件与相关报道" }</span>
            </div>
            <svg class="chart" data-testid="timeline" viewBox={format!("0 0 {} {H}", n * SLOT)} preserveAspectRatio="none" role="group"
                aria-label="按时间分布的文章与事件；点击或拖选以按日期筛选" onmouseleave={cancel}
                onmousedown={onmousedown} onmouseover={onmouseover} onmouseup={onmouseup} onkeydown={onkeydown}>
                <line class="axis" x1="0" x2={(n * SLOT).to_string()} y1={BASE.to_string()} y2={BASE.to_string()} />
                { buckets }
                <path class="events" d={event_bars} />
                <path class="articles" d={article_bars} />
            </svg>
            <div class="axis-labels" aria-hidden="true">{ for labels }</div>
            <p class="hint">{ "点击某一段或拖选一段时间即可按日期筛选。" }</p>
            if total_mentions > 0 {
                if shown > 0 {
                    <ol class="events" aria-label="事件">
                        { for events }
                    </ol>
                }
                if *all_events && total_mentions > EVENTS_MOST {
                    <p class="hint" data-testid="events-capped">
                        { format!("共 {total_mentions} 条，仅列出前 {EVENTS_MOST} 条；在时间线上选择一段时间可查看该时段的事件。") }
                    </p>
                }
                if total_mentions > EVENTS_SHOWN.min(firsts) {
                    <button type="button" class="link more" data-testid="events-all" aria-expanded={all_events.to_string()}
                        onclick={toggle_all}>
                        { if *all_events { "收起".to_owned() } else { more } }
                    </button>
                }
            }
        </section>
    })
}
