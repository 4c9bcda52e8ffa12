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
    ("新浪网", &["sina.com.cn"]),
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
];

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
        let person = (!rest.is_empty()).then(|| rest.to_owned());
        return (Some(k.to_owned()), person);
    }
    if is_outlet(s) {
        return (Some(s.to_owned()), None);
    }
    (None, Some(s.to_owned()))
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
    let name = name.trim();
    if (1..=20).contains(&name.chars().count()) {
        c.author = c.author.take().or_else(|| Some(name.to_owned()));
    }
}

/// `新华社北京1月27日电` opening a paragraph (no brackets): a known outlet, a place, a date
/// and 电/讯, within the first 30 characters.
fn bare_dateline(s: &str, c: &mut Credits) -> Option<usize> {
    let outlet = known_prefix(s)?;
    let window: String = s.chars().take(30).collect();
    let end = ["日电", "日電", "日讯", "日訊"]
        .iter()
        .filter_map(|m| window.find(m).map(|p| p + m.len()))
        .min()?;
    let head = &s[..end];
    let m = *dates::scan(head).last()?;
    c.outlet = Some(outlet.to_owned());
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
    [
        "责任编辑",
        "責任編輯",
        "责编",
        "責編",
        "编辑",
        "編輯",
        "校对",
        "校對",
        "审核",
        "審核",
    ]
    .iter()
    .any(|k| {
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

/// The key of a metadata line (`日期:01-27`, `来源：新京报`), normalised, and its value.
pub fn meta_line(line: &str) -> Option<(&'static str, &str)> {
    const KEYS: &[(&str, &str)] = &[
        ("日期", "date"),
        ("时间", "date"),
        ("時間", "date"),
        ("发布时间", "date"),
        ("發布時間", "date"),
        ("发布日期", "date"),
        ("發布日期", "date"),
        ("发表时间", "date"),
        ("更新时间", "date"),
        ("来源", "source"),
        ("來源", "source"),
        ("出处", "source"),
        ("媒体", "source"),
        ("作者", "author"),
        ("记者", "author"),
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
    let (k, v) = line.split_once(['：', ':'])?;
    let k = k.trim();
    KEYS.iter()
        .find(|(name, _)| *name == k)
        .map(|(_, key)| (*key, v.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            (Some("大紀元"), Some("王明、陳華台北"))
        );

        let c = opening_credits("新华社北京1月27日电 外交部发言人");
        assert_eq!(c.outlet.as_deref(), Some("新华社"));
        assert_eq!(c.date, Some(Raw::MonthDay { m: 1, d: Some(27) }));

        assert_eq!(opening_credits("（图）普京表示").len, 0);
        assert_eq!(opening_credits("据路透社报道").outlet, None);
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
        assert_eq!(
            outlet_of_url("https://www.epochtimes.com/gb/1.htm"),
            Some("大纪元")
        );
        assert_eq!(split_credit("观察者网"), (Some("观察者网".into()), None));
        assert_eq!(split_credit("张三"), (None, Some("张三".into())));
    }
}
