//! The first view, rendered natively with yew's server renderer and put into the built
//! `index.html` (`src/bin/dossier-prerender.rs`, Trunk.toml's `post_build` hook), so the list,
//! facets and timeline are on screen before the wasm arrives. The page hydrates this markup
//! ([`super::start`]).
//!
//! The markup is yew's: article text reaches it only as escaped text and attribute values,
//! never as HTML. It carries yew's comment markers, which hydration needs. It is deterministic:
//! the default view of the explorer's first render depends on nothing but the pack (no clock,
//! no URL, no hash-map order).

use std::rc::Rc;

use dossier_core::index::Facet;
use dossier_core::search::{FacetGroup, Searcher};
use dossier_core::state::ViewState;

use super::{Early, Library, LibraryRef, explorer};

/// The explorer's first render over `library`, with hydration markers.
pub fn first_view(library: Rc<Library>) -> String {
    let props = explorer::Props {
        library: LibraryRef(library, 0),
        early: Early::default(),
        hydrating: false,
    };
    futures::executor::block_on(
        yew::LocalServerRenderer::<explorer::Explorer>::with_props(props).render(),
    )
}

/// The page's `<title>` and `<meta name="description">` for the collection: how many articles,
/// of which span, from which outlets, about what.
pub fn summary(library: &Library) -> (String, String) {
    let index = &library.index();
    let n = index.len();
    let days: Vec<_> = index
        .articles()
        .iter()
        .filter_map(|a| a.date.map(|d| d.day))
        .collect();
    let span = match (days.iter().min(), days.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("，{a}"),
        (Some(a), Some(b)) => format!("，{a} 至 {b}"),
        _ => String::new(),
    };
    let view = ViewState::default();
    let results = Searcher::new(index).search(&view.to_query(), &view.options());
    let top = |kind: Facet, k: usize| -> Vec<String> {
        results
            .facets
            .iter()
            .find(|(g, _)| *g == FacetGroup::Filter(kind))
            .map(|(_, counts)| counts.iter().take(k).map(|(v, _)| v.to_string()).collect())
            .unwrap_or_default()
    };
    let title = format!("dossier · 新闻档案：{n} 篇文章{span}");
    let outlets = top(Facet::Source, 4);
    let keywords = top(Facet::Keyword, 6);
    let mut description = format!("{n} 篇中文新闻报道的档案{span}");
    if !outlets.is_empty() {
        description.push_str(&format!("，来源包括{}", outlets.join("、")));
    }
    if !keywords.is_empty() {
        description.push_str(&format!("；关键词：{}", keywords.join("、")));
    }
    description.push_str("。可全文搜索，按媒体、人物、地点和日期筛选，并按时间线浏览。");
    (title, description)
}

/// `text` with `&`, `<`, `>` and quotes escaped, for an HTML text node or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The root element the view goes into: `<div id="root">`, holding only the loading line.
const ROOT: &str = "<div id=\"root\">";

/// `page` (trunk's index.html) with `view` inside its root element, and the title and the
/// description set. The root's own content (the loading line) is replaced.
pub fn inject(page: &str, view: &str, title: &str, description: &str) -> Result<String, String> {
    let start = page
        .find(ROOT)
        .ok_or("index.html has no <div id=\"root\">")?
        + ROOT.len();
    let len = page[start..]
        .find("</div>")
        .ok_or("the root element is not closed")?;
    if page[start..start + len].contains("<div") {
        return Err("the root element is not empty (already prerendered?)".into());
    }
    let mut out = String::with_capacity(page.len() + view.len() + 512);
    out.push_str(&page[..start]);
    out.push_str(view);
    out.push_str(&page[start + len..]);
    let head = format!(
        "<title>{}</title>\n    <meta name=\"description\" content=\"{}\" />",
        escape(title),
        escape(description)
    );
    let t0 = out.find("<title>").ok_or("index.html has no <title>")?;
    let t1 = out[t0..].find("</title>").ok_or("<title> is not closed")? + t0 + "</title>".len();
    out.replace_range(t0..t1, &head);
    Ok(out)
}

/// The whole step: `page` with the first view of the collection: the embedded one, or, in a
/// sharded build, the one in `DOSSIER_SHARDED` (the folder `dossier shard` wrote).
pub fn prerender(page: &str) -> Result<String, String> {
    if crate::sharded() {
        let dir = std::env::var_os("DOSSIER_SHARDED")
            .filter(|d| !d.is_empty())
            .ok_or("a sharded build names its index folder in DOSSIER_SHARDED")?;
        return prerender_sharded(page, &mut dossier_core::shard::Dir(dir.into()));
    }
    let library = Library::unpack_all(crate::pack()).map_err(|e| e.to_string())?;
    let library = Rc::new(library);
    let (title, description) = summary(&library);
    let view = first_view(library);
    inject(page, &view, &title, &description)
}

/// [`prerender`] for a sharded collection: renders the first view, loads what it read that
/// was not loaded, and renders again until it reads nothing more. The page is told to fetch
/// the same files while its wasm loads (`<link rel="preload" data-shard>`, last in `<head>`), and loads them
/// before it hydrates this view, so it renders the same markup.
pub fn prerender_sharded(
    page: &str,
    fetch: &mut dyn dossier_core::shard::Fetch,
) -> Result<String, String> {
    use dossier_core::shard::{MANIFEST, Opening, Sharded};
    let failed = |e: dossier_core::shard::ShardError| e.to_string();
    let opening = Opening::read(&fetch.fetch(MANIFEST).map_err(failed)?).map_err(failed)?;
    let sharded = Sharded::open(fetch).map_err(failed)?;
    let library = Rc::new(Library::sharded(sharded, 0.0));
    let mut files = vec![opening.catalogue.0, opening.dictionary.0];
    let (title, description, view) = loop {
        let (title, description) = summary(&library);
        let view = first_view(library.clone());
        let missing = library.take_missing();
        if missing.is_empty() {
            break (title, description, view);
        }
        for need in missing {
            let name = library
                .shard_name(need)
                .ok_or_else(|| format!("no shard {need:?}"))?;
            library.load(need, &fetch.fetch(&name).map_err(failed)?)?;
            files.push(name);
        }
    };
    let page = inject(page, &view, &title, &description)?;
    let links: String = std::iter::once(MANIFEST.to_owned())
        .chain(files)
        .map(|name| {
            format!(
                "\n    <link rel=\"preload\" href=\"{}{}\" as=\"fetch\" crossorigin=\"anonymous\" data-shard />",
                crate::SHARDS,
                escape(&name)
            )
        })
        .collect();
    // Last in <head>: after the stylesheet, the script that starts the page (parser-blocking)
    // and the app's own files, which the first paint and hydration need first. Before them,
    // the catalogue (megabytes at 100,000 articles) took connections the stylesheet and the
    // script waited for.
    let at = page.rfind("</head>").ok_or("index.html has no </head>")?;
    Ok(format!("{}{links}{}", &page[..at], &page[at..]))
}
