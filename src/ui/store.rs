//! The view's state container: a thin yew `Reducible` around the plain [`ViewState`], which
//! holds the rules. Each action says whether it makes a new history entry (a click) or
//! replaces the current one (typing), so back and forward step between views, not keystrokes.

use std::rc::Rc;

use yew::Reducible;

use dossier_core::date::Day;
use dossier_core::index::Facet;
use dossier_core::search::Sort;
use dossier_core::state::ViewState;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Query(String),
    Toggle(Facet, String),
    ClearFilters,
    /// Only the files the reader imported, or all.
    Imported(bool),
    Range(Day, Day),
    ClearRange,
    Sort(Sort),
    Exact(bool),
    /// Opens an article, optionally at a block (a dated sentence).
    Open(String, Option<usize>),
    Close,
    /// Shows the compare view, or the result list again.
    Compare(bool),
    /// The outlets the compare view shows (none: the largest).
    Outlets(Vec<String>),
    /// Compare view counts as a share of each outlet's articles, or as numbers.
    Share(bool),
    /// Goes to another view as a new history entry (a link followed in place).
    Show(ViewState),
    /// The URL changed from outside (back/forward, an edited fragment).
    FromUrl(ViewState),
}

/// How the URL follows a new state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUpdate {
    Push,
    Replace,
    /// The state came from the URL: leave it as it is.
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub view: ViewState,
    pub url: UrlUpdate,
    /// Block of the open article to scroll to.
    pub focus_block: Option<usize>,
}

impl Store {
    pub fn new(view: ViewState) -> Store {
        Store {
            view,
            url: UrlUpdate::None,
            focus_block: None,
        }
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut view = self.view.clone();
        let mut url = UrlUpdate::Push;
        let mut focus_block = None;
        match action {
            Action::Query(q) => {
                view.query = q;
                url = UrlUpdate::Replace;
            }
            Action::Toggle(kind, value) => view.toggle(kind, &value),
            Action::Imported(on) => view.filters.imported = on,
            Action::ClearFilters => {
                view.filters = Default::default();
            }
            Action::Range(a, b) => view.set_range(a, b),
            Action::ClearRange => view.filters.range = None,
            Action::Sort(s) => view.sort = s,
            Action::Exact(e) => view.exact = e,
            Action::Open(file, block) => {
                view.open = Some(file);
                focus_block = block;
            }
            Action::Close => view.open = None,
            Action::Compare(on) => view.compare = on,
            Action::Outlets(outlets) => view.outlets = outlets,
            Action::Share(on) => view.share = on,
            Action::Show(v) => view = v,
            Action::FromUrl(v) => {
                view = v;
                url = UrlUpdate::None;
            }
        }
        if view == self.view && focus_block.is_none() {
            return self;
        }
        Rc::new(Store {
            view,
            url,
            focus_block,
        })
    }
}
