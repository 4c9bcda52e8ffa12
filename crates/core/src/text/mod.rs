//! Stage 2, text analysis: one tokeniser for articles and queries alike.
//!
//! Text is folded for matching ([`fold`]), segmented by jieba-rs with a dictionary trimmed to
//! the collection at build time plus the names [`names`] discovers, and cut into [`Token`]s
//! that keep byte offsets into the *original* text, so highlights land on what the reader sees.
//! Numbers and Latin-digit mixes (`1997年`, `3.5%`, `F-16`) are words found by [`numbers`], the
//! same way in articles and queries.

pub mod aliases;
pub mod background;
pub mod entities;
pub mod fold;
pub mod names;
pub mod numbers;

use jieba_rs::Jieba;

/// First code point of the CJK Unified Ideographs block, which holds almost every character
/// of a Chinese text.
const CJK_START: u32 = 0x4E00;
/// Characters in that block (U+4E00 ..= U+9FFF).
const CJK_LEN: usize = 0x5200;

/// The fold of every character of the CJK block, built once from the traditional-to-simplified
/// table: indexing the whole collection folds tens of millions of characters, and a direct
/// lookup is several times faster than a binary search in the table. Built at run time (84 KB
/// of memory) rather than generated, so the wasm stays as small as before.
fn cjk_folds() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..CJK_LEN as u32)
            .map(|i| {
                let c = char::from_u32(CJK_START + i).unwrap_or(' ');
                fold::fold_char(c, &fold::T2S)
            })
            .collect()
    })
}

/// Folds text for matching (see [`fold::fold_char`]); one char out per char in.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text, |_| {});
    out
}

/// Appends the fold of `text` to `out`, handing each folded character to `each` as well.
pub fn fold_into(out: &mut String, text: &str, mut each: impl FnMut(char)) {
    let folds = cjk_folds();
    for c in text.chars() {
        let f = fold_with_table(c, folds);
        each(f);
        out.push(f);
    }
}

/// Folds one character.
pub fn fold_char(c: char) -> char {
    fold_with_table(c, cjk_folds())
}

/// [`fold::fold_char`] with the CJK block looked up in `folds` (see [`cjk_folds`]).
fn fold_with_table(c: char, folds: &[char]) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match folds.get((c as u32).wrapping_sub(CJK_START) as usize) {
        Some(&f) => f,
        None => fold::fold_char(c, &fold::T2S),
    }
}

/// Byte offset in `text` of each character index, plus `text.len()` for the index past the
/// end: folding keeps one char per char, so this maps folded positions back to the original.
pub fn char_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// True for the CJK ideographs jieba segments as Chinese.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// A word of a text: its folded form for matching, where it stands in the original text, and
/// its ordinal among the text's words (sub-words of search mode share their word's ordinal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// Byte range in the original (unfolded) text.
    pub start: usize,
    pub end: usize,
    pub position: u32,
}

/// A name discovered in the collection, added to the segmenter as a word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    pub word: String,
    /// jieba part-of-speech tag: `nr` person, `ns` place, `nt` organisation, `nz` other.
    pub tag: &'static str,
}

/// Packed as `(word, tag)` (see [`crate::index::pack`]).
impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.word, self.tag).serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (word, tag): (String, std::borrow::Cow<'de, str>) = serde::Deserialize::deserialize(d)?;
        let tag = match &*tag {
            "nr" => "nr",
            "ns" => "ns",
            "nt" => "nt",
            _ => "nz",
        };
        Ok(Name { word, tag })
    }
}

/// Most pieces [`Analyzer::query_words`] joins into one word.
pub const MAX_JOINED: usize = 8;

/// The words jieba segments with.
#[derive(Debug, Clone, Copy)]
pub enum Dictionary<'a> {
    /// A dictionary in jieba's format (`word frequency [tag]` per line), such as the one the
    /// app's build.rs trims to its collection.
    Words(&'a str),
    /// jieba's whole default dictionary (native builds: the app's build.rs, the CLI, tests).
    #[cfg(not(target_arch = "wasm32"))]
    Default,
}

/// What can go wrong in the text stage.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A dictionary passed as [`Dictionary::Words`] is not in jieba's format.
    #[error("the dictionary is not in jieba's format: {0}")]
    Dictionary(String),
}

