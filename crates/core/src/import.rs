//! Files a reader imports in the browser, joined to the collection the page shows: the same
//! parser and indexer as the build, in the import worker (`crates/import-worker`, a wasm of
//! its own that the page loads only when the reader imports).
//!
//! The joined collection is indexed as the build would index all its files together
//! ([`crate::bundle`]): jieba's whole dictionary trimmed to the collection (the embedded one is
//! trimmed to the embedded articles only, so it would cut new text differently), the names
//! discovered in all of it, the curated name variants restricted to it. Two things differ from
//! a build, both so that an import leaves what the page showed of its articles alone:
//!
//! - Keywords: the articles already there keep theirs ([`Base::keywords`]: the build scored
//!   the embedded ones against jieba's IDF table, which the wasm does not carry, see
//!   [`crate::text::background`]); imported articles get theirs against the collection.
//! - Name variants: the table the page has (the embedded collection's, which holds its own
//!   `aliases.tsv`) is merged into the curated one before restricting, so its entities stay.
//!
//! Imported files are named `imported/<path>`, so they never collide with embedded files and
//! are told apart everywhere a file name is shown or kept in a URL; a file imported again
//! replaces the earlier one.
//!
//! Natively only the parts the worker calls are tested (`tests/import_seeds.rs`); the worker
//! needs the feature `import` (legacy encodings, dictionary trimming) on wasm32.

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
use crate::{
    index::Index,
    index::pack::{PackError, Parts, Unpacker},
    parse::{self, Failure},
    text::aliases::AliasTable,
    text::{self, Analyzer, Dictionary, TextError},
};

/// The folder imported files are named under.
pub const PREFIX: &str = "imported/";

