//! The background keywords are judged against: how common a word is in Chinese at large, as an
//! inverse document frequency (IDF). A keyword should set its article apart from general usage,
//! not merely from the other files of the collection (in a collection about one war every
//! article shares the war's words, and a collection-only score then picks 两人 or 代表).
//!
//! Like [`super::Dictionary`], the table is passed in as a value: natively, jieba-rs's own
//! table (its `tfidf` feature, 6 MB, enabled for native builds only so the wasm never carries
//! it); anywhere, a table in the same `word idf` format. Keywords are decided when the index is
//! built, which for the app is natively at compile time; without a background (an index built
//! in the browser) they fall back to scoring against the collection.

use rustc_hash::FxHashMap;

/// Where the general-usage IDF of words comes from.
#[derive(Debug, Clone, Copy)]
pub enum Background<'a> {
    /// A table in jieba's `idf.txt` format: `word idf` per line.
    Table(&'a str),
    /// jieba-rs's own IDF table (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    Jieba,
}

/// The background IDF of the words a collection asked for; any other word gets the table's
/// median, as jieba's own keyword extraction gives a word its table lacks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Idf {
    of: FxHashMap<String, f32>,
    median: f32,
}

impl Idf {
    /// The background IDF of `word` (folded), or the table's median.
    pub fn get(&self, word: &str) -> f32 {
        self.of.get(word).copied().unwrap_or(self.median)
    }

    /// Whether the table has `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.of.contains_key(word)
    }
}

impl Background<'_> {
    /// The IDF of `words` (folded Han words of two or more characters) in this background.
    pub fn idf<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Idf {
        match self {
            Background::Table(table) => from_table(table, words),
            #[cfg(not(target_arch = "wasm32"))]
            Background::Jieba => from_jieba(words),
        }
    }
}

/// Reads the lines of `table` that hold one of `words`; the median is over every line.
fn from_table<'w>(table: &str, words: impl IntoIterator<Item = &'w str>) -> Idf {
    let wanted: rustc_hash::FxHashSet<&str> = words.into_iter().collect();
    let mut all = Vec::new();
    let mut of = FxHashMap::default();
    for line in table.lines() {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(Ok(idf))) = (parts.next(), parts.next().map(str::parse::<f32>))
        else {
            continue;
        };
        if !idf.is_finite() {
            continue;
        }
        all.push(idf);
        if wanted.contains(word) {
            of.insert(word.to_owned(), idf);
        }
    }
    let median = if all.is_empty() {
        0.0
    } else {
        // The lower median, as jieba takes it.
        let mid = (all.len() - 1) / 2;
        *all.select_nth_unstable_by(mid, f32::total_cmp).1
    };
    Idf { of, median }
}

/// A two-character word no table has (U+9FEF, added to Unicode in 2018): its IDF is the
/// median jieba gives unknown words.
#[cfg(not(target_arch = "wasm32"))]
const UNKNOWN: &str = "\u{9FEF}\u{9FEF}";

/// jieba-rs's table for `words`. jieba-rs keeps the table private and offers only its TF-IDF
/// extraction, so each word is read through it: every word on a line of its own, cut by a
/// segmenter that knows exactly those words (all with one frequency, so a line is always cut
/// whole), each then occurring once, so its weight `tf * idf / total` times the number of
/// words is its IDF. A word the table lacks comes back with the median, as [`Idf::get`] says.
#[cfg(not(target_arch = "wasm32"))]
fn from_jieba<'w>(words: impl IntoIterator<Item = &'w str>) -> Idf {
    use jieba_rs::{Jieba, KeywordExtract, TfIdf};
    static TABLE: std::sync::OnceLock<TfIdf> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(TfIdf::default);

    let mut words: Vec<&str> = words
        .into_iter()
        .filter(|w| w.chars().count() >= 2 && w.chars().all(super::is_han))
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut segmenter = Jieba::empty();
    let mut text = String::with_capacity(words.iter().map(|w| w.len() + 1).sum::<usize>() + 8);
    for w in words.iter().copied().chain([UNKNOWN]) {
        segmenter.add_word(w, Some(1), Some("n"));
        text.push_str(w);
        text.push('\n');
    }
    let found = table.extract_keywords(&segmenter, &text, words.len() + 1, Vec::new());
    let total = found.len() as f64;
    let mut of: FxHashMap<String, f32> = found
        .into_iter()
        .map(|k| (k.keyword, (k.weight * total) as f32))
        .collect();
    let median = of.remove(UNKNOWN).unwrap_or(0.0);
    // A word at exactly the median is one the table lacks: leave it to the median.
    of.retain(|_, idf| *idf != median);
    Idf { of, median }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_gives_its_words_and_the_median_for_others() {
        let table = "红线 8.8\n代表 4.9\n东扩 10.6\nbroken\n两人 x\n";
        let idf = Background::Table(table).idf(["红线", "代表", "布林肯"]);
        assert_eq!(idf.get("红线"), 8.8);
        assert_eq!(idf.get("代表"), 4.9);
        assert!(
            idf.knows("代表") && !idf.knows("东扩"),
            "only the words asked for"
        );
        assert_eq!(idf.get("布林肯"), 8.8, "the median of 4.9, 8.8, 10.6");
        assert_eq!(Background::Table("").idf(["红线"]).get("红线"), 0.0);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn jiebas_table_is_read_exactly() {
        // Values from jieba-rs 0.11's src/data/idf.txt.
        let idf = Background::Jieba.idf(["劳动防护", "红线", "代表", "问题", "东扩", "北约东扩"]);
        let close = |w: &str, v: f32| (idf.get(w) - v).abs() < 1e-4;
        assert!(close("劳动防护", 13.900_678), "{}", idf.get("劳动防护"));
        assert!(close("红线", 8.838_083));
        assert!(close("代表", 4.959_787));
        assert!(close("问题", 3.963_513));
        assert!(close("东扩", 10.604_841));
        assert!(!idf.knows("北约东扩"), "not in the table");
        assert!(
            close("北约东扩", 11.954_768),
            "the median: {}",
            idf.get("北约东扩")
        );
    }
}
