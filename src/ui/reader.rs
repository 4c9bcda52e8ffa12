//! The reader: one article, cleanly. Remote images are fetched only when the reader asks,
//! since loading them tells a third party what one reads; then lazily and without referrer.

use yew::prelude::*;

use super::context::{Shared, use_shared};
use super::marked;
use super::store::Action;
use dossier_core::article::{Block, DateBasis};
use dossier_core::index::Facet;
use dossier_core::parse::url::after_http_scheme;
use dossier_core::related::related;
use dossier_core::search::highlight;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The article, or `None` when the URL names a file that is not in the collection.
    pub doc: Option<usize>,
    pub file: String,
    pub needles: Vec<String>,
    pub focus_block: Option<usize>,
}

fn basis_label(b: DateBasis) -> &'static str {
    match b {
        DateBasis::Metadata => "据文件元数据",
        DateBasis::Timestamp => "据页面时间戳",
        DateBasis::Dateline => "据电头",
        DateBasis::Url => "据原文网址",
        DateBasis::Title => "据标题",
        DateBasis::FileName => "据文件名",
        DateBasis::Inferred => "根据正文推断",
        DateBasis::Pictures => "根据配图的上传月份推断",
    }
}

/// Only plain web addresses become links or image sources.
fn safe_url(u: &str) -> Option<&str> {
    let t = u.trim();
    after_http_scheme(t).map(|_| t)
}

