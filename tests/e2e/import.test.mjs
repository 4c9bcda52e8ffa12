// Import in the page (issue 15), in Chromium against the release bundle: folders of held-out
// style fixtures (tests/fixtures/) and the hostile collection (tests/xss/articles) imported
// through the controls, searched, filtered, exported, compared with window.dossier, kept over a
// reload, cleared; an import cancelled; and a bundle of an empty collection that imports the
// five seeds gives the seed search table exactly (the worker segments with jieba's whole
// dictionary, as the build does).
//
// The empty bundle is built into target/empty-dist (as xss.test.mjs builds its own), skipped
// while it is newer than every input; DOSSIER_EMPTY_DIST names a ready one instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, open, walk, buildCollection, watchForXss, DIST, recordDialogs } from './harness.mjs';
import { assertSeedTable, until } from './seed-queries.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const XSS = join(ROOT, 'tests', 'xss', 'articles');
const EMPTY_ARTICLES = join(ROOT, 'target', 'empty-articles');
const EMPTY_DIST = process.env.DOSSIER_EMPTY_DIST ?? join(ROOT, 'target', 'empty-dist');

let context;
let server;
/** A browser of its own (its own IndexedDB) for each test. */
async function fresh() {
  await context?.close();
  context = await launch();
  await setUp(context);
}
let emptyServer;
const dialogs = [];
const requests = [];

before(async () => {
  if (!process.env.DOSSIER_EMPTY_DIST) {
    mkdirSync(EMPTY_ARTICLES, { recursive: true });
    buildCollection({ name: 'empty', articles: EMPTY_ARTICLES, dist: EMPTY_DIST });
  }
  server = await serve(DIST, '/');
  emptyServer = await serve(EMPTY_DIST, '/');
});

async function setUp(context) {
  await watchForXss(context);
  // Nothing leaves the test servers (remote images are never asked for here).
  await context.route(
    (url) => !url.href.startsWith(server.url) && !url.href.startsWith(emptyServer.url) && !url.href.startsWith('data:'),
    (route) => {
      requests.push(`remote ${route.request().url()}`);
      route.abort();
    },
  );
  context.on('request', (r) => requests.push(r.url()));
  recordDialogs(context, dialogs);
}
after(async () => {
  await context?.close();
  await server?.close();
  await emptyServer?.close();
});

const count = async (page) => Number(await page.getByTestId('result-count').getAttribute('data-count'));

/** Waits for the import status to settle and returns its state and text. */
async function settled(page, timeout = 60000) {
  const status = page.getByTestId('import-status');
  await page.waitForFunction(
    () => ['done', 'failed'].includes(document.querySelector('[data-testid=import-status]')?.dataset.state),
    null,
    { timeout },
  );
  return { state: await status.getAttribute('data-state'), text: await status.textContent() };
}

