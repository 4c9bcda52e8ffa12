//! Generalisation: hand-written articles of other outlets and layouts, in the families of the
//! seeds, parse without any seed-specific code.
#![cfg(not(target_arch = "wasm32"))]

use dossier_core::article::DateBasis;
use dossier_core::parse::parse;

fn body(a: &dossier_core::article::Article) -> String {
    a.texts().collect::<Vec<_>>().join("\n")
}

#[test]
fn traditional_characters_crlf_no_final_newline() {
    let text = "俄烏局勢：拜登與普京通話一小時\r\n\r\n日期：2022-02-13\r\n\r\n（中央社記者張三綜合報導）美國總統拜登12日與俄羅斯總統普京通話一小時，雙方未取得突破。\r\n白宮表示，美方將與盟友密切協調。\r\n普京與拜登通話 圖源：路透社\r\n責任編輯：李四";
    let a = parse("tw/cna.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.file, "tw/cna.txt");
    assert_eq!(a.title, "俄烏局勢：拜登與普京通話一小時");
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2022-02-13".into(), DateBasis::Metadata))
    );
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref()),
        (Some("中央社"), Some("張三"))
    );
    assert!(
        a.events.iter().any(|e| e.date.to_string() == "2022-02-12"),
        "12日 is the day before the article"
    );
    assert_eq!(a.images.len(), 1, "caption line with 圖源");
    assert!(!body(&a).contains("責任編輯") && !body(&a).contains('\r'));
    assert_eq!(a.paragraph_count(), 2);
}

#[test]
fn entity_escaped_and_double_escaped_html() {
    let text = "---\ntitle: 会谈将继续\nsource: 澎湃新闻\ndate: 2022-03-01T09:30:00+08:00\nurl: https://www.thepaper.cn/newsDetail_forward_1\ntags: [俄罗斯, 乌克兰]\n---\n&lt;p&gt;（澎湃新闻讯）3月1日，外交部表示&amp;ldquo;会谈&amp;rdquo;将继续&amp;hellip;&lt;/p&gt;&lt;p&gt;双方&amp;amp;盟友&#x4EE3;表出席。&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    let a = parse("escaped.md", text.as_bytes()).expect("parses");
    assert_eq!(a.title, "会谈将继续");
    assert_eq!(a.source.as_deref(), Some("澎湃新闻"));
    assert_eq!(
        a.date.map(|d| d.day.to_string()).as_deref(),
        Some("2022-03-01")
    );
    assert_eq!(a.tags, ["俄罗斯", "乌克兰"]);
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.thepaper.cn/newsDetail_forward_1")
    );
    let b = body(&a);
    assert!(
        b.contains("3月1日，外交部表示“会谈”将继续…"),
        "double-escaped entities decode: {b}"
    );
    assert!(b.contains("双方&盟友代表出席。"), "entities: {b}");
    assert!(
        !b.contains("alert") && !b.contains("&lt;") && !b.contains('<'),
        "no markup: {b}"
    );
}

#[test]
fn agency_dateline_and_url_date() {
    let text = "<html><head><title>外交部回应北约东扩问题 - 新华网</title></head><body>\n<div class=\"share-bar\">分享到微信</div>\n<p>新华社北京2月5日电 外交部发言人5日表示，北约应当摒弃冷战思维。</p>\n<p>发言人说，2022年以来，地区局势持续紧张。</p>\n<p>原文链接：http://www.news.cn/world/2022-02/05/c_1128335.htm</p></body></html>";
    let a = parse("xinhua.html", text.as_bytes()).expect("parses");
    assert_eq!(
        a.title, "外交部回应北约东扩问题",
        "title from <title>, site name removed"
    );
    assert_eq!(a.source.as_deref(), Some("新华社"));
    assert_eq!(
        a.date.map(|d| d.day.to_string()).as_deref(),
        Some("2022-02-05")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("http://www.news.cn/world/2022-02/05/c_1128335.htm")
    );
    let b = body(&a);
    assert!(
        b.starts_with("外交部发言人5日表示"),
        "dateline removed: {b}"
    );
    assert!(!b.contains("分享到") && !b.contains("原文链接"));
}

#[test]
fn mirror_with_markdown_and_year_less_date_line() {
    let text = "### 欧盟宣布新一轮制裁\n\n---\n\n#### [首页](../..) | [新闻](../news) | [评论](../c)\n\n<div><p>【看中国2022年2月23日讯】（看中国记者林风综合报导）欧盟23日宣布对俄罗斯实施新一轮制裁。</p><p>欧盟官员表示，制裁将于下周生效。</p></div>\n\n---\n\n原文链接：https://www.secretchina.com/news/gb/2022/02/23/1.html";
    let a = parse("mirror.md", text.as_bytes()).expect("parses");
    assert_eq!(a.title, "欧盟宣布新一轮制裁");
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref()),
        (Some("看中国"), Some("林风"))
    );
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2022-02-23".into(), DateBasis::Dateline))
    );
    assert_eq!(
        body(&a),
        "欧盟23日宣布对俄罗斯实施新一轮制裁。\n欧盟官员表示，制裁将于下周生效。"
    );
}

