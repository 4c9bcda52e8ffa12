//! Stage 0: the raw article files, as bytes with their path.
//!
//! The web app reads the files embedded at compile time by `build.rs`; the command-line tool
//! can also read a directory at run time. Nothing here decodes or interprets the bytes.

use std::borrow::Cow;

#[cfg(not(target_arch = "wasm32"))]
mod walk;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_articles.rs"));
}

/// One article file: its path relative to the collection root (with `/` separators) and
/// its raw bytes, which may be in any encoding or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
    /// The legacy encoding `build.rs` converted an embedded file from (its bytes are then
    /// UTF-8); `None` for files embedded as they are and files read at run time.
    pub converted_from: Option<&'static str>,
}

impl SourceFile {
    /// The file name without its folders, as shown to a reader.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// The files embedded from `articles/` at compile time, sorted by path.
pub fn embedded() -> Vec<SourceFile> {
    embedded::EMBEDDED
        .iter()
        .map(|(path, bytes, encoding)| SourceFile {
            path: (*path).to_owned(),
            bytes: Cow::Borrowed(*bytes),
            converted_from: (!encoding.is_empty()).then_some(*encoding),
        })
        .collect()
}

/// Reads every regular file below `dir` (recursively, hidden entries skipped), sorted by
/// path: the same selection `build.rs` embeds.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_dir(dir: &std::path::Path) -> std::io::Result<Vec<SourceFile>> {
    walk::list_files(dir)?
        .into_iter()
        .map(|(path, full)| {
            Ok(SourceFile {
                path,
                bytes: Cow::Owned(std::fs::read(full)?),
                converted_from: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_the_seed_collection_sorted() {
        let files = embedded();
        assert!(
            files.len() >= 5,
            "expected the five seed files, got {}",
            files.len()
        );
        assert!(
            files.windows(2).all(|w| w[0].path < w[1].path),
            "not sorted by path"
        );
        assert!(files.iter().any(|f| f.path == "000_b5c8dfb21897627d.txt"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn read_dir_selects_what_build_rs_embeds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
        let read = read_dir(&dir).expect("articles/ is readable");
        let embedded = embedded();
        let paths = |v: &[SourceFile]| v.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&read), paths(&embedded));
        for (r, e) in read.iter().zip(&embedded) {
            if e.converted_from.is_none() {
                assert_eq!(r.bytes, e.bytes, "{} is embedded as it is", e.path);
            }
        }
    }

    #[test]
    fn file_name_drops_folders() {
        let f = SourceFile {
            path: "a/b/c.txt".into(),
            bytes: Cow::Borrowed(b""),
            converted_from: None,
        };
        assert_eq!(f.file_name(), "c.txt");
    }
}