/** What no imported file may leave in the page: foreign elements, handlers, script URLs. */
async function hostile(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.localName;
      // The app's own charts are the only SVG; the empty favicon the only data: URL.
      if (tag === 'svg' && ['chart', 'spark'].includes(el.getAttribute('class'))) continue;
      if (tag === 'link' && el.parentElement === document.head && el.getAttribute('href') === 'data:,') continue;
      if (['iframe', 'frame', 'object', 'embed', 'base', 'portal', 'img', 'video', 'audio', 'svg', 'math'].includes(tag)) bad.push(tag);
      if (tag === 'script' && !(el.parentElement === document.head && /\/(boot|file-notice)\.js/.test(el.src))) bad.push('script');
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${a.name} on ${tag}`);
        if (['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href'].includes(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) {
          bad.push(`${a.name}=${a.value.slice(0, 40)}`);
        }
      }
    }
    return bad;
  });
}

async function assertClean(page, errors, what) {
  const m = await page.evaluate(() => ({ writes: window.__xssWrites, value: window.__xss, csp: window.__csp }));
  assert.deepEqual(m.writes, [], `${what}: a payload wrote window.__xss`);
  assert.equal(m.value, undefined, `${what}: window.__xss is set`);
  assert.deepEqual(m.csp, [], `${what}: Content-Security-Policy violations`);
  assert.deepEqual(dialogs, [], `${what}: a dialog opened`);
  assert.deepEqual(errors, [], `${what}: page or console errors`);
  assert.deepEqual(await hostile(page), [], `${what}: hostile markup in the DOM`);
  assert.deepEqual(requests.filter((r) => r.startsWith('remote')), [], `${what}: requests beyond the page`);
}

/** Every listed file, in order: the entries, then (with `others`) the re-posts under them. */
async function listedFiles(page, others = false) {
  for (;;) {
    const more = page.locator('button.more-results');
    if (!(await more.count())) break;
    await more.click();
  }
  const items = await page.getByTestId('result-item').evaluateAll((els) => els.map((e) => e.dataset.file));
  if (!others) return items;
  return [...items, ...(await page.getByTestId('dup-item').evaluateAll((els) => els.map((e) => e.dataset.file)))];
}

async function failedFiles(page) {
  const notice = page.getByTestId('error-notice');
  if (!(await notice.count())) return new Map();
  if (!(await notice.locator('details').evaluate((d) => d.open))) await notice.locator('summary').click();
  const out = new Map();
  for (const li of await notice.locator('li').all()) {
    const file = await li.locator('code').textContent();
    out.set(file, (await li.textContent()).slice(file.length + 1));
  }
  return out;
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const { readFile } = await import('node:fs/promises');
  return (await readFile(await dl.path())).toString('utf8');
}

test('folders imported through the controls join the collection, kept over a reload, cleared', async () => {
  await fresh();
  const { page, errors } = await open(context, server.url);
  const embedded = await count(page);
  assert.equal(embedded, 5);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv]').content);
  assert.match(csp, /worker-src 'self'/);
  assert.match(csp, /connect-src 'self'/);

  // The worker is not loaded until the reader imports.
  assert.ok(!requests.some((r) => /dossier-import|dict\.txt/.test(r)), 'no worker before an import');

  // tests/fixtures as a folder (the folder picker), then the hostile collection's files.
  await page.getByTestId('import-folder-input').setInputFiles(FIXTURES);
  let done = await settled(page);
  assert.equal(done.state, 'done', done.text);
  // The worker's files are named by their contents (scripts/hash-worker.mjs), the loader too.
  for (const end of ['_loader\\.js', '\\.js', '_bg\\.wasm']) {
    const hashed = new RegExp(`dossier-import-[0-9a-f]{16}${end}$`);
    assert.ok(requests.some((r) => hashed.test(r)), `the worker's ${end} loaded, named by its contents`);
  }
  assert.ok(!requests.some((r) => /dossier-import(_loader\.js|\.js|_bg\.wasm)$/.test(r)), 'no worker file by its fixed name');
  assert.ok(requests.some((r) => r.endsWith('dict.txt')), 'the whole dictionary fetched');
  const fixtureFiles = walk(FIXTURES).map(([f]) => `imported/fixtures/${f}`);
  const xssFiles = walk(XSS).map(([f]) => join(XSS, f));
  await page.getByTestId('import-input').setInputFiles(xssFiles);
  done = await settled(page);
  assert.equal(done.state, 'done', done.text);

  // Every imported file: an article with the badge, or named with its reason.
  await page.getByTestId('search-input').fill('');
  const listed = new Set(await listedFiles(page, true));
  const failed = await failedFiles(page);
  for (const f of [...fixtureFiles, ...walk(XSS).map(([f]) => `imported/${f.split('/').pop()}`)]) {
    assert.ok(listed.has(f) || (failed.get(f) ?? '').length > 3, `${f} neither listed nor refused with a reason`);
  }
  assert.match(failed.get('imported/fixtures/broken/binary.png'), /二进制/);
  assert.match(failed.get('imported/fixtures/broken/empty.txt'), /空/);
  // Legacy encodings are read in the worker, as at build time.
  assert.ok(listed.has('imported/fixtures/broken/gbk_encoded.txt'), 'GBK file read');
  assert.ok(listed.has('imported/fixtures/broken/big5_encoded.txt'), 'Big5 file read');
  for (const f of listed) if (!f.startsWith('imported/')) assert.ok(!f.includes('/'), f);
  const total = await count(page);
  assert.ok(total > embedded + 100, `${total} articles after the imports`);
  assert.equal(listed.size, total, 'every article listed, as an entry or a re-post');
  // The badge marks exactly the imported entries.
  const badged = await page.getByTestId('result-item').evaluateAll((els) =>
    els.map((e) => [e.dataset.file, !!e.querySelector('.meta > [data-testid=imported-badge]')]),
  );
  for (const [file, badge] of badged) assert.equal(badge, file.startsWith('imported/'), `badge of ${file}`);
  await assertClean(page, errors, 'after importing the fixtures and the hostile files');

  // The filter: only the imported files, as a URL state; search them.
  await page.getByTestId('imported-filter').click();
  await until(() => count(page), total - embedded, 'only imported');
  assert.match(page.url(), /imported=1/);
  await page.getByTestId('search-input').fill('转载');
  await until(async () => (await listedFiles(page)).every((f) => f.startsWith('imported/')) && (await count(page)) > 0, true, 'imported results');
  const pageFiles = await listedFiles(page);

  // window.dossier searches the joined collection as the page does.
  const api = await page.evaluate(() => window.dossier.search('转载', { imported: true }).results.map((r) => r.file));
  assert.deepEqual(api, pageFiles);
  const all = await page.evaluate(() => window.dossier.search('', {}).count);
  assert.equal(all, total);

  // Export of a view with imported results.
  const csv = await download(page, 'export-csv');
  const json = JSON.parse(await download(page, 'export-json'));
  assert.deepEqual(json.map((r) => r.file), pageFiles);
  for (const f of pageFiles) assert.ok(csv.includes(f), `${f} in the CSV`);

  // An imported article opens in the reader, with its badge.
  await page.getByTestId('result-item').first().locator('a').first().click();
  await page.getByTestId('article-title').waitFor();
  assert.equal(await page.locator('.reader [data-testid=imported-badge]').count(), 1);
  await page.keyboard.press('Escape');

  // Reload: the same collection, from the browser's storage, without the worker.
  const before = requests.length;
  await page.reload();
  await page.locator('[data-testid=app][data-ready]').waitFor({ timeout: 15000 });
  await until(async () => (await listedFiles(page)).join(), pageFiles.join(), 'the same results after a reload');
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('clear-filters').click();
  await until(() => count(page), total, 'every article after a reload');
  assert.ok(!requests.slice(before).some((r) => /dossier-import|dict\.txt/.test(r)), 'no worker on reload');
  await assertClean(page, errors, 'after the reload');

  // Clearing: back to the embedded collection, also after a reload.
  await page.getByTestId('import-clear').click();
  await until(() => count(page), embedded, 'cleared');
  assert.equal(await page.getByTestId('imported-filter').count(), 0);
  await page.reload();
  await page.locator('[data-testid=app][data-ready]').waitFor({ timeout: 15000 });
  await until(() => count(page), embedded, 'still cleared after a reload');
  await page.close();
});