#[test]
fn undated_body_only_text_is_inferred_and_ignores_plans() {
    let text = "拜登与普京于当地时间3月2日举行视频会晤，这是两人今年的第二次会晤。\n双方计划于3月20日再次会谈。\n据报道，3月1日美国国务院曾发表声明。";
    let a = parse("plain.txt", text.as_bytes()).expect("parses");
    assert!(a.title_derived);
    assert_eq!(a.date, None, "no year anywhere: nothing to infer from");

    let text2 = format!("{text}\n2022年2月底，局势开始升级。");
    let a = parse("plain2.txt", text2.as_bytes()).expect("parses");
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2022-03-02".into(), DateBasis::Inferred)),
        "latest non-future day"
    );
}

/// A repost of the mirror shape, made up: a "back to home" link, a rule, the title as a
/// heading, a repost line with the poster's name and the original address, an author line,
/// the body, then the poster's promotion channels and the site's footer links.
#[test]
fn repost_with_home_link_repost_line_and_promotions() {
    let text = "###  [:house:返回首頁](https://example.org/mirror)\n---\n\n\n## 北约峰会前瞻：成员国防务开支成焦点\n` 某某农场新闻组` [轉載自GNews](https://gnews.org/zh-hans/1234567/)\n\n作者：某某农场-小李\n![](https://img.example.org/a.jpg)图片来源：某某社\n北约成员国领导人将于下周举行峰会，防务开支预计成为焦点。\n多国官员表示，将在峰会上宣布新的军费计划。\n\n**欢迎加入某某农场 Discord**\n[某某农场YouTube](https://youtube.com/x)\n[某某农场Gettr](https://gettr.com/user/x)：farm\n视频制作及上传：阿明；\n（文章仅代表作者个人观点）\n\n- [ROL Foundation](https://rolfoundation.org/)\n- [Privacy Policy](https://gnews.org/privacy-policy/)\n";
    let a = parse("repost_20230611.md", text.as_bytes()).expect("parses");
    assert_eq!(a.title, "北约峰会前瞻：成员国防务开支成焦点");
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref()),
        (Some("GNews"), Some("某某农场-小李"))
    );
    assert_eq!(a.url.as_deref(), Some("https://gnews.org/zh-hans/1234567/"));
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2023-06-11".into(), DateBasis::FileName))
    );
    assert_eq!(
        body(&a),
        "北约成员国领导人将于下周举行峰会，防务开支预计成为焦点。\n多国官员表示，将在峰会上宣布新的军费计划。"
    );
    assert_eq!(a.images.len(), 1);
    assert_eq!(a.images[0].caption.as_deref(), Some("图片来源：某某社"));

    // Without an author line, the poster on the repost line is the author.
    let text = text.replace("作者：某某农场-小李\n", "");
    let a = parse("repost.md", text.as_bytes()).expect("parses");
    assert_eq!(a.author.as_deref(), Some("某某农场新闻组"));
    assert_eq!(a.date, None, "nothing states a date");
}

/// A mirror page of another outlet's article, made up: traditional dateline without 讯, a
/// reporter credit with a place, the reposting site's own trailer.
#[test]
fn mirror_page_reposting_another_outlet() {
    let text = "### 颱風逼近 沿海居民緊急撤離\n------------------------\n\n#### [首页](https://example.org/README.md) &nbsp;|&nbsp; [一键软件](https://example.org/x.md)\n\n<div>\n <p>\n  【某某之聲2021年9月12日】（本台記者林立台北報導）颱風預計今晚登陸，沿海居民緊急撤離。\n </p>\n <p>\n  氣象部門表示，風雨將持續到明天。\n </p>\n <p>\n  （转自看中国/责任编辑：王五）\n </p>\n</div>\n<hr/>\n手机上长按并复制下列链接或二维码分享本文章：<br/>\n原文地址（需翻墙访问）：https://www.ntdtv.com/b5/2021/09/12/a1.html\n";
    let a = parse("mirror.md", text.as_bytes()).expect("parses");
    assert_eq!(a.title, "颱風逼近 沿海居民緊急撤離");
    assert_eq!(
        (a.source.as_deref(), a.via.as_deref(), a.author.as_deref()),
        (Some("看中国"), Some("某某之聲"), Some("林立"))
    );
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2021-09-12".into(), DateBasis::Dateline))
    );
    assert_eq!(
        body(&a),
        "颱風預計今晚登陸，沿海居民緊急撤離。\n氣象部門表示，風雨將持續到明天。"
    );
}

