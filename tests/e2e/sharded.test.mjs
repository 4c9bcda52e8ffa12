// The sharded build (`scripts/build --sharded`): the seeds' index as static files the page
// fetches as a query needs them, hosted under a sub-path. The seed table holds; every query gives
// the embedded build's results, facets and articles exactly; the first view arrives prerendered
// with the files it read preloaded; a failed fetch says so and is retried.
//
// The bundle is built into target/sharded-dist, skipped while it is newer than every input;
// DOSSIER_SHARDED_DIST names a ready one instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve, launch, open, openHeld, buildCollection, DIST } from './harness.mjs';
import { TABLE, assertSeedTable, listed, until } from './seed-queries.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHARDED_DIST = process.env.DOSSIER_SHARDED_DIST ?? join(ROOT, 'target', 'sharded-dist');

let context;
let embedded;
let sharded;

before(async () => {
  if (!process.env.DOSSIER_SHARDED_DIST) {
    buildCollection({ name: 'sharded seeds', articles: join(ROOT, 'articles'), dist: SHARDED_DIST, sharded: true });
  }
  context = await launch();
  embedded = await serve(DIST, '/');
  sharded = await serve(SHARDED_DIST, '/dossier/');
});
after(async () => {
  await context?.close();
  await embedded?.close();
  await sharded?.close();
});

test('the sharded build embeds no article and ships its index as hashed files, precompressed', () => {
  const files = readdirSync(join(SHARDED_DIST, 'shards'));
  const kinds = ['catalogue', 'dictionary', 'terms-', 'grams-', 'texts-'];
  for (const kind of kinds) {
    assert.ok(files.some((f) => f.startsWith(kind)), `a ${kind} file`);
  }
  assert.ok(files.includes('manifest.bin'));
  for (const f of files.filter((f) => /\.(bin|txt)$/.test(f) && f !== 'manifest.bin')) {
    assert.match(f, /^[a-z]+(-\d+)?\.[0-9a-f]{16}\.(bin|txt)$/, `${f} is named by its hash`);
  }
  assert.ok(files.some((f) => f.endsWith('.bin.br')) && files.some((f) => f.endsWith('.bin.gz')), 'precompressed');
  // A seed's title is in the embedded wasm's pack, and in no file of the sharded build's but its index.
  const title = Buffer.from('美国北约给俄罗斯的保密书面回复被西班牙媒体曝光了');
  const wasm = (dir) => readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('dossier-app-') && f.endsWith('_bg.wasm'))));
  assert.ok(wasm(DIST).includes(title), 'the embedded build has the seeds in its wasm');
  assert.ok(!wasm(SHARDED_DIST).includes(title), 'the sharded build does not');
  assert.ok(!existsSync(join(SHARDED_DIST, 'dict.txt')), 'nor the import worker and its dictionary');
  // The embedded page names its worker (scripts/hash-worker.mjs); the sharded one, which
  // removed it, does not, and keeps the app's preloads that share the head's last line.
  const page = (dir) => readFileSync(join(dir, 'index.html'), 'utf8');
  assert.match(page(DIST), /<meta name="dossier-import-worker" content="dossier-import-[0-9a-f]{16}_loader\.js" \/>/);
  assert.ok(!page(SHARDED_DIST).includes('name="dossier-import-worker"'), 'no worker named in the sharded page');
  for (const dir of [DIST, SHARDED_DIST]) {
    assert.match(page(dir), /<link rel="modulepreload" href="\.\/dossier-app-/, `${dir}: the app's script preloaded`);
    assert.match(page(dir), /<link rel="preload" href="\.\/dossier-app-[0-9a-f]+_bg\.wasm"/, `${dir}: the app's wasm preloaded`);
  }
});

test('the sharded seeds give the seed table, hosted under a sub-path', async () => {
  const { page, errors } = await open(context, sharded.url);
  await assertSeedTable(page, page.getByTestId('search-input'));
  assert.deepEqual(errors, [], 'no errors in the console');
  await page.close();
});

/** `window.dossier`'s answers in `page` (a Promise in the sharded build, awaited alike). */
async function answers(page, queries, files) {
  return page.evaluate(
    async ([queries, files]) => {
      const out = {};
      for (const q of queries) {
        out[`search ${q}`] = await window.dossier.search(q);
        out[`oldest ${q}`] = await window.dossier.search(q, { sort: 'oldest', exact: true });
        out[`facets ${q}`] = await window.dossier.facets(q);
      }
      for (const f of files) out[`article ${f}`] = await window.dossier.article(f);
      return out;
    },
    [queries, files],
  );
}

