//! Parse stage 3: who published the article and who wrote it, and which lines are not body.
//!
//! Outlets announce themselves in a few fixed forms: bylines (`[文/观察者网熊超然]`),
//! datelines (`【大纪元2022年01月27日讯】`, `（观察者网讯）`, `新华社北京1月27日电`), reporter
//! credits (`（大纪元记者李言综合报导）`) and interview phrases (`对新京报记者表示`). A short
//! list of known outlets splits an outlet from the name glued to it; news agencies an article
//! merely cites (CNN, 美联社, 路透社 …) are never taken for its outlet. This stage also
//! recognises the lines that are metadata or boilerplate rather than body: captions, editor
//! credits, copyright notices and "original link" trailers.

use super::dates::{self, Raw};
use super::url::http_url;

/// Chinese-language outlets, simplified and traditional spellings, with their web domains.
const OUTLETS: &[(&str, &[&str])] = &[
    ("观察者网", &["guancha.cn"]),
    ("觀察者網", &[]),
    ("大纪元", &["epochtimes.com"]),
    ("大紀元", &["epochtimes.com.tw"]),
    ("新京报", &["bjnews.com.cn"]),
    ("新京報", &[]),
    ("新华社", &[]),
    ("新華社", &[]),
    ("新华网", &["xinhuanet.com", "news.cn"]),
    ("人民日报", &[]),
    ("人民日報", &[]),
    ("人民网", &["people.com.cn"]),
    ("环球时报", &[]),
    ("環球時報", &[]),
    ("环球网", &["huanqiu.com"]),
    ("澎湃新闻", &["thepaper.cn"]),
    ("澎湃新聞", &[]),
    ("中新社", &[]),
    ("中新网", &[]),
    ("中国新闻网", &["chinanews.com", "chinanews.com.cn"]),
    ("央视新闻", &[]),
    ("央视网", &["cctv.com"]),
    ("参考消息", &["cankaoxiaoxi.com"]),
    ("联合早报", &["zaobao.com", "zaobao.com.sg"]),
    ("聯合早報", &[]),
    ("美国之音", &["voachinese.com"]),
    ("美國之音", &[]),
    ("自由亚洲电台", &["rfa.org"]),
    ("自由亞洲電台", &[]),
    ("德国之声", &["dw.com"]),
    ("德國之聲", &[]),
    ("法广", &["rfi.fr"]),
    ("法廣", &[]),
    ("中央社", &["cna.com.tw"]),
    ("联合报", &[]),
    ("聯合報", &["udn.com"]),
    ("自由时报", &[]),
    ("自由時報", &["ltn.com.tw"]),
    ("明报", &[]),
    ("明報", &["mingpao.com"]),
    ("星岛日报", &[]),
    ("星島日報", &["stheadline.com"]),
    ("凤凰网", &["ifeng.com"]),
    ("鳳凰網", &[]),
    ("新浪网", &["sina.com.cn", "sina.cn"]),
    ("网易", &["163.com"]),
    ("搜狐", &["sohu.com"]),
    ("腾讯新闻", &["qq.com"]),
    ("财新", &["caixin.com"]),
    ("財新", &[]),
    ("看中国", &["secretchina.com"]),
    ("看中國", &[]),
    ("新唐人", &["ntdtv.com"]),
    ("希望之声", &["soundofhope.org"]),
    ("希望之聲", &[]),
    ("香港01", &["hk01.com"]),
    ("端传媒", &["theinitium.com"]),
    ("端傳媒", &[]),
    ("多维新闻", &["dwnews.com"]),
    ("多維新聞", &[]),
    ("北京日报", &[]),
    ("光明日报", &["gmw.cn"]),
    ("中国日报", &["chinadaily.com.cn"]),
    ("南方都市报", &[]),
    ("第一财经", &["yicai.com"]),
    ("界面新闻", &["jiemian.com"]),
    ("红星新闻", &[]),
    ("上观新闻", &["jfdaily.com"]),
    ("文汇报", &["whb.cn"]),
    ("大公报", &["takungpao.com"]),
    ("大公報", &[]),
    ("东方网", &["eastday.com"]),
    ("BBC中文网", &["bbc.com"]),
    ("纽约时报中文网", &["cn.nytimes.com"]),
    ("FT中文网", &["ftchinese.com"]),
    ("路透中文网", &["cn.reuters.com"]),
    ("GNews", &["gnews.org"]),
    // Mainland portals and outlets whose addresses a collection often holds alone.
    ("华尔街见闻", &["wallstreetcn.com"]),
    ("36氪", &["36kr.com"]),
    ("中国经济网", &["ce.cn"]),
    ("国际在线", &["cri.cn"]),
    ("中国网", &["china.com.cn"]),
    ("中国青年网", &["youth.cn"]),
    ("中国青年报", &["cyol.com"]),
    ("北京青年报", &["ynet.com"]),
    ("南方周末", &["infzm.com"]),
    ("经济观察网", &["eeo.com.cn"]),
    // Hong Kong and Taiwan.
    ("香港电台", &["rthk.hk"]),
    ("南华早报", &["scmp.com"]),
    ("信报", &["hkej.com"]),
    ("风传媒", &["storm.mg"]),
    ("三立新闻网", &["setn.com"]),
    ("ETtoday新闻云", &["ettoday.net"]),
    ("中时新闻网", &["chinatimes.com"]),
    ("TVBS新闻网", &["tvbs.com.tw"]),
    ("天下杂志", &["cw.com.tw"]),
    ("报导者", &["twreporter.org"]),
    // Abroad.
    ("华尔街日报中文网", &["cn.wsj.com"]),
    ("日经中文网", &["cn.nikkei.com"]),
    ("NHK中文", &["nhk.or.jp"]),
    ("联合国新闻", &["news.un.org"]),
];

/// Other names of outlets in [`OUTLETS`] (their Chinese services' names, Latin initials), as
/// pages and clippers write them, compared without spaces and case: one outlet, one facet
/// value.
const OUTLET_NAMES: &[(&str, &[&str])] = &[
    (
        "BBC中文网",
        &["bbcnews中文", "bbc中文", "bbc中文網", "bbcchinese"],
    ),
    (
        "美国之音",
        &[
            "voa",
            "voa中文",
            "voa中文网",
            "美国之音中文网",
            "voachinese",
        ],
    ),
    ("美國之音", &["voa中文網", "美國之音中文網"]),
    ("德国之声", &["dw", "dw中文", "dw中文网", "德国之声中文网"]),
    ("德國之聲", &["dw中文網", "德國之聲中文網"]),
    ("法广", &["rfi", "rfi中文", "法国国际广播电台", "rfi华语"]),
    ("法廣", &["法國國際廣播電台", "rfi華語"]),
    ("自由亚洲电台", &["rfa", "rfa中文", "自由亚洲电台普通话"]),
    ("自由亞洲電台", &["自由亞洲電台普通話"]),
    ("纽约时报中文网", &["nyt中文", "nyt中文网", "纽约时报中文"]),
    (
        "FT中文网",
        &["ft中文", "英国金融时报中文网", "金融时报中文网"],
    ),
];

/// The outlet's name as [`OUTLETS`] writes it, for a name [`OUTLET_NAMES`] lists; else as it is.
pub fn canonical_outlet(name: String) -> String {
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    OUTLET_NAMES
        .iter()
        .find(|(_, others)| others.contains(&key.as_str()))
        .map_or(name, |(canonical, _)| (*canonical).to_owned())
}

