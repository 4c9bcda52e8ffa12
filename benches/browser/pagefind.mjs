// Pagefind as a reference for the browser benchmark (issue 14): renders every article of a
// collection as a static page and indexes them with Pagefind's extended build (the npm package
// `pagefind`, whose platform binary `pagefind_extended` segments Chinese), plus a search page
// that marks in the DOM when the first results of the typed query are shown.
//
//   node benches/browser/pagefind.mjs ARTICLES_DIR SITE_DIR
//
// The articles come from `dossier inspect DIR --json --text` (the parser's title, date, outlet
// and body paragraphs), so the pages hold the text dossier indexes. SITE_DIR is replaced:
// SITE_DIR/a/NNNNN.html per article, SITE_DIR/pagefind/ (Pagefind's index and its JS API) and
// SITE_DIR/index.html (the search page). scripts/bench calls this; run.mjs measures the page.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const [articles, site] = process.argv.slice(2);
if (!articles || !site) {
  console.error('usage: node benches/browser/pagefind.mjs ARTICLES_DIR SITE_DIR');
  process.exit(2);
}

const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const t0 = Date.now();
const json = execFileSync(
  'cargo',
  ['run', '--quiet', '--offline', '--release', '-p', 'dossier-cli', '--', 'inspect', resolve(articles), '--json', '--text'],
  { cwd: ROOT, maxBuffer: 2 ** 31 - 1, stdio: ['ignore', 'pipe', 'inherit'] },
);
const parsed = JSON.parse(json).filter((a) => !a.error);
console.log(`pagefind: ${parsed.length} articles parsed by dossier inspect in ${Date.now() - t0} ms`);

await rm(site, { recursive: true, force: true });
await mkdir(join(site, 'a'), { recursive: true });
let n = 0;
for (const a of parsed) {
  const meta = [a.date && `<time datetime="${esc(a.date)}">${esc(a.date)}</time>`, a.source && `<span>${esc(a.source)}</span>`]
    .filter(Boolean)
    .join(' · ');
  const page = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${esc(a.title)}</title></head>
<body>
<article data-pagefind-body>
<h1>${esc(a.title)}</h1>
<p class="meta">${meta}</p>
${a.text.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
</body>
</html>
`;
  await writeFile(join(site, 'a', `${String(n++).padStart(5, '0')}.html`), page);
}

// The search page: Pagefind's JS API, imported and initialised as the page starts (not on the
// first keystroke, as its default UI does), so the reference is as fast as Pagefind gets.
// A query typed before the module runs is searched when it does. `data-bench-static` tells
// run.mjs the page has no list to wait for (painted = the box is on screen); `data-bench-results`
// marks that the first results (up to 10, with their titles and excerpts) are in the DOM.
await writeFile(
  join(site, 'index.html'),
  `<!doctype html>
<html lang="zh-CN" data-bench-static>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind: ${esc(articles)}</title>
<style>body { font: 16px/1.5 sans-serif; margin: 2em auto; max-width: 50em; } input { font-size: 1.2em; width: 100%; }</style>
</head>
<body>
<main>
<input data-testid="search-input" type="search" placeholder="搜索" autocomplete="off">
<p id="count"></p>
<ol id="results"></ol>
</main>
<script type="module">
const input = document.querySelector('[data-testid=search-input]');
const list = document.getElementById('results');
const count = document.getElementById('count');
const pagefind = import('./pagefind/pagefind.js').then(async (p) => {
  await p.init();
  return p;
});
let latest = 0;
async function search() {
  const q = input.value;
  const mine = ++latest;
  const p = await pagefind;
  const found = await p.search(q);
  if (mine !== latest) return;
  const results = found ? found.results : [];
  const data = await Promise.all(results.slice(0, 10).map((r) => r.data()));
  if (mine !== latest) return;
  count.textContent = results.length + ' 篇';
  list.replaceChildren(
    ...data.map((d) => {
      const li = document.createElement('li');
      li.dataset.testid = 'result-item';
      const a = document.createElement('a');
      a.href = d.url;
      a.textContent = d.meta.title;
      const p = document.createElement('p');
      p.innerHTML = d.excerpt;
      li.append(a, p);
      return li;
    }),
  );
  document.documentElement.dataset.benchResults = q;
}
input.addEventListener('input', search);
if (input.value) search();
</script>
</body>
</html>
`,
);

const t1 = Date.now();
const bin = join(ROOT, 'node_modules', '.bin', 'pagefind');
const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
const out = execFileSync(bin, ['--site', site, '--verbose'], { encoding: 'utf8', maxBuffer: 2 ** 30, stdio: ['ignore', 'pipe', 'ignore'] });
const running = out.match(/Running the executable at (.*)/)?.[1] ?? '?';
if (!/pagefind_extended$/.test(running)) {
  console.error(`pagefind: expected the extended build, ran ${running}`);
  process.exit(1);
}
const langs = (await readdir(join(site, 'pagefind'))).flatMap((f) => f.match(/^pagefind\.(.+)_[0-9a-f]+\.pf_meta$/)?.[1] ?? []);
console.log(`pagefind: ${version} (${running.split('/').pop()}) indexed ${n} pages in ${Date.now() - t1} ms, language ${langs.join(', ')}`);
