//! A synthetic collection for benchmarks: any number of realistic article files, built from the
//! real sentences of a seed collection (the app's `articles/`).
//!
//! Each file takes one of the four shapes of the seed articles:
//!
//! - plain text with a title line, a `日期:MM-DD` line and a run-together tag line;
//! - plain body text only (the title has to be derived);
//! - YAML front matter (`title`, `categories`, `author`, an RFC 2822 `date`) and an HTML body;
//! - a mirror page: `### title`, `---`, navigation, and an HTML body opening with a
//!   `【<outlet>YYYY年MM月DD日讯】（<outlet>记者<name>综合报导）` dateline.
//!
//! Bodies recombine the seeds' sentences (split at `。！？`), with the people and places they
//! name swapped per article for others from a longer list, so that words have a realistic
//! spread of document frequencies (common tags, rare tags). Files are 1-5 KB, about 3 KB on
//! average; dates span 2021-01-01 .. 2022-12-31; 25 outlets; 60 tags drawn with a Zipf-like
//! skew. The output depends only on `count`, `seed` and the seed files: the PRNG is
//! a self-contained splitmix64.

use std::collections::BTreeSet;

use dossier_core::corpus::SourceFile;
use dossier_core::date::Day;

/// Smallest file size the generator aims for, in bytes.
pub const MIN_BYTES: usize = 1024;
/// Largest file size the generator produces, in bytes.
pub const MAX_BYTES: usize = 5120;

/// Outlets that publish the synthetic articles.
pub const OUTLETS: &[&str] = &[
    "观察者网",
    "大纪元",
    "新华社",
    "人民日报",
    "环球时报",
    "澎湃新闻",
    "中国新闻网",
    "央视新闻",
    "参考消息",
    "凤凰网",
    "新京报",
    "财新网",
    "界面新闻",
    "联合早报",
    "德国之声",
    "美国之音",
    "自由亚洲电台",
    "法广",
    "多维新闻",
    "南华早报",
    "端传媒",
    "中央社",
    "星岛日报",
    "香港01",
    "新浪新闻",
];

/// Tags (places, people, organisations, topics), most frequent first: tag `i` is drawn with a
/// weight proportional to `1 / (i + 2)`.
pub const TAGS: &[&str] = &[
    "俄罗斯",
    "美国",
    "乌克兰",
    "北约",
    "普京",
    "拜登",
    "布林肯",
    "欧盟",
    "制裁",
    "拉夫罗夫",
    "泽伦斯基",
    "佩斯科夫",
    "德国",
    "法国",
    "英国",
    "东扩",
    "安全保障",
    "莫斯科",
    "基辅",
    "华盛顿",
    "克里姆林宫",
    "白宫",
    "联合国",
    "斯托尔滕贝格",
    "格鲁什科",
    "沙利文",
    "欧尔班",
    "匈牙利",
    "西班牙",
    "波兰",
    "白俄罗斯",
    "马克龙",
    "朔尔茨",
    "约翰逊",
    "导弹",
    "军演",
    "天然气",
    "能源",
    "顿巴斯",
    "克里米亚",
    "明斯克协议",
    "欧安组织",
    "五角大楼",
    "布鲁塞尔",
    "日内瓦",
    "立陶宛",
    "芬兰",
    "瑞典",
    "土耳其",
    "埃尔多安",
    "卢卡申科",
    "古特雷斯",
    "冯德莱恩",
    "博雷利",
    "难民",
    "网络安全",
    "核武器",
    "格鲁吉亚",
    "摩尔多瓦",
    "哈萨克斯坦",
];

/// People named in the seeds, swapped per article for people from [`PEOPLE_OUT`].
const PEOPLE_IN: &[&str] = &[
    "布林肯",
    "拉夫罗夫",
    "佩斯科夫",
    "格鲁什科",
    "沙利文",
    "泽伦斯基",
    "欧尔班",
    "斯托尔滕贝格",
];
const PEOPLE_OUT: &[&str] = &[
    "布林肯",
    "拉夫罗夫",
    "佩斯科夫",
    "泽伦斯基",
    "格鲁什科",
    "沙利文",
    "斯托尔滕贝格",
    "欧尔班",
    "马克龙",
    "朔尔茨",
    "约翰逊",
    "埃尔多安",
    "卢卡申科",
    "古特雷斯",
    "冯德莱恩",
    "博雷利",
    "库列巴",
    "扎哈罗娃",
    "奥斯汀",
    "绍伊古",
];
/// Places named in the seeds, swapped per article for places from [`PLACES_OUT`].
const PLACES_IN: &[&str] = &["匈牙利", "西班牙", "瑞士", "日内瓦", "基辅", "布鲁塞尔"];
const PLACES_OUT: &[&str] = &[
    "匈牙利",
    "西班牙",
    "瑞士",
    "日内瓦",
    "基辅",
    "布鲁塞尔",
    "波兰",
    "立陶宛",
    "芬兰",
    "瑞典",
    "土耳其",
    "白俄罗斯",
    "格鲁吉亚",
    "摩尔多瓦",
    "哈萨克斯坦",
    "罗马尼亚",
    "巴黎",
    "柏林",
    "伦敦",
    "维也纳",
    "华沙",
    "赫尔辛基",
];

