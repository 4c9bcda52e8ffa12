//! The reader's words for what the core reports: every warning, every reason a file is not
//! an article, and why the index could not be read, in Chinese, here and nowhere else. The
//! core gives them as enums, with English `Display` for the command-line tool and the
//! console.

use dossier_core::article::Warning;
use dossier_core::index::pack::PackError;
use dossier_core::parse::decode::MAX_BYTES;
use dossier_core::parse::{BinaryKind, JsonKind, ParseError, TableKind};

/// What the parser noticed in an article's file and worked around.
pub fn warning(w: &Warning) -> String {
    match w {
        Warning::ReadAs(encoding) => format!("文件不是纯 UTF-8 文本，已按 {encoding} 读取"),
        Warning::ControlCharacters(n) => format!("文件中有 {n} 个多余的控制字符，已删去"),
        Warning::UnclosedRawText(tag) => {
            format!("<{tag}> 元素没有闭合，已在该行末结束，其后的文字照常保留")
        }
        Warning::Converted(encoding) => format!("文件编码为 {encoding}，构建时已转换为 UTF-8"),
        Warning::EscapedHtml => "HTML 正文被多转义了一次（&lt;p&gt;），已还原后读取".to_owned(),
        Warning::FrontMatterUnclosed { opened, read_to } => {
            format!("第 {opened} 行开始的文件头元数据没有以 --- 结束，已读到第 {read_to} 行")
        }
        Warning::FrontMatterLine { line, text } => {
            format!("文件头元数据第 {line} 行「{text}」不是“键: 值”格式，已忽略")
        }
        Warning::FrontMatterList { line, key } => {
            format!("文件头元数据第 {line} 行：{key} 的列表没有以 ] 结束，已忽略")
        }
        Warning::FrontMatterQuote { line } => {
            format!("文件头元数据第 {line} 行：引号没有闭合，已读到行末")
        }
        Warning::FrontMatterDate(d) => format!("文件头元数据中的日期「{d}」不是日期，已忽略"),
        Warning::FrontMatterAddress(u) => {
            format!("文件头元数据中的网址「{u}」不是 http(s) 地址，已忽略")
        }
        Warning::FrontMatterImage(u) => {
            format!("文件头元数据中的图片「{u}」不是 http(s) 地址，已舍弃")
        }
        Warning::DateLine(v) => format!("日期行「{v}」不是日期，已忽略"),
        Warning::AddressLine(v) => format!("网址「{v}」不是 http(s) 地址，已忽略"),
        Warning::LinkLine(l) => format!("原文链接行「{l}」中没有 http(s) 地址，已忽略"),
        Warning::Image(src) => format!("图片「{src}」不是 http(s) 地址，已舍弃"),
        Warning::UnclosedWidget(n) => {
            format!("有一个广告或小组件元素没有闭合，其后的 {n} 个字符已舍弃")
        }
        Warning::Repeats(n) => format!("已删去 {n} 行与上一行重复的文字"),
        Warning::DateWithoutYear(d) => format!("日期「{d}」没有年份，正文中也找不到，已忽略"),
        Warning::NoDate => "没有找到发布日期".to_owned(),
    }
}

/// `x` with `places` decimals, rounded half away from zero, written with integers: the
/// standard library's float formatting costs the page 13 KB of wasm.
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let scale = scale.unsigned_abs();
    if places == 0 {
        format!("{sign}{n}")
    } else {
        format!(
            "{sign}{}.{:0width$}",
            n / scale,
            n % scale,
            width = places as usize
        )
    }
}

/// Why a file could not be read as an article.
pub fn failure(reason: &ParseError) -> String {
    match reason {
        ParseError::Empty => "文件为空（0 字节）".to_owned(),
        ParseError::Blank => "文件只有空白字符".to_owned(),
        ParseError::TooLarge(n) => format!(
            "文件太大，不是一篇文章的大小（{} MB，上限为 {} MB）",
            fixed(*n as f64 / 1_048_576.0, 1),
            MAX_BYTES / 1_048_576
        ),
        ParseError::Binary(kind) => format!("文件是二进制数据，不是文本（{}）", binary(*kind)),
        ParseError::Undecodable => "文件不是 UTF-8、GB18030/GBK 或 Big5 编码的文本".to_owned(),
        ParseError::NoText => "没有文章正文：文件中没有正文段落".to_owned(),
        ParseError::Table(kind) => format!(
            "文件是表格数据（{}），不是文章",
            match kind {
                TableKind::Tsv => "制表符分隔",
                TableKind::Csv => "逗号分隔",
            }
        ),
        ParseError::Json(JsonKind::Several(n)) => {
            format!("一个 JSON 文件里有 {n} 篇文章；请把每篇存为单独的文件")
        }
        ParseError::Json(JsonKind::NoText) => {
            "JSON 文件里没有文章正文（没有 text、content、body 或 maintext 字段）".to_owned()
        }
        ParseError::Json(JsonKind::Invalid) => "文件名为 .json，内容却不是有效的 JSON".to_owned(),
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

/// Why the embedded index could not be read (only a build mixing parts of different versions
/// gets one); the English detail goes to the console.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn pack_error(e: &PackError) -> String {
    match e {
        PackError::Empty => "索引数据为空".to_owned(),
        PackError::Truncated { .. } => "索引数据不完整".to_owned(),
        PackError::Version { found, expected } => {
            format!("索引数据的格式版本为 {found}，本程序读取的是 {expected}")
        }
        PackError::Dictionary(_) => "无法用内置词典建立分词器".to_owned(),
        PackError::Aliases(_) => "索引中的译名对照表已损坏".to_owned(),
        PackError::Frame { .. }
        | PackError::Trailing { .. }
        | PackError::Count { .. }
        | PackError::OutOfRange { .. }
        | PackError::Unordered { .. }
        | PackError::Duplicate { .. }
        | PackError::Invalid { .. } => "索引数据已损坏".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{failure, fixed};
    use dossier_core::parse::{JsonKind, ParseError, TableKind};

    #[test]
    fn a_json_file_that_is_no_article_is_worded_for_readers() {
        assert_eq!(
            failure(&ParseError::Json(JsonKind::Several(3))),
            "一个 JSON 文件里有 3 篇文章；请把每篇存为单独的文件"
        );
    }

    #[test]
    fn a_table_of_data_is_worded_for_readers() {
        assert_eq!(
            failure(&ParseError::Table(TableKind::Tsv)),
            "文件是表格数据（制表符分隔），不是文章"
        );
        assert_eq!(
            failure(&ParseError::Table(TableKind::Csv)),
            "文件是表格数据（逗号分隔），不是文章"
        );
    }

    #[test]
    fn fixed_point_as_the_standard_formatting_writes_it() {
        for (x, places) in [
            (0.0, 1),
            (1.25, 1),
            (2.5, 0),
            (-0.04, 1),
            (-1.96, 2),
            (12.345, 2),
            (1_048_576.0 / 1_048_576.0, 1),
            (3.0, 2),
            (-3.5, 0),
        ] {
            let ours = fixed(x, places);
            let std = format!("{x:.p$}", p = places as usize);
            // The standard library rounds ties to even; ours away from zero.
            let tie = (x * 10f64.powi(places as i32)).fract().abs() == 0.5;
            if !tie && std != "-0.0" {
                assert_eq!(ours, std, "{x} with {places}");
            }
        }
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-1.96, 2), "-1.96");
        assert_eq!(fixed(f64::NAN, 1), "0.0");
    }
}