test('an import can be cancelled: nothing joins', async () => {
  await fresh();
  const { page, errors } = await open(context, server.url);
  await page.getByTestId('import-input').setInputFiles(walk(XSS).map(([f]) => join(XSS, f)));
  await page.getByTestId('import-cancel').click();
  const done = await settled(page);
  assert.match(done.text, /已取消/);
  await page.waitForTimeout(500);
  assert.equal(await count(page), 5);
  assert.equal(await page.getByTestId('import-clear').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('kept imports made with another build of the page are imported again from the kept files', async () => {
  await fresh();
  const { page, errors } = await open(context, server.url);
  await page.getByTestId('import-folder-input').setInputFiles(join(FIXTURES, 'dups'));
  assert.equal((await settled(page)).state, 'done');
  const total = await count(page);
  assert.equal(total, 10);
  // As if the page had been rebuilt with another collection since.
  await page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('dossier');
    open.onsuccess = () => {
      const tx = open.result.transaction('imports', 'readwrite');
      const store = tx.objectStore('imports');
      const get = store.get('current');
      get.onsuccess = () => store.put({ ...get.result, build: 'another build' }, 'current');
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = fail;
    };
    open.onerror = fail;
  }));
  await page.reload();
  await page.locator('[data-testid=app][data-ready]').waitFor({ timeout: 15000 });
  const done = await settled(page);
  assert.equal(done.state, 'done', done.text);
  await until(() => count(page), total, 'the kept files imported again');
  assert.deepEqual(errors, []);
  await page.close();
});

test('files dropped on the page are imported', async () => {
  await fresh();
  const { page, errors } = await open(context, server.url);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['落地测试标题\n\n日期：2022-02-03\n\n拖放导入的文章正文，提到北约和乌克兰局势。'], 'dropped.txt', { type: 'text/plain' }));
    dt.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], 'picture.png', { type: 'image/png' }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const done = await settled(page);
  assert.equal(done.state, 'done', done.text);
  assert.match(done.text, /已导入 1 篇文章；1 个文件/);
  await page.getByTestId('search-input').fill('落地测试');
  await until(() => listedFiles(page), ['imported/dropped.txt'], 'the dropped article');
  assert.match((await failedFiles(page)).get('imported/picture.png'), /PNG/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a scraper\'s JSON Lines file imports as an article per line', async () => {
  await fresh();
  const { page, errors } = await open(context, server.url);
  await page.evaluate(() => {
    const lines = [
      { title: '行导入测试一', date_publish: '2022-03-24 10:00:00', maintext: '北约领导人在布鲁塞尔举行行导入测试峰会。' },
      { title: '行导入测试二', date_publish: '2022-03-15 10:00:00', maintext: '欧盟宣布第四轮行导入测试制裁。' },
    ].map((o) => JSON.stringify(o)).join('\n');
    const dt = new DataTransfer();
    dt.items.add(new File([lines], 'feed.jsonl', { type: 'application/x-ndjson' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const done = await settled(page);
  assert.equal(done.state, 'done', done.text);
  assert.match(done.text, /已导入 2 篇文章/);
  await page.getByTestId('search-input').fill('行导入测试');
  await until(async () => (await listedFiles(page)).sort(), ['imported/feed.jsonl#1', 'imported/feed.jsonl#2'], 'each line an article');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an empty collection that imports the five seeds gives the seed search table', async () => {
  await fresh();
  const { page, errors } = await open(context, emptyServer.url);
  assert.equal(await count(page), 0);
  const seeds = walk(join(ROOT, 'articles')).map(([f]) => join(ROOT, 'articles', f));
  await page.getByTestId('import-input').setInputFiles(seeds);
  const done = await settled(page);
  assert.equal(done.state, 'done', done.text);
  const input = page.getByTestId('search-input');
  await input.focus();
  await assertSeedTable(page, input);
  assert.deepEqual(errors, []);
  await page.close();
});
