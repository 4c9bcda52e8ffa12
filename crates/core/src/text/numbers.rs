//! Numbers and Latin-digit mixes as words: `1997`, `3.5%`, `f-16`, `g20`, `2022-01-27`.
//!
//! jieba cuts them differently in its two modes: with its HMM model (articles) `f-16` is one
//! word, without it (queries, see [`super::Analyzer::query_words`]) three pieces, and its
//! search mode adds odd sub-words (`16v` of `f-16v`). So both sides find them here instead,
//! the same way: a *run* is a maximal stretch of ASCII letters, digits and the characters
//! jieba keeps inside Latin words (`.-%+#&_`), trimmed of joiners at its ends (but a final
//! `%`), that holds a digit. Its words are:
//!
//! - the run itself (`f-16v`, `3.5%`, `2022-01-27`);
//! - its prefixes that end where a letter or number ends (`f`, `f-16` of `f-16v`; `3.5` of
//!   `3.5%`; `2022`, `2022-01` of `2022-01-27`), so a query finds a longer form it starts
//!   (a decimal point inside a number is no such end: `3.5` does not give `3`);
//! - for a quantity (a run that starts with a digit and has no letters) followed by a Han
//!   character, the run with that character, its unit: `1997年`, `5000人`, `10万`, `26日`.
//!
//! Text is folded first ([`super::fold`]): full-width digits and letters are ASCII here.

/// Most prefixes a run gives: a long run of parts (a file name, a serial) stays cheap.
pub const MAX_PREFIXES: usize = 4;
/// Longest run, in bytes, that gives prefixes and a unit; a longer one is only itself.
pub const MAX_RUN_BYTES: usize = 40;

/// A run of folded text (see the module's documentation): ASCII only, so its characters
/// are its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Character range in the text.
    pub start: usize,
    pub end: usize,
    /// Byte offset of `start` in the text.
    pub byte: usize,
    /// The Han character right after the run when it is a quantity (see the module).
    pub unit: Option<char>,
}

impl Run {
    /// The run's text in `folded`, the text it was found in.
    pub fn text<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.byte..self.byte + (self.end - self.start)]
    }

    /// The run with its unit, in `folded`, if it has one.
    pub fn with_unit<'a>(&self, folded: &'a str) -> Option<&'a str> {
        let unit = self.unit?;
        Some(&folded[self.byte..self.byte + (self.end - self.start) + unit.len_utf8()])
    }
}

/// Characters jieba keeps inside a Latin word.
fn is_run_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '%' | '+' | '#' | '&' | '_')
}

/// The runs of `folded`, in order.
pub fn runs(folded: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut chars = folded.char_indices().enumerate().peekable();
    while let Some((start, (byte, c))) = chars.next() {
        if !is_run_char(c) {
            continue;
        }
        let mut end = start + 1;
        while chars.next_if(|&(_, (_, c))| is_run_char(c)).is_some() {
            end += 1;
        }
        let next = chars.peek().map(|&(_, (_, c))| c);
        let bytes = &folded.as_bytes()[byte..byte + (end - start)];
        // Joiners at either end are not part of the word (米格-29, "1997."), but a final %.
        let lead = bytes
            .iter()
            .take_while(|b| !b.is_ascii_alphanumeric())
            .count();
        let trail = bytes
            .iter()
            .rev()
            .take_while(|&&b| !b.is_ascii_alphanumeric() && b != b'%')
            .count();
        if lead == bytes.len() {
            continue;
        }
        let word = &bytes[lead..bytes.len() - trail];
        if !word.iter().any(u8::is_ascii_digit) {
            continue;
        }
        let quantity = word[0].is_ascii_digit() && !word.iter().any(u8::is_ascii_alphabetic);
        let unit = next
            .filter(|&c| trail == 0 && quantity && word.len() <= MAX_RUN_BYTES && super::is_han(c));
        out.push(Run {
            start: start + lead,
            end: end - trail,
            byte: byte + lead,
            unit,
        });
    }
    out
}

