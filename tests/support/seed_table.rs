//! The seed search table of the issue: each query and the seed files (by number) it finds.
//! Shared by `tests/search_seeds.rs` (the embedded index) and `tests/import_seeds.rs` (the
//! seeds imported into an empty collection); `tests/e2e/seed-queries.mjs` is the page's copy.

pub const TABLE: &[(&str, &[&str])] = &[
    ("布林肯", &["000", "001", "003"]),
    ("佩斯科夫", &["001", "003"]),
    ("泽伦斯基", &["001"]),
    ("普京", &["000", "001", "002", "004"]),
    ("东扩", &["000", "001", "004"]),
    ("北約", &["000", "001", "002", "003", "004"]),
    ("美国 制裁", &["000", "001", "004"]),
    ("NATO", &["004"]),
    ("战斧", &["001", "002"]),
    ("\"书面回复\" -大纪元", &["000", "001", "002"]),
];
