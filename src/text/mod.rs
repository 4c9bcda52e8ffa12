//! Stage 2, text analysis: one tokeniser for articles and queries alike.
//!
//! Text is folded for matching ([`fold`]), segmented by jieba-rs with a dictionary trimmed to
//! the collection at build time plus the names [`names`] discovers, and cut into [`Token`]s
//! that keep byte offsets into the *original* text, so highlights land on what the reader sees.

pub mod entities;
pub mod fold;
pub mod names;

use jieba_rs::Jieba;

mod tables {
    include!(concat!(env!("OUT_DIR"), "/t2s.rs"));
}

/// jieba's default dictionary, trimmed by build.rs to the words of this collection.
static TRIMMED_DICT: &str = include_str!(concat!(env!("OUT_DIR"), "/jieba_dict.txt"));

/// Folds text for matching (see [`fold::fold_char`]); one char out per char in.
pub fn fold(text: &str) -> String {
    fold::fold_with(text, &tables::T2S)
}

/// Folds one character.
pub fn fold_char(c: char) -> char {
    fold::fold_char(c, &tables::T2S)
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

/// The segmenter: jieba plus the collection's names.
pub struct Analyzer {
    jieba: Jieba,
}

impl Analyzer {
    /// jieba with the trimmed dictionary and `names` added as words.
    pub fn new(names: &[Name]) -> Analyzer {
        let jieba = Jieba::with_dict(&mut TRIMMED_DICT.as_bytes())
            .expect("build.rs writes a well-formed dictionary");
        Analyzer::with_jieba(jieba, names)
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

    /// Words of `text` with their part-of-speech tags (folded words).
    pub fn tag(&self, text: &str) -> Vec<(String, String)> {
        let folded = fold(text);
        self.jieba
            .tag(&folded, true)
            .into_iter()
            .map(|t| (t.word.to_owned(), t.tag.to_owned()))
            .collect()
    }

    /// The search-mode tokens of `text`: every word and the dictionary words inside long words
    /// (中华人民共和国 also gives 中华, 人民, 共和国), without spaces and punctuation.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let folded = fold(text);
        // Byte offset in `text` of each character index, plus the end.
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut out = Vec::new();
        let mut position = 0u32;
        let mut last_end = 0usize;
        for t in self.jieba.cut_for_search(&folded, true) {
            if !t.word.chars().any(char::is_alphanumeric) {
                continue;
            }
            // Sub-words come before the word that contains them; a new word starts past the
            // end of the previous one.
            if t.start >= last_end {
                position += 1;
            }
            last_end = last_end.max(t.end);
            let (Some(&start), Some(&end)) = (offsets.get(t.start), offsets.get(t.end)) else {
                continue;
            };
            out.push(Token {
                term: t.word.to_owned(),
                start,
                end,
                position,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_with_the_generated_table() {
        assert_eq!(fold("北約烏克蘭ＮＡＴＯ"), "北约乌克兰nato");
        assert_eq!(fold("國際"), "国际");
    }

    #[test]
    fn tokens_point_into_the_original_text() {
        let a = Analyzer::new(&[]);
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
    fn names_come_out_whole() {
        let plain = Analyzer::new(&[]);
        assert_ne!(
            plain.cut("布林肯表示"),
            ["布林肯", "表示"],
            "jieba alone splits the name"
        );
        let a = Analyzer::new(&[Name {
            word: "布林肯".into(),
            tag: "nr",
        }]);
        assert_eq!(a.cut("布林肯表示"), ["布林肯", "表示"]);
    }
}
