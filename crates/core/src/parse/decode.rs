//! Parse stage 1: raw bytes to text.
//!
//! Article files come from scrapers and mirrors, so their bytes may be UTF-8 (with or without
//! a byte-order mark), UTF-16 with a mark, a legacy Chinese encoding (GBK/GB18030 on the
//! mainland, Big5 in Taiwan and Hong Kong), or not text at all. This stage picks the reading
//! that makes sense, normalises line endings, and says why when there is none.
//!
//! The legacy Chinese decoders (encoding_rs's tables, about 120 KB gzipped) are compiled only
//! natively: `build.rs` decodes legacy files with this same code and embeds them as UTF-8, so
//! the web app never meets one and readers do not download the tables.

use std::borrow::Cow;
use std::fmt;

/// Files larger than this are refused before any work: no news article is anywhere near
/// it, and the app would have to ship the text to every reader.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("the file is empty (0 bytes)")]
    Empty,
    /// More bytes than [`MAX_BYTES`] (how many).
    #[error(
        "the file is too large for an article ({:.1} MB; the limit is {} MB)",
        megabytes(*.0),
        MAX_BYTES / 1_048_576
    )]
    TooLarge(usize),
    /// The bytes look like a binary format.
    #[error("the file is binary data, not text ({0})")]
    Binary(BinaryKind),
    /// Neither UTF-8 (even with a few broken bytes), GB18030 nor Big5.
    #[error("the bytes are not text in UTF-8, GB18030/GBK or Big5")]
    Undecodable,
}

/// A byte count in MiB, as the size messages give it.
fn megabytes(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// What binary data a file holds: a format known by its first bytes, or bytes no text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum BinaryKind {
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// A PDF document.
    Pdf,
    /// A ZIP archive, which Word and Excel documents are too.
    Zip,
    /// A gzip archive.
    Gzip,
    /// An ELF executable.
    Executable,
    /// An old (OLE) Office document.
    OldOffice,
    /// NUL bytes, which no text encoding read without a byte-order mark has.
    NulBytes,
    /// A tenth or more control characters in text that otherwise decoded.
    ControlCharacters,
}

impl fmt::Display for BinaryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinaryKind::Png => "a PNG image",
            BinaryKind::Jpeg => "a JPEG image",
            BinaryKind::Gif => "a GIF image",
            BinaryKind::Pdf => "a PDF document",
            BinaryKind::Zip => "a ZIP archive (or a Word/Excel document)",
            BinaryKind::Gzip => "a gzip archive",
            BinaryKind::Executable => "an executable",
            BinaryKind::OldOffice => "an old Office document",
            BinaryKind::NulBytes => "NUL bytes",
            BinaryKind::ControlCharacters => "control characters",
        })
    }
}

/// Text read from a file, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with `\n` line endings, without a byte-order mark.
    pub text: String,
    /// The encoding, when not plain UTF-8 (for a warning).
    pub encoding: Option<&'static str>,
    /// Stray control characters dropped from otherwise good text (for a warning).
    pub dropped_controls: usize,
}

/// Decodes `bytes` as article text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    let (text, encoding): (Cow<str>, Option<&'static str>) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (
                String::from_utf8_lossy(rest),
                Some("UTF-8 with byte-order mark"),
            )
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (
                Cow::Owned(utf16(rest, u16::from_le_bytes)),
                Some("UTF-16LE"),
            )
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (
                Cow::Owned(utf16(rest, u16::from_be_bytes)),
                Some("UTF-16BE"),
            )
        } else {
            if let Some(kind) = binary_kind(bytes) {
                return Err(DecodeError::Binary(kind));
            }
            match std::str::from_utf8(bytes) {
                Ok(s) => (Cow::Borrowed(s), None),
                Err(_) => legacy(bytes)?,
            }
        };
    if looks_binary_text(&text) {
        return Err(DecodeError::Binary(BinaryKind::ControlCharacters));
    }
    let controls = text.chars().filter(|&c| is_stray_control(c)).count();
    let text = normalise_newlines(&text);
    Ok(Decoded {
        text: if controls > 0 {
            text.chars().filter(|&c| !is_stray_control(c)).collect()
        } else {
            text
        },
        encoding,
        dropped_controls: controls,
    })
}

/// A C0 control character (or DEL) that text does not use: not tab, newline, carriage
/// return or form feed.
fn is_stray_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) || c == '\u{7F}'
}

