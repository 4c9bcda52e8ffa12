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
        .map(|(path, bytes)| SourceFile {
            path: (*path).to_owned(),
            bytes: Cow::Borrowed(*bytes),
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
        assert_eq!(read_dir(&dir).expect("articles/ is readable"), embedded());
    }

    #[test]
    fn file_name_drops_folders() {
        let f = SourceFile {
            path: "a/b/c.txt".into(),
            bytes: Cow::Borrowed(b""),
        };
        assert_eq!(f.file_name(), "c.txt");
    }
}