#[function_component(Reader)]
pub fn reader(props: &Props) -> Html {
    let Shared {
        library, dispatch, ..
    } = use_shared();
    super::shards::use_settle();
    let show_images = use_state(|| false);
    let panel = use_node_ref();
    // Focus the panel so Escape and scrolling act on it; scroll to a requested sentence.
    {
        let panel = panel.clone();
        use_effect_with(
            (props.file.clone(), props.focus_block),
            move |(_, block)| {
                if let Some(el) = panel.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                    el.set_scroll_top(0);
                }
                if let Some(b) = block
                    && let Some(target) =
                        gloo::utils::document().get_element_by_id(&format!("block-{b}"))
                {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Center);
                    target.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            },
        );
    }
    let close = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Close))
    };
    let on_backdrop = {
        let d = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let on_self = e
                .target()
                .zip(e.current_target())
                .is_some_and(|(t, c)| t == c);
            if on_self {
                d.emit(Action::Close);
            }
        })
    };
    // Reports of other outlets about the same events (computed once per article).
    let reports = {
        let lib = library.clone();
        use_memo(props.doc, move |doc| {
            doc.map(|d| related(&lib.0.index(), d)).unwrap_or_default()
        })
    };
    let Some(doc) = props.doc else {
        return html! {
            <div class="reader-backdrop" onclick={on_backdrop}>
                <article class="reader" role="dialog" aria-modal="true" aria-label="文章" data-testid="article-view" tabindex="-1" ref={panel}>
                    <button type="button" class="close" onclick={close} aria-label="关闭（Esc）">{ "×" }</button>
                    <h1 data-testid="article-title">{ "找不到这篇文章" }</h1>
                    <p>{ format!("链接指向的文件“{}”不在这个合集中。", props.file) }</p>
                </article>
            </div>
        };
    };
    let index = library.0.index();
    let a = index.article_text(doc);
    // A sharded collection's text arrives with its shard ([`super::shards`]).
    let loading = !index.has_text(doc);
    let needles = &props.needles;
    let with_src = a
        .images
        .iter()
        .filter(|i| i.src.as_deref().and_then(safe_url).is_some())
        .count();
    let toggle_images = {
        let show = show_images.clone();
        Callback::from(move |_| show.set(!*show))
    };
    let blocks = a.blocks.iter().enumerate().map(|(i, b)| {
        let id = format!("block-{i}");
        let target = props.focus_block == Some(i);
        match b {
            Block::Paragraph(t) => html! {
                <p id={id} class={classes!(target.then_some("target"))}>{ marked(t, &highlight(t, needles)) }</p>
            },
            Block::Subheading(t) => html! {
                <h2 id={id} class={classes!("subheading", target.then_some("target"))}>{ marked(t, &highlight(t, needles)) }</h2>
            },
            Block::Figure(n) => {
                let Some(img) = a.images.get(*n) else { return html! {} };
                let src = img.src.as_deref().and_then(safe_url);
                html! {
                    <figure id={id}>
                        if let (Some(src), true) = (src, *show_images) {
                            <img src={src.to_owned()} loading="lazy" referrerpolicy="no-referrer" alt={img.caption.clone().unwrap_or_default()} />
                        } else if src.is_some() {
                            <div class="img-placeholder" aria-hidden="true">{ "图片未加载" }</div>
                        }
                        if let Some(c) = &img.caption {
                            <figcaption>{ marked(c, &highlight(c, needles)) }</figcaption>
                        }
                    </figure>
                }
            }
        }
    });
    let tags = a.tags.iter().map(|t| {
        let d = dispatch.clone();
        let tag = t.clone();
        let onclick = Callback::from(move |_| {
            d.emit(Action::Toggle(Facet::Tag, tag.clone()));
            d.emit(Action::Close);
        });
        html! { <button type="button" class="tag" onclick={onclick} title={format!("按标签筛选：{t}")}>{ t }</button> }
    });
    let title_marks = highlight(&a.title, needles);
    html! {
        <div class="reader-backdrop" onclick={on_backdrop}>
            <article class="reader" role="dialog" aria-modal="true" aria-labelledby="reader-title"
                data-testid="article-view" data-file={a.file.clone()} tabindex="-1" ref={panel}>
                <button type="button" class="close" data-testid="close-article" onclick={close} aria-label="关闭（Esc）">{ "×" }</button>
                <header>
                    <h1 id="reader-title" data-testid="article-title">{ marked(&a.title, &title_marks) }</h1>
                    if a.title_derived {
                        <p class="derived">{ "原文无标题，标题取自正文首句。" }</p>
                    }
                    <p class="meta">
                        { super::results::imported_badge(&a.file) }
                        <span data-testid="article-source">{ a.source.clone().unwrap_or_else(|| "来源不明".to_owned()) }</span>
                        if let Some(via) = &a.via {
                            <span class="via" data-testid="article-via">{ format!("经{via}转载") }</span>
                        }
                        if let Some(author) = &a.author {
                            <span class="author">{ format!("作者：{author}") }</span>
                        }
                        <span data-testid="article-date">
                            if let Some(d) = a.date {
                                <time datetime={d.label()}>{ d.label() }</time>
                                <span class="basis">{ format!("（{}）", basis_label(d.basis)) }</span>
                            } else {
                                { "日期不明" }
                            }
                        </span>
                    </p>
                    if !a.tags.is_empty() {
                        <p class="tags">{ for tags }</p>
                    }
                    <p class="actions">
                        if let Some(u) = a.url.as_deref().and_then(safe_url) {
                            <a href={u.to_owned()} target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">{ "原文链接 ↗" }</a>
                        }
                        if with_src > 0 {
                            <button type="button" class="link" data-testid="show-images" onclick={toggle_images} aria-pressed={show_images.to_string()}
                                title="图片存放在第三方网站，加载会让对方得知你在读这篇文章">
                                { if *show_images { "隐藏图片".to_owned() } else { format!("显示图片（{with_src}）") } }
                            </button>
                        }
                        <span class="file">{ &a.file }</span>
                    </p>
                </header>
                <div class="body" aria-busy={loading.then_some("true")}>
                    if loading {
                        <p class="muted" data-testid="article-loading">{ "正在载入全文…" }</p>
                    }
                    { for blocks }
                </div>
                if !reports.is_empty() {
                    <section class="other-reports" aria-labelledby="other-reports-title" data-testid="related-reports">
                        <h2 id="other-reports-title">{ "其他媒体的同题报道" }</h2>
                        <ul>
                            { for reports.iter().map(|r| {
                                let other = &index.articles()[r.doc];
                                let d = dispatch.clone();
                                let file = other.file.clone();
                                let onclick = Callback::from(move |_: MouseEvent| d.emit(Action::Open(file.clone(), None)));
                                let links = r.links.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join("、");
                                html! {
                                    <li data-testid="related-report">
                                        <button type="button" class="link" onclick={onclick}>{ other.title.clone() }</button>
                                        <span class="meta">
                                            { other.source.clone().unwrap_or_else(|| "来源不明".to_owned()) }
                                            if let Some(day) = other.date {
                                                { " · " }<time datetime={day.day.to_string()}>{ day.day.to_string() }</time>
                                            }
                                            { format!(" · 共同：{links}") }
                                        </span>
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
                if !a.related.is_empty() {
                    <section class="related" id="related">
                        <h2>{ "相关报道" }</h2>
                        <ul>
                            { for a.related.iter().map(|r| html! {
                                <li>
                                    if let Some(d) = r.date { <time>{ d.to_string() }</time> }
                                    { &r.title }
                                </li>
                            }) }
                        </ul>
                    </section>
                }
                if !a.warnings.is_empty() {
                    <details class="warnings">
                        <summary>{ format!("解析提示（{}）", a.warnings.len()) }</summary>
                        <ul>{ for a.warnings.iter().map(|w| html! { <li>{ super::messages::warning(w) }</li> }) }</ul>
                    </details>
                }
            </article>
        </div>
    }
}