/// Known binary formats by magic number, then any NUL byte (never in the text encodings
/// read here without a byte-order mark).
fn binary_kind(bytes: &[u8]) -> Option<BinaryKind> {
    const MAGIC: &[(&[u8], BinaryKind)] = &[
        (b"\x89PNG", BinaryKind::Png),
        (b"\xFF\xD8\xFF", BinaryKind::Jpeg),
        (b"GIF8", BinaryKind::Gif),
        (b"%PDF", BinaryKind::Pdf),
        (b"PK\x03\x04", BinaryKind::Zip),
        (b"\x1F\x8B", BinaryKind::Gzip),
        (b"\x7FELF", BinaryKind::Executable),
        (b"\xD0\xCF\x11\xE0", BinaryKind::OldOffice),
    ];
    if let Some(&(_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    bytes
        .iter()
        .take(64 * 1024)
        .any(|&b| b == 0)
        .then_some(BinaryKind::NulBytes)
}

/// A tenth or more of C0 control characters (other than tab, newline, carriage return, form
/// feed) in the first 64 KiB, and more than a stray few, means the "text" is really binary
/// data that happened to decode. Text with a few of them is text: they are dropped, with a
/// warning.
fn looks_binary_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if is_stray_control(c) {
            control += 1;
        }
    }
    control >= 8 && control * 10 >= total
}

/// GB18030 (a superset of GBK and GB2312) or Big5: both accept many of the same byte pairs,
/// so when both decode cleanly the one producing more common Chinese characters wins.
fn legacy(bytes: &[u8]) -> Result<(Cow<'static, str>, Option<&'static str>), DecodeError> {
    let (gb, big5) = legacy_readings(bytes);
    let pick = match (gb, big5) {
        (Some(g), Some(b)) => {
            if common_score(&b) > common_score(&g) {
                (b.into_owned(), "Big5")
            } else {
                (g.into_owned(), "GB18030")
            }
        }
        (Some(g), None) => (g.into_owned(), "GB18030"),
        (None, Some(b)) => (b.into_owned(), "Big5"),
        (None, None) => {
            // Mostly UTF-8 with a few broken bytes (a truncated download) is still worth
            // reading; anything worse is not text.
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            if bad * 1000 <= lossy.chars().count() {
                return Ok((
                    Cow::Owned(lossy.into_owned()),
                    Some("UTF-8 with invalid bytes replaced"),
                ));
            }
            return Err(DecodeError::Undecodable);
        }
    };
    Ok((Cow::Owned(pick.0), Some(pick.1)))
}

/// The GB18030 and Big5 readings of `bytes`, each if it decodes without errors.
#[cfg(any(not(target_arch = "wasm32"), feature = "import"))]
fn legacy_readings(bytes: &[u8]) -> (Option<Cow<'_, str>>, Option<Cow<'_, str>>) {
    (
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes),
        encoding_rs::BIG5.decode_without_bom_handling_and_without_replacement(bytes),
    )
}

/// In the web app, legacy files arrive already decoded by `build.rs`.
#[cfg(all(target_arch = "wasm32", not(feature = "import")))]
fn legacy_readings(_: &[u8]) -> (Option<Cow<'_, str>>, Option<Cow<'_, str>>) {
    (None, None)
}

/// UTF-16 code units (after the byte-order mark) to text; unpaired surrogates and an odd
/// last byte become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// How many characters of `s` are among the most frequent in Chinese news text, in either
/// script. A wrong legacy decoding yields rare characters, so this separates the two.
fn common_score(s: &str) -> usize {
    const COMMON: &str = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基这個們來為國說時會對於後現當動麼還進點樣實關長機與話東應戰頭體新聞報導總統記者訊這們際議會俄羅斯烏克蘭約";
    s.chars().filter(|c| COMMON.contains(*c)).count()
}

/// `\r\n` and lone `\r` become `\n`.
fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom_and_crlf() {
        let d = decode("标题\r\n正文\r".as_bytes()).unwrap();
        assert_eq!(d.text, "标题\n正文\n");
        assert_eq!(d.encoding, None);
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
        assert!(d.encoding.is_some());
    }

    #[test]
    fn reads_gbk_and_big5() {
        let text = "俄罗斯总统普京表示，美国和北约的书面回复没有考虑俄方的关键要求。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk).unwrap().text, text);
        let trad = "俄羅斯總統普京表示，美國和北約的書面回覆沒有考慮俄方的關鍵要求。";
        let (big5, _, _) = encoding_rs::BIG5.encode(trad);
        let d = decode(&big5).unwrap();
        assert_eq!(d.text, trad);
        assert_eq!(d.encoding, Some("Big5"));
    }

    #[test]
    fn reads_utf16_with_a_mark() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("北约 NATO".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "北约 NATO");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("北约".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "北约");
    }

    #[test]
    fn refuses_empty_binary_and_huge() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
        assert!(matches!(
            decode(&vec![b'a'; MAX_BYTES + 1]),
            Err(DecodeError::TooLarge(_))
        ));
    }
}