/// Agencies and foreign media that Chinese articles quote: a source, never the outlet.
const CITED: &[&str] = &[
    "路透",
    "美联社",
    "美聯社",
    "法新社",
    "彭博",
    "塔斯社",
    "卫星通讯社",
    "衛星通訊社",
    "共同社",
    "韩联社",
    "韓聯社",
    "CNN",
    "BBC",
    "美国有线电视新闻网",
    "纽约时报",
    "紐約時報",
    "华尔街日报",
    "華爾街日報",
    "华盛顿邮报",
    "華盛頓郵報",
    "卫报",
    "衛報",
    "今日俄罗斯",
    "RT",
    "德新社",
    "合众国际社",
    "埃菲社",
    "安莎社",
    "时代周刊",
    "国家报",
    "本报",
    "本報",
    "本台",
    "本网",
    "本網",
    "该报",
    "該報",
    "记者",
    "記者",
];

/// The known outlet `s` starts with (the longest), if any.
pub fn known_prefix(s: &str) -> Option<&'static str> {
    OUTLETS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| s.starts_with(n))
        .max_by_key(|n| n.len())
}

/// The outlet whose web domain `url` is on.
pub fn outlet_of_url(url: &str) -> Option<&'static str> {
    let host = url.split("//").nth(1)?.split(['/', '?', '#', ':']).next()?;
    let host = host.to_ascii_lowercase();
    OUTLETS
        .iter()
        .flat_map(|(n, ds)| ds.iter().map(move |d| (*n, *d)))
        .filter(|(_, d)| host == *d || host.ends_with(&format!(".{d}")))
        .max_by_key(|(_, d)| d.len())
        .map(|(n, _)| n)
}

/// True when `s` names an outlet: a known one, or a short name ending like one (`…报`,
/// `…网`, `…社`, `…台`, `…新闻`) that is not a cited agency.
pub fn is_outlet(s: &str) -> bool {
    let n = s.chars().count();
    if known_prefix(s).is_some_and(|k| k.len() == s.len()) {
        return true;
    }
    (2..=8).contains(&n)
        && !CITED.iter().any(|c| s.contains(c))
        && [
            "报", "報", "网", "網", "社", "台", "新闻", "新聞", "日报", "日報", "电视", "電視",
        ]
        .iter()
        .any(|e| s.ends_with(e))
        && s.chars().all(|c| c.is_alphanumeric())
}

/// Whether a name standing alone looks like an outlet's: [`is_outlet`], or a short name
/// ending as outlets' names do (`新浪财经`, `南方周末`, `美国之音`, `联合早报`).
pub fn looks_like_outlet(s: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "财经",
        "財經",
        "周刊",
        "週刊",
        "周末",
        "週末",
        "时报",
        "時報",
        "晚报",
        "晚報",
        "早报",
        "早報",
        "日报",
        "日報",
        "传媒",
        "傳媒",
        "之声",
        "之聲",
        "之音",
        "资讯",
        "資訊",
        "新闻",
        "新聞",
        "在线",
        "在線",
        "网站",
        "網站",
        "官网",
        "官網",
        "客户端",
        "客戶端",
        "公众号",
        "公眾號",
    ];
    let n = s.chars().count();
    // A foreign outlet's Chinese service: `BBC News 中文`, `DW 中文`, `纽约时报中文网`.
    let service = (4..=20).contains(&n)
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_alphanumeric() || c == ' ')
        && (s.ends_with("中文") || s.ends_with("中文网") || s.ends_with("中文網"));
    if service || is_known_outlet(s) {
        return true;
    }
    if is_section(s) || CITED.iter().any(|c| s.contains(c)) {
        return false;
    }
    is_outlet(s)
        || (2..=10).contains(&n)
            && s.chars().all(|c| c.is_alphanumeric())
            && ENDINGS.iter().any(|e| s.ends_with(e))
}

/// Splits `观察者网熊超然` into outlet and person. A string that is only an outlet gives no
/// person; one with no outlet is all person.
pub fn split_credit(s: &str) -> (Option<String>, Option<String>) {
    let s = s.trim().trim_matches(['/', '／', ' ']);
    if s.is_empty() {
        return (None, None);
    }
    if let Some(k) = known_prefix(s) {
        let rest = s[k.len()..]
            .trim_start_matches(['记', '者', '記', ' ', '/', '／'])
            .trim();
        let person = (!rest.is_empty()).then(|| without_note(rest).to_owned());
        return (Some(k.to_owned()), person);
    }
    if is_outlet(s) {
        return (Some(s.to_owned()), None);
    }
    (None, Some(without_note(s).to_owned()))
}

/// A name without the bracketed note after it: `回响 【秘翻Gnews原创组】` is 回响 (of a team),
/// `李四（实习生）` is 李四. A value that is all note stays as it is.
fn without_note(s: &str) -> &str {
    let Some(close) = s.chars().next_back() else {
        return s;
    };
    let open = match close {
        '】' => '【',
        '）' => '（',
        ')' => '(',
        ']' => '[',
        _ => return s,
    };
    match s.rfind(open) {
        Some(i) if !s[..i].trim().is_empty() => s[..i].trim_end(),
        _ => s,
    }
}

/// Who and where a paragraph's opening credits say the article is from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// A dateline's date, resolved later (it may lack a year).
    pub date: Option<Raw>,
    /// Bytes of the paragraph the credits take.
    pub len: usize,
}

/// Reads the credits opening a paragraph: any run of bylines (`[文/…]`), bracketed datelines
/// (`【…讯】`, `（…讯）`), reporter credits (`（…记者…报导）`) and a bare dateline
/// (`新华社北京1月27日电`).
pub fn opening_credits(p: &str) -> Credits {
    let mut c = Credits::default();
    loop {
        let rest = &p[c.len..];
        let trimmed = rest.trim_start();
        let ws = rest.len() - trimmed.len();
        let Some((inner, len)) = bracketed(trimmed) else {
            if c.date.is_none()
                && c.len == 0
                && let Some(len) = bare_dateline(trimmed, &mut c)
            {
                c.len += ws + len;
                continue;
            }
            break;
        };
        if !credit_inner(inner, &mut c) {
            break;
        }
        c.len += ws + len;
    }
    c
}

/// The content and length of a bracketed group at the start of `s`.
fn bracketed(s: &str) -> Option<(&str, usize)> {
    let open = s.chars().next()?;
    let close = match open {
        '[' => ']',
        '【' => '】',
        '（' => '）',
        '(' => ')',
        '〔' => '〕',
        _ => return None,
    };
    let body = &s[open.len_utf8()..];
    let end = body.find(close)?;
    (end <= 90).then(|| (&body[..end], open.len_utf8() + end + close.len_utf8()))
}