#[test]
fn a_pictures_address_gives_the_year_a_dateline_lacks() {
    // A wire report whose dateline has no year; the text names an older year, the picture's
    // address the right one. A picture from another month gives nothing.
    let page = |img: &str| {
        format!(
            "### 美债收益率曲线趋平\n\n<div><img src=\"{img}\"/><p>路透纽约8月30日 - 两年期美债收益率目前仅较10年期美债收益率低22个基点，为2007年以来最窄，而2007年12月正是上次美国经济衰退的起点。</p></div>"
        )
    };
    let dated = |img: &str| {
        parse("wire.md", page(img).as_bytes())
            .expect("parses")
            .date
            .map(|d| (d.day.to_string(), d.basis))
    };
    assert_eq!(
        dated("https://s2.reutersmedia.net/resources/r/?m=02&d=20180831&t=2&w=20"),
        Some(("2018-08-30".into(), DateBasis::Dateline))
    );
    assert_eq!(
        dated("https://s2.reutersmedia.net/resources/r/?m=02&d=20150301&t=2&w=20"),
        Some(("2007-08-30".into(), DateBasis::Dateline)),
        "a file picture years away: the text's year, as without it"
    );
}

#[test]
fn an_interview_keeps_its_questions_and_the_interviewer_is_not_the_author() {
    let text = "王毅接受专访谈中美关系\n日期：2022年3月7日\n来源：新华社\n\n\
                国务委员兼外长王毅3月7日接受记者专访。\n\n\
                记者：您如何看待当前的中美关系？\n\n\
                王毅：中美关系正处在关键节点。\n\n\
                记者：俄乌冲突会不会影响中欧关系？\n\n\
                王毅：中方始终主张通过对话谈判解决争端。\n";
    let a = parse("interview.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.source.as_deref(), Some("新华社"));
    assert_eq!(a.author, None, "a question is nobody's name");
    let b = body(&a);
    for q in [
        "记者：您如何看待当前的中美关系？",
        "记者：俄乌冲突会不会影响中欧关系？",
    ] {
        assert!(b.contains(q), "the question {q} is kept: {b}");
    }
    assert_eq!(a.paragraph_count(), 5);
    // First in the file, a question is still no name: the interview starts there.
    let text = "专访\n\n记者：您如何看待当前的中美关系？\n\n王毅：中美关系正处在关键节点。\n";
    let a = parse("interview.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.author, None);
    assert!(body(&a).starts_with("记者：您如何看待"), "{}", body(&a));
}

#[test]
fn a_time_or_source_line_inside_the_body_is_text_not_the_articles_date_or_outlet() {
    let text = "---\ntitle: 纪念活动在纽约举行\nurl: https://www.example.com/news/2020/04/10/929271.html\n---\n\
                <p>纪念活动的安排如下。</p><p>時間：2011年9月11日</p><p>地點：紐約市</p>\
                <p>来源：国家统计局</p><p>活动吸引了数百人参加。</p>";
    let a = parse("notice.md", text.as_bytes()).expect("parses");
    assert_eq!(
        a.date.map(|d| (d.day.to_string(), d.basis)),
        Some(("2020-04-10".into(), DateBasis::Url)),
        "the event's time is not the publication date"
    );
    assert_eq!(a.source, None, "a chart's source is not the outlet");
    let b = body(&a);
    assert!(
        b.contains("時間：2011年9月11日") && b.contains("来源：国家统计局"),
        "{b}"
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn credits_that_end_the_article_are_read_and_leave_the_text() {
    // The credits come after the last paragraph; a stamp, a bare address, a label of a link and
    // a figure after them do not make them text.
    let text = "美国宣布新一轮制裁\n\n\
                美国财政部周三宣布对俄罗斯实施新一轮制裁。\n\n\
                制裁涉及多家银行。\n\n\
                作者：张三\n\n来源：美国之音\n\n20220223\n\n更多资讯请关注：\n\n\
                https://example.com/channel\n\n![](https://example.com/logo.png)\n";
    let a = parse("credits.md", text.as_bytes()).expect("parses");
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref()),
        (Some("美国之音"), Some("张三"))
    );
    let b = body(&a);
    assert!(!b.contains("作者") && !b.contains("来源"), "{b}");
    assert!(b.contains("制裁涉及多家银行。"), "{b}");
    // Before the first paragraph (after a logo), a credit line is metadata as ever.
    let text = "标题\n\n![](https://example.com/logo.png)\n\n作者：李四\n\n正文第一段。\n";
    let a = parse("logo.md", text.as_bytes()).expect("parses");
    assert_eq!(a.author.as_deref(), Some("李四"));
    assert_eq!(body(&a), "正文第一段。");
}

/// The date (day, basis), outlet and author of an article.
fn credits(a: &dossier_core::article::Article) -> (Option<String>, Option<&str>, Option<&str>) {
    (
        a.date.map(|d| format!("{} {:?}", d.day, d.basis)),
        a.source.as_deref(),
        a.author.as_deref(),
    )
}

#[test]
fn a_saved_pages_meta_tags_give_its_date_outlet_author_and_address() {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
        <title>普京宣布承认顿巴斯两地独立_国际新闻_环球网</title>\
        <meta property=\"og:site_name\" content=\"环球网\">\
        <meta property=\"article:published_time\" content=\"2022-02-21T23:15:00Z\">\
        <meta property=\"article:publisher\" content=\"https://www.facebook.com/huanqiu\">\
        <meta name=\"author\" content=\"环球时报记者 刘七\">\
        <link rel=\"canonical\" href=\"https://world.huanqiu.com/article/46vMkyPQhTz\">\
        </head><body><nav><a href=\"/\">首页</a></nav><article><h1>普京宣布承认顿巴斯两地独立</h1>\
        <p>俄罗斯总统普京21日签署命令，承认顿涅茨克和卢甘斯克独立。</p></article></body></html>";
    let a = parse("huanqiu.html", page.as_bytes()).expect("parses");
    assert_eq!(a.title, "普京宣布承认顿巴斯两地独立");
    assert_eq!(
        credits(&a),
        (
            Some("2022-02-22 Metadata".into()),
            Some("环球网"),
            Some("刘七")
        ),
        "23:15 UTC is the next day in Beijing"
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://world.huanqiu.com/article/46vMkyPQhTz")
    );
    // The front matter says first.
    let md = format!("---\nsource: 观察者网\ndate: 2022-02-20\n---\n{page}");
    let a = parse("huanqiu.md", md.as_bytes()).expect("parses");
    assert_eq!(
        credits(&a),
        (
            Some("2022-02-20 Metadata".into()),
            Some("观察者网"),
            Some("刘七")
        )
    );
}

#[test]
fn date_lines_with_the_outlet_after_them_bylines_and_wechat_headers() {
    let paragraphs = "\n\n美国财政部周三宣布对俄罗斯实施新一轮制裁。\n\n制裁涉及多家银行。\n";
    // A header under the title, and the date (with its basis), outlet and author it gives.
    type Credits<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let cases: &[(&str, Credits)] = &[
        (
            "2022年02月24日08:32 | 来源：人民网－人民日报",
            (Some("2022-02-24 Timestamp"), Some("人民网"), None),
        ),
        (
            "2022年02月24日 08:32 新浪财经",
            (Some("2022-02-24 Timestamp"), Some("新浪财经"), None),
        ),
        (
            "澎湃新闻记者 赵六\n2022-02-24 08:32 来源：澎湃新闻",
            (Some("2022-02-24 Timestamp"), Some("澎湃新闻"), Some("赵六")),
        ),
        ("记者 赵六 王七", (None, None, Some("赵六、王七"))),
        (
            "原创 张三 国际观察 2022-02-24 08:32 发表于北京",
            (Some("2022-02-24 Timestamp"), Some("国际观察"), Some("张三")),
        ),
        (
            "国际观察 2022年02月24日 08:32",
            (Some("2022-02-24 Timestamp"), Some("国际观察"), None),
        ),
        (
            "发布时间：2022-02-24 10:30:00  来源：中国新闻网  作者：张三",
            (
                Some("2022-02-24 Metadata"),
                Some("中国新闻网"),
                Some("张三"),
            ),
        ),
        (
            "來源：自由時報 2022/02/24 10:30",
            (Some("2022-02-24 Metadata"), Some("自由時報"), None),
        ),
        (
            "2022年2月24日\nBBC News 中文",
            (Some("2022-02-24 Timestamp"), Some("BBC中文网"), None),
        ),
    ];
    for (header, want) in cases {
        let text = format!("美国宣布新一轮对俄制裁\n{header}{paragraphs}");
        let a = parse("a.txt", text.as_bytes()).expect("parses");
        let got = credits(&a);
        assert_eq!((got.0.as_deref(), got.1, got.2), *want, "{header}");
        assert!(a.tags.is_empty(), "{header}: no tags {:?}", a.tags);
        assert_eq!(
            body(&a),
            "美国财政部周三宣布对俄罗斯实施新一轮制裁。\n制裁涉及多家银行。",
            "{header}"
        );
    }
    // A line that only starts with a date is text.
    let text = format!("标题\n2022年2月24日 俄军开始行动，乌克兰宣布全国进入战时状态{paragraphs}");
    let a = parse("a.txt", text.as_bytes()).expect("parses");
    assert!(
        body(&a).starts_with("2022年2月24日 俄军开始行动"),
        "{}",
        body(&a)
    );
}

#[test]
fn a_foot_of_credits_page_furniture_and_bracketed_sources() {
    let text = "美国宣布新一轮对俄制裁\n\n美国财政部周三宣布对俄罗斯实施新一轮制裁。\n\n\
                制裁涉及多家银行。（完）\n\n【责任编辑：张三】\n\n本文来源：新华网\n\n\
                点击进入专题：俄乌冲突\n\n相关新闻：\n\n美国制裁俄罗斯央行\n\n欧盟跟进制裁\n\n\
                【纠错】 【打印】 【关闭】\n\n扫描二维码关注我们\n\n举报/反馈\n";
    let a = parse("a.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.source.as_deref(), Some("新华网"));
    assert_eq!(
        body(&a),
        "美国财政部周三宣布对俄罗斯实施新一轮制裁。\n制裁涉及多家银行。（完）"
    );
    let related: Vec<&str> = a.related.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(related, ["美国制裁俄罗斯央行", "欧盟跟进制裁"]);
    // A press conference's questions and answers, and its source in brackets at the foot.
    let text = "外交部例行记者会\n\n问：美方宣布对俄新制裁，中方对此有何评论？\n\n\
                答：中方一贯反对单边制裁。\n\n（来源：外交部网站）\n";
    let a = parse("b.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.source.as_deref(), Some("外交部网站"));
    assert_eq!(a.paragraph_count(), 2);
}

#[test]
fn a_web_clippers_note_breadcrumbs_and_a_pages_site_name_are_not_the_article() {
    // Obsidian's web clipper: `source` is the address, names are wiki links.
    let text = "---\ntitle: \"乌克兰危机：你需要知道的五件事\"\n\
                source: \"https://www.bbc.com/zhongwen/simp/world-60500000\"\n\
                author:\n  - \"[[BBC News 中文]]\"\npublished: 2022-02-24\ncreated: 2022-03-01\n\
                tags:\n  - \"clippings\"\n---\n俄罗斯周四对乌克兰发动军事行动，引发国际社会强烈谴责。\n";
    let a = parse("clip.md", text.as_bytes()).expect("parses");
    assert_eq!(
        credits(&a),
        (Some("2022-02-24 Metadata".into()), Some("BBC中文网"), None)
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.bbc.com/zhongwen/simp/world-60500000")
    );
    let text = "---\nauthor: \"[[people/张三|张三]]\"\n---\n正文。\n";
    let a = parse("clip.md", text.as_bytes()).expect("parses");
    assert_eq!(a.author.as_deref(), Some("张三"));
    // A breadcrumb trail above the title.
    let text = "首页 > 国际 > 正文\n普京宣布承认顿巴斯两地独立\n2022-02-22 09:15:00 来源：环球网\n\n\
                俄罗斯总统普京21日签署命令，承认顿涅茨克和卢甘斯克独立。\n";
    let a = parse("crumbs.txt", text.as_bytes()).expect("parses");
    assert_eq!(a.title, "普京宣布承认顿巴斯两地独立");
    assert_eq!(
        credits(&a),
        (Some("2022-02-22 Timestamp".into()), Some("环球网"), None)
    );
    assert_eq!(a.paragraph_count(), 1);
    // A page whose header names the site, and whose <title> has the section and site after
    // the article's title.
    let page = "<html><head><title>普京宣布承认顿巴斯两地独立_国际新闻_环球网</title></head><body>\
                <div class=\"header\"><a href=\"/\">环球网</a></div><div class=\"article-content\">\
                <p>俄罗斯总统普京21日签署命令，承认顿涅茨克和卢甘斯克独立。</p></div></body></html>";
    let a = parse("page.html", page.as_bytes()).expect("parses");
    assert_eq!(a.title, "普京宣布承认顿巴斯两地独立");
    assert!(!a.title_derived);
}

#[test]
fn articles_saved_as_json_by_scrapers() {
    use dossier_core::parse::{JsonKind, ParseError};
    // news-please
    let json = r#"{"authors": ["张三"], "date_download": "2022-03-01 10:00:00", "date_publish": "2022-02-22 09:15:00", "description": "摘要", "language": "zh", "maintext": "俄罗斯总统普京21日签署命令，承认顿涅茨克和卢甘斯克独立。\n\n此举引发西方国家强烈反应。", "source_domain": "www.bbc.com", "title": "普京宣布承认顿巴斯两地独立", "url": "https://www.bbc.com/zhongwen/simp/world-60470000"}"#;
    let a = parse("np.json", json.as_bytes()).expect("parses");
    assert_eq!(a.title, "普京宣布承认顿巴斯两地独立");
    assert_eq!(
        credits(&a),
        (
            Some("2022-02-22 Metadata".into()),
            Some("BBC中文网"),
            Some("张三")
        )
    );
    assert_eq!(a.paragraph_count(), 2);
    // trafilatura
    let json = r#"{"title": "普京宣布承认顿巴斯两地独立", "author": "刘七", "hostname": "huanqiu.com", "date": "2022-02-22", "url": "https://world.huanqiu.com/article/46vMkyPQhTz", "source-hostname": "环球网", "text": "俄罗斯总统普京21日签署命令。\n此举引发西方国家强烈反应。", "tags": "普京,顿巴斯"}"#;
    let a = parse("t.json", json.as_bytes()).expect("parses");
    assert_eq!(
        credits(&a),
        (
            Some("2022-02-22 Metadata".into()),
            Some("环球网"),
            Some("刘七")
        )
    );
    assert_eq!(a.tags, ["普京", "顿巴斯"]);
    // schema.org's NewsArticle, its body HTML: read as any page is.
    let json = r#"{"headline": "标题", "datePublished": "2022-02-22T09:15:00+08:00", "publisher": {"name": "联合早报"}, "articleBody": "<p>第一段。</p><p>第二段。</p><script>x()</script>"}"#;
    let a = parse("s.json", json.as_bytes()).expect("parses");
    assert_eq!(
        (a.title.as_str(), a.source.as_deref()),
        ("标题", Some("联合早报"))
    );
    assert_eq!(body(&a), "第一段。\n第二段。");
    // Several articles in one file: `parse` reports them, `parse_file` gives each, named by
    // its place; an object with no text is reported.
    let lines = "{\"title\": \"一\", \"content\": \"正文一。\"}\n{\"title\": \"二\", \"content\": \"正文二。\"}\n{\"title\": \"三\"}\n";
    assert_eq!(
        parse("b.jsonl", lines.as_bytes()),
        Err(ParseError::Json(JsonKind::Several(3)))
    );
    let each = dossier_core::parse::parse_file("b.jsonl", lines.as_bytes());
    let names: Vec<&str> = each.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["b.jsonl#1", "b.jsonl#2", "b.jsonl#3"]);
    assert_eq!(each[1].1.as_ref().map(|a| a.title.as_str()), Ok("二"));
    assert_eq!(each[1].1.as_ref().map(|a| a.file.as_str()), Ok("b.jsonl#2"));
    assert_eq!(each[2].1, Err(ParseError::Json(JsonKind::NoText)));
    let array = r#"[{"title": "一", "text": "正文一。"}, {"title": "二", "text": "正文二。"}]"#;
    assert_eq!(
        dossier_core::parse::parse_file("c.json", array.as_bytes()).len(),
        2
    );
    // Any other file is one article, under its own name.
    assert_eq!(
        dossier_core::parse::parse_file("d.txt", "标题\n\n正文。".as_bytes())[0].0,
        "d.txt"
    );
    assert!(dossier_core::parse::of_file("b.jsonl#12", "b.jsonl"));
    assert!(dossier_core::parse::of_file("b.jsonl", "b.jsonl"));
    assert!(!dossier_core::parse::of_file("b.jsonl#x", "b.jsonl"));
    assert!(!dossier_core::parse::of_file("b.jsonl2", "b.jsonl"));
    assert_eq!(
        parse("package.json", br#"{"name": "x", "version": "1.0.0"}"#),
        Err(ParseError::Json(JsonKind::NoText))
    );
    assert_eq!(
        parse("b.jsonl", lines.as_bytes()).unwrap_err().to_string(),
        "3 articles in one JSON file; save each in a file of its own"
    );
}

#[test]
fn an_outlet_above_the_title_a_credits_line_in_parts_time_elements_and_the_site_in_title() {
    let text = "人民网\n外交部：中方呼吁各方保持克制\n\n外交部发言人华春莹23日主持例行记者会。\n";
    let a = parse("a.txt", text.as_bytes()).expect("parses");
    assert_eq!(
        (a.title.as_str(), a.source.as_deref()),
        ("外交部：中方呼吁各方保持克制", Some("人民网"))
    );
    assert_eq!(a.paragraph_count(), 1);
    let page = "<html><head><title>俄乌谈判取得进展 | 端传媒</title></head><body><article><header>\
                <h1>俄乌谈判取得进展</h1><p class=\"byline\">作者 <a href=\"/author/1\">王五</a> · \
                <time datetime=\"2022-03-03T20:00:00Z\">2022年3月4日</time></p></header>\
                <p>俄乌双方代表3日在白俄罗斯举行第二轮谈判。</p></article></body></html>";
    let a = parse("c.html", page.as_bytes()).expect("parses");
    assert_eq!(
        credits(&a),
        (
            Some("2022-03-04 Metadata".into()),
            Some("端传媒"),
            Some("王五")
        )
    );
    assert_eq!(body(&a), "俄乌双方代表3日在白俄罗斯举行第二轮谈判。");
    let text = "标题\n文／张三 | 澎湃新闻 | 2022-03-04 10:00\n\n正文第一段。\n";
    let a = parse("d.txt", text.as_bytes()).expect("parses");
    assert_eq!(
        credits(&a),
        (
            Some("2022-03-04 Timestamp".into()),
            Some("澎湃新闻"),
            Some("张三")
        )
    );
    // Parts that are not all credits: text.
    let text = "标题\n\n美国 · 俄罗斯 · 乌克兰三方会谈今日举行\n\n正文第一段。\n";
    let a = parse("e.txt", text.as_bytes()).expect("parses");
    assert!(body(&a).starts_with("美国 · 俄罗斯"), "{}", body(&a));
}

/// Lines a review found the header rules misread: each a title, the line, then two paragraphs.
#[test]
fn header_lines_that_are_no_credits_and_credits_after_other_header_lines() {
    let paragraphs = "\n\n美国财政部周三宣布对俄罗斯实施新一轮制裁。\n\n制裁涉及多家银行。\n";
    let read = |header: &str| {
        let text = format!("美国宣布新一轮对俄制裁\n{header}{paragraphs}");
        parse("a.txt", text.as_bytes()).expect("parses")
    };
    // Metadata after header lines the parser does not know is still the header's.
    for first in [
        "浏览次数：1234",
        "【字体：大 中 小】",
        "——访中国驻俄大使张汉晖",
        "2022-02-24 10:30 星期四",
    ] {
        let a = read(&format!("{first}\n来源：新京报  作者：张三"));
        assert_eq!(
            (a.source.as_deref(), a.author.as_deref()),
            (Some("新京报"), Some("张三")),
            "after {first}"
        );
        assert!(!body(&a).contains("来源"), "after {first}: {}", body(&a));
    }
    // Dates with a name, a section or a word before them name no outlet.
    for line in [
        "张三 · 2022年3月4日",
        "发布于 2022-02-24 10:30",
        "北京时间 2022-02-24 10:30",
        "2022-02-24 10:30 | 国际新闻",
        "财经 | 2022-02-24 10:30",
        "新闻 · 2022-02-24",
    ] {
        let a = read(line);
        assert_eq!(a.source, None, "{line}");
    }
    assert_eq!(
        read("澎湃新闻 · 2022-02-24").source.as_deref(),
        Some("澎湃新闻")
    );
    // Bylines: roles and reporting verbs are not names.
    for (line, author) in [
        ("新华社记者 张三 报道", "张三"),
        ("记者 张三 通讯员 李四", "张三、李四"),
        ("本报记者 王五", "王五"),
        ("特约记者 张三", "张三"),
    ] {
        let a = read(line);
        assert_eq!(a.author.as_deref(), Some(author), "{line}");
        assert!(a.tags.is_empty(), "{line}: {:?}", a.tags);
    }
}

#[test]
fn short_titles_are_not_outlets_nor_breadcrumbs_and_sentences_are_not_junk() {
    let paragraphs = "\n\n乘客须扫描二维码登记。\n\n制裁涉及多家银行。\n";
    for (first, second) in [
        ("抖音关停直播平台", "2022年2月24日 星期四"),
        ("谁在制造假新闻", "张三 李四"),
        ("告别南方周末", "——一位老编辑的回忆"),
        ("华尔街日报", "美股大跌"),
        ("简体中文", "美股大跌"),
        ("上证指数 > 3000点", "——沪指创新高"),
    ] {
        let text = format!("{first}\n{second}{paragraphs}");
        let a = parse("a.txt", text.as_bytes()).expect("parses");
        assert_eq!(a.title, first, "{first} / {second}");
        assert_eq!(a.source, None, "{first} / {second}");
    }
    let text = format!("标题{paragraphs}");
    let a = parse("a.txt", text.as_bytes()).expect("parses");
    assert!(body(&a).contains("乘客须扫描二维码登记。"), "{}", body(&a));
    // A page's <title> with its section first keeps the <h1>.
    let page = "<html><head><title>专访 | 俄乌谈判取得进展</title></head><body>\
                <h1>俄乌谈判取得进展</h1><p>俄乌双方代表3日在白俄罗斯举行第二轮谈判。</p></body></html>";
    assert_eq!(
        parse("p.html", page.as_bytes()).unwrap().title,
        "俄乌谈判取得进展"
    );
    // A page's author tag that names a system or a department names no author.
    for (author, source, person) in [
        ("webmaster", None, None),
        ("网易新闻", Some("网易新闻"), None),
        ("新浪网技术部", Some("新浪网"), None),
    ] {
        let page = format!(
            "<html><head><meta name=\"author\" content=\"{author}\"></head><body>\
             <h1>标题</h1><p>俄乌双方代表3日在白俄罗斯举行第二轮谈判。</p></body></html>"
        );
        let a = parse("p.html", page.as_bytes()).unwrap();
        assert_eq!(
            (a.source.as_deref(), a.author.as_deref()),
            (source, person),
            "{author}"
        );
    }
}

#[test]
fn a_json_lines_file_with_a_broken_line_keeps_the_others() {
    use dossier_core::parse::{JsonKind, ParseError, parse_file};
    let lines = "{\"title\": \"一\", \"text\": \"正文一。\"}\n{\"title\": \"二\", \"te\n{\"title\": \"三\", \"text\": \"正文三。\"}\n";
    let each = parse_file("f.jsonl", lines.as_bytes());
    let got: Vec<(&str, bool)> = each.iter().map(|(f, r)| (f.as_str(), r.is_ok())).collect();
    assert_eq!(
        got,
        [
            ("f.jsonl#1", true),
            ("f.jsonl#2", false),
            ("f.jsonl#3", true)
        ]
    );
    assert_eq!(each[1].1, Err(ParseError::Json(JsonKind::Invalid)));
    // One article in an array is the file's one article.
    let one = parse_file(
        "g.json",
        "[{\"title\": \"一\", \"text\": \"正文一。\"}]".as_bytes(),
    );
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].0, "g.json");
    assert!(one[0].1.is_ok());
    // A year of a billion in Chinese numerals is no date (and no overflow).
    let text = "---\ndate: 民國二一四七四八三六四七年1月1日\n---\n正文。\n";
    assert!(parse("h.md", text.as_bytes()).unwrap().date.is_none());
}

#[test]
fn taiwan_hong_kong_and_singapore_headers() {
    let paragraphs = "\n\n美國總統拜登23日宣布對俄羅斯實施新一輪制裁。\n\n制裁涉及多家銀行。\n";
    // A header, and the day, outlet and author it gives.
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let cases: &[Case] = &[
        // 自由時報: a stamp that says it is the first publication, bracketed credits.
        ("2022/02/24 10:30 首次發布", Some("2022-02-24"), None, None),
        // 联合早报: `发布/` and `文/`.
        (
            "发布/2022年2月24日 10:30\n文/张三",
            Some("2022-02-24"),
            None,
            Some("张三"),
        ),
        // 财新: `文｜` with the outlet and the name.
        ("文｜财新 张三", None, Some("财新"), Some("张三")),
        // HK01: the update after the publication is not text, and not the date.
        (
            "撰文：張三\n發布日期：2022-02-24 10:30\n最後更新日期：2022-02-25 09:00",
            Some("2022-02-24"),
            None,
            Some("張三"),
        ),
        // Yahoo: the weekday and the half of the day before the time.
        (
            "2022年2月24日 週四 上午10:30",
            Some("2022-02-24"),
            None,
            None,
        ),
        ("2022年2月24日（星期四）", Some("2022-02-24"), None, None),
        // `发布：` with a date says when, not who.
        ("发布：2022年2月24日 10:30", Some("2022-02-24"), None, None),
    ];
    for (header, day, source, author) in cases {
        let text = format!("美國宣布新一輪對俄制裁\n{header}{paragraphs}");
        let a = parse("a.txt", text.as_bytes()).expect("parses");
        let got = (
            a.date.map(|d| d.day.to_string()),
            a.source.as_deref(),
            a.author.as_deref(),
        );
        assert_eq!(
            (got.0.as_deref(), got.1, got.2),
            (*day, *source, *author),
            "{header}"
        );
        assert!(a.tags.is_empty(), "{header}: {:?}", a.tags);
        assert_eq!(a.paragraph_count(), 2, "{header}: {}", body(&a));
    }
}

#[test]
fn a_date_above_the_title_quoted_metadata_emphasis_and_a_weibo_post() {
    let paragraphs = "\n\n美国总统拜登23日宣布对俄罗斯实施新一轮制裁。\n\n制裁涉及多家银行。\n";
    for (file, head) in [
        ("a.txt", "2022-02-24\n美国宣布新一轮对俄制裁"),
        (
            "b.md",
            "# 美国宣布新一轮对俄制裁\n\n> 来源：新华社\n> 日期：2022-02-24",
        ),
        (
            "c.md",
            "**美国宣布新一轮对俄制裁**\n\n*2022年2月24日 来源：新华社*",
        ),
    ] {
        let a = parse(file, format!("{head}{paragraphs}").as_bytes()).expect("parses");
        assert_eq!(a.title, "美国宣布新一轮对俄制裁", "{file}");
        assert_eq!(
            a.date.map(|d| d.day.to_string()).as_deref(),
            Some("2022-02-24"),
            "{file}"
        );
        assert_eq!(a.paragraph_count(), 2, "{file}: {}", body(&a));
    }
    // A Weibo post: its bracketed headline is the title, its topics are tags.
    let post = "【美国宣布新一轮对俄制裁】#俄乌冲突# 美国总统拜登23日宣布对俄罗斯实施新一轮制裁，\
                制裁涉及多家银行。#国际观察#\n";
    let a = parse("w.txt", post.as_bytes()).expect("parses");
    assert_eq!(a.title, "美国宣布新一轮对俄制裁");
    assert!(!a.title_derived);
    assert_eq!(a.tags, ["俄乌冲突", "国际观察"]);
    assert!(body(&a).starts_with("#俄乌冲突# 美国总统"), "{}", body(&a));
    // A dateline in brackets is no headline.
    let post = "【大纪元2022年2月24日讯】美国总统拜登23日宣布对俄罗斯实施新一轮制裁。\n";
    let a = parse("e.txt", post.as_bytes()).expect("parses");
    assert!(a.title_derived);
}

/// What a second review found the newest rules misread.
#[test]
fn unit_numbers_labels_outlets_alone_updates_and_a_charts_source_at_the_foot() {
    let a = parse(
        "a.txt",
        "标题\n\n该厂3#机组和4#机组完成检修，1#高炉复产。\n\n程序员常用C#和F#开发。\n".as_bytes(),
    )
    .unwrap();
    assert!(a.tags.is_empty(), "{:?}", a.tags);
    let a = parse("b.txt", "【核心提示】近日，某市出台新政。\n".as_bytes()).unwrap();
    assert!(
        a.title_derived && body(&a).starts_with("【核心提示】"),
        "{}",
        a.title
    );
    for (header, source) in [("文/新华社", "新华社"), ("作者 人民日报评论员", "人民日报")]
    {
        let a = parse("c.txt", format!("标题\n\n{header}\n\n正文。\n").as_bytes()).unwrap();
        assert_eq!(
            (a.source.as_deref(), a.author.as_deref()),
            (Some(source), None),
            "{header}"
        );
    }
    // An update line dates a page that states nothing else.
    let a = parse(
        "f.txt",
        "标题\n\n更新日期：2022-03-01\n\n正文。\n".as_bytes(),
    )
    .unwrap();
    assert_eq!(
        a.date.map(|d| d.day.to_string()).as_deref(),
        Some("2022-03-01")
    );
    // A chart's source at the foot is text, not a credit.
    let a = parse(
        "g.md",
        "# 标题\n\n正文第一段，这是一个完整的句子。\n\n正文第二段。\n\n来源：国家统计局\n"
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(a.source, None);
    assert!(body(&a).ends_with("来源：国家统计局"), "{}", body(&a));
}