test('sharded and embedded builds answer every query alike', async () => {
  const queries = [
    ...TABLE.map(([q]) => q),
    '',
    '乌克兰',
    '俄',
    '"书面回复"',
    '北约 -普京',
    '美 OR 俄',
    '2022-02',
    '红线',
  ];
  const a = await open(context, embedded.url);
  const files = await a.page.evaluate(async () => (await window.dossier.search('')).results.map((r) => r.file));
  assert.equal(files.length, 5);
  const want = await answers(a.page, queries, files);
  const b = await open(context, sharded.url);
  const got = await answers(b.page, queries, files);
  for (const key of Object.keys(want)) {
    assert.deepEqual(got[key], want[key], key);
  }
  assert.deepEqual(b.errors, []);
  await a.page.close();
  await b.page.close();
});

test('the first view is prerendered with the files it read preloaded, and hydrates', async () => {
  const html = readFileSync(join(SHARDED_DIST, 'index.html'), 'utf8');
  assert.match(html, /data-testid="app"/, 'the first view is in index.html');
  const preloaded = [...html.matchAll(/<link rel="preload" href="(shards\/[^"]+)"[^>]*data-shard/g)].map((m) => m[1]);
  assert.ok(preloaded.some((h) => h.startsWith('shards/catalogue.')), 'the catalogue is preloaded');
  assert.ok(preloaded.some((h) => h.startsWith('shards/texts-')), "the snippets' texts are preloaded");
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const requested = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/shards/')) requested.push(path.slice(path.indexOf('shards/')));
  });
  await page.goto(sharded.url);
  await page.locator('[data-testid=app][data-ready]').waitFor({ timeout: 15000 });
  assert.deepEqual(await listed(page), ['000', '001', '002', '003', '004']);
  await page.waitForTimeout(300);
  const extra = requested.filter((p) => !preloaded.includes(p));
  assert.deepEqual(extra, [], 'the first view fetches nothing it did not preload');
  // The links wait in a template until the view has painted (boot.js), and the app, which
  // starts after, takes the preloaded responses: each file is requested once.
  assert.match(html, /<template data-preload>\s*<link rel="preload" href="shards\/manifest\.bin"/);
  assert.equal(await page.locator('template[data-preload]').count(), 0, 'opened');
  assert.equal(await page.locator('head > link[data-shard]').count(), preloaded.length);
  assert.deepEqual(requested.filter((p, i) => requested.indexOf(p) !== i), [], 'no file requested twice');
  // A query fetches what it needs, and its snippets show.
  await page.getByTestId('search-input').fill('战斧');
  await until(() => listed(page), ['001', '002'], 'results for 战斧');
  await until(async () => (await page.locator('[data-testid=result-item] .snippet mark').count()) > 0, true, 'snippets');
  assert.ok(requested.some((p) => p.startsWith('shards/terms-')), 'term shards fetched');
  assert.deepEqual(errors, [], 'no errors: hydration matched');
  await page.close();
});