/// Reads one bracketed credit; false when the group is something else.
fn credit_inner(inner: &str, c: &mut Credits) -> bool {
    let inner = inner.trim();
    // [文/观察者网熊超然], （作者/张三）
    for prefix in [
        "文/",
        "文／",
        "文|",
        "作者/",
        "作者：",
        "作者:",
        "撰文/",
        "撰文／",
    ] {
        if let Some(who) = inner.strip_prefix(prefix) {
            let (o, a) = split_credit(who);
            c.outlet = c.outlet.take().or(o);
            c.author = c.author.take().or(a);
            return true;
        }
    }
    // 【大纪元2022年01月27日讯】, （观察者网讯）, （中央社記者張三台北27日電）
    if let Some(body) = inner.strip_suffix(['讯', '訊', '电', '電']) {
        if body.contains("记者") || body.contains("記者") {
            reporter(body, c);
            if let Some(m) = dates::scan(body).first() {
                c.date = c.date.or(Some(m.raw));
            }
            return true;
        }
        let mentions = dates::scan(body);
        let head = mentions.first().map_or(body, |m| &body[..m.start]);
        if let Some(m) = mentions.first() {
            c.date = c.date.or(Some(m.raw));
        }
        let outlet = known_prefix(head)
            .map(str::to_owned)
            .or_else(|| is_outlet(head.trim()).then(|| head.trim().to_owned()));
        if outlet.is_some() || !mentions.is_empty() {
            c.outlet = c.outlet.take().or(outlet);
            return true;
        }
        return false;
    }
    // 【希望之聲2020年7月31日】: an outlet and a full date, no 讯.
    let mentions = dates::scan(inner);
    if let [m] = mentions.as_slice()
        && m.end == inner.len()
        && matches!(m.raw, Raw::Full { d: Some(_), .. })
    {
        let head = inner[..m.start].trim();
        let outlet = known_prefix(head)
            .filter(|k| k.len() == head.len())
            .map(str::to_owned)
            .or_else(|| {
                (is_outlet(head) || head.ends_with("之声") || head.ends_with("之聲"))
                    .then(|| head.to_owned())
            });
        if outlet.is_some() {
            c.outlet = c.outlet.take().or(outlet);
            c.date = c.date.or(Some(m.raw));
            return true;
        }
    }
    // （大纪元记者李言综合报导）, （记者 张三）
    if inner.contains("记者") || inner.contains("記者") {
        reporter(inner, c);
        return true;
    }
    false
}

/// `大纪元记者李言综合报导`: outlet before 记者, names after it up to the verb.
fn reporter(s: &str, c: &mut Credits) {
    let Some((before, after)) = s.split_once("记者").or_else(|| s.split_once("記者")) else {
        return;
    };
    let before = before.trim();
    if !before.is_empty() {
        let (o, _) = split_credit(before);
        c.outlet = c.outlet.take().or(o);
    }
    const STOPS: &[&str] = &[
        "综合", "綜合", "报导", "報導", "报道", "報道", "编译", "編譯", "整理", "采访", "採訪",
        "发自", "發自", "/", "／", "）", ")",
    ];
    let mut name = after.trim();
    for stop in STOPS {
        if let Some(p) = name.find(stop) {
            name = &name[..p];
        }
    }
    // A place and date may follow the name: `张三台北27日`.
    if let Some(m) = dates::scan(name).first() {
        name = &name[..m.start];
    }
    let name = without_place(name.trim());
    if (1..=20).contains(&name.chars().count()) {
        c.author = c.author.take().or_else(|| Some(name.to_owned()));
    }
}

/// Places a reporter's credit puts after the name (`蔡凌巴黎报导`, `李辰美国华盛顿DC报导`).
const PLACES: &[&str] = &[
    "华盛顿DC",
    "華盛頓DC",
    "华盛顿",
    "華盛頓",
    "纽约",
    "紐約",
    "洛杉矶",
    "洛杉磯",
    "旧金山",
    "舊金山",
    "芝加哥",
    "休斯顿",
    "休斯頓",
    "波士顿",
    "波士頓",
    "西雅图",
    "西雅圖",
    "费城",
    "費城",
    "亚特兰大",
    "亞特蘭大",
    "坦帕",
    "达拉斯",
    "達拉斯",
    "新泽西",
    "新澤西",
    "多伦多",
    "多倫多",
    "温哥华",
    "溫哥華",
    "蒙特利尔",
    "蒙特利爾",
    "伦敦",
    "倫敦",
    "巴黎",
    "柏林",
    "维也纳",
    "維也納",
    "日内瓦",
    "日內瓦",
    "布鲁塞尔",
    "布魯塞爾",
    "罗马",
    "羅馬",
    "马德里",
    "馬德里",
    "莫斯科",
    "基辅",
    "基輔",
    "东京",
    "東京",
    "大阪",
    "首尔",
    "首爾",
    "釜山",
    "悉尼",
    "雪梨",
    "墨尔本",
    "墨爾本",
    "奥克兰",
    "奧克蘭",
    "台北",
    "臺北",
    "新北",
    "台中",
    "臺中",
    "台南",
    "臺南",
    "高雄",
    "香港",
    "澳门",
    "澳門",
    "北京",
    "上海",
    "广州",
    "廣州",
    "深圳",
    "武汉",
    "武漢",
    "成都",
    "新加坡",
    "曼谷",
    "美国",
    "美國",
    "加拿大",
    "英国",
    "英國",
    "法国",
    "法國",
    "德国",
    "德國",
    "日本",
    "韩国",
    "韓國",
    "澳洲",
    "澳大利亚",
    "澳大利亞",
    "台湾",
    "台灣",
    "纽西兰",
    "紐西蘭",
];

/// A reporter's name without the places glued after it, keeping two characters at least.
fn without_place(name: &str) -> &str {
    let mut name = name;
    while let Some(p) = PLACES
        .iter()
        .filter(|p| name.ends_with(**p) && name.chars().count() >= p.chars().count() + 2)
        .max_by_key(|p| p.len())
    {
        name = name[..name.len() - p.len()].trim_end();
    }
    name
}

/// `新华社北京1月27日电` opening a paragraph (no brackets): a known outlet, a place, a date
/// and 电/讯, within the first 30 characters.
fn bare_dateline(s: &str, c: &mut Credits) -> Option<usize> {
    // A wire agency's own dateline (`路透北京9月7日 - `) dates the article too; the
    // agency is not taken for the outlet (the article may be a reprint).
    let outlet = known_prefix(s);
    let agency = CITED
        .iter()
        .filter(|a| {
            s.starts_with(**a) && a.chars().count() >= 2 && !a.contains("记") && !a.contains("本")
        })
        .max_by_key(|a| a.len());
    if outlet.is_none() && agency.is_none() {
        return None;
    }
    let window: String = s.chars().take(30).collect();
    let end = [
        "日电", "日電", "日讯", "日訊", "日 - ", "日 – ", "日 — ", "日 -", "日-", "日 –",
    ]
    .iter()
    .filter_map(|m| window.find(m).map(|p| p + m.len()))
    .min()?;
    let head = &s[..end];
    let m = *dates::scan(head).last()?;
    c.outlet = outlet.map(str::to_owned);
    c.date = Some(m.raw);
    let rest = &s[end..];
    let sep = rest
        .chars()
        .next()
        .filter(|ch| matches!(ch, ' ' | '　' | '，' | ',' | ':' | '：' | '丨' | '|'));
    Some(end + sep.map_or(0, char::len_utf8))
}

/// The outlet in an interview phrase: `对新京报记者表示`, `接受新京报记者采访`.
pub fn interview_outlet(text: &str) -> Option<String> {
    for reporter in ["记者", "記者"] {
        let mut from = 0;
        while let Some(p) = text.get(from..).and_then(|t| t.find(reporter)) {
            let at = from + p;
            from = at + reporter.len();
            let before = &text[..at];
            let window: String = {
                let cs: Vec<char> = before.chars().rev().take(12).collect();
                cs.into_iter().rev().collect()
            };
            let Some(verb) = ["接受", "告诉", "告訴", "对", "對", "向"]
                .iter()
                .filter_map(|v| window.rfind(v).map(|i| i + v.len()))
                .max()
            else {
                continue;
            };
            let name = window[verb..].trim().trim_end_matches('的');
            if let Some(k) = known_prefix(name).filter(|k| k.len() == name.len()) {
                return Some(k.to_owned());
            }
            if is_outlet(name) {
                return Some(name.to_owned());
            }
        }
    }
    None
}