/// Whether `file` (an [`Article::file`]) was imported by the reader.
pub fn is_imported(file: &str) -> bool {
    file.starts_with(PREFIX)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
/// The collection an import joins: the page's articles (the embedded ones and earlier
/// imports), their keywords, name variants and failures.
pub type Base = Parts;

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
/// The collection of a pack (the embedded one, or one an earlier import made).
pub fn base(pack: &[u8]) -> Result<Base, PackError> {
    Unpacker::new(pack)?.into_parts()
}

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
/// How far an import is, for the page's progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Parsing file `done` of `total`.
    Parsing { done: usize, total: usize },
    /// Trimming the dictionary, discovering names, restricting name variants.
    Preparing,
    /// Segmenting and indexing `articles` articles.
    Indexing { articles: usize },
}

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
/// The collection with the imported files joined.
pub struct Imported {
    pub index: Index,
    /// jieba's dictionary trimmed to the joined collection: the page cuts queries with it.
    pub dictionary: String,
    /// Every file that is not an article, earlier ones included (too large, binary, no
    /// text, …), with the reason.
    pub failures: Vec<Failure>,
    /// How many imported files became articles.
    pub added: usize,
    /// How many imported files did not.
    pub refused: usize,
}

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
/// The name an imported file gets.
pub fn name(path: &str) -> String {
    format!("{PREFIX}{}", path.trim_start_matches('/'))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
/// Parses `files` (path, bytes), names them under [`PREFIX`] and indexes them with `base`,
/// segmenting with `full_dict` (jieba's whole dictionary, in its format) trimmed to the joined
/// collection and the name variants of `curated` (`data/aliases.tsv`) merged with the base's.
/// `too_large` are files (path, size) the page did not read, being over
/// [`parse::decode::MAX_BYTES`]: they are refused as such. `progress` hears how far it is.
pub fn import(
    base: Base,
    files: &[(String, Vec<u8>)],
    too_large: &[(String, usize)],
    full_dict: &str,
    curated: &AliasTable,
    progress: &mut dyn FnMut(Stage),
) -> Result<Imported, TextError> {
    let total = files.len();
    let mut new = parse::Collection::default();
    let mut names: Vec<String> = Vec::with_capacity(total);
    for (done, (path, bytes)) in files.iter().enumerate() {
        progress(Stage::Parsing { done, total });
        let file = name(path);
        // The same file twice in one import: the later one counts.
        new.articles.retain(|a| !parse::of_file(&a.file, &file));
        new.failures.retain(|f| !parse::of_file(&f.file, &file));
        for (name, parsed) in parse::parse_file(&file, bytes) {
            match parsed {
                Ok(a) => new.articles.push(a),
                Err(reason) => new.failures.push(Failure { file: name, reason }),
            }
        }
        names.push(file);
    }
    progress(Stage::Parsing { done: total, total });
    for (path, size) in too_large {
        let file = name(path);
        new.articles.retain(|a| !parse::of_file(&a.file, &file));
        new.failures.retain(|f| !parse::of_file(&f.file, &file));
        new.failures.push(Failure {
            file: file.clone(),
            reason: parse::ParseError::TooLarge(*size),
        });
        names.push(file);
    }
    new.articles.sort_by(|a, b| a.file.cmp(&b.file));
    let added = new.articles.len();
    let refused = new.failures.len();

    // The base without the files imported again, then the new articles.
    let replaced = |file: &str| names.iter().any(|n| parse::of_file(file, n));
    let mut articles = Vec::with_capacity(base.articles.len() + added);
    let mut kept: Vec<Option<Vec<String>>> = Vec::with_capacity(base.articles.len() + added);
    for (article, keywords) in base.articles.into_iter().zip(
        base.keywords
            .into_iter()
            .chain(std::iter::repeat_with(Vec::new)),
    ) {
        if !replaced(&article.file) {
            articles.push(article);
            kept.push(Some(keywords));
        }
    }
    articles.extend(new.articles);
    kept.resize(articles.len(), None);
    let mut failures: Vec<Failure> = base
        .failures
        .into_iter()
        .filter(|f| !replaced(&f.file))
        .chain(new.failures)
        .collect();
    failures.sort_by(|a, b| a.file.cmp(&b.file));

    progress(Stage::Preparing);
    let texts: Vec<String> = articles
        .iter()
        .map(|a| text::fold(&crate::index::field_pieces(a).concat().join("\n")))
        .collect();
    let dictionary = crate::bundle::trim_dictionary(full_dict, &texts);
    let table = curated.clone().merged(&base.aliases);
    let (aliases, found) = table.prepare(&texts, text::names::discover(&articles));
    drop(texts);
    let analyzer = Analyzer::new(&Dictionary::Words(&dictionary), &found)?;
    progress(Stage::Indexing {
        articles: articles.len(),
    });
    let index = Index::build_full(articles, analyzer, found, None, aliases, &kept, true);
    Ok(Imported {
        index,
        dictionary,
        failures,
        added,
        refused,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{Facet, pack};

    const DICT: &str = "北约 1000 nt\n东扩 100 v\n美国 1000 ns\n制裁 100 v\n";

    fn file(path: &str, text: &str) -> (String, Vec<u8>) {
        (path.to_owned(), text.as_bytes().to_vec())
    }

    fn run(base: Base, files: &[(String, Vec<u8>)]) -> Imported {
        import(base, files, &[], DICT, &AliasTable::default(), &mut |_| {}).unwrap()
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
        let mut stages = Vec::new();
        let out = import(
            Base::default(),
            &files,
            &[("big.txt".to_owned(), 5 << 20)],
            DICT,
            &AliasTable::default(),
            &mut |s| stages.push(s),
        )
        .unwrap();
        assert_eq!((out.added, out.refused), (2, 3));
        assert_eq!(stages[0], Stage::Parsing { done: 0, total: 4 });
        assert_eq!(stages.last(), Some(&Stage::Indexing { articles: 2 }));
        let names: Vec<&str> = out
            .index
            .articles()
            .iter()
            .map(|a| a.file.as_str())
            .collect();
        assert_eq!(names, ["imported/a.txt", "imported/b/c.txt"]);
        assert!(names.iter().all(|n| is_imported(n)));
        let failed: Vec<&str> = out.failures.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(
            failed,
            ["imported/big.txt", "imported/bin.dat", "imported/empty.txt"]
        );
        assert_eq!(out.failures[0].reason, parse::ParseError::TooLarge(5 << 20));
        // The dictionary is trimmed to the collection, the placeholder keeping the total.
        assert!(out.dictionary.contains("北约 1000 nt\n"));
        assert!(out.dictionary.ends_with(" x\n"));

        // Imported again, through the pack the page keeps: replaced, not doubled; a file that
        // fails now takes the article's place, and an earlier failure that reads now goes.
        let packed = pack::pack(&out.index, &out.failures);
        let again = run(
            base(&packed).unwrap(),
            &[
                file("a.txt", ""),
                file("empty.txt", "标题三\n\n美国表示北约会继续东扩。"),
            ],
        );
        let names: Vec<&str> = again
            .index
            .articles()
            .iter()
            .map(|a| a.file.as_str())
            .collect();
        assert_eq!(names, ["imported/b/c.txt", "imported/empty.txt"]);
        let failed: Vec<&str> = again.failures.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(
            failed,
            ["imported/a.txt", "imported/big.txt", "imported/bin.dat"]
        );
    }

    #[test]
    fn a_json_lines_file_imports_each_article_and_replaces_them_all_when_imported_again() {
        let lines = "{\"title\": \"一\", \"text\": \"美国宣布对俄罗斯实施新的制裁措施。\"}\n\
                     {\"title\": \"二\", \"text\": \"北约表示会继续东扩。\"}\n";
        let out = run(Base::default(), &[file("feed.jsonl", lines)]);
        let names = |i: &Imported| -> Vec<String> {
            i.index.articles().iter().map(|a| a.file.clone()).collect()
        };
        assert_eq!(
            names(&out),
            ["imported/feed.jsonl#1", "imported/feed.jsonl#2"]
        );
        assert_eq!(out.added, 2);
        // Again, with one article fewer: the file's articles are replaced, none left over.
        let packed = pack::pack(&out.index, &out.failures);
        let one = "{\"title\": \"三\", \"text\": \"美国表示北约会继续东扩。\"}\n";
        let again = run(base(&packed).unwrap(), &[file("feed.jsonl", one)]);
        assert_eq!(names(&again), ["imported/feed.jsonl"]);
        assert_eq!(again.index.articles()[0].title, "三");
    }

    #[test]
    fn articles_already_there_keep_their_keywords() {
        let first = run(
            Base::default(),
            &[file(
                "a.txt",
                "标题一\n\n美国宣布对俄罗斯实施新的制裁措施，北约表示支持制裁。",
            )],
        );
        let mut parts = base(&pack::pack(&first.index, &first.failures)).unwrap();
        // As if the build had scored them otherwise.
        parts.keywords[0] = vec!["措施".to_owned()];
        let out = run(
            parts,
            &[file(
                "b.txt",
                "标题二\n\n北约东扩问题再次成为焦点，各方表态不一。",
            )],
        );
        let kw: Vec<&str> = out.index.facet_values(0, Facet::Keyword).collect();
        assert_eq!(kw, ["措施"]);
    }
}
