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

#[cfg(not(target_arch = "wasm32"))]
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;
