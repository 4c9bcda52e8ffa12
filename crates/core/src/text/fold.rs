//! Character folding for matching: the text a reader sees is never changed, but matching
//! compares folded text, so 北約 finds 北约, ＮＡＴＯ finds nato, and highlights land on the
//! original characters.
//!
//! Every fold maps one `char` to exactly one `char`, so the n-th character of the folded text
//! is always the fold of the n-th character of the original.

include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// Folds one character: full-width ASCII to half-width, the ideographic space to a space,
/// ASCII and other single-character lowercase mappings, and traditional to simplified through
/// `t2s`, a table of `(traditional, simplified)` pairs sorted by the first.
pub fn fold_char(c: char, t2s: &[(char, char)]) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c.is_uppercase() {
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            return l;
        }
        return c;
    }
    match t2s.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => t2s[i].1,
        Err(_) => c,
    }
}

/// Folds a whole string, character by character.
pub fn fold_with(text: &str, t2s: &[(char, char)]) -> String {
    text.chars().map(|c| fold_char(c, t2s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T2S: &[(char, char)] = &[('國', '国'), ('約', '约'), ('蘭', '兰')];

    #[test]
    fn folds_width_case_and_script() {
        assert_eq!(fold_with("北約ＮＡＴＯ　Nato", T2S), "北约nato nato");
        assert_eq!(
            fold_with("烏克蘭", T2S),
            "烏克兰",
            "only characters in the table fold"
        );
        assert_eq!(fold_with("ÄÖ", T2S), "äö");
    }

    #[test]
    fn keeps_one_char_per_char() {
        for s in ["İstanbul", "ß", "ＡＢＣ１２３", "北約。「引号」"] {
            assert_eq!(fold_with(s, T2S).chars().count(), s.chars().count(), "{s}");
        }
    }
}
