//! Name discovery: the people, places and organisations of the collection that jieba's
//! dictionary does not know (it cuts 布林肯 into 布/林肯), found by rules that hold beyond the
//! seed articles:
//!
//! - explicit tags of any article;
//! - a transliteration followed by its Latin original in brackets: 佩斯科夫（Dmitry Peskov）;
//! - `·`-joined transliterations: 延斯·斯托尔滕贝格 gives 斯托尔滕贝格, the family name (a given
//!   name cut from a full name is no entity of its own);
//! - a title before a transliteration: 国务卿布林肯, 外长拉夫罗夫, 总统泽伦斯基.
//!
//! "Transliteration" means a run of the characters Chinese uses to write foreign names
//! ([`TRANSLIT`]). A name found once is a word everywhere in the collection.

use std::collections::BTreeMap;

use super::{Name, is_han};
use crate::article::Article;

/// Characters of the standard transliteration of foreign names (新华社 外国人名译名 usage).
/// A run of them after a title, or joined by `·`, is taken as a name.
pub const TRANSLIT: &str = "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕宾波伯博布采查柴达戴丹道德登邓迪蒂杜多厄恩尔法凡范菲费芬丰冯弗福富盖甘冈高戈哥格葛根古瓜圭哈汉豪赫黑亨胡怀霍基吉加佳贾杰捷金卡凯坎康柯科克肯孔库夸奎昆拉莱赖兰朗劳勒雷蕾里丽利连林琳卢鲁伦罗洛马玛迈麦曼梅门蒙孟米敏莫默姆穆纳娜内尼妮涅宁纽努诺欧帕派潘庞佩彭皮普奇齐恰乔切钦丘萨塞桑瑟森沙莎绍舍申什施史舒斯松苏索塔泰坦汤唐特滕廷托瓦旺威韦维温文沃乌伍西希锡夏谢辛休修雅亚扬杨耶伊尤约泽扎詹兹佐祖夫延逊茨契赛嘉珀斐奈璐柏龙顿";

/// Titles that stand right before a person's name in news text.
pub const TITLES: &[&str] = &[
    "国务卿",
    "外长",
    "外交部长",
    "副外长",
    "发言人",
    "秘书长",
    "总统",
    "副总统",
    "总理",
    "首相",
    "大使",
    "部长",
    "防长",
    "国防部长",
    "主席",
    "议长",
    "参议员",
    "众议员",
    "议员",
    "总司令",
    "司令",
    "助理",
    "新闻秘书",
    "特使",
    "顾问",
    "总书记",
    "国王",
    "女王",
    "王储",
    "市长",
    "州长",
    "主教",
    "教授",
    "博士",
    "记者",
    "专家",
    "将军",
    "上将",
    "官员",
    "领导人",
    "总裁",
    "董事长",
];

/// The dots that join the parts of a transliterated name (弗拉基米尔·普京).
pub const DOTS: &[char] = &['·', '‧', '∙', '•', '・', '·'];

/// Whether `c` is one of [`TRANSLIT`]: a bitmap over the CJK block, built once (a scan of the
/// string per character made name discovery quadratic-ish on large collections).
fn is_translit(c: char) -> bool {
    static BITS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; 0x5200 / 64];
        for t in TRANSLIT.chars() {
            let i = t as usize - 0x4E00;
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    });
    let i = (c as usize).wrapping_sub(0x4E00);
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Discovers the names in `articles`, sorted and without duplicates (a word keeps the tag of
/// the first rule that found it: people before organisations before other).
pub fn discover(articles: &[Article]) -> Vec<Name> {
    let mut found: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut add = |word: &str, tag: &'static str| {
        let n = word.chars().count();
        if (2..=12).contains(&n) && word.chars().all(is_han) {
            found.entry(word.to_owned()).or_insert(tag);
        }
    };
    for article in articles {
        let texts = std::iter::once(article.title.as_str())
            .chain(article.texts())
            .chain(article.images.iter().filter_map(|i| i.caption.as_deref()))
            .chain(article.related.iter().map(|r| r.title.as_str()));
        for text in texts {
            for (word, tag) in in_text(text) {
                add(&word, tag);
            }
        }
        for tag in &article.tags {
            add(tag, "nz");
        }
    }
    let mut names: Vec<Name> = found
        .into_iter()
        .map(|(word, tag)| Name { word, tag })
        .collect();
    names.sort();
    names
}

/// Names stated in one text, with their tags.
pub fn in_text(text: &str) -> Vec<(String, &'static str)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    bracketed(&chars, &mut out);
    dotted(&chars, &mut out);
    titled(text, &mut out);
    out
}