test('input before the wasm runs holds though the view hydrates in turns, into a copy swapped in', async () => {
  const { page, errors, release } = await openHeld(context, sharded.url);
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  // A button with no state of its own (clicked again once the app runs, found in the copy)
  // and a facet value (recorded, applied by the app).
  await page.getByTestId('events-all').click();
  const option = page.locator('[data-testid=facet-option][data-group=source]').first();
  const source = await option.getAttribute('data-value');
  await option.click();
  release();
  await page.locator('html[data-replayed]').waitFor({ state: 'attached' });
  await until(async () => await page.getByTestId('events-all').getAttribute('aria-expanded'), 'true', 'all events are listed');
  await until(async () => new URLSearchParams(page.url().split('#')[1]).get('source'), source, 'the source filter applied');
  assert.equal(await page.locator('[data-testid=active-filter][data-group=source]').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('focus moved into the view before the wasm runs stays where it was once the copy is swapped in', async () => {
  const { page, errors, release } = await openHeld(context, sharded.url);
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  // A keyboard reader tabs from the search box into the list while the page starts.
  const link = page.locator('[data-testid=result-item] h2 a').nth(1);
  const file = await link.evaluate((a) => a.closest('[data-testid=result-item]').dataset.file);
  await link.focus();
  release();
  await page.locator('html[data-replayed]').waitFor({ state: 'attached' });
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      return a?.closest('[data-testid=result-item]')?.dataset.file + ' ' + a?.localName;
    });
  await until(focused, `${file} a`, 'the same result link has focus');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the reader and the timeline read texts fetched on demand', async () => {
  const { page, errors } = await open(context, sharded.url);
  await page.getByTestId('search-input').fill('佩斯科夫');
  await until(() => listed(page), ['001', '003'], 'two results');
  await page.locator('[data-testid=result-item][data-file^="003"] a').first().click();
  const view = page.getByTestId('article-view');
  await view.waitFor();
  await until(async () => (await view.locator('.body p').count()) > 3, true, 'the body shown');
  assert.equal(await page.getByTestId('article-loading').count(), 0);
  await page.keyboard.press('Escape');
  const events = page.getByTestId('event-item');
  await until(async () => (await events.count()) > 0, true, 'dated events listed');
  const texts = await events.locator('a').allInnerTexts();
  assert.ok(texts.every((t) => t.trim().length > 0), `every event has its sentence: ${texts}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a failed fetch says so, and retrying fetches again', async () => {
  const { page } = await open(context, sharded.url);
  let blocked = 0;
  await page.route('**/shards/{terms,grams}-*', (route) => {
    blocked += 1;
    return route.abort();
  });
  await page.getByTestId('search-input').fill('布林肯');
  const alert = page.getByTestId('fetch-error');
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.innerText(), /索引载入失败/);
  assert.equal(await alert.getAttribute('data-reason'), null, 'the host still serves this build');
  assert.ok(blocked > 0);
  await page.unroute('**/shards/{terms,grams}-*');
  await page.getByTestId('fetch-retry').click();
  await until(() => listed(page), ['000', '001', '003'], 'results after the retry');
  assert.equal(await alert.count(), 0, 'the message is gone');
  await page.close();
});

test('once a deploy replaced the collection, a failed fetch says so and the reload shows the view', async () => {
  const { page, errors } = await open(context, sharded.url);
  // The deploy: the old build's files gone, the manifest another build's (one byte differs).
  const manifest = Buffer.from(await (await fetch(`${sharded.url}shards/manifest.bin`)).arrayBuffer());
  const next = Buffer.from(manifest);
  next[next.length - 1] ^= 1;
  let asked = 0;
  await page.route('**/shards/{terms,grams}-*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.route('**/shards/manifest.bin', (route) => {
    asked += 1;
    return route.fulfill({ status: 200, body: next, contentType: 'application/octet-stream' });
  });
  await page.getByTestId('search-input').fill('布林肯');
  const alert = page.getByTestId('fetch-error');
  await alert.waitFor({ timeout: 5000 });
  assert.equal(await alert.getAttribute('data-reason'), 'replaced');
  assert.match(await alert.innerText(), /已在服务器上更新.*请重新载入页面/s);
  assert.equal(await page.getByTestId('fetch-retry').count(), 0, 'trying again cannot help');
  assert.ok(asked > 0, 'the manifest was asked for again');
  // The new build is in place (here: the same files again); the reload keeps the view.
  await page.unroute('**/shards/{terms,grams}-*');
  await page.unroute('**/shards/manifest.bin');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('fetch-reload').click()]);
  await page.locator('[data-testid=app][data-ready]').waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId('search-input').inputValue(), '布林肯');
  await until(() => listed(page), ['000', '001', '003'], 'results after the reload');
  assert.equal(await alert.count(), 0, 'the message is gone');
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await page.close();
});

/** The bytes of the file a click on `testid` downloads. */
async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

test('an export fetches the texts it quotes and equals the embedded build\'s', async () => {
  const pages = [await open(context, embedded.url), await open(context, sharded.url)];
  const got = [];
  for (const { page } of pages) {
    await page.getByTestId('search-input').fill('北约');
    await until(async () => (await listed(page)).length, 5, 'five results');
    got.push([await download(page, 'export-csv'), await download(page, 'export-json')]);
  }
  const [[csvA, jsonA], [csvB, jsonB]] = got;
  assert.equal(csvB.name, csvA.name);
  assert.ok(csvA.bytes.length > 1000);
  assert.deepEqual(csvB.bytes, csvA.bytes, 'the same CSV, snippets included');
  assert.deepEqual(jsonB.bytes, jsonA.bytes, 'the same JSON');
  for (const { page, errors } of pages) {
    assert.deepEqual(errors, []);
    await page.close();
  }
});
