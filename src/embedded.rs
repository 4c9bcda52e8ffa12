//! The article files embedded from `articles/` (or `DOSSIER_ARTICLES`) at compile time.

use std::borrow::Cow;

use dossier_core::corpus::SourceFile;

mod table {
    include!(concat!(env!("OUT_DIR"), "/embedded_articles.rs"));
}

/// The files embedded at compile time, sorted by path.
pub fn files() -> Vec<SourceFile> {
    table::EMBEDDED
        .iter()
        .map(|(path, bytes, encoding)| SourceFile {
            path: (*path).to_owned(),
            bytes: Cow::Borrowed(*bytes),
            converted_from: (!encoding.is_empty()).then_some(*encoding),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_the_seed_collection_sorted() {
        let files = files();
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
        let read = dossier_core::corpus::read_dir(&dir).expect("articles/ is readable");
        let embedded = files();
        let paths = |v: &[SourceFile]| v.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&read), paths(&embedded));
        for (r, e) in read.iter().zip(&embedded) {
            if e.converted_from.is_none() {
                assert_eq!(r.bytes, e.bytes, "{} is embedded as it is", e.path);
            }
        }
    }
}
