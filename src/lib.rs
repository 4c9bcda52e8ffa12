//! dossier: explore a collection of Chinese news articles, entirely in the browser.
//!
//! Data flows one way, and each module imports only from stages to its left:
//!
//! ```text
//! corpus (embedded files) -> parse -> Article -> index -> query -> ui (view)
//! ```
//!
//! Everything except [`ui`] is plain Rust with no browser dependency, tested natively with
//! `cargo test`. Only `ui` (compiled for wasm32 alone) touches yew or the DOM.

pub mod article;
pub mod corpus;
pub mod date;
pub mod index;
pub mod parse;
pub mod query;
pub mod search;
pub mod state;
pub mod text;
pub mod timeline;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

/// Tables build.rs generates. build.rs, which compiles the stages above into itself to index
/// the collection ahead of time, declares its own `generated` module with the same names.
mod generated {
    include!(concat!(env!("OUT_DIR"), "/t2s.rs"));
    /// jieba's default dictionary, trimmed by build.rs to the words of this collection.
    pub static TRIMMED_DICT: &str = include_str!(concat!(env!("OUT_DIR"), "/jieba_dict.txt"));
    /// The collection parsed and indexed by build.rs ([`crate::index::pack`]).
    pub static PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.pack"));
}

#[cfg(not(target_arch = "wasm32"))]
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;
