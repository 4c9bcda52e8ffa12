//! The parser on arbitrary bytes: never panics, and whatever it keeps as an address is
//! http(s) with no space, quote or control character.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn http(u: &str) -> bool {
    let l = u.to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = dossier_core::parse::parse("fuzz.md", data) {
        if let Some(u) = &a.url {
            assert!(http(u), "url {u:?}");
        }
        for i in &a.images {
            if let Some(s) = &i.src {
                assert!(http(s), "image {s:?}");
            }
        }
        for b in &a.blocks {
            if let dossier_core::article::Block::Figure(n) = b {
                assert!(*n < a.images.len());
            }
        }
        for e in &a.events {
            assert!(e.block < a.blocks.len());
        }
    }
});
