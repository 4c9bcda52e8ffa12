// Says in plain words why the page cannot start when dist/index.html is opened from disk
// (file://): browsers load neither the app's module script nor its wasm from a file:// page
// (Chromium: "blocked by CORS policy"), so search would stay "starting" forever under the
// prerendered list (or on "正在加载文章…" without one). This is a
// classic script (those do load from file://) copied as is by trunk; index.html loads it with
// `defer`, ahead of boot.js. Served over http(s) it does nothing. scripts/single-file.mjs names
// the single-file dossier it wrote next to index.html in <meta name="dossier-single-file">.
(() => {
  if (location.protocol !== 'file:') return;
  const el = (tag, text, attrs = {}) => {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const code = (text) => el('code', text);
  const line = (...parts) => {
    const li = el('li');
    for (const p of parts) li.append(p);
    return li;
  };
  const single = document.querySelector('meta[name="dossier-single-file"]')?.content ?? '';
  // Only a plain file name next to this page.
  const singleOk = /^[\w.-]+\.html$/.test(single) && single !== 'index.html';

  const box = el('section', '', { class: 'file-notice', role: 'alert', 'data-testid': 'file-notice' });
  box.append(el('h1', '这个页面不能直接从磁盘打开'));
  box.append(
    el(
      'p',
      '你双击打开了 dossier 的 index.html（地址以 file:// 开头）。浏览器出于安全考虑，不允许这样打开的页面加载应用本身（脚本模块和 WebAssembly 文件），所以搜索、筛选和阅读全文都无法启动（下面最多只有构建时写入的最新文章列表）。文件本身没有问题。有两种办法：',
    ),
  );
  const ways = el('ol');
  const serve = line(
    el('strong', '通过本地网页服务器打开这个文件夹：'),
    '在这个文件夹里运行 ',
    code('python3 -m http.server 8000'),
    '，然后在浏览器里打开 ',
    code('http://localhost:8000/'),
    '；在 dossier 的项目目录里也可以直接运行 ',
    code('scripts/serve'),
    '。',
  );
  ways.append(serve);
  const file = singleOk
    ? line(
        el('strong', '使用单文件版本：'),
        el('a', single, { href: single, 'data-testid': 'single-file-link' }),
        '（就在这个文件夹里）把文章、索引和应用装在一个 HTML 文件里，可以直接双击打开、离线使用，也方便发给别人。',
      )
    : line(
        el('strong', '使用单文件版本：'),
        '在项目目录里运行 ',
        code('scripts/build --single-file'),
        '，它会在 dist/ 中生成一个可以直接双击打开、离线使用的 HTML 文件（例如 ',
        code('dossier.html'),
        '）。',
      );
  ways.append(file);
  box.append(ways);

  const boot = document.getElementById('boot');
  if (boot) boot.hidden = true;
  // A prerendered view would say search is starting: it is not.
  const starting = document.querySelector('[data-testid=search-starting]');
  if (starting) starting.hidden = true;
  document.body.prepend(box);
  // Should a browser start the app from file:// after all, the notice goes away.
  addEventListener('TrunkApplicationStarted', () => {
    box.remove();
    if (boot) boot.hidden = false;
    if (starting) starting.hidden = false;
  });
})();
