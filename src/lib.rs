//! dossier: explore a collection of Chinese news articles, entirely in the browser.
//!
//! This package is the web app: the collection `build.rs` embedded (its files, the dictionary
//! trimmed to it and its packed index) and the yew view ([`ui`]): the page renders and hydrates
//! it (wasm32), `dossier-prerender` renders its first view natively. Every
//! stage before the view lives in `dossier-core`:
//!
//! ```text
//! corpus -> parse -> article -> text -> index -> query -> search   (dossier-core)
//!                                                           -> ui   (this crate)
//! ```

pub use dossier_core as core;

use dossier_core::index::Index;
use dossier_core::text::Dictionary;

pub mod embedded;

/// Tables and data build.rs generated from the collection.
mod generated {
    /// jieba's default dictionary, trimmed by build.rs to the words of this collection.
    pub static TRIMMED_DICT: &str = include_str!(concat!(env!("OUT_DIR"), "/jieba_dict.txt"));
    /// The collection parsed and indexed by build.rs ([`dossier_core::index::pack`]).
    pub static PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.pack"));
    /// The collection's own alias file as build.rs read it ("" for none).
    #[cfg(not(target_arch = "wasm32"))]
    pub static COLLECTION_ALIASES: &str =
        include_str!(concat!(env!("OUT_DIR"), "/collection_aliases.tsv"));
}

/// The name variants build.rs bundled the collection with: `data/aliases.tsv` merged with the
/// collection's own file (native only; the page reads the entities packed with the index).
#[cfg(not(target_arch = "wasm32"))]
pub fn alias_table() -> dossier_core::text::aliases::AliasTable {
    let own = Some(generated::COLLECTION_ALIASES).filter(|t| !t.is_empty());
    dossier_core::text::aliases::AliasTable::load(
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/aliases.tsv")),
        own,
    )
    .0
}

/// The dictionary build.rs trimmed to the embedded collection: segments its text exactly as
/// jieba's whole default dictionary would.
pub fn dictionary() -> Dictionary<'static> {
    Dictionary::Words(trimmed_dictionary())
}

/// The text of [`dictionary`], in jieba's format.
pub fn trimmed_dictionary() -> &'static str {
    generated::TRIMMED_DICT
}

/// Whether this build is sharded (`scripts/build --sharded`): nothing is embedded, and the
/// page fetches its index from [`SHARDS`], beside `index.html`.
pub fn sharded() -> bool {
    !env!("DOSSIER_SHARDS").is_empty()
}

/// Where a sharded build's index files are, relative to `index.html`.
pub const SHARDS: &str = "shards/";

/// The embedded collection's index as build.rs packed it.
pub fn pack() -> &'static [u8] {
    generated::PACK
}

/// Indexes `articles` with the embedded collection's dictionary (as build.rs does), without
/// name variants: the seed search table (`tests/search_seeds.rs`) pins the engine without
/// them; `tests/aliases.rs` pins what the variants add on the seeds.
pub fn build_index(articles: Vec<dossier_core::article::Article>) -> Index {
    Index::build(articles, &dictionary()).expect("build.rs wrote a well-formed dictionary")
}

pub mod ui;