/// The segmenter: jieba plus the collection's names.
pub struct Analyzer {
    jieba: Jieba,
}

impl Analyzer {
    /// jieba with `dict` and `names` added as words.
    pub fn new(dict: &Dictionary, names: &[Name]) -> Result<Analyzer, TextError> {
        let jieba = match dict {
            Dictionary::Words(words) => Jieba::with_dict(&mut words.as_bytes())
                .map_err(|e| TextError::Dictionary(e.to_string()))?,
            #[cfg(not(target_arch = "wasm32"))]
            Dictionary::Default => Jieba::new(),
        };
        Ok(Analyzer::with_jieba(jieba, names))
    }

    /// `jieba` with `names` added: words the dictionary already has keep their frequency
    /// (re-adding would change how everything around them is cut).
    pub fn with_jieba(mut jieba: Jieba, names: &[Name]) -> Analyzer {
        for name in names {
            let folded = fold(&name.word);
            if !jieba.has_word(&folded) {
                jieba.add_word(&folded, None, Some(name.tag));
            }
        }
        Analyzer { jieba }
    }

    /// The plain cut of `text` (folded), as words: what golden tests pin.
    pub fn cut(&self, text: &str) -> Vec<String> {
        let folded = fold(text);
        self.jieba
            .cut(&folded, true)
            .into_iter()
            .map(|t| t.word.to_owned())
            .collect()
    }

