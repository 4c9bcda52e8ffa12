//! Stage 0: the raw article files of a collection, as bytes with their path.
//!
//! The app's `build.rs` embeds the files [`list_files`] selects; the command-line tool reads
//! the same selection at run time with [`read_dir`], so the two never differ. Nothing here
//! decodes or interprets the bytes.

use std::borrow::Cow;
#[cfg(not(target_arch = "wasm32"))]
use std::{
    fs, io,
    path::{Path, PathBuf},
};

/// One article file: its path relative to the collection root (with `/` separators) and
/// its raw bytes, which may be in any encoding or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
    /// The legacy encoding a build step converted the file from (its bytes are then UTF-8);
    /// `None` for files kept as they are and files read at run time.
    pub converted_from: Option<&'static str>,
}

impl SourceFile {
    /// A file read at run time, its bytes kept as they are.
    pub fn new(path: String, bytes: Vec<u8>) -> SourceFile {
        SourceFile {
            path,
            bytes: Cow::Owned(bytes),
            converted_from: None,
        }
    }

    /// The file name without its folders, as shown to a reader.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// Reads every regular file below `dir` (recursively, hidden entries skipped), sorted by
/// path: the selection [`list_files`] makes.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_dir(dir: &Path) -> io::Result<Vec<SourceFile>> {
    list_files(dir)?
        .into_iter()
        .map(|(path, full)| Ok(SourceFile::new(path, fs::read(full)?)))
        .collect()
}

/// Lists every regular file below `dir`, recursively, as `(path relative to dir with '/'
/// separators, full path)`, sorted by relative path. Entries whose name starts with `.` are
/// skipped, links are followed, and anything that is neither file nor folder is ignored. The
/// collection's alias table ([`ALIASES_FILE`] at the root) is no article and is left out.
#[cfg(not(target_arch = "wasm32"))]
pub fn list_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.retain(|(rel, _)| rel != ALIASES_FILE);
    files.sort();
    Ok(files)
}

/// The collection's own alias table, beside its articles (see [`crate::text::aliases`]).
pub const ALIASES_FILE: &str = crate::text::aliases::FILE_NAME;

/// The text of `dir`'s alias table ([`ALIASES_FILE`]), if it has one; an unreadable or
/// non-UTF-8 file is an error.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_aliases(dir: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(dir.join(ALIASES_FILE)) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn walk(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = fs::metadata(&path) else {
            continue; // a broken link
        };
        if meta.is_dir() {
            walk(base, &path, files)?;
        } else if meta.is_file() {
            let rel = path
                .strip_prefix(base)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_drops_folders() {
        let f = SourceFile {
            path: "a/b/c.txt".into(),
            bytes: Cow::Borrowed(b""),
            converted_from: None,
        };
        assert_eq!(f.file_name(), "c.txt");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn lists_sorted_and_skips_hidden() {
        let dir = std::env::temp_dir().join(format!("dossier-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b/.hidden")).unwrap();
        fs::write(dir.join("b/x.txt"), "x").unwrap();
        fs::write(dir.join("b/.hidden/y.txt"), "y").unwrap();
        fs::write(dir.join("a.txt"), "a").unwrap();
        fs::write(dir.join(".dot.txt"), "d").unwrap();
        fs::write(dir.join("aliases.tsv"), "person\t普京\t普丁\n").unwrap();
        fs::write(dir.join("b/aliases.tsv"), "an article").unwrap();
        assert_eq!(
            read_aliases(&dir).unwrap().as_deref(),
            Some("person\t普京\t普丁\n")
        );
        assert_eq!(read_aliases(&dir.join("b/.hidden")).unwrap(), None);
        let got: Vec<String> = list_files(&dir).unwrap().into_iter().map(|f| f.0).collect();
        assert_eq!(got, ["a.txt", "b/aliases.tsv", "b/x.txt"]);
        let read = read_dir(&dir).unwrap();
        assert_eq!(read[2].bytes.as_ref(), b"x");
        fs::remove_dir_all(&dir).unwrap();
    }
}
