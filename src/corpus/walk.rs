//! Which files make up a collection. Shared by `build.rs` (through `#[path]`) and the
//! command-line tool, so the embedded set and a directory read at run time never differ.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Lists every regular file below `dir`, recursively, as `(path relative to dir with '/'
/// separators, full path)`, sorted by relative path. Entries whose name starts with `.` are
/// skipped, links are followed, and anything that is neither file nor folder is ignored.
pub fn list_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

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
