// Writes the XSS fixture collection (tests/xss/articles/) and its machine-readable list
// (tests/xss/vectors.json) from the table below, so the two never disagree.
//
//   node tests/xss/generate.mjs
//
// Every payload, if it ever ran, would set `window.__xss` to its id or open a dialog
// (alert/confirm/prompt); tests/e2e/xss.test.mjs checks that neither happens. Each file also
// carries a search marker (`xv` + its id, e.g. `xvt01`) in a body paragraph, so the e2e test
// can find it in the result list. Files meant to fail parsing say so (`fails: true`): the
// test then expects them in the error notice instead.
import { mkdirSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const HERE = resolve(import.meta.dirname);
const OUT = join(HERE, 'articles');

const js = (id) => `window.__xss='${id}'`;
const marker = (id) => `xv${id}`;
const para = (id) => `第${id}号测试文章，搜索标记 ${marker(id)}：北约与俄罗斯就乌克兰安全问题继续对话。`;
const htmlPara = (id) => `<p>${para(id)}</p>`;

// The file shapes the parser knows.
const shape = {
  /** Scraped plain text: a title line, then one paragraph per line. */
  plain: (title, lines) => `${title}\n\n${lines.join('\n')}\n`,
  /** YAML front matter (raw lines) and an HTML body. */
  fm: (yaml, body) => `---\n${yaml.trim()}\n---\n\n<div>\n${body}\n</div>\n`,
  /** Mirror page: `### title`, a rule, navigation, an HTML body. */
  mirror: (title, body) =>
    `### ${title}\n\n---\n\n#### [首页](../../index.html) &nbsp;|&nbsp; [评论](../../c.html)\n\n<div class="post_content" id="artbody">\n${body}\n</div>\n`,
  /** A whole scraped HTML page. */
  page: (title, body, head = '') =>
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title>${head}</head>\n<body><article>\n${body}\n</article></body></html>\n`,
};

// [id, where, shape, payload, file contents builder(id, payload) -> string | Buffer, opts]
const V = [];
const add = (id, where, kind, payload, build, opts = {}) => V.push({ id, where, shape: kind, payload, build, ...opts });

// ---- titles -------------------------------------------------------------------------------
add('t01', 'title', 'plain', `<script>${js('t01')}</script>北约回应`, (id, p) => shape.plain(p, [para(id)]));
add('t02', 'title', 'plain', `<img src=x onerror="${js('t02')}">标题`, (id, p) => shape.plain(p, [para(id)]));
add('t03', 'title', 'plain', `&lt;svg onload=${js('t03')}&gt;实体编码标题`, (id, p) => shape.plain(p, [para(id)]));
add('t04', 'title', 'front matter', `<svg/onload=alert('t04')>`, (id, p) => shape.fm(`title: "${p}"\ndate: 2022-01-27`, htmlPara(id)));
add('t05', 'title', 'front matter', `'"><script>${js('t05')}</script>`, (id, p) => shape.fm(`title: '${p.replaceAll("'", "''")}'\ndate: 2022-01-27`, htmlPara(id)));
add('t06', 'title', 'mirror', `<iframe srcdoc="<script>parent.${js('t06')}</script>">镜像标题`, (id, p) => shape.mirror(p, htmlPara(id)));
add('t07', 'title', 'scraped html', `<img src=x onerror=${js('t07')}> - 某网站`, (id, p) => shape.page(p, htmlPara(id), `<script>${js('t07')}</script>`));
add('t08', 'title', 'front matter', `&amp;lt;script&amp;gt;${js('t08')}&amp;lt;/script&amp;gt;`, (id, p) => shape.fm(`title: '${p}'`, htmlPara(id)));
add('t09', 'title', 'front matter', `block scalar <script>${js('t09')}</script>`, (id, p) => shape.fm(`title: |\n  ${p}\n  <img src=x onerror=alert(9)>`, htmlPara(id)));
add('t10', 'title', 'plain', `\u202e>tpircs/<)'t10'(trela>tpircs<\u202c 反向文字标题`, (id, p) => shape.plain(p, [para(id)]));

// ---- front matter fields ------------------------------------------------------------------
add('f01', 'front matter author', 'front matter', `<img src=x onerror="${js('f01')}">`, (id, p) => shape.fm(`title: 作者字段\nauthor: '${p}'`, htmlPara(id)));
add('f02', 'front matter categories', 'front matter', `<script>${js('f02')}</script>`, (id, p) => shape.fm(`title: 分类字段\ncategories:\n - '${p}'\n - 新媒体\n - "<svg onload=alert(2)>"`, htmlPara(id)));
add('f03', 'front matter date', 'front matter', `<svg onload="${js('f03')}">`, (id, p) => shape.fm(`title: 日期字段\ndate: '${p}'`, htmlPara(id)));
add('f04', 'front matter headimg', 'front matter', `javascript:${js('f04')}`, (id, p) => shape.fm(`title: 头图字段\nheadimg: "${p}"`, htmlPara(id)));
add('f05', 'front matter thumbnail', 'front matter', 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0id2luZG93Ll9feHNzPSdmMDUnIi8+', (id, p) => shape.fm(`title: 缩略图字段\nthumbnail: '${p}'`, htmlPara(id)));
add('f06', 'front matter headimg (attribute break-out)', 'front matter', `https://img.example/f06.jpg" onerror="${js('f06')}`, (id, p) => shape.fm(`title: 头图属性\nheadimg: '${p.replaceAll("'", "''")}'`, htmlPara(id)));
add('f07', 'front matter tags', 'front matter', `<script>alert('f07')</script>`, (id, p) => shape.fm(`title: 标签字段\ntags: ["${p}", 北约]`, htmlPara(id)));
add('f08', 'front matter source', 'front matter', `<a href=javascript:${js('f08')}>新华社</a>`, (id, p) => shape.fm(`title: 来源字段\nsource: "${p}"`, htmlPara(id)));
add('f09', 'front matter url', 'front matter', `javascript:${js('f09')}`, (id, p) => shape.fm(`title: 网址字段\nurl: "${p}"`, htmlPara(id)));
add('f10', 'front matter url (mixed case)', 'front matter', `JaVaScRiPt:${js('f10')}`, (id, p) => shape.fm(`title: 网址大小写\nurl: "${p}"`, htmlPara(id)));
add('f11', 'front matter url (data:)', 'front matter', `data:text/html,<script>${js('f11')}</script>`, (id, p) => shape.fm(`title: 网址数据\nlink: "${p}"`, htmlPara(id)));
add('f12', 'front matter url (vbscript:)', 'front matter', `vbscript:msgbox("f12")`, (id, p) => shape.fm(`title: 网址VB\nurl: '${p}'`, htmlPara(id)));
add('f13', 'front matter url (protocol-relative)', 'front matter', `//evil.example/f13`, (id, p) => shape.fm(`title: 网址协议相对\nurl: '${p}'`, htmlPara(id)));
add('f14', 'front matter url (entity newline)', 'front matter', `java&#x0A;script:${js('f14')}`, (id, p) => shape.fm(`title: 网址实体换行\nurl: "${p}"`, htmlPara(id)));
add('f15', 'front matter url (tab in scheme)', 'front matter', `java\tscript:${js('f15')}`, (id, p) => shape.fm(`title: 网址制表符\nurl: "${p}"`, htmlPara(id)));
add('f16', 'front matter url (entity-encoded scheme)', 'front matter', `&#106;&#97;vascript:${js('f16')}`, (id, p) => shape.fm(`title: 网址实体\npermalink: "${p}"`, htmlPara(id)));
add('f17', 'front matter url (http address smuggled after a script scheme)', 'front matter', `javascript:${js('f17')};//https://example.com/f17`, (id, p) => shape.fm(`title: 网址夹带\nurl: "${p}"`, htmlPara(id)));
add('f18', 'front matter url (leading control character)', 'front matter', `\u0001javascript:${js('f18')}`, (id, p) => shape.fm(`title: 网址控制字符\ncanonical: "${p}"`, htmlPara(id)));
add('f19', 'front matter url (attribute break-out)', 'front matter', `https://example.com/f19"><script>${js('f19')}</script>`, (id, p) => shape.fm(`title: 网址跳出\nsource_url: '${p}'`, htmlPara(id)));
add('f20', 'front matter thumbnail (javascript: with https tail)', 'front matter', `javascript:${js('f20')}//https://img.example/f20.jpg`, (id, p) => shape.fm(`title: 缩略图夹带\nthumbnail: "${p}"`, htmlPara(id)));

// ---- tag links ----------------------------------------------------------------------------
add('g01', 'tag link href (markup inside quotes)', 'scraped html', `<a href="/tag/<script>${js('g01')}</script>"></a>`, (id, p) => shape.page('标签链接一', `${htmlPara(id)}<p>标签：${p}</p>`));
add('g02', 'tag link href (percent-encoded markup)', 'front matter', `<a href="/tag/%3Csvg%2Fonload%3Dalert()%3E"></a>`, (id, p) => shape.fm(`title: 标签百分号`, `${htmlPara(id)}<p>${p}</p>`));
add('g03', 'tag link text (entity-encoded markup)', 'mirror', `<a href="/tag/x">&lt;b onclick=alert()&gt;</a>`, (id, p) => shape.mirror('标签文字', `${htmlPara(id)}<p>${p}</p>`));
add('g04', 'tag link on a custom element with a handler', 'mirror', `<ok href="/tags/北约" onclick="${js('g04')}" onmouseover="${js('g04')}">北约</ok>`, (id, p) => shape.mirror('自定义标签元素', `${htmlPara(id)}<p>${p}</p>`));
add('g05', 'tag link href javascript: with /tag/', 'scraped html', `<a href="javascript:${js('g05')}//tag/北约">北约</a>`, (id, p) => shape.page('标签脚本链接', `${htmlPara(id)}<p>${p}</p>`));
add('g06', 'tag link text breaking out of an attribute', 'front matter', `<a href="?tag=x">"><svg onload=alert(6)></a>`, (id, p) => shape.fm(`title: 标签跳出`, `${htmlPara(id)}<p>${p}</p>`));
add('g07', 'plain tag line with handler-like words', 'plain', `onfocus=alert\`g07\` 北约 俄罗斯`, (id, p) => shape.plain('标签行', ['日期:01-27', p, para(id)]));

// ---- captions -----------------------------------------------------------------------------
add('c01', 'figcaption (entity-encoded img)', 'front matter', `&lt;img src=x onerror=${js('c01')}&gt;`, (id, p) => shape.fm(`title: 图注一`, `${htmlPara(id)}<figure><img src="https://img.example/c01.jpg"><figcaption>${p}</figcaption></figure>`));
add('c02', 'caption div with script and handler', 'mirror', `<script>${js('c02')}</script>图：<b onmouseover=alert(2)>北约</b>`, (id, p) => shape.mirror('图注二', `<div><img src="https://img.example/c02.jpg"/><div class="caption">${p}</div></div>${htmlPara(id)}`));
add('c03', 'plain caption line with raw markup', 'plain', `图：<svg onload=alert('c03')>北约总部`, (id, p) => shape.plain('图注三', [para(id), p, '普京表示愿意继续谈判。']));
add('c04', 'pic-info caption with iframe', 'scraped html', `<iframe src="javascript:parent.${js('c04')}"></iframe>说明文字`, (id, p) => shape.page('图注四', `<p><img src="https://img.example/c04.jpg"></p><span class="pic-info">${p}</span>${htmlPara(id)}`));

// ---- image attributes ---------------------------------------------------------------------
const img = (id, where, tag) => add(id, where, 'front matter', tag, (i, p) => shape.fm(`title: 图片${i}`, `${htmlPara(i)}<p>${p}</p><p>图片说明${i}</p>`));
img('i01', 'img src javascript:', `<img src="javascript:${js('i01')}">`);
img('i02', 'img onerror', `<img src=x onerror="${js('i02')}">`);
img('i03', 'img srcset javascript:', `<img srcset="javascript:alert('i03') 1x" src="https://img.example/i03.jpg">`);
img('i04', 'img src data: SVG', `<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=">`);
img('i05', 'img data-src vbscript:', `<img data-src="vbscript:msgbox('i05')">`);
img('i06', 'img src entity newline in scheme', `<img src=" java&#x0A;script:${js('i06')}">`);
img('i07', 'img src entity-encoded scheme', `<img src="&#x6A;avascript:${js('i07')}">`);
img('i08', 'img src double-encoded scheme', `<img src="&amp;#106;avascript:alert('i08')">`);
img('i09', 'img protocol-relative src with onload', `<img src="//img.example/i09.jpg" onload="${js('i09')}">`);
img('i10', 'img src attribute break-out via &quot;', `<img src="https://img.example/i10.jpg&quot; onerror=&quot;${js('i10')}">`);
img('i13', 'img src backslash protocol-relative', `<img src="/\\evil.example/i13.jpg">`);
img('i14', 'img src control character before scheme', `<img src="&#1;javascript:${js('i14')}">`);
img('i15', 'img upper-case HTTPS with onerror', `<img src="HTTPS://IMG.EXAMPLE/I15.JPG" onerror=alert('i15')>`);
img('i16', 'picture source srcset javascript:', `<picture><source srcset="javascript:alert('i16')"><img src="x"></picture>`);
img('i17', 'img style expression', `<img src="https://img.example/i17.jpg" style="x:expression(alert('i17'))">`);
img('i18', 'img src self-executing (onerror=eval(src))', `<img src=x:alert('i18') onerror=eval(src)>`);
img('i19', 'img data-original data:text/html', `<img data-original="data:text/html,<script>${js('i19')}</script>">`);
img('i20', 'img src with embedded newline and tab in scheme', `<img src="jav\tas\ncript:${js('i20')}">`);
add('i11', 'Markdown image javascript:', 'mirror', `![x](javascript:${js('i11')})`, (id, p) => shape.mirror('Markdown图片一', `${htmlPara(id)}\n</div>\n\n${p}\n\n<div>`));
add('i12', 'Markdown image attribute break-out', 'mirror', `![x](https://img.example/i12.jpg"onerror="${js('i12')})`, (id, p) => shape.mirror('Markdown图片二', `${htmlPara(id)}\n</div>\n\n${p}\n\n<div>`));

// ---- link targets in the body -------------------------------------------------------------
add('l01', 'a href javascript:', 'scraped html', `<a href="javascript:${js('l01')}">点此</a>`, (id, p) => shape.page('链接一', `${htmlPara(id)}<p>详情${p}</p>`));
add('l02', 'a href entity newline in scheme', 'scraped html', `<a href="java&#x0A;script:alert('l02')">点此</a>`, (id, p) => shape.page('链接二', `${htmlPara(id)}<p>详情${p}</p>`));
add('l03', 'a href leading control entity', 'scraped html', `<a href="&#14;javascript:alert('l03')">点此</a>`, (id, p) => shape.page('链接三', `${htmlPara(id)}<p>详情${p}</p>`));
add('l04', 'a href data: base64 HTML', 'scraped html', `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点此</a>`, (id, p) => shape.page('链接四', `${htmlPara(id)}<p>详情${p}</p>`));
add('l05', 'trailer link javascript:', 'plain', `原文链接：javascript:${js('l05')}`, (id, p) => shape.plain('原文链接一', [para(id), p]));
add('l06', 'trailer link tab in scheme', 'plain', `原文链接：java\tscript:alert('l06')`, (id, p) => shape.plain('原文链接二', [para(id), p]));
add('l07', 'metadata line url vbscript:', 'plain', `网址：vbscript:msgbox("l07")`, (id, p) => shape.plain('网址行', [p, para(id)]));
add('l08', 'trailer link with http address smuggled after javascript:', 'plain', `原文链接：javascript:alert('l08')//https://example.com/l08`, (id, p) => shape.plain('原文链接三', [para(id), p]));
add('l09', 'trailer link protocol-relative', 'plain', `原文链接：//evil.example/l09`, (id, p) => shape.plain('原文链接四', [para(id), p]));
add('l10', 'trailer link breaking out of the href', 'plain', `原文链接：https://example.com/l10"><svg onload=${js('l10')}>`, (id, p) => shape.plain('原文链接五', [para(id), p]));
add('l11', 'Markdown link javascript:', 'mirror', `[点击阅读](javascript:${js('l11')})`, (id, p) => shape.mirror('Markdown链接', `${htmlPara(id)}\n</div>\n\n相关：${p}\n\n<div>`));
add('l12', 'area and form targets', 'scraped html', `<map name=m><area shape=rect coords=0,0,9,9 href="javascript:alert('l12')"></map><form action="javascript:alert('l12')"><input type=submit></form>`, (id, p) => shape.page('区域链接', `${htmlPara(id)}<p>${p}</p>`));
add('l13', 'a href &colon; and mixed-case scheme', 'scraped html', `<a href="  JAVASCRIPT&colon;alert('l13')">点此</a>`, (id, p) => shape.page('链接冒号', `${htmlPara(id)}<p>详情${p}</p>`));
add('l14', 'metadata line url with smuggled http address', 'plain', `URL: javascript:${js('l14')}//http://example.com/l14`, (id, p) => shape.plain('网址夹带', [p, para(id)]));

// ---- HTML bodies --------------------------------------------------------------------------
const body = (id, where, html, kind = 'front matter') =>
  add(id, where, kind, html, (i, p) =>
    kind === 'scraped html'
      ? shape.page(`正文${i}`, `${htmlPara(i)}\n${p}\n<p>正文之后的段落${i}。</p>`)
      : kind === 'mirror'
        ? shape.mirror(`正文${i}`, `${htmlPara(i)}\n${p}\n<p>正文之后的段落${i}。</p>`)
        : shape.fm(`title: 正文${i}`, `${htmlPara(i)}\n${p}\n<p>正文之后的段落${i}。</p>`),
  );
body('h01', 'body script tag', `<script>${js('h01')}</script>`);
body('h02', 'body external script, upper case', `<SCRIPT SRC=//evil.example/h02.js></SCRIPT>`, 'scraped html');
body('h03', 'body script with slash attribute and data: src', `<script/xss src=data:,${js('h03')}></script>`, 'mirror');
body('h04', 'body onload', `<body onload="${js('h04')}"><p>正文</p></body>`, 'scraped html');
body('h05', 'SVG script and onload', `<svg onload="${js('h05')}"><script>${js('h05')}</script></svg>`);
body('h06', 'SVG xlink:href and animate onbegin', `<svg><a xlink:href="javascript:alert('h06')"><text x=1 y=1>点</text></a><animate onbegin=alert('h06') attributeName=x dur=1s></svg>`, 'mirror');
body('h07', 'MathML mXSS (mglyph/style namespace confusion)', `<math><mtext><table><mglyph><style><img src=x onerror="${js('h07')}">`);
body('h08', 'MathML href', `<math href="javascript:alert('h08')"><mi>CLICK</mi></math><math><maction actiontype="statusline" xlink:href="javascript:alert('h08')">x</maction></math>`, 'scraped html');
body('h09', 'iframe srcdoc', `<iframe srcdoc="&lt;script&gt;parent.${js('h09')}&lt;/script&gt;"></iframe>`);
body('h10', 'iframe javascript: src', `<iframe src="javascript:parent.${js('h10')}"></iframe>`, 'mirror');
body('h11', 'base href', `<base href="javascript:alert('h11')//"><a href="/x">相对链接</a>`, 'scraped html');
body('h12', 'meta refresh to javascript:', `<meta http-equiv="refresh" content="0;url=javascript:${js('h12')}">`);
body('h13', 'meta CSP override', `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'"><script>${js('h13')}</script>`, 'scraped html');
body('h14', 'object and embed', `<object data="javascript:alert('h14')"></object><embed src="data:text/html,<script>${js('h14')}</script>">`);
body('h15', 'details ontoggle', `<details open ontoggle="${js('h15')}"><summary>摘要</summary>内容</details>`, 'mirror');
body('h16', 'input autofocus onfocus', `<input autofocus onfocus="${js('h16')}">`);
body('h17', 'video source onerror', `<video><source onerror="${js('h17')}"></video>`, 'scraped html');
body('h18', 'marquee onstart', `<marquee onstart="alert('h18')">滚动</marquee>`);
body('h19', 'style @import and javascript: url', `<style>@import '//evil.example/h19.css';body{background:url("javascript:alert('h19')")}</style>`, 'mirror');
body('h20', 'style attribute url(javascript:)', `<div style="background-image:url(javascript:alert('h20'))">背景</div>`);
body('h21', 'template script and noscript mXSS', `<template><script>alert('h21')</script></template><noscript><p title="</noscript><img src=x onerror=${js('h21')}>"></noscript>`, 'scraped html');
body('h22', 'comment confusion', `<!--<img src="--><img src=x onerror=${js('h22')}//">`);
body('h23', 'nested split script tags', `<scr<script>ipt>${js('h23')}</scr</script>ipt>`, 'mirror');
body('h24', 'unclosed tag swallowing a script', `<p <script>alert('h24')</script>>`);
body('h25', 'xmp and textarea raw text', `<xmp><img src=x onerror=alert('h25')></xmp><textarea></textarea><script>${js('h25')}</script></textarea>`, 'scraped html');
body('h26', 'event handlers on a link', `<a href="https://example.com/h26" onmouseover="${js('h26')}" onclick="alert('h26')">文字链接</a>`);
body('h27', 'form and button formaction', `<form action="javascript:alert('h27')"><button formaction="javascript:${js('h27')}">提交</button></form>`, 'mirror');
body('h28', 'obsolete elements with handlers', `<isindex type=image src=1 onerror=alert('h28')><keygen autofocus onfocus=${js('h28')}>`);
body('h29', 'SVG foreignObject iframe srcdoc', `<svg><foreignObject><iframe srcdoc="<script>parent.${js('h29')}</script>"></iframe></foreignObject></svg>`, 'scraped html');
body('h31', 'CDATA section', `<![CDATA[<script>${js('h31')}</script>]]>`);
body('h32', 'processing instruction', `<?xml-stylesheet href="javascript:alert('h32')"?>`, 'mirror');
body('h33', 'quote confusion in attributes', `<img """><script>${js('h33')}</script>">`);
body('h37', 'UTF-7 script', `+ADw-script+AD4-alert('h37')+ADw-/script+AD4-`, 'scraped html');
body('h38', 'full-width angle brackets', `＜script＞alert('h38')＜/script＞`);
body('h39', 'unicode escapes in a handler', `<img src=x onerror="\\u0061lert('h39')">`, 'mirror');
body('h40', 'entity-encoded href without semicolons', `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29">点此</a>`);
body('h41', 'template-injection text', `<div>{{constructor.constructor('${js('h41')}')()}} \${alert('h41')}</div>`, 'scraped html');
body('h42', 'link import and stylesheet javascript:', `<link rel="import" href="data:text/html,<script>alert('h42')</script>"><link rel=stylesheet href="javascript:alert('h42')">`);
body('h43', 'SVG set to javascript:', `<svg><a><set attributeName=href to="javascript:${js('h43')}" /><text x=1 y=1>点</text></a></svg>`, 'mirror');
body('h44', 'custom elements with handlers', `<x-foo onclick="alert('h44')">点</x-foo><custom onfocus="${js('h44')}" tabindex=1 autofocus>x</custom>`);
body('h45', 'script inside a paragraph mid-sentence', `<p>普京说<script>${js('h45')}</script>，俄方不会接受。</p>`, 'scraped html');
body('h46', 'javascript: in a blockquote cite and q', `<blockquote cite="javascript:alert('h46')">引文</blockquote><q cite="javascript:alert(46)">短引</q>`);
body('h47', 'srcdoc iframe with entity-encoded scheme', `<iframe srcdoc="&lt;img src=x onerror=&quot;parent.${js('h47')}&quot;&gt;"></iframe>`, 'mirror');
body('h48', 'object with param and embed code', `<object><param name=src value="javascript:alert('h48')"><embed code="javascript:${js('h48')}"></object>`, 'scraped html');

// ---- escaped and double-escaped HTML bodies -----------------------------------------------
add('h35', 'escaped HTML body with script', 'front matter', `&lt;script&gt;${js('h35')}&lt;/script&gt;`, (id, p) => shape.fm(`title: 转义正文`, `&lt;p&gt;${para(id)}&lt;/p&gt;\n${p}\n&lt;p&gt;第二段。&lt;/p&gt;`).replace('<div>\n', '').replace('\n</div>', ''));
add('h36', 'double-escaped HTML body with img onerror', 'front matter', `&amp;lt;img src=x onerror=${js('h36')}&amp;gt;`, (id, p) => shape.fm(`title: 双重转义正文`, `&amp;lt;p&amp;gt;${para(id)}&amp;lt;/p&amp;gt;\n${p}\n&amp;lt;p&amp;gt;第二段。&amp;lt;/p&amp;gt;`).replace('<div>\n', '').replace('\n</div>', ''));

// ---- plain-text bodies --------------------------------------------------------------------
add('p01', 'plain body script line', 'plain', `<script>${js('p01')}</script>`, (id, p) => shape.plain('纯文本一', [para(id), p, '俄方表示将继续研究回复。']));
add('p02', 'plain body entity-encoded script', 'plain', `&lt;script&gt;${js('p02')}&lt;/script&gt;`, (id, p) => shape.plain('纯文本二', [para(id), p]));
add('p03', 'plain body javascript: line', 'plain', `javascript:${js('p03')}`, (id, p) => shape.plain('纯文本三', [para(id), p]));
add('p04', 'plain body raw SVG markup', 'plain', `<svg onload=alert('p04')>北约`, (id, p) => shape.plain('纯文本四', [para(id), p]));
add('p05', 'plain body attribute break-out', 'plain', `"><img src=x onerror=${js('p05')}>`, (id, p) => shape.plain('纯文本五', [para(id), p]));
add('p06', 'plain body template syntax and closing tags', 'plain', `\${alert('p06')} {{7*7}} </textarea></title><script>${js('p06')}</script> 🙂`, (id, p) => shape.plain('纯文本六', [para(id), p]));
add('p07', 'plain Markdown heading with script', 'plain', `# <script>alert('p07')</script>小标题`, (id, p) => shape.plain('纯文本七', [para(id), p, '第二段正文。']));
add('p08', 'plain body with UTF-8 BOM and zero-width characters', 'plain', `<\u200bscript>${js('p08')}</\u200bscript>`, (id, p) => '\ufeff' + shape.plain('纯文本八', [para(id), p]));
add('p09', 'plain body double-encoded markup', 'plain', `&amp;lt;img src=x onerror=${js('p09')}&amp;gt;`, (id, p) => shape.plain('纯文本九', [para(id), p]));
add('p10', 'plain dateline with markup', 'plain', `【<b onclick=alert(10)>大纪元</b>2022年01月27日讯】`, (id, p) => shape.plain('纯文本十', [`${p}${para(id)}`]));
add('p11', 'plain related-headlines section with markup', 'plain', `<img src=x onerror=${js('p11')}>相关标题`, (id, p) => shape.plain('纯文本十一', [para(id), '相关阅读', `2022年01月20日 ${p}`]));
add('p12', 'plain timeline section with markup', 'plain', `<svg onload=alert('p12')>时间线条目`, (id, p) => shape.plain('纯文本十二', [para(id), '乌克兰局势时间线', '2022年01月26日', p]));

// ---- file names and failures --------------------------------------------------------------
add('n01', 'file name', 'plain', `n01_<img src=x onerror=${js('n01')}>.txt`, (id) => shape.plain('文件名', [para(id)]), { file: `n01_<img src=x onerror=window.__xss='n01'>.txt` });
add('n02', 'folder name', 'plain', `<svg onload=alert('n02')>/n02.txt`, (id) => shape.plain('文件夹名', [para(id)]), { file: `<svg onload=alert('n02')>/n02.txt` });
add('x01', 'body with only a script (fails: no text)', 'scraped html', `<script>${js('x01')}</script>`, (_, p) => shape.page(`<script>${js('x01')}</script>`, p), { fails: true });
add('x02', 'binary file carrying a payload (fails: binary)', 'plain', `\0<script>${js('x02')}</script>`, (_, p) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0', 'latin1'), Buffer.from(p)]), { fails: true });
add('x03', 'front matter only, payload title (fails: no text)', 'front matter', `<img src=x onerror=${js('x03')}>`, (_, p) => `---\ntitle: '${p}'\n---\n`, { fails: true });

// -------------------------------------------------------------------------------------------
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const ext = { plain: 'txt', 'front matter': 'md', mirror: 'md', 'scraped html': 'html' };
const list = [];
const ids = new Set();
for (const v of V) {
  if (ids.has(v.id)) throw new Error(`duplicate id ${v.id}`);
  ids.add(v.id);
  const file = v.file ?? `${v.id}.${ext[v.shape]}`;
  const path = join(OUT, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, v.build(v.id, v.payload));
  list.push({ id: v.id, where: v.where, shape: v.shape, file, marker: v.fails ? null : marker(v.id), fails: !!v.fails, payload: v.payload });
}
// The broken files of the parsing issue, so the collection also proves nothing gets lost.
symlinkSync('../../fixtures/broken', join(OUT, 'broken'));
writeFileSync(join(HERE, 'vectors.json'), JSON.stringify({ count: list.length, vectors: list }, null, 1) + '\n');
console.log(`${list.length} vectors in ${OUT}`);