/// 佩斯科夫（Dmitry Peskov）: the Han run before a bracketed Latin name. The run is cut after
/// the last title in it, and must then be a transliteration or short.
fn bracketed(chars: &[char], out: &mut Vec<(String, &'static str)>) {
    for (i, &c) in chars.iter().enumerate() {
        if c != '(' && c != '（' {
            continue;
        }
        let inner: String = chars[i + 1..]
            .iter()
            .take_while(|&&c| c != ')' && c != '）')
            .collect();
        let latin = inner.trim();
        if latin.is_empty()
            || latin.len() > 40
            || !latin
                .chars()
                .all(|c| c.is_ascii_alphabetic() || " .-'".contains(c))
            || !latin.starts_with(|c: char| c.is_ascii_uppercase())
        {
            continue;
        }
        if latin.chars().all(|c| c.is_ascii_uppercase()) {
            // 美国有线电视新闻网(CNN): an organisation whose name is made of ordinary words
            // the dictionary already cuts well; where it starts is not knowable here.
            continue;
        }
        // The name run: Han characters and name dots right before the bracket.
        let start = chars[..i]
            .iter()
            .rposition(|&c| !(is_han(c) || DOTS.contains(&c)))
            .map_or(0, |p| p + 1);
        let run: String = chars[start..i].iter().collect();
        let run = after_last_title(&run);
        let parts: Vec<&str> = run.split(DOTS).filter(|p| !p.is_empty()).collect();
        // Of a dotted name only the last part, the family name (see `dotted`).
        if let Some(p) = parts.last() {
            let tail = translit_suffix(p);
            if tail.chars().count() >= 2 {
                out.push((tail.to_owned(), "nr"));
            }
        }
    }
}

/// 延斯·斯托尔滕贝格: transliteration runs on both sides of a name dot.
fn dotted(chars: &[char], out: &mut Vec<(String, &'static str)>) {
    for (i, c) in chars.iter().enumerate() {
        if !DOTS.contains(c) {
            continue;
        }
        let before: String = {
            let start = chars[..i]
                .iter()
                .rposition(|&c| !is_translit(c))
                .map_or(0, |p| p + 1);
            chars[start..i].iter().collect()
        };
        let after: String = chars[i + 1..]
            .iter()
            .take_while(|&&c| is_translit(c))
            .collect();
        // The last part is the family name, the entity; given names (弗拉基米尔, 安东尼) are
        // not names of their own.
        let last = chars
            .get(i + 1 + after.chars().count())
            .is_none_or(|c| !DOTS.contains(c));
        if before.is_empty() || after.is_empty() || !last {
            continue;
        }
        if after.chars().count() >= 2 {
            out.push((after, "nr"));
        }
    }
}

/// 国务卿布林肯表示: a transliteration run right after a title. One pass over the text that
/// tries, at each character, only the titles starting with it (searching the text once per
/// title cost a second on 10,000 articles).
fn titled(text: &str, out: &mut Vec<(String, &'static str)>) {
    let firsts = title_firsts();
    for (at, c) in text.char_indices() {
        if !firsts.contains(&c) {
            continue;
        }
        for title in TITLES {
            if !text[at..].starts_with(title) {
                continue;
            }
            let rest = &text[at + title.len()..];
            let name: String = rest.chars().take_while(|&c| is_translit(c)).collect();
            // 秘书长延斯·斯托尔滕贝格: a given name; `dotted` takes the family name.
            let given = rest[name.len()..].starts_with(DOTS);
            if !given && (2..=8).contains(&name.chars().count()) {
                out.push((name, "nr"));
            }
        }
    }
}

/// The first characters of [`TITLES`].
fn title_firsts() -> &'static [char] {
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let mut f: Vec<char> = TITLES.iter().filter_map(|t| t.chars().next()).collect();
        f.sort_unstable();
        f.dedup();
        f
    })
}

/// The part of `run` after the last title it contains (all of it if none).
fn after_last_title(run: &str) -> &str {
    TITLES
        .iter()
        .filter_map(|t| run.rfind(t).map(|p| p + t.len()))
        .max()
        .map_or(run, |p| &run[p..])
}

/// The longest suffix of `s` made of transliteration characters.
fn translit_suffix(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_translit(c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut w: Vec<String> = in_text(text).into_iter().map(|(w, _)| w).collect();
        w.sort();
        w.dedup();
        w
    }

    #[test]
    fn latin_original_in_brackets() {
        assert_eq!(
            words("克里姆林宫发言人德米特里‧佩斯科夫（Dmitry Peskov）说"),
            ["佩斯科夫"]
        );
        assert_eq!(words("俄国外长拉夫罗夫(Sergei Lavrov)说"), ["拉夫罗夫"]);
        assert_eq!(words("匈牙利总理欧尔班(Viktor Orban)进行会谈"), ["欧尔班"]);
    }

    #[test]
    fn dotted_and_titled_names() {
        assert_eq!(words("北约秘书长延斯·斯托尔滕贝格表示"), ["斯托尔滕贝格"]);
        assert_eq!(words("国务卿安东尼·布林肯表示"), ["布林肯"]);
        assert_eq!(words("国务卿安东尼·布林肯（Antony Blinken）"), ["布林肯"]);
        assert_eq!(words("美国国务卿布林肯表示"), ["布林肯"]);
        assert_eq!(words("俄副外长格鲁什科26日晚"), ["格鲁什科"]);
    }

    #[test]
    fn acronyms_and_leading_words_are_not_names() {
        assert!(in_text("欧洲安全与合作组织(OSCE)将举行会谈").is_empty());
        assert!(in_text("综合美国有线电视新闻网(CNN)").is_empty());
        assert_eq!(
            words("曾担任美国驻乌克兰大使的斯蒂芬·皮弗(Steven Pifer)指出"),
            ["皮弗"]
        );
        assert_eq!(words("美国前总统克林顿执政时期"), ["克林顿"]);
    }

    #[test]
    fn translit_bitmap_matches_the_list() {
        for c in ('\u{3000}'..='\u{FFFF}').chain(['a', '·']) {
            assert_eq!(is_translit(c), TRANSLIT.contains(c), "{c:?}");
        }
    }

    #[test]
    fn ordinary_brackets_give_nothing() {
        assert!(words("周一(31日)通话").is_empty());
        assert!(words("议会上院(2022年)").is_empty());
    }
}