/// A line crediting a picture: `…图源:视觉中国`, `…图自美媒`, `…图/IC photo`, `…报道截图`,
/// `…（新华社记者 张三 摄）`.
pub fn is_caption(line: &str) -> bool {
    let n = line.chars().count();
    if n > 160 {
        return false;
    }
    let tail_len = |marker: &str| {
        line.rfind(marker)
            .map(|p| line[p + marker.len()..].chars().count())
    };
    let credit = |markers: &[&str], max: usize| {
        markers
            .iter()
            .any(|m| tail_len(m).is_some_and(|t| t <= max))
    };
    credit(
        &["图源", "圖源", "图片来源", "圖片來源", "资料图", "資料圖"],
        24,
    ) || credit(&["图自", "圖自"], 10)
        || credit(&["图/", "圖/", "图／", "圖／", "图｜", "图|"], 24)
        || credit(&["摄影", "攝影"], 16)
        || line.trim_end_matches(['）', ')']).ends_with(['摄', '攝']) && line.contains(['（', '('])
        || line.ends_with("截图")
        || line.ends_with("截圖")
}

/// `责任编辑：林妍#`, `编辑:张三`: credits of the desk, not body.
pub fn is_editor_line(line: &str) -> bool {
    let l = line.trim_start_matches(['（', '(', '【', '[']);
    EDITOR_KEYS.iter().any(|k| {
        l.strip_prefix(k)
            .is_some_and(|r| r.starts_with(['：', ':', ' ', '　']) && l.chars().count() <= 40)
    })
}

/// A copyright notice; with the outlet it names, if any (`本文系观察者网独家稿件`).
pub fn copyright(line: &str) -> Option<Option<String>> {
    let notice = (line.contains("转载") || line.contains("轉載"))
        && (line.contains("未经")
            || line.contains("未經")
            || line.contains("请注明")
            || line.contains("請註明"))
        || line.contains("版权所有")
        || line.contains("版權所有")
        || line.contains("独家稿件")
        || line.contains("獨家稿件");
    if !notice || line.chars().count() > 120 {
        return None;
    }
    let outlet = ["本文系", "本文为", "本文為", "本文係"]
        .iter()
        .find_map(|p| {
            let rest = &line[line.find(p)? + p.len()..];
            known_prefix(rest).map(str::to_owned)
        });
    Some(outlet)
}

/// `原文链接（需翻墙）：https://…`: a trailer line; with its address, if it has one.
pub fn trailer(line: &str) -> Option<Option<String>> {
    let keys = [
        "原文链接",
        "原文鏈接",
        "原文地址",
        "原文網址",
        "原文网址",
        "本文链接",
        "本文網址",
        "来源链接",
        "來源鏈接",
        "原文連結",
    ];
    let rest = keys.iter().find_map(|k| line.strip_prefix(k))?;
    let rest = match bracketed(rest) {
        Some((_, len)) => &rest[len..],
        None => rest,
    };
    let rest = rest.trim_start_matches(['：', ':', ' ']).trim();
    Some(http_url(rest))
}

/// Where a repost line says the article comes from: `喜马拉雅农场 轉載自GNews https://…`,
/// `（转自大纪元/责任编辑：王言）`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repost {
    /// The outlet named as the original.
    pub outlet: Option<String>,
    /// The original address, when the line links it.
    pub url: Option<String>,
    /// Who posted the repost: the text before the repost phrase (`喜马拉雅农场`).
    pub poster: Option<String>,
    /// An editor credit on the same line (`责任编辑：王言`), not kept.
    pub editor: bool,
}

/// Reads a repost line (short, naming the original outlet after 转载自/轉載自/转自).
pub fn repost(line: &str) -> Option<Repost> {
    if line.chars().count() > 160 {
        return None;
    }
    let inner = line
        .trim()
        .trim_start_matches(['（', '(', '【', '['])
        .trim_end_matches(['）', ')', '】', ']', '。']);
    const KEYS: &[&str] = &["轉載自", "转载自", "轉自", "转自", "转载于", "轉載於"];
    // The phrase opens the line or follows a name and a space or slash: never a word
    // inside a sentence (运转自如).
    let (at, key) = KEYS
        .iter()
        .filter_map(|k| inner.find(k).map(|p| (p, *k)))
        .filter(|(p, _)| {
            inner[..*p]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '/' | '／' | '|' | '｜'))
        })
        .min_by_key(|(p, _)| *p)?;
    let before = inner[..at]
        .trim()
        .trim_end_matches(['/', '／', '|', '｜', '，', ',']);
    let after = inner[at + key.len()..].trim_start_matches([' ', '：', ':']);
    let mut r = Repost::default();
    let mut name_end = after.len();
    for (i, c) in after.char_indices() {
        if c.is_whitespace()
            || matches!(c, '/' | '／' | '|' | '｜' | '，' | ',' | '；' | ';' | '。')
        {
            name_end = i;
            break;
        }
    }
    let name = after[..name_end].trim();
    let rest = &after[name_end..];
    if (1..=20).contains(&name.chars().count()) && super::url::after_http_scheme(name).is_none() {
        r.outlet = Some(known_prefix(name).unwrap_or(name).to_owned());
    }
    r.url = rest.split_whitespace().find_map(http_url);
    r.editor = rest.contains("编辑") || rest.contains("編輯");
    if !before.is_empty() && before.chars().count() <= 40 {
        r.poster = Some(before.to_owned());
    }
    let short = line.chars().count() <= 50;
    ((r.outlet.is_some() && short) || r.url.is_some()).then_some(r)
}

/// A line of reporter credits standing alone: `（记者黎明报导/责任编辑：梅兰）`,
/// `自由亚洲电台记者蔡凌巴黎报导 责编：嘉远 网编：瑞哲`.
pub fn credit_line(line: &str) -> Option<Credits> {
    if line.chars().count() > 60 || line.contains(['。', '，', ',']) {
        return None;
    }
    let inner = line
        .trim()
        .trim_start_matches(['（', '(', '【', '['])
        .trim_end_matches(['）', ')', '】', ']']);
    // Credits only: no bracket closes before the end (`【…讯】（记者…）正文` is a paragraph).
    if inner.contains(['）', ')', '】', ']']) {
        return None;
    }
    let first = inner
        .split(['/', '／', ' ', '　'])
        .next()
        .unwrap_or(inner)
        .trim();
    let (before, after) = first
        .split_once("记者")
        .or_else(|| first.split_once("記者"))?;
    let reported = [
        "报导", "报道", "報導", "報道", "编译", "編譯", "综合", "綜合",
    ]
    .iter()
    .any(|v| after.contains(v));
    if !reported || !(before.trim().is_empty() || split_credit(before).0.is_some()) {
        return None;
    }
    let mut c = Credits::default();
    reporter(first, &mut c);
    Some(c)
}