    /// The words of a query (folded): the collection's cut without jieba's HMM model, which
    /// the app would otherwise ship (150 KB gzip) for queries alone. The model's part is to
    /// join runs of single characters the dictionary leaves into new words; here such runs
    /// are joined into the longest words `known` (the index's vocabulary, where the model's
    /// words from the collection went), up to [`MAX_JOINED`] pieces. Numbers and Latin-digit
    /// mixes are one word each, as in articles ([`numbers`]): `3.5%`, `f-16`, and a quantity
    /// with the Han character after it, its unit (`1997年`).
    pub fn query_words(&self, text: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
        let folded = fold(text);
        let runs = numbers::runs(&folded);
        // jieba's pieces, those inside a run replaced by the run (once); a dictionary word
        // reaching past a run (1号店) stays, and the run goes.
        let mut cut: Vec<&str> = Vec::new();
        // Per piece of `cut`: the run it is, if it is one.
        let mut run_of: Vec<Option<numbers::Run>> = Vec::new();
        let mut next_run = 0;
        let mut pushed_run = None;
        for t in self.jieba.cut(&folded, false) {
            while runs.get(next_run).is_some_and(|r| r.end <= t.start) {
                next_run += 1;
            }
            match runs.get(next_run) {
                Some(r) if r.start <= t.start && t.end <= r.end => {
                    if pushed_run != Some(next_run) {
                        pushed_run = Some(next_run);
                        cut.push(r.text(&folded));
                        run_of.push(Some(*r));
                    }
                }
                _ => {
                    cut.push(t.word);
                    run_of.push(None);
                }
            }
        }
        // Pieces the model (or jieba's Latin handling with it) would join: single Han
        // characters, and Latin words with the characters jieba keeps inside them (u.s.,
        // c++); numbers are whole already.
        let single_han = |w: &str| {
            let mut cs = w.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if is_han(c))
        };
        let joinable = |i: usize| {
            let w = cut[i];
            let mut cs = w.chars();
            run_of[i].is_none()
                && match (cs.next(), cs.next()) {
                    (Some(c), None) => {
                        is_han(c)
                            || c.is_ascii_alphanumeric()
                            || matches!(c, '-' | '.' | '_' | '%' | '+' | '#' | '&')
                    }
                    _ => w.bytes().all(|b| b.is_ascii_alphanumeric()),
                }
        };
        let mut words = Vec::with_capacity(cut.len());
        let mut i = 0;
        while i < cut.len() {
            // A quantity and its unit, when the query has the unit as a character of its own.
            if let Some(word) = run_of[i].and_then(|r| r.with_unit(&folded))
                && cut
                    .get(i + 1)
                    .is_some_and(|w| single_han(w) && word.ends_with(w))
            {
                words.push(word.to_owned());
                i += 2;
                continue;
            }
            let run = (i..cut.len()).take_while(|&j| joinable(j)).count();
            if run < 2 {
                words.push(cut[i].to_owned());
                i += 1;
                continue;
            }
            let pieces = &cut[i..i + run];
            // Single Han characters that join no known word stay together as one unknown
            // word (特朗普 in a collection without it), matched as a substring, as the model
            // would have kept them, rather than as characters found anywhere in an article.
            let mut unknown = String::new();
            let mut at = 0;
            while at < pieces.len() {
                let longest = (at + 2..=pieces.len().min(at + MAX_JOINED))
                    .rev()
                    .find(|&end| known(&pieces[at..end].concat()))
                    .unwrap_or(at + 1);
                if longest == at + 1 && single_han(pieces[at]) {
                    unknown.push_str(pieces[at]);
                } else {
                    if !unknown.is_empty() {
                        words.push(std::mem::take(&mut unknown));
                    }
                    words.push(pieces[at..longest].concat());
                }
                at = longest;
            }
            if !unknown.is_empty() {
                words.push(unknown);
            }
            i += run;
        }
        words
    }

    /// Words of `text` with their part-of-speech tags (folded words).
    pub fn tag(&self, text: &str) -> Vec<(String, String)> {
        self.tag_folded(&fold(text))
    }

    /// The search-mode tokens of `text`: every word and the dictionary words inside long words
    /// (中华人民共和国 also gives 中华, 人民, 共和国), without spaces and punctuation.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let folded = fold(text);
        let offsets = char_offsets(text);
        let mut out = Vec::new();
        self.search_words(&folded, |word, (start, end), position| {
            if let (Some(&start), Some(&end)) = (offsets.get(start), offsets.get(end)) {
                out.push(Token {
                    term: word.to_owned(),
                    start,
                    end,
                    position,
                });
            }
        });
        out
    }

    /// What [`Analyzer::tokens`] finds, for text that is already folded, without allocating:
    /// `emit` gets each word, its character range in `folded` and its ordinal. The index
    /// calls this directly (it folds each field once and needs no byte offsets). jieba's words
    /// inside a number run are replaced by the run's own ([`numbers`]).
    pub fn search_words<'a>(
        &self,
        folded: &'a str,
        mut emit: impl FnMut(&'a str, (usize, usize), u32),
    ) {
        let runs = numbers::runs(folded);
        let mut position = 0u32;
        let mut last_end = 0usize;
        // Sub-words come before the word that contains them; a new word starts past the
        // end of the previous one. A run's unit word does not end the run's word.
        let mut word = |w: &'a str, (start, end): (usize, usize), whole: bool| {
            if start >= last_end {
                position += 1;
            }
            if whole {
                last_end = last_end.max(end);
            }
            emit(w, (start, end), position);
        };
        let mut next_run = 0;
        let mut inside: Option<numbers::Run> = None;
        for t in self.jieba.cut_for_search(folded, true) {
            if !t.word.chars().any(char::is_alphanumeric) {
                continue;
            }
            // Runs that start before this word come first.
            while let Some(r) = runs.get(next_run).filter(|r| r.start <= t.start) {
                run_words(r, folded, &mut word);
                inside = Some(*r);
                next_run += 1;
            }
            if inside.is_some_and(|r| r.start <= t.start && t.end <= r.end) {
                continue;
            }
            word(t.word, (t.start, t.end), true);
        }
        for r in &runs[next_run..] {
            run_words(r, folded, &mut word);
        }
    }

    /// [`Analyzer::tag`] for text that is already folded.
    pub fn tag_folded(&self, folded: &str) -> Vec<(String, String)> {
        self.jieba
            .tag(folded, true)
            .into_iter()
            .map(|t| (t.word.to_owned(), t.tag.to_owned()))
            .collect()
    }
}

