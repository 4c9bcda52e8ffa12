//! The reader's words for what the parser reports: every warning and every reason a file
//! is not an article, in Chinese, here and nowhere else. The core gives them as enums, with
//! English `Display` for the command-line tool.

use dossier_core::parse::decode::MAX_BYTES;
use dossier_core::parse::{BinaryKind, ParseError};

/// Why a file could not be read as an article.
pub fn failure(reason: &ParseError) -> String {
    match reason {
        ParseError::Empty => "文件为空（0 字节）".to_owned(),
        ParseError::Blank => "文件只有空白字符".to_owned(),
        ParseError::TooLarge(n) => format!(
            "文件太大，不是一篇文章的大小（{:.1} MB，上限为 {} MB）",
            *n as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ),
        ParseError::Binary(kind) => format!("文件是二进制数据，不是文本（{}）", binary(*kind)),
        ParseError::Undecodable => "文件不是 UTF-8、GB18030/GBK 或 Big5 编码的文本".to_owned(),
        ParseError::NoText => "没有文章正文：文件中没有正文段落".to_owned(),
    }
}

fn binary(kind: BinaryKind) -> &'static str {
    match kind {
        BinaryKind::Png => "PNG 图片",
        BinaryKind::Jpeg => "JPEG 图片",
        BinaryKind::Gif => "GIF 图片",
        BinaryKind::Pdf => "PDF 文档",
        BinaryKind::Zip => "ZIP 压缩包，或 Word/Excel 文档",
        BinaryKind::Gzip => "gzip 压缩包",
        BinaryKind::Executable => "可执行文件",
        BinaryKind::OldOffice => "旧版 Office 文档",
        BinaryKind::NulBytes => "含 NUL 字节",
        BinaryKind::ControlCharacters => "含大量控制字符",
    }
}