/// Lengths (bytes) of the prefixes of the run `word` that are words of their own (see the
/// module), shortest first, without the whole run.
pub fn prefix_ends(word: &str) -> impl Iterator<Item = usize> + '_ {
    let b = word.as_bytes();
    let class = |c: u8| match c {
        b'0'..=b'9' => 1,
        b'a'..=b'z' | b'A'..=b'Z' => 2,
        _ => 0,
    };
    let ends = if b.len() > MAX_RUN_BYTES { 0 } else { b.len() };
    (1..ends)
        .filter(move |&i| {
            let (before, here) = (b[i - 1], b[i]);
            let decimal_point = before.is_ascii_digit()
                && here == b'.'
                && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            class(before) != 0 && class(before) != class(here) && !decimal_point
        })
        .take(MAX_PREFIXES)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of every run of `folded`: prefixes, the run, the run with its unit.
    fn words(folded: &str) -> Vec<Vec<&str>> {
        runs(folded)
            .iter()
            .map(|r| {
                let text = r.text(folded);
                prefix_ends(text)
                    .map(|e| &text[..e])
                    .chain([text])
                    .chain(r.with_unit(folded))
                    .collect()
            })
            .collect()
    }

    /// Golden table of the number forms: folded text, the words of each of its runs.
    const FORMS: &[(&str, &[&[&str]])] = &[
        ("1997", &[&["1997"]]),
        ("于1997年状态", &[&["1997", "1997年"]]),
        ("2021年底", &[&["2021", "2021年"]]),
        ("3.5%", &[&["3.5", "3.5%"]]),
        ("增长3.5%。", &[&["3.5", "3.5%"]]),
        ("0.5", &[&["0.5"]]),
        ("12.5亿", &[&["12.5", "12.5亿"]]),
        ("f-16", &[&["f", "f-16"]]),
        ("f-16战机", &[&["f", "f-16"]]),
        ("f-16v战机", &[&["f", "f-16", "f-16v"]]),
        ("g20峰会", &[&["g", "g20"]]),
        ("苏制米格-29战机", &[&["29", "29战"]]),
        ("ak-47", &[&["ak", "ak-47"]]),
        ("s400防空系统", &[&["s", "s400"]]),
        ("5000人快速反应部队", &[&["5000", "5000人"]]),
        ("10万人", &[&["10", "10万"]]),
        ("1月26日", &[&["1", "1月"], &["26", "26日"]]),
        ("2022-01-27", &[&["2022", "2022-01", "2022-01-27"]]),
        ("covid-19疫情", &[&["covid", "covid-19"]]),
        ("iphone13", &[&["iphone", "iphone13"]]),
        ("h5n1", &[&["h", "h5", "h5n", "h5n1"]]),
        ("7.62mm", &[&["7.62", "7.62mm"]]),
        ("5g网络", &[&["5", "5g"]]),
        // Joiners at the ends are not part of the run; "1997." has no unit after the dot.
        ("1997.年", &[&["1997"]]),
        ("-29", &[&["29"]]),
        ("b-52 轰炸机", &[&["b", "b-52"]]),
        // No digit, no run: Latin words stay jieba's.
        ("nato u.s. c++", &[]),
        ("--", &[]),
        // Long runs give only themselves.
        (
            "a1b2c3d4e5f6g7h8i9j0a1b2c3d4e5f6g7h8i9j0x",
            &[&["a1b2c3d4e5f6g7h8i9j0a1b2c3d4e5f6g7h8i9j0x"]],
        ),
        (
            "a1b2c3d4e5f6",
            &[&["a", "a1", "a1b", "a1b2", "a1b2c3d4e5f6"]],
        ),
    ];

    #[test]
    fn number_forms_give_the_golden_words() {
        let mut wrong = Vec::new();
        for (text, want) in FORMS {
            let got = words(text);
            if got != *want {
                wrong.push(format!("{text}: got {got:?}, want {want:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn runs_point_into_the_text() {
        // Full width folds to ASCII before this stage.
        let folded = super::super::fold("１９９７年");
        assert_eq!(words(&folded), [["1997", "1997年"]]);
        let text = "北约于1997年，f-16与３.５%";
        for r in runs(text) {
            let chars: String = text.chars().skip(r.start).take(r.end - r.start).collect();
            assert_eq!(r.text(text), chars, "{r:?}");
        }
    }
}