/// A WeChat post's header line: `原创 张三 国际观察 2022-02-24 08:32 发表于北京` (original,
/// the author, the account, the date and time, the place) or `国际观察 2022年02月24日 08:32`:
/// the account (the outlet), the author if named, and the day.
pub fn wechat_header(line: &str) -> Option<(String, Option<String>, crate::date::Day)> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let tokens = match tokens.first() {
        Some(&("原创" | "原創")) => &tokens[1..],
        _ => &tokens[..],
    };
    let at = tokens.iter().position(|t| {
        matches!(dates::scan(t).as_slice(), [m] if m.start == 0 && m.end == t.len()
            && matches!(m.raw, dates::Raw::Full { m: Some(_), d: Some(_), .. }))
    })?;
    let day = match dates::scan(tokens[at])[0].raw {
        dates::Raw::Full {
            y,
            m: Some(m),
            d: Some(d),
        } => crate::date::Day::new(y, m, d)?,
        _ => return None,
    };
    // Words that say what a date is, not whose (`发布于 2022-02-24`, `北京时间 …`).
    const NOT_NAMES: &[&str] = &[
        "发布",
        "發布",
        "发布于",
        "發佈於",
        "发布时间",
        "發布時間",
        "更新",
        "更新于",
        "更新時間",
        "北京时间",
        "北京時間",
        "阅读",
        "閱讀",
        "时间",
        "時間",
        "日期",
        "发表于",
        "發表於",
        "来源",
        "來源",
        "作者",
        "编辑",
        "編輯",
    ];
    let is_name = |t: &&str| {
        t.chars().count() <= 20
            && t.chars().any(char::is_alphabetic)
            && t.chars().all(|c| c.is_alphanumeric() || "-_·".contains(c))
            && !NOT_NAMES.contains(t)
            && !is_section(t)
    };
    let original = tokens.len() < line.split_whitespace().count();
    let timed = tokens
        .get(at + 1)
        .is_some_and(|t| t.contains(':') && t.chars().all(|c| c.is_ascii_digit() || c == ':'));
    let (author, account) = match &tokens[..at] {
        // An account alone: with the time a post shows, or a known outlet (`明報 2022年2月24日`).
        [account] if is_name(account) && (original || timed || is_known_outlet(account)) => {
            (None, *account)
        }
        // An author and an account: a post marked original (`原创 张三 国际观察 …`).
        [author, account] if original && is_name(author) && is_name(account) => {
            (Some(*author), *account)
        }
        _ => return None,
    };
    // After the date: a time of day, and where it was posted from (`发表于北京`, `北京`).
    let after_ok = tokens[at + 1..].iter().enumerate().all(|(i, t)| {
        i == 0 && t.contains(':') && t.chars().all(|c| c.is_ascii_digit() || c == ':')
            || t.chars().count() <= 8 && t.chars().all(crate::text::is_han)
    });
    after_ok.then(|| (account.to_owned(), author.map(str::to_owned), day))
}

/// Whether `s` is an outlet the table knows, by its name or one of its other names.
pub fn is_known_outlet(s: &str) -> bool {
    known_prefix(s).is_some_and(|k| k.len() == s.len()) || canonical_outlet(s.to_owned()) != s
}

/// A site's section, not an outlet: `国际新闻`, `财经`, `要闻`, `新闻` (a field of news, with
/// `新闻` or `频道` after it or not).
pub fn is_section(s: &str) -> bool {
    const FIELDS: &[&str] = &[
        "", "国际", "國際", "国内", "國內", "社会", "社會", "财经", "財經", "体育", "體育", "娱乐",
        "娛樂", "军事", "軍事", "科技", "文化", "教育", "健康", "汽车", "汽車", "房产", "房產",
        "时政", "時政", "政治", "经济", "經濟", "评论", "評論", "视频", "視頻", "图片", "圖片",
        "地方", "港澳", "台湾", "台灣", "两岸", "兩岸", "海外", "滚动", "滾動", "热点", "熱點",
        "要闻", "要聞", "本地", "综合", "綜合", "即时", "即時", "独家", "獨家", "专题", "專題",
        "环球", "環球", "中国", "中國", "北京", "上海", "香港",
    ];
    let s = s.trim();
    let field = ["新闻", "新聞", "频道", "頻道", "资讯", "資訊"]
        .iter()
        .find_map(|e| s.strip_suffix(e))
        .unwrap_or(s);
    FIELDS.contains(&field)
}

/// `作者 王五`, `文／张三`, `撰文 李四`, `By John Smith`: a role and a name, without a colon.
pub fn named_author(part: &str) -> Option<Credits> {
    let part = part.trim();
    let (role, name) = ["作者", "文", "撰文", "撰稿", "By", "by"]
        .iter()
        .find_map(|role| {
            let rest = part.strip_prefix(role)?;
            let name = rest.strip_prefix([' ', '　', '/', '／', '|', '｜'])?.trim();
            Some((*role, name))
        })?;
    // `文｜财新 张三`: the outlet, then the name; `文/新华社`: an outlet alone; `人民日报评论员`:
    // an outlet and a role, no name.
    const ROLES: &[&str] = &[
        "评论员",
        "評論員",
        "编辑部",
        "編輯部",
        "本报评论员",
        "特约评论员",
        "特約評論員",
    ];
    if let (Some(outlet), person) = split_credit(name) {
        let person = person
            .map(|p| p.trim().to_owned())
            .filter(|p| !ROLES.contains(&p.as_str()))
            .filter(|p| {
                p.chars().count() <= 8
                    && p.chars()
                        .all(|c| crate::text::is_han(c) || c == '、' || c == ' ')
            });
        return Some(Credits {
            outlet: Some(outlet),
            author: person,
            ..Credits::default()
        });
    }
    if looks_like_outlet(name) {
        return Some(Credits {
            outlet: Some(name.to_owned()),
            ..Credits::default()
        });
    }
    let han =
        name.chars().count() <= 8 && name.chars().all(|c| crate::text::is_han(c) || c == '、');
    // `By John Smith`: capitalised words (`By the numbers` is a heading).
    let latin = role.eq_ignore_ascii_case("by")
        && name
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        && name.chars().count() <= 30
        && name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '.');
    ((han || latin) && !name.is_empty()).then(|| Credits {
        author: Some(name.to_owned()),
        ..Credits::default()
    })
}

/// A byline standing alone under the title: `澎湃新闻记者 赵六`, `记者 赵六 王七`,
/// `新华社记者 张三、李四` (reporters' names after `记者`, and the outlet before it).
pub fn byline(line: &str) -> Option<Credits> {
    let line = line.trim();
    if line.chars().count() > 40 || line.contains(['。', '，', ',', '：', ':', '？', '！']) {
        return None;
    }
    let (before, after) = line
        .split_once("记者")
        .or_else(|| line.split_once("記者"))?;
    let before = before.trim();
    // Roles and what the reporters did are not names (`记者 张三 通讯员 李四`, `… 报道`).
    const NOT_NAMES: &[&str] = &[
        "报道",
        "报导",
        "報導",
        "報道",
        "摄",
        "攝",
        "摄影",
        "攝影",
        "通讯员",
        "通訊員",
        "实习生",
        "實習生",
        "发自",
        "發自",
        "综合报道",
        "綜合報導",
    ];
    let names: Vec<&str> = after
        .split([' ', '　', '、', '/', '／'])
        .map(str::trim)
        .filter(|n| !n.is_empty() && !NOT_NAMES.contains(n))
        .collect();
    // Kinds of reporter, not outlets: `本报记者`, `特约记者`, `实习记者`.
    const KINDS: &[&str] = &[
        "本报", "本報", "特约", "特約", "实习", "實習", "首席", "驻京", "駐京", "常驻", "常駐",
    ];
    let before = if KINDS.contains(&before) { "" } else { before };
    let is_name = |n: &&str| {
        let k = n.chars().count();
        (2..=4).contains(&k) && n.chars().all(crate::text::is_han)
            || (2..=24).contains(&k) && n.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
    };
    let outlet = split_credit(before).0.filter(|_| !before.is_empty());
    if names.is_empty() || !names.iter().all(is_name) || !before.is_empty() && outlet.is_none() {
        return None;
    }
    Some(Credits {
        outlet,
        author: Some(names.join("、")),
        ..Credits::default()
    })
}

