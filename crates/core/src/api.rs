//! The page's programmatic interface (`window.dossier` in the browser; the view converts these
//! values to and from JavaScript with serde): searches with the page's options, one article by
//! its file, and facet counts. Plain data in, plain data out, so it is tested natively.
//!
//! A search here is the page's search: the same query language, the same filters and date
//! range (applied after ranking, as the result list does), the same order and snippets.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::article::{Article, Block};
use crate::export::{self, Row};
use crate::index::{Facet, Index};
use crate::query::DateRange;
use crate::search::{FacetGroup, Results, Sort};
use crate::state::ViewState;

/// What `search(query, options)` accepts; every key may be left out (the view reads it from
/// a JavaScript object, refusing unknown keys).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchOptions {
    /// `"relevance"` (default), `"newest"` or `"oldest"`.
    pub sort: Option<String>,
    /// Exact substring mode (the page's "精确子串").
    pub exact: bool,
    /// Facet filters, by the facet's URL key (`tag`, `source`, `author`, `person`, `place`,
    /// `org`, `keyword`): several values of one facet accept any, facets must all hold.
    pub filters: BTreeMap<String, Vec<String>>,
    /// A date range in the query language's form: `2022-01-20..2022-02-01`, `2022-01`, ….
    pub date: Option<String>,
    /// At most this many results (all by default).
    pub limit: Option<usize>,
    /// Only the files the reader imported (the page's "只看导入的文件", `imported=1`).
    pub imported: bool,
}

/// What `search` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many articles match (before `limit`).
    pub count: usize,
    /// The results, best first, as the export writes them.
    pub results: Vec<Row>,
    /// How each term of the query was segmented.
    pub segmented: Vec<Vec<String>>,
    /// Name variants that were searched too and found.
    pub also: Vec<String>,
}

/// A value of a facet and how many results have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: usize,
}

/// One article, as `article(file)` returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    pub file: String,
    pub title: String,
    pub date: Option<String>,
    pub date_basis: Option<&'static str>,
    pub outlet: Option<String>,
    pub via: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub url: Option<String>,
    /// The body's paragraphs and subheadings, in reading order.
    pub paragraphs: Vec<String>,
    /// Image captions (never the images' addresses: the page does not load them unasked).
    pub captions: Vec<String>,
}

/// Why a call was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("unknown sort `{0}` (relevance, newest, oldest)")]
    Sort(String),
    #[error("unknown filter `{0}` (tag, source, author, person, place, org, keyword)")]
    Filter(String),
    #[error("unreadable date range `{0}` (e.g. 2022-01-20..2022-02-01, 2022-01)")]
    Date(String),
}

/// The page's view state for `query` with `options`.
pub fn view_state(query: &str, options: &SearchOptions) -> Result<ViewState, ApiError> {
    let mut view = ViewState {
        query: query.to_owned(),
        exact: options.exact,
        ..ViewState::default()
    };
    view.filters.imported = options.imported;
    if let Some(s) = &options.sort {
        view.sort = Sort::from_key(s).ok_or_else(|| ApiError::Sort(s.clone()))?;
    }
    for (key, values) in &options.filters {
        let kind = Facet::from_key(key).ok_or_else(|| ApiError::Filter(key.clone()))?;
        view.filters.values_mut(kind).extend(values.iter().cloned());
    }
    if let Some(d) = &options.date {
        view.filters.range = Some(DateRange::parse(d).ok_or_else(|| ApiError::Date(d.clone()))?);
    }
    Ok(view)
}

/// Runs a view's search as the page does: without its date range, then narrowed to it (the
/// facets counted over the narrowed results).
pub fn run(index: &Index, view: &ViewState) -> Results {
    let (all, narrowed) = view.search(index);
    narrowed.unwrap_or(all)
}

/// `search(query, options)`.
pub fn search(
    index: &Index,
    query: &str,
    options: &SearchOptions,
) -> Result<SearchResults, ApiError> {
    let view = view_state(query, options)?;
    let mut results = run(index, &view);
    let count = results.hits.len();
    if let Some(limit) = options.limit {
        results.hits.truncate(limit);
    }
    Ok(SearchResults {
        count,
        results: export::rows(index, &results),
        segmented: results.segmented,
        also: results.also,
    })
}

/// `facets(query, options)`: per facet key (and `month`), its values over the results, most
/// first.
pub fn facets(
    index: &Index,
    query: &str,
    options: &SearchOptions,
) -> Result<BTreeMap<&'static str, Vec<FacetValue>>, ApiError> {
    let view = view_state(query, options)?;
    let results = run(index, &view);
    Ok(results
        .facets
        .into_iter()
        .map(|(group, counts)| {
            let key = match group {
                FacetGroup::Filter(f) => f.key(),
                FacetGroup::Month => "month",
            };
            let values = counts
                .into_iter()
                .map(|(value, count)| FacetValue {
                    value: value.to_string(),
                    count,
                })
                .collect();
            (key, values)
        })
        .collect())
}

/// `article(file)`: the article of that file (as the page's URLs name it), if any.
pub fn article(index: &Index, file: &str) -> Option<ArticleView> {
    let doc = index.articles().iter().position(|a| a.file == file)?;
    let a: &Article = index.article_text(doc);
    Some(ArticleView {
        file: a.file.clone(),
        title: a.title.clone(),
        date: a.date.map(|d| d.label()),
        date_basis: a.date.map(|d| d.basis.as_str()),
        outlet: a.source.clone(),
        via: a.via.clone(),
        author: a.author.clone(),
        tags: a.tags.clone(),
        categories: a.categories.clone(),
        url: a.url.clone(),
        paragraphs: a
            .blocks
            .iter()
            .filter_map(Block::text)
            .map(str::to_owned)
            .collect(),
        captions: a.images.iter().filter_map(|i| i.caption.clone()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_become_the_pages_view_state() {
        let mut o = SearchOptions {
            sort: Some("oldest".into()),
            exact: true,
            date: Some("2022-01".into()),
            ..SearchOptions::default()
        };
        o.filters.insert("tag".into(), vec!["北约".into()]);
        let v = view_state("普京", &o).unwrap();
        assert_eq!(v.sort, Sort::Oldest);
        assert!(v.exact);
        assert_eq!(v.filters.tags, ["北约"]);
        assert_eq!(v.filters.range, DateRange::parse("2022-01"));
        assert_eq!(v.query, "普京");
    }

    #[test]
    fn bad_options_are_errors_not_silence() {
        let o = |f: fn(&mut SearchOptions)| {
            let mut o = SearchOptions::default();
            f(&mut o);
            view_state("", &o).unwrap_err()
        };
        assert_eq!(
            o(|o| o.sort = Some("best".into())),
            ApiError::Sort("best".into())
        );
        assert_eq!(
            o(|o| {
                o.filters.insert("outlet".into(), vec![]);
            }),
            ApiError::Filter("outlet".into())
        );
        assert_eq!(
            o(|o| o.date = Some("soon".into())),
            ApiError::Date("soon".into())
        );
    }
}