/// The words of a number run for [`Analyzer::search_words`]: its prefixes, itself, itself
/// with its unit; `word` takes a word, its character range and whether it is a whole word
/// (the unit word is not: the unit character stays a word of its own too).
fn run_words<'a>(
    r: &numbers::Run,
    folded: &'a str,
    word: &mut impl FnMut(&'a str, (usize, usize), bool),
) {
    let text = r.text(folded);
    for e in numbers::prefix_ends(text) {
        word(&text[..e], (r.start, r.start + e), true);
    }
    word(text, (r.start, r.end), true);
    if let Some(with_unit) = r.with_unit(folded) {
        word(with_unit, (r.start, r.end + 1), false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_rebuild_latin_words_the_index_knows() {
        let a = Analyzer::new(&Dictionary::Default, &[]).unwrap();
        let known = ["f-16", "u.s.", "3.5%", "c++", "b-52", "ak-47"];
        let known = |w: &str| known.contains(&w);
        for (q, want) in [
            ("F-16", vec!["f-16"]),
            ("U.S.", vec!["u.s."]),
            ("3.5%", vec!["3.5%"]),
            ("C++", vec!["c++"]),
            ("B-52 轰炸机", vec!["b-52", " ", "轰炸机"]),
            // Numbers are whole words whether the index knows them or not (see numbers).
            ("X-37", vec!["x-37"]),
            ("1997年", vec!["1997年"]),
            ("3.5", vec!["3.5"]),
        ] {
            assert_eq!(a.query_words(q, known), want, "{q}");
        }
    }

    #[test]
    fn folds_with_the_generated_table() {
        assert_eq!(fold("北約烏克蘭ＮＡＴＯ"), "北约乌克兰nato");
        assert_eq!(fold("國際"), "国际");
    }

    #[test]
    fn the_cjk_lookup_table_folds_like_the_binary_search() {
        for c in ('\u{3000}'..='\u{FFFF}').chain(['A', 'Ä', 'İ', '𠀀']) {
            assert_eq!(fold_char(c), fold::fold_char(c, &fold::T2S), "{c:?}");
        }
    }

    #[test]
    fn tokens_point_into_the_original_text() {
        let a = Analyzer::new(&Dictionary::Default, &[]).unwrap();
        let text = "北約ＮＡＴＯ東擴，美國";
        for t in a.tokens(text) {
            assert_eq!(fold(&text[t.start..t.end]), t.term, "token {t:?}");
        }
        let terms: Vec<String> = a.tokens(text).into_iter().map(|t| t.term).collect();
        assert!(terms.contains(&"北约".to_owned()), "{terms:?}");
        assert!(terms.contains(&"nato".to_owned()), "{terms:?}");
        assert!(
            !terms.iter().any(|t| t == "，"),
            "punctuation is not a token: {terms:?}"
        );
    }

    #[test]
    fn numbers_are_words_in_articles_and_queries_alike() {
        let a = Analyzer::new(&Dictionary::Default, &[]).unwrap();
        let text = "于１９９７年，F-16V與3.5%的G20，米格-29";
        let tokens = a.tokens(text);
        for t in &tokens {
            assert_eq!(fold(&text[t.start..t.end]), t.term, "token {t:?}");
        }
        let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        for want in [
            "1997", "1997年", "f-16", "f-16v", "3.5", "3.5%", "g20", "米格", "29",
        ] {
            assert!(terms.contains(&want), "{want} in {terms:?}");
        }
        assert!(
            !terms.contains(&"16v"),
            "jieba's sub-word inside a run: {terms:?}"
        );
        // Every number word of the text, typed as a query, is that one word, known or not.
        let nothing = |_: &str| false;
        for (q, want) in [
            ("1997", vec!["1997"]),
            ("１９９７年", vec!["1997年"]),
            ("F-16", vec!["f-16"]),
            ("f-16v", vec!["f-16v"]),
            ("3.5%", vec!["3.5%"]),
            ("G20峰会", vec!["g20", "峰会"]),
            ("米格-29", vec!["米格", "-", "29"]),
        ] {
            assert_eq!(a.query_words(q, nothing), want, "{q}");
        }
        // Positions: a run and its prefixes are one word, its unit word too.
        let pos = |term: &str| tokens.iter().find(|t| t.term == term).map(|t| t.position);
        assert_eq!(pos("1997"), pos("1997年"));
        assert_eq!(pos("f-16"), pos("f-16v"));
        assert!(pos("年") > pos("1997"), "the unit stays a word of its own");
    }

    #[test]
    fn names_come_out_whole() {
        let plain = Analyzer::new(&Dictionary::Default, &[]).unwrap();
        assert_ne!(
            plain.cut("布林肯表示"),
            ["布林肯", "表示"],
            "jieba alone splits the name"
        );
        let a = Analyzer::new(
            &Dictionary::Default,
            &[Name {
                word: "布林肯".into(),
                tag: "nr",
            }],
        )
        .unwrap();
        assert_eq!(a.cut("布林肯表示"), ["布林肯", "表示"]);
    }
}