/// A credit line of a post's makers or its promotion channels, not body: `视频制作及上传：
/// Cindy；`, `G-News发布：小满；`, `盖特：日本银河系农场@…`, `Discord：…群；`.
pub fn is_credit_line(line: &str) -> bool {
    let Some((k, v)) = line.split_once(['：', ':']) else {
        // `编译 王颖；审校 白云`: roles and names with no colon.
        return line.chars().count() <= 40
            && !line.contains(['，', ',', '。'])
            && [
                "编译 ",
                "編譯 ",
                "审校 ",
                "審校 ",
                "编辑发布",
                "整理 ",
                "撰稿 ",
                "校对 ",
            ]
            .iter()
            .any(|r| line.starts_with(r));
    };
    let k = k.trim().trim_start_matches(['（', '(', '【', '[']);
    // A maker's role and a name (or a short list of names).
    let v_name = v.trim().trim_end_matches(['；', ';', '。']);
    if k.chars().count() <= 8
        && v_name.chars().count() <= 24
        && !v_name.contains(['，', ',', '。'])
        && k.split(['/', '／', '、'])
            .any(|part| ROLES.iter().any(|r| part.ends_with(r)))
    {
        return true;
    }
    // A promotion channel and where to find it: `某某农场Twitter：…`, `G-TV：某某农场。`.
    if k.chars().count() <= 24 && v.chars().count() <= 80 && CHANNELS.iter().any(|c| k.contains(c))
    {
        return true;
    }
    if k.chars().count() > 12 || v.chars().count() > 40 || v.contains('。') {
        return false;
    }
    const ROLES: &[&str] = &[
        "发布", "發布", "制作", "製作", "上传", "上傳", "整理", "翻译", "翻譯", "校对", "校對",
        "字幕", "撰稿", "编辑", "編輯", "审核", "審核", "剪辑", "剪輯", "配音", "采编", "採編",
        "编译", "編譯", "监制", "監製", "主播", "后期", "後期", "报导", "報導", "校编", "校編",
        "网编", "網編", "责编", "責編", "编审", "編審", "发稿", "發稿", "校正", "素材", "审校",
        "審校",
    ];
    const CHANNELS: &[&str] = &[
        "盖特", "蓋特", "Gettr", "GETTR", "G-TV", "GTV", "Discord", "Twitter", "YouTube",
        "Youtube", "Telegram", "G-News", "GNews", "推特", "电报", "電報", "脸书", "臉書",
        "Facebook",
    ];
    CHANNELS.iter().any(|c| k.contains(c))
}

/// A line of page furniture or a disclaimer: sharing prompts, "views are the author's own",
/// a publisher's standards badge, a disclaimer. Short lines only.
pub fn is_boilerplate(line: &str) -> bool {
    let n = line.chars().count();
    // A call to follow or join the poster's channels.
    let promotion = [
        "广而告之",
        "廣而告之",
        "欢迎加入",
        "歡迎加入",
        "订阅我们",
        "訂閱我們",
        "欢迎订阅",
        "歡迎訂閱",
    ]
    .iter()
    .any(|k| line.contains(k));
    let channel = [
        "Discord", "YouTube", "Youtube", "油管", "盖特", "蓋特", "Gettr", "GETTR", "G-TV", "GTV",
        "推特", "Twitter", "频道", "頻道", "群",
    ]
    .iter()
    .any(|k| line.contains(k));
    if promotion && channel && n <= 300 {
        return true;
    }
    if n > 80 {
        return false;
    }
    let views = (line.contains("代表") || line.contains("代錶"))
        && (line.contains("观点")
            || line.contains("觀點")
            || line.contains("立场")
            || line.contains("立場"))
        && (line.contains("仅")
            || line.contains("僅")
            || line.contains("只")
            || line.contains("不代表"));
    views
        || [
            "免责声明",
            "免責聲明",
            "分享本文章",
            "长按并复制",
            "長按並複製",
            "我们的标准",
            "信任原则",
            "更多资讯，请关注",
            "更多資訊，請關注",
            "更多资讯，更多关注",
            "更多资讯请关注",
            "更多資訊請關注",
            "欢迎您加入",
            "歡迎您加入",
        ]
        .iter()
        .any(|k| line.contains(k))
}

/// The key of a metadata line (`日期:01-27`, `来源：新京报`), normalised, and its value.
pub fn meta_line(line: &str) -> Option<(&'static str, &str)> {
    let (k, v) = unbracketed(line).split_once(['：', ':'])?;
    let k = k.trim();
    META_KEYS
        .iter()
        .find(|(name, _)| *name == k)
        .map(|(_, key)| (*key, v.trim()))
}

/// A line without the brackets around it all: `（来源：外交部网站）`, `【责任编辑：张三】`.
fn unbracketed(line: &str) -> &str {
    let line = line.trim();
    let mut cs = line.chars();
    let close = match cs.next() {
        Some('（') => '）',
        Some('(') => ')',
        Some('【') => '】',
        Some('[') => ']',
        _ => return line,
    };
    match cs.next_back() {
        Some(c) if c == close && !cs.as_str().contains(close) => cs.as_str().trim(),
        _ => line,
    }
}

/// What separates the parts of a header line: spaces and bars.
pub const SEPARATORS: [char; 5] = [' ', '　', '|', '｜', '丨'];

/// The keys of metadata lines, and what each is normalised to.
const META_KEYS: &[(&str, &str)] = &[
    ("日期", "date"),
    ("时间", "date"),
    ("時間", "date"),
    ("发布时间", "date"),
    ("發布時間", "date"),
    ("发布日期", "date"),
    ("發布日期", "date"),
    ("发表时间", "date"),
    ("更新时间", "date"),
    ("更新日期", "updated"),
    ("最后更新", "updated"),
    ("最後更新", "updated"),
    ("最后更新日期", "updated"),
    ("最後更新日期", "updated"),
    ("最后更新时间", "updated"),
    ("最後更新時間", "updated"),
    ("来源", "source"),
    ("來源", "source"),
    ("本文来源", "source"),
    ("本文來源", "source"),
    ("文章来源", "source"),
    ("文章來源", "source"),
    ("稿件来源", "source"),
    ("出处", "source"),
    ("媒体", "source"),
    ("作者", "author"),
    ("撰稿", "author"),
    ("撰稿/发布", "author"),
    ("撰稿/發布", "author"),
    ("撰文", "author"),
    ("By", "author"),
    ("by", "author"),
    ("BY", "author"),
    ("发布", "poster"),
    ("發布", "poster"),
    ("记者", "author"),
    ("特约记者", "author"),
    ("特約記者", "author"),
    ("記者", "author"),
    ("原标题", "original_title"),
    ("原標題", "original_title"),
    ("标题", "title"),
    ("標題", "title"),
    ("标签", "tags"),
    ("標籤", "tags"),
    ("关键词", "tags"),
    ("關鍵詞", "tags"),
    ("关键字", "tags"),
    ("關鍵字", "tags"),
    ("Tags", "tags"),
    ("tags", "tags"),
    ("分类", "categories"),
    ("分類", "categories"),
    ("栏目", "categories"),
    ("链接", "url"),
    ("網址", "url"),
    ("网址", "url"),
    ("URL", "url"),
];

