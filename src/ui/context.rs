//! What every component of the explorer shares and that never changes while it runs: the
//! library and the way to the store. The explorer provides it once, as a yew context
//! (`ContextProvider<Shared>`), instead of drilling it through the props of every component;
//! components read it with [`use_shared`].

use yew::prelude::*;

use super::LibraryRef;
use super::store::Action;

/// The library and the store's dispatcher. Both keep their identity for the explorer's
/// lifetime, and equality is identity, so the context never makes a component render again.
#[derive(Clone, PartialEq)]
pub struct Shared {
    pub library: LibraryRef,
    /// Sends an action to the explorer's store.
    pub dispatch: Callback<Action>,
    /// Fetches what renders noted missing in a sharded collection ([`super::shards`]).
    pub settle: Callback<()>,
    /// The turns in which the parts of a prerendered view hydrate ([`super::turns`]).
    pub turns: super::turns::Turns,
}

/// The explorer's [`Shared`] context.
///
/// # Panics
/// Outside the explorer's `ContextProvider<Shared>`.
#[hook]
pub fn use_shared() -> Shared {
    use_context::<Shared>().expect("a component of the explorer, inside its ContextProvider")
}
