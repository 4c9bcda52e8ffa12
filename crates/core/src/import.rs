//! Files a reader imports in the browser, joined to the embedded collection: the same parser
//! and indexer as the build, with jieba's whole dictionary (the embedded one is trimmed to the
//! embedded collection, so it would cut new text differently) and no background IDF table (as
//! everywhere in the wasm, see [`crate::text::background`]).
//!
//! Groundwork for the import of issue 15: the page does not call this yet (no worker, no
//! control). Imported files are named `imported/<path>`, so they never collide with embedded
//! files and are told apart everywhere a file name is shown or kept in a URL.

use crate::article::Article;
use crate::index::Index;
use crate::parse::{self, Failure};
use crate::text::{self, Analyzer, Dictionary, TextError};

/// The folder imported files are named under.
pub const PREFIX: &str = "imported/";

/// Whether `file` (an [`Article::file`]) was imported by the reader.
pub fn is_imported(file: &str) -> bool {
    file.starts_with(PREFIX)
}

/// The collection with the imported files joined.
pub struct Imported {
    pub index: Index,
    /// Imported files that are not articles (too large, binary, no text, …), with the reason.
    pub failures: Vec<Failure>,
    /// How many imported files became articles.
    pub added: usize,
}

/// Parses `files` (path, bytes), names them under [`PREFIX`] (a file imported again replaces
/// the earlier one) and indexes them with `articles` (the embedded collection and earlier
/// imports) using `dict`, which should be jieba's whole dictionary.
pub fn import(
    articles: Vec<Article>,
    files: &[(String, Vec<u8>)],
    dict: &Dictionary,
) -> Result<Imported, TextError> {
    let named: Vec<(String, &[u8])> = files
        .iter()
        .map(|(path, bytes)| {
            let path = path.trim_start_matches('/');
            (format!("{PREFIX}{path}"), bytes.as_slice())
        })
        .collect();
    let parsed = parse::parse_all(named.iter().map(|(p, b)| (p.as_str(), *b)));
    let added = parsed.articles.len();
    let mut all: Vec<Article> = articles
        .into_iter()
        .filter(|a| !named.iter().any(|(p, _)| *p == a.file))
        .collect();
    all.extend(parsed.articles);
    all.sort_by(|a, b| a.file.cmp(&b.file));
    let names = text::names::discover(&all);
    let analyzer = Analyzer::new(dict, &names)?;
    Ok(Imported {
        index: Index::build_with(all, analyzer, names, None),
        failures: parsed.failures,
        added,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "北约 1000 nt\n东扩 100 v\n美国 1000 ns\n制裁 100 v\n";

    fn file(path: &str, text: &str) -> (String, Vec<u8>) {
        (path.to_owned(), text.as_bytes().to_vec())
    }

    #[test]
    fn imported_files_are_named_apart_and_refusals_listed() {
        let files = [
            file(
                "a.txt",
                "标题一\n\n美国宣布对俄罗斯实施新的制裁措施，北约表示支持。",
            ),
            file(
                "/b/c.txt",
                "标题二\n\n北约东扩问题再次成为焦点，各方表态不一。",
            ),
            ("bin.dat".to_owned(), vec![0, 1, 2, 0, 0, 0, 255, 0, 1, 0]),
            file("empty.txt", ""),
        ];
        let out = import(Vec::new(), &files, &Dictionary::Words(DICT)).unwrap();
        assert_eq!(out.added, 2);
        let names: Vec<&str> = out
            .index
            .articles()
            .iter()
            .map(|a| a.file.as_str())
            .collect();
        assert_eq!(names, ["imported/a.txt", "imported/b/c.txt"]);
        assert!(names.iter().all(|n| is_imported(n)));
        let failed: Vec<&str> = out.failures.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(failed, ["imported/bin.dat", "imported/empty.txt"]);
        // Imported again: replaced, not doubled.
        let again = import(
            out.index.articles().to_vec(),
            &files[..1],
            &Dictionary::Words(DICT),
        )
        .unwrap();
        assert_eq!(again.index.len(), 2);
    }
}