/// The desk's roles: a line crediting one is not body ([`is_editor_line`]), and a metadata line
/// may list them after its fields (`…  编辑：李四`), where they end the field before them and
/// are not the article's ([`meta_fields`]).
const EDITOR_KEYS: &[&str] = &[
    "责任编辑",
    "責任編輯",
    "责编",
    "責編",
    "编辑",
    "編輯",
    "审核",
    "審核",
    "校对",
    "校對",
    "编审",
    "編審",
];

/// The fields of a metadata line, which may hold several (`发布时间：2022-02-24 10:30:00
/// 来源：中国新闻网  作者：张三`, `来源：中国新闻网 | 2022-02-24 10:30`): each later key starts
/// after a space or `|`. A source's or author's value that ends in a date gives the date too;
/// editors' names are dropped. None when the line does not start with a key, or a value is not
/// [`plausible`] for its key (`记者：您如何看待……？` is a question, not metadata).
pub fn meta_fields(line: &str) -> Option<Vec<(&'static str, &str)>> {
    meta_line(line)?;
    let line = unbracketed(line);
    // (where the key starts, where its value starts, the key)
    let mut cuts: Vec<(usize, usize, &'static str)> = Vec::new();
    for (i, _) in line.char_indices() {
        if i > 0 && !line[..i].ends_with(SEPARATORS) {
            continue;
        }
        let rest = &line[i..];
        let key = META_KEYS
            .iter()
            .map(|&(name, key)| (name, key))
            .chain(EDITOR_KEYS.iter().map(|&name| (name, "editor")))
            .filter(|(name, _)| rest.starts_with(name))
            .max_by_key(|(name, _)| name.len());
        if let Some((name, key)) = key
            && let Some(colon) = rest[name.len()..]
                .chars()
                .next()
                .filter(|c| matches!(c, ':' | '：'))
        {
            cuts.push((i, i + name.len() + colon.len_utf8(), key));
        }
    }
    let mut fields = Vec::new();
    for (j, &(_, start, key)) in cuts.iter().enumerate() {
        let end = cuts.get(j + 1).map_or(line.len(), |c| c.0);
        let mut value = line[start..end].trim_matches(SEPARATORS);
        if key == "editor" {
            continue;
        }
        if matches!(key, "source" | "author")
            && let Some(m) = dates::scan(value).into_iter().find(|m| {
                matches!(m.raw, dates::Raw::Full { d: Some(_), .. })
                    && m.start > 0
                    && value[..m.start].ends_with(SEPARATORS)
            })
        {
            fields.push(("date", value[m.start..].trim_matches(SEPARATORS)));
            value = value[..m.start].trim_matches(SEPARATORS);
        }
        if !plausible(key, value) {
            return None;
        }
        fields.push((key, value));
    }
    Some(fields)
}

/// Whether `value` can be what a [`meta_line`] of `key` names: a person's or an outlet's name
/// is short and no sentence (`记者：您如何看待……？` is an interviewer's question).
pub fn plausible(key: &str, value: &str) -> bool {
    match key {
        // Nor a date (`发布：2022年2月24日` says when, not who).
        "author" | "poster" => {
            value.chars().count() <= 40
                && !value.contains(['？', '?', '。', '！', '!', '，'])
                && dates::scan(value).first().is_none_or(|m| m.start != 0)
        }
        "source" => value.chars().count() <= 40 && !value.contains(['？', '?', '。', '！', '!']),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracketed_note_after_a_name_is_not_the_name() {
        assert_eq!(
            split_credit("回响 【秘翻Gnews原创组】"),
            (None, Some("回响".to_owned()))
        );
        assert_eq!(
            split_credit("李四（实习生）"),
            (None, Some("李四".to_owned()))
        );
        assert_eq!(
            split_credit("【秘翻Gnews原创组】"),
            (None, Some("【秘翻Gnews原创组】".to_owned()))
        );
        assert_eq!(split_credit("张三"), (None, Some("张三".to_owned())));
    }

    #[test]
    fn bylines_and_datelines() {
        let c = opening_credits("[文/观察者网熊超然]1月26日,美国和北约");
        assert_eq!(
            (c.outlet.as_deref(), c.author.as_deref()),
            (Some("观察者网"), Some("熊超然"))
        );
        assert_eq!(&"[文/观察者网熊超然]1月26日"[c.len..], "1月26日");

        let p = "【大纪元2022年01月27日讯】（大纪元记者李言综合报导）俄罗斯周四表示";
        let c = opening_credits(p);
        assert_eq!(
            (c.outlet.as_deref(), c.author.as_deref()),
            (Some("大纪元"), Some("李言"))
        );
        assert_eq!(
            c.date,
            Some(Raw::Full {
                y: 2022,
                m: Some(1),
                d: Some(27)
            })
        );
        assert_eq!(&p[c.len..], "俄罗斯周四表示");

        let c = opening_credits("（观察者网讯）在美国");
        assert_eq!((c.outlet.as_deref(), c.author), (Some("观察者网"), None));

        let c = opening_credits("【大紀元2023年3月5日訊】（大紀元記者王明、陳華台北報導）");
        assert_eq!(
            (c.outlet.as_deref(), c.author.as_deref()),
            (Some("大紀元"), Some("王明、陳華"))
        );

        let c = opening_credits("新华社北京1月27日电 外交部发言人");
        assert_eq!(c.outlet.as_deref(), Some("新华社"));
        assert_eq!(c.date, Some(Raw::MonthDay { m: 1, d: Some(27) }));

        assert_eq!(opening_credits("（图）普京表示").len, 0);
        assert_eq!(opening_credits("据路透社报道").outlet, None);
    }

    #[test]
    fn datelines_without_xun_and_wire_datelines() {
        let p = "【希望之聲2021年3月5日】（本台記者林立綜合報導）正文";
        let c = opening_credits(p);
        assert_eq!(c.outlet.as_deref(), Some("希望之聲"));
        assert_eq!(c.author.as_deref(), Some("林立"));
        assert_eq!(
            c.date,
            Some(Raw::Full {
                y: 2021,
                m: Some(3),
                d: Some(5)
            })
        );
        assert_eq!(&p[c.len..], "正文");
        // A bracketed date alone is not a dateline.
        assert_eq!(opening_credits("【2021年3月5日】正文").len, 0);

        let p = "路透东京4月2日 - 日本央行周五表示";
        let c = opening_credits(p);
        assert_eq!(c.outlet, None, "a wire agency is not the outlet");
        assert_eq!(c.date, Some(Raw::MonthDay { m: 4, d: Some(2) }));
        assert_eq!(&p[c.len..], "日本央行周五表示");
    }

    #[test]
    fn reposts_and_credit_lines() {
        let r = repost("某某农场 轉載自GNews https://gnews.org/zh-hans/1/").unwrap();
        assert_eq!(r.outlet.as_deref(), Some("GNews"));
        assert_eq!(r.url.as_deref(), Some("https://gnews.org/zh-hans/1/"));
        assert_eq!(r.poster.as_deref(), Some("某某农场"));
        let r = repost("（转自大纪元/责任编辑：王五）").unwrap();
        assert_eq!((r.outlet.as_deref(), r.poster), (Some("大纪元"), None));
        assert!(r.editor);
        assert_eq!(repost("机器运转自如，没有任何问题。"), None);
        assert_eq!(
            repost("他说这篇文章转自朋友圈，但无法核实真假，也没有人回应。"),
            None
        );

        let c = credit_line("（记者赵六报导/责任编辑：钱七）").unwrap();
        assert_eq!(c.author.as_deref(), Some("赵六"));
        let c = credit_line("某某电台记者孙八巴黎报导 责编：周九 网编：吴十").unwrap();
        assert_eq!(c.author.as_deref(), Some("孙八"));
        assert_eq!(
            credit_line("（记者赵六报导）美国总统拜登12日表示，将继续援助。"),
            None
        );
        assert_eq!(
            credit_line("【某报2022年2月23日讯】（记者林风综合报导）欧盟宣布制裁"),
            None
        );

        for l in [
            "视频制作及上传：阿明；",
            "G-News发布：小满；",
            "盖特：某某农场@farm盖特；",
            "Discord：某某农场Discord群；",
            "翻译/撰稿：zz",
            "编译 王颖；审校 白云",
        ] {
            assert!(is_credit_line(l), "{l}");
        }
        for l in [
            "美国国务院发布：关于旅行的警告，所有公民应立即离开该国。",
            "他说：我们要继续努力。",
        ] {
            assert!(!is_credit_line(l), "{l}");
        }
        assert!(is_boilerplate("（文章仅代表作者个人观点，与本站无关）"));
        assert!(is_boilerplate(
            "手机上长按并复制下列链接或二维码分享本文章："
        ));
        assert!(is_boilerplate("免责声明：本文内容仅代表作者个人观点。"));
        assert!(!is_boilerplate("他代表政府表达了立场。"));
        assert!(is_boilerplate(
            "广而告之：欢迎加入我们——某某农场Discord群，欢迎订阅我们的油管频道；"
        ));
        assert!(!is_boilerplate(
            "北约秘书长表示，欢迎加入北约的申请将得到迅速处理。"
        ));
    }

    #[test]
    fn reporters_without_the_places_after_their_names() {
        let c = opening_credits("（某报记者李辰美国华盛顿DC报导）正文");
        assert_eq!(c.author.as_deref(), Some("李辰"));
        assert_eq!(without_place("香港"), "香港", "a name is never emptied");
    }

    #[test]
    fn interviews_name_the_outlet_but_not_cited_agencies() {
        assert_eq!(
            interview_outlet("崔洪建对新京报记者表示,乌克兰").as_deref(),
            Some("新京报")
        );
        assert_eq!(
            interview_outlet("他在接受红星新闻记者采访时说").as_deref(),
            Some("红星新闻")
        );
        assert_eq!(interview_outlet("他对路透社记者表示"), None);
        assert_eq!(interview_outlet("一名官员对路透社指出"), None);
        assert_eq!(interview_outlet("他对记者表示"), None);
    }

    #[test]
    fn captions_and_boilerplate() {
        assert!(is_caption("俄罗斯总统普京 图源:视觉中国"));
        assert!(is_caption("1月26日,美国驻俄大使沙利文进入俄外交部图自美媒"));
        assert!(is_caption(
            "当地时间2021年12月30日,美国总统拜登与俄罗斯总统普京通电话。图/IC photo"
        ));
        assert!(is_caption("RT、《纽约时报》报道截图"));
        assert!(is_caption("2月1日，民众在广场集会。（新华社记者 张三 摄）"));
        assert!(!is_caption("普京表示,俄方始终愿意通过谈判解决问题。"));
        assert!(is_editor_line("责任编辑：林妍#"));
        assert!(!is_editor_line(
            "编辑部认为这件事很重要,值得进一步的讨论和研究,所以今天写了这一篇长文章"
        ));
        assert_eq!(
            copyright("本文系观察者网独家稿件，未经授权，不得转载。"),
            Some(Some("观察者网".into()))
        );
        assert_eq!(
            trailer("原文链接（需翻墙）：https://www.epochtimes.com/gb/22/1/27/n13533598.htm"),
            Some(Some(
                "https://www.epochtimes.com/gb/22/1/27/n13533598.htm".into()
            ))
        );
        assert_eq!(meta_line("日期:01-27"), Some(("date", "01-27")));
        assert_eq!(meta_line("他说:我们"), None);
    }

    #[test]
    fn outlets_other_names_are_one_outlet() {
        for (name, canonical) in [
            ("BBC News 中文", "BBC中文网"),
            ("bbc 中文", "BBC中文网"),
            ("VOA", "美国之音"),
            ("美國之音中文網", "美國之音"),
            ("DW 中文", "德国之声"),
            ("RFI", "法广"),
            ("新京报", "新京报"),
            ("BBC", "BBC"),
        ] {
            assert_eq!(canonical_outlet(name.to_owned()), canonical, "{name}");
        }
    }

    #[test]
    fn a_metadata_line_may_hold_several_fields() {
        assert_eq!(
            meta_fields("发布时间：2022-02-24 10:30:00  来源：中国新闻网  作者：张三"),
            Some(vec![
                ("date", "2022-02-24 10:30:00"),
                ("source", "中国新闻网"),
                ("author", "张三")
            ])
        );
        assert_eq!(
            meta_fields("时间：2022-02-24 10:30 来源：央视新闻客户端 编辑：李四"),
            Some(vec![
                ("date", "2022-02-24 10:30"),
                ("source", "央视新闻客户端")
            ]),
            "an editor ends the source, and is not the author"
        );
        assert_eq!(
            meta_fields("來源：自由時報 2022/02/24 10:30"),
            Some(vec![("date", "2022/02/24 10:30"), ("source", "自由時報")])
        );
        assert_eq!(
            meta_fields("来源：中国新闻网 | 2022-02-24"),
            Some(vec![("date", "2022-02-24"), ("source", "中国新闻网")])
        );
        assert_eq!(
            meta_fields("作者：张三 来源：新京报"),
            Some(vec![("author", "张三"), ("source", "新京报")])
        );
        // A key inside a value, not after a space, starts no field.
        assert_eq!(
            meta_fields("标题：会谈的来源：声明"),
            Some(vec![("title", "会谈的来源：声明")])
        );
        assert_eq!(meta_fields("记者：您如何看待？ 来源：新华社"), None);
        assert_eq!(meta_fields("王毅：中美关系 来源：新华社"), None);
        assert_eq!(
            outlet_of_url("https://www.epochtimes.com/gb/1.htm"),
            Some("大纪元")
        );
        for (url, outlet) in [
            ("https://finance.sina.cn/2022-02-24/detail.d.html", "新浪网"),
            (
                "https://news.rthk.hk/rthk/ch/component/k2/1634567.htm",
                "香港电台",
            ),
            ("https://www.storm.mg/article/4201234", "风传媒"),
            ("https://cn.wsj.com/articles/abc", "华尔街日报中文网"),
            ("https://www.wsj.com/articles/abc", "华尔街日报中文网"),
        ] {
            let want = (!url.contains("www.wsj")).then_some(outlet);
            assert_eq!(outlet_of_url(url), want, "{url}");
        }
        assert_eq!(split_credit("观察者网"), (Some("观察者网".into()), None));
        assert_eq!(split_credit("张三"), (None, Some("张三".into())));
    }
}