/// Reporters' names for bylines and datelines.
const REPORTERS: &[&str] = &[
    "熊超然",
    "李言",
    "王明",
    "张华",
    "陈思",
    "刘洋",
    "赵敏",
    "孙立",
    "周琳",
    "吴涛",
    "郑凯",
    "林芳",
    "黄河",
    "何静",
    "高远",
    "罗兰",
];

/// Simplified -> traditional for the commonest characters, so some articles are written in
/// traditional characters (北約, 烏克蘭) as real collections are.
const TRADITIONAL: &[(char, char)] = &[
    ('约', '約'),
    ('国', '國'),
    ('东', '東'),
    ('扩', '擴'),
    ('乌', '烏'),
    ('兰', '蘭'),
    ('罗', '羅'),
    ('总', '總'),
    ('统', '統'),
    ('说', '說'),
    ('对', '對'),
    ('这', '這'),
    ('为', '為'),
    ('时', '時'),
    ('会', '會'),
    ('发', '發'),
    ('关', '關'),
    ('进', '進'),
    ('们', '們'),
    ('华', '華'),
    ('顿', '頓'),
    ('军', '軍'),
    ('区', '區'),
    ('导', '導'),
    ('弹', '彈'),
    ('务', '務'),
    ('长', '長'),
    ('应', '應'),
    ('书', '書'),
    ('报', '報'),
    ('记', '記'),
    ('亚', '亞'),
    ('欧', '歐'),
    ('盟', '盟'),
    ('战', '戰'),
    ('争', '爭'),
    ('议', '議'),
    ('协', '協'),
    ('俄', '俄'),
    ('斯', '斯'),
];

/// Used when the embedded collection yields no sentence at all.
const FALLBACK_SENTENCES: &[&str] = &[
    "美国和北约分别向俄罗斯递交了有关双边安全保障草案的书面回复。",
    "俄方表示有关回复不能令俄罗斯满意。",
    "普京表示愿意同西方继续通过谈判解决问题。",
    "北约秘书长称北约不会放弃开放政策。",
];

/// splitmix64: tiny, fast, and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose whole sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// An element of `items` (`items` must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into a list of `n` items, item `i` weighted `1 / (i + 2)`.
    pub fn zipf(&mut self, n: usize) -> usize {
        let total: f64 = (0..n).map(|i| 1.0 / (i as f64 + 2.0)).sum();
        let mut x = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        for i in 0..n {
            x -= 1.0 / (i as f64 + 2.0);
            if x < 0.0 {
                return i;
            }
        }
        n.saturating_sub(1)
    }
}

/// The sentences of `files`' article bodies, as dossier's parser reads them (markup,
/// navigation and metadata already gone; lines that still carry links or markup skipped),
/// split after `。！？` (and a closing quote), mostly-Chinese sentences of 8-200 characters
/// kept, deduplicated and sorted.
pub fn seed_sentences(files: &[SourceFile]) -> Vec<String> {
    let collection =
        dossier_core::parse::parse_all(files.iter().map(|f| (f.path.as_str(), &*f.bytes)));
    let mut set = BTreeSet::new();
    for article in &collection.articles {
        for s in sentences(&article.texts().collect::<Vec<_>>().join("\n")) {
            set.insert(s);
        }
    }
    if set.is_empty() {
        return FALLBACK_SENTENCES.iter().map(|s| (*s).to_owned()).collect();
    }
    set.into_iter().collect()
}

fn sentences(text: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "http",
        "](",
        "---",
        "日期:",
        "原标题",
        "相关阅读",
        "【",
        "&",
        "\u{FFFD}",
        "title:",
    ];
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || SKIP.iter().any(|s| line.contains(s)) {
            continue;
        }
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '。' | '！' | '？') {
                while let Some(&q) = chars.peek() {
                    if matches!(q, '”' | '」' | '）' | ')' | '"') {
                        current.push(q);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let s = std::mem::take(&mut current);
                let s = s.trim();
                let n = s.chars().count();
                let han = s.chars().filter(|&c| dossier_core::text::is_han(c)).count();
                if (8..=200).contains(&n) && han * 2 >= n && !s.starts_with(['”', '」', '）']) {
                    out.push(s.to_owned());
                }
            }
        }
    }
    out
}

