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

/// The form controls a view may hold: each goes into the page inside a `<template>`.
const CONTROLS: [&str; 3] = ["input", "select", "textarea"];

/// `view` with each form control (`<input>`, `<select>`, `<textarea>`) inside a
/// `<template data-late>`, which `boot.js` replaces by its content once the body is parsed,
/// before the wasm hydrates the view (so it hydrates exactly `view`).
///
/// Why: when the parsed page holds a form control, Chromium styles and lays out the whole
/// page inside the parser's last task (`Document::FinishedParsing`): one task of 70-140 ms at
/// 100,000 articles, and twice the layout work. Controls put in place at `DOMContentLoaded`
/// are laid out in the next frame with the rest. A template's content is parsed but not
/// rendered; without JavaScript the controls stay there, and would do nothing anyway.
///
/// The markup is yew's: `<` is escaped in text and attribute values, so a `<` starts a tag or
/// a comment; comments are skipped whole.
pub fn defer_controls(view: &str) -> Result<String, String> {
    const OPEN: &str = "<template data-late>";
    const CLOSE: &str = "</template>";
    let mut out = String::with_capacity(view.len() + 3 * (OPEN.len() + CLOSE.len()));
    let mut done = 0;
    let mut at = 0;
    while let Some(lt) = view[at..].find('<').map(|i| at + i) {
        let rest = &view[lt + 1..];
        if rest.starts_with("!--") {
            at = lt + view[lt..].find("-->").ok_or("a comment is not closed")? + 3;
            continue;
        }
        let name = CONTROLS.iter().find(|name| {
            rest.starts_with(**name)
                && rest[name.len()..]
                    .starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        });
        let Some(name) = name else {
            at = lt + 1;
            continue;
        };
        // The start tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        let tag_end = rest
            .char_indices()
            .find(|&(_, c)| match quote {
                Some(q) if c == q => {
                    quote = None;
                    false
                }
                Some(_) => false,
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None => c == '>',
            })
            .map(|(i, _)| lt + 1 + i + 1)
            .ok_or_else(|| format!("a <{name}> tag is not closed"))?;
        let end = if *name == "input" {
            tag_end
        } else {
            let close = format!("</{name}>");
            tag_end
                + view[tag_end..]
                    .find(&close)
                    .ok_or_else(|| format!("a <{name}> element is not closed"))?
                + close.len()
        };
        out.push_str(&view[done..lt]);
        out.push_str(OPEN);
        out.push_str(&view[lt..end]);
        out.push_str(CLOSE);
        done = end;
        at = end;
    }
    out.push_str(&view[done..]);
    Ok(out)
}

/// `page` (trunk's index.html) with `view` inside its root element, its form controls deferred
/// ([`defer_controls`]), and the title and the description set. The root's own content (the
/// loading line) is replaced.
pub fn inject(page: &str, view: &str, title: &str, description: &str) -> Result<String, String> {
    let view = &defer_controls(view)?;
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
/// the same files once it has painted (`<link rel="preload" data-shard>` in a
/// `<template data-preload>`, last in `<head>`), and loads them before it hydrates this view,
/// so it renders the same markup.
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
    // script waited for. And inside a template, which `boot.js` opens once the view has
    // painted: arriving while the page was parsed and first laid out, the catalogue's data
    // (11 MB gzip) delayed the first paint by about 90 ms, and the app starts no sooner for it.
    let at = page.rfind("</head>").ok_or("index.html has no </head>")?;
    let preloads = format!("<template data-preload>{links}\n  </template>\n  ");
    Ok(format!("{}{preloads}{}", &page[..at], &page[at..]))
}

#[cfg(test)]
mod tests {
    use super::defer_controls;

    /// `view` as the page gets it, with its templates taken off again.
    fn unwrapped(view: &str) -> String {
        view.replace("<template data-late>", "")
            .replace("</template>", "")
    }

    #[test]
    fn each_control_goes_into_a_template_and_nothing_else_does() {
        let cases = [
            ("<p>a</p>", "<p>a</p>"),
            (
                "<form><input id=\"q\" autofocus=\"autofocus\"><p>x</p></form>",
                "<form><template data-late><input id=\"q\" autofocus=\"autofocus\"></template><p>x</p></form>",
            ),
            (
                "<label><input type=\"checkbox\">精确</label><select a=\"1\"><option>x</option></select>",
                "<label><template data-late><input type=\"checkbox\"></template>精确</label>\
                 <template data-late><select a=\"1\"><option>x</option></select></template>",
            ),
            (
                "<textarea>b</textarea>",
                "<template data-late><textarea>b</textarea></template>",
            ),
            (
                "<input/><input>",
                "<template data-late><input/></template><template data-late><input></template>",
            ),
            // A `>` inside a quoted value does not end the tag.
            (
                "<input title=\"a>b\" alt='c>d'>e",
                "<template data-late><input title=\"a>b\" alt='c>d'></template>e",
            ),
            // Not controls: other names that start alike, text, comments (yew's markers).
            (
                "<inputs></inputs><selection/>",
                "<inputs></inputs><selection/>",
            ),
            ("a &lt;input b", "a &lt;input b"),
            ("<!--<input x>--><b></b>", "<!--<input x>--><b></b>"),
        ];
        for (view, want) in cases {
            let got = defer_controls(view).unwrap();
            assert_eq!(got, want, "{view}");
            assert_eq!(unwrapped(&got), view, "only templates added: {view}");
        }
    }

    #[test]
    fn a_control_not_closed_is_an_error_not_a_cut() {
        for view in [
            "<input a=\"b>",
            "<select><option>a</option>",
            "<!--<input",
            "<textarea>x",
        ] {
            assert!(defer_controls(view).is_err(), "{view}");
        }
    }
}
