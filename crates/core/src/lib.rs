//! dossier-core: the pure stages of dossier, shared by the app's build script, the web app,
//! the command-line tool and the tests.
//!
//! Data flows one way, and each module imports only from stages to its left:
//!
//! ```text
//! corpus -> parse -> article -> text -> index (+ pack, import) -> query -> search -> export, timeline -> compare -> state -> api
//! ```
//!
//! One exception: [`shard`] (the index as files fetched on demand) reads with [`search`], and
//! the index consults its [`shard::Shelf`] when it was assembled from shards.
//!
//! No yew, no web-sys, no globals: the segmenter is built from a dictionary passed in as a
//! value ([`text::Dictionary`]). The only table compiled in is OpenCC's
//! traditional-to-simplified characters ([`text::fold`]), which no collection changes.

pub mod api;
pub mod article;
#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
pub mod bundle;
pub mod compare;
pub mod corpus;
pub mod date;
pub mod export;
pub mod import;
pub mod index;
pub mod parse;
pub mod query;
pub mod rank;
pub mod related;
pub mod search;
pub mod shard;
pub mod state;
pub mod text;
pub mod timeline;

/// The tests' deterministic generator, the same file the integration tests include.
#[cfg(test)]
#[path = "../../../tests/support/rng.rs"]
mod test_rng;