/// Replaces every occurrence of a name of `from` in `s` by its counterpart in `to`, in one pass
/// (so a replacement is never replaced again).
fn swap_names(s: &str, from: &[&str], to: &[&str]) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for (f, t) in from.iter().zip(to) {
            if let Some(after) = rest.strip_prefix(f) {
                out.push_str(t);
                rest = after;
                continue 'outer;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn to_traditional(s: &str) -> String {
    s.chars()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(simp, _)| *simp == c)
                .map_or(c, |&(_, trad)| trad)
        })
        .collect()
}

/// The four file shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    PlainWithHeader,
    BodyOnly,
    FrontMatter,
    Mirror,
}

/// What one synthetic article is about, before it is written out in a shape.
struct Plan {
    title: String,
    day: Day,
    outlet: &'static str,
    reporter: &'static str,
    tags: Vec<&'static str>,
    paragraphs: Vec<String>,
}

/// The first day of the date span and its length in days (2021-01-01 .. 2022-12-31).
const FIRST_DAY: Day = Day {
    year: 2021,
    month: 1,
    day: 1,
};
const SPAN_DAYS: usize = 730;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Generates `count` article files, deterministic for a given `seed`: pairs of a relative
/// path (`YYYY-MM/NNNNN_<hex>.txt`, unique) and the file's UTF-8 bytes.
/// `seeds` are the files whose sentences it recombines (see [`seed_sentences`]).
pub fn generate(seeds: &[SourceFile], count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    generate_from(&seed_sentences(seeds), count, seed)
}

/// [`generate`] over a given sentence pool (the fallback pool when `pool` is empty).
pub fn generate_from(pool: &[String], count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let fallback: Vec<String>;
    let pool = if pool.is_empty() {
        fallback = FALLBACK_SENTENCES.iter().map(|s| (*s).to_owned()).collect();
        &fallback[..]
    } else {
        pool
    };
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let mut r = Rng::new(rng.next_u64());
            let shape = match r.below(20) {
                0..=5 => Shape::PlainWithHeader,
                6..=9 => Shape::BodyOnly,
                10..=14 => Shape::FrontMatter,
                _ => Shape::Mirror,
            };
            let target = r.range(MIN_BYTES, MAX_BYTES - 512);
            let render_seed = r.next_u64();
            let plan = plan(&mut r, pool, shape, target, render_seed);
            let mut text = render(&mut Rng::new(render_seed), &plan, shape);
            if r.chance(1, 16) {
                text = to_traditional(&text);
            }
            let path = format!(
                "{:04}-{:02}/{i:05}_{:016x}.txt",
                plan.day.year,
                plan.day.month,
                r.next_u64()
            );
            (path, text.into_bytes())
        })
        .collect()
}

/// The content of one article of `shape`, its rendered file about `target` bytes long (never
/// over [`MAX_BYTES`]); `render_seed` fixes the random details of the rendering.
fn plan(r: &mut Rng, pool: &[String], shape: Shape, target: usize, render_seed: u64) -> Plan {
    let day = FIRST_DAY.add_days(r.below(SPAN_DAYS) as i64);
    let outlet = *r.pick(OUTLETS);
    let reporter = *r.pick(REPORTERS);
    let mut tags: Vec<&'static str> = Vec::new();
    for _ in 0..r.range(2, 6) {
        let t = TAGS[r.zipf(TAGS.len())];
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    // This article's cast: each seed person or place kept or swapped, preferring its tags.
    let tagged_people: Vec<&str> = tags
        .iter()
        .copied()
        .filter(|t| PEOPLE_OUT.contains(t))
        .collect();
    let tagged_places: Vec<&str> = tags
        .iter()
        .copied()
        .filter(|t| PLACES_OUT.contains(t))
        .collect();
    let people: Vec<&str> = PEOPLE_IN
        .iter()
        .map(|&p| cast(r, p, &tagged_people, PEOPLE_OUT))
        .collect();
    let places: Vec<&str> = PLACES_IN
        .iter()
        .map(|&p| cast(r, p, &tagged_places, PLACES_OUT))
        .collect();
    let sentence = |r: &mut Rng| {
        let s = r.pick(pool);
        let s = swap_names(s, PEOPLE_IN, &people);
        swap_names(&s, PLACES_IN, &places)
    };

    let mut plan = Plan {
        title: title_from(&sentence(r)),
        day,
        outlet,
        reporter,
        tags,
        paragraphs: vec![String::new()],
    };
    // Exact file size as paragraphs grow: the file with one empty paragraph, plus what each
    // further paragraph costs besides its text.
    let base = render(&mut Rng::new(render_seed), &plan, shape).len();
    plan.paragraphs.push(String::new());
    let per_paragraph = render(&mut Rng::new(render_seed), &plan, shape).len() - base;
    plan.paragraphs.truncate(1);
    let mut size = base;
    let mut in_paragraph = 0;
    let mut paragraph_len = r.range(1, 4);
    let mut misses = 0;
    while size < target && misses < 8 {
        let s = sentence(r);
        let new_paragraph = in_paragraph == paragraph_len;
        let cost = s.len() + if new_paragraph { per_paragraph } else { 0 };
        if size + cost > MAX_BYTES {
            misses += 1;
            continue;
        }
        if new_paragraph {
            plan.paragraphs.push(String::new());
            in_paragraph = 0;
            paragraph_len = r.range(1, 4);
        }
        if let Some(p) = plan.paragraphs.last_mut() {
            p.push_str(&s);
        }
        in_paragraph += 1;
        size += cost;
    }
    plan
}

/// Who stands in for `seed_name` in an article: often itself, else one of the article's tagged
/// names, else anyone from `all`.
fn cast(
    r: &mut Rng,
    seed_name: &'static str,
    tagged: &[&'static str],
    all: &[&'static str],
) -> &'static str {
    match r.below(4) {
        0 | 1 => seed_name,
        2 if !tagged.is_empty() => tagged[r.below(tagged.len())],
        _ => all[r.zipf(all.len())],
    }
}

/// A headline from a sentence: its longest clause of 6-30 characters, or its first 24.
fn title_from(sentence: &str) -> String {
    let clauses = sentence.split(['，', ',', '：', ':', '；', ';', '。', '！', '？', '“', '”']);
    let best = clauses
        .map(str::trim)
        .filter(|c| (6..=30).contains(&c.chars().count()))
        .max_by_key(|c| c.chars().count());
    match best {
        Some(c) => c.to_owned(),
        None => sentence.chars().take(24).collect(),
    }
}

fn render(r: &mut Rng, p: &Plan, shape: Shape) -> String {
    let mut out = String::new();
    let d = p.day;
    match shape {
        Shape::PlainWithHeader => {
            out.push_str(&format!(
                "{}\n\n日期:{:02}-{:02}\n",
                p.title, d.month, d.day
            ));
            out.push_str(&p.tags.concat());
            out.push_str("\n\n");
            if r.chance(1, 2) {
                out.push_str(&format!("原标题:{}\n\n", p.title));
            }
            for (i, para) in p.paragraphs.iter().enumerate() {
                if i == 0 {
                    out.push_str(&format!("[文/{}{}]", p.outlet, p.reporter));
                }
                out.push_str(para);
                out.push_str("\n\n");
            }
        }
        Shape::BodyOnly => {
            for para in &p.paragraphs {
                out.push_str(para);
                out.push('\n');
            }
        }
        Shape::FrontMatter => {
            let (h, m, s) = (r.below(16), r.below(60), r.below(60));
            out.push_str(&format!(
                "\n---\ntitle: '{}'\ncategories: \n - 新媒体\n - {}\n",
                p.title.replace('\'', "''"),
                p.outlet
            ));
            for t in &p.tags {
                out.push_str(&format!(" - {t}\n"));
            }
            out.push_str(&format!(
                "author: {}\ncomments: false\ndate: {}, {:02} {} {} {h:02}:{m:02}:{s:02} GMT\n---\n\n<div>   \n",
                p.outlet,
                WEEKDAYS[usize::from(d.weekday())],
                d.day,
                MONTHS[usize::from(d.month) - 1],
                d.year,
            ));
            for (i, para) in p.paragraphs.iter().enumerate() {
                let lead = if i == 0 {
                    format!("（{}讯）", p.outlet)
                } else {
                    String::new()
                };
                out.push_str(&format!("<p>\n{lead}{para}\n</p>\n"));
            }
            out.push_str("<p>\n<strong>本文系");
            out.push_str(p.outlet);
            out.push_str("独家稿件，未经授权，不得转载。</strong> \n</p>\n</div>\n");
        }
        Shape::Mirror => {
            let n = 13_000_000 + r.below(1_000_000);
            out.push_str(&format!("### {}\n\n---\n\n", p.title));
            out.push_str(&format!(
                "#### [首页](../../../..?n{n}) &nbsp;|&nbsp; [评论](../../../../../epoch-comment?n{n}) &nbsp;|&nbsp; [专题](../../../../../epoch-special?n{n})\n\n\n"
            ));
            if r.chance(1, 2) {
                out.push_str(&format!(
                    "<div><img alt=\"{t}\" class=\"wp-post-image\" src=\"https://i.example.com/assets/uploads/{y}/{mo:02}/id{n}-600x400.jpg\"/>\n<div class=\"caption\">\n {y}年{mo}月{dd}日，{cap}\n</div></div>",
                    t = p.title,
                    y = d.year,
                    mo = d.month,
                    dd = d.day,
                    cap = p.title,
                ));
            }
            out.push_str("<hr/><div class=\"post_content\" id=\"artbody\" itemprop=\"articleBody\">\n <!-- article content begin -->\n");
            for (i, para) in p.paragraphs.iter().enumerate() {
                let lead = if i == 0 {
                    format!(
                        "【{o}{y}年{mo:02}月{dd:02}日讯】（{o}记者{rep}综合报导）",
                        o = p.outlet,
                        y = d.year,
                        mo = d.month,
                        dd = d.day,
                        rep = p.reporter
                    )
                } else {
                    String::new()
                };
                out.push_str(&format!(" <p>\n  {lead}{para}\n </p>\n"));
            }
            out.push_str(&format!(
                " <!-- article content end -->\n</div>\n\n\n---\n\n原文链接（需翻墙）：https://www.epochtimes.com/gb/{}/{}/{}/n{n}.htm\n",
                d.year % 100,
                d.month,
                d.day
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed articles of the repository.
    fn seeds() -> Vec<SourceFile> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../articles");
        dossier_core::corpus::read_dir(&dir).expect("the seed articles are readable")
    }

    fn generate(count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
        super::generate(&seeds(), count, seed)
    }

    #[test]
    fn deterministic_for_a_seed() {
        assert_eq!(generate(50, 7), generate(50, 7));
        assert_ne!(generate(50, 7), generate(50, 8));
    }

    #[test]
    fn count_and_unique_paths() {
        let files = generate(300, 42);
        assert_eq!(files.len(), 300);
        let paths: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths.len(), 300);
        assert!(generate(0, 1).is_empty());
    }

    #[test]
    fn sizes_in_range_averaging_about_3_kb() {
        let files = generate(1000, 42);
        for (path, bytes) in &files {
            assert!(
                (MIN_BYTES..=MAX_BYTES).contains(&bytes.len()),
                "{path}: {} bytes",
                bytes.len()
            );
            assert!(std::str::from_utf8(bytes).is_ok(), "{path} is not UTF-8");
        }
        let avg = files.iter().map(|(_, b)| b.len()).sum::<usize>() / files.len();
        assert!((2600..=3400).contains(&avg), "average {avg} bytes");
    }

    #[test]
    fn all_shapes_outlets_and_two_years_of_dates() {
        let files = generate(1000, 3);
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let shapes = [
            files.iter().any(|(_, b)| text(b).contains("\n日期:")),
            files
                .iter()
                .any(|(_, b)| text(b).starts_with("\n---\ntitle: '")),
            files.iter().any(|(_, b)| text(b).starts_with("### ")),
            files.iter().any(|(_, b)| text(b).contains("综合报导）")),
        ];
        assert_eq!(shapes, [true; 4]);
        let months: BTreeSet<&str> = files.iter().map(|(p, _)| &p[..7]).collect();
        assert_eq!(months.len(), 24, "{months:?}");
        let outlets = OUTLETS
            .iter()
            .filter(|o| files.iter().any(|(_, b)| text(b).contains(*o)))
            .count();
        assert!(outlets >= 20, "{outlets} outlets");
    }

    #[test]
    fn sentences_come_from_the_seeds() {
        let pool = seed_sentences(&seeds());
        assert!(pool.len() > 100, "{} sentences", pool.len());
        for s in &pool {
            assert!(!s.contains('<') && !s.contains("http"), "{s}");
            assert!(
                s.ends_with(['。', '！', '？', '”', '」', '）', ')', '"']),
                "{s}"
            );
        }
    }

    #[test]
    fn swapping_names_is_one_pass() {
        assert_eq!(
            swap_names(
                "布林肯和拉夫罗夫",
                &["布林肯", "拉夫罗夫"],
                &["拉夫罗夫", "普京"]
            ),
            "拉夫罗夫和普京"
        );
    }

    #[test]
    fn rng_stays_in_bounds() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            assert!(r.below(7) < 7);
            assert!((3..=5).contains(&r.range(3, 5)));
            assert!(r.zipf(10) < 10);
        }
        assert_eq!(r.below(0), 0);
    }
}
