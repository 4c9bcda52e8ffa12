// The prerendered first view (src/ui/prerender.rs, put into dist/index.html by Trunk.toml's
// post_build hook) and its hydration: the raw file holds the list before any script runs;
// without JavaScript the list, facets and timeline are readable; with it, the wasm hydrates
// the same view (no mismatch, no panic) and then applies the URL; what a reader does before
// the wasm runs (typing, a facet click, a result link) takes effect once it does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, open, openHeld, DIST } from './harness.mjs';

let context;
let nojs;
let server;

before(async () => {
  context = await launch();
  nojs = await launch({ javaScriptEnabled: false });
  server = await serve(undefined, '/dossier/');
});
after(async () => {
  await context?.close();
  await nojs?.close();
  await server?.close();
});

/** What the view shows, as data: results, count, facets, timeline, events. */
function snapshot(page) {
  return page.evaluate(() => {
    const all = (sel, f) => [...document.querySelectorAll(sel)].map(f);
    return {
      results: all('[data-testid=result-item]', (e) => [e.dataset.file, e.querySelector('.result-title')?.textContent]),
      count: document.querySelector('[data-testid=result-count]')?.textContent,
      facets: all('[data-testid=facet-option]', (e) => [e.dataset.group, e.dataset.value, e.dataset.count]),
      buckets: all('[data-testid=timeline-bucket]', (e) => [e.dataset.start, e.dataset.end, e.dataset.articles, e.dataset.events]),
      events: all('[data-testid=event-item]', (e) => [e.dataset.date, e.dataset.file, e.textContent]),
      snippets: all('.snippet', (e) => e.textContent),
    };
  });
}

/** The three-digit prefixes of the listed articles, sorted. */
async function listed(page) {
  const files = await page
    .getByTestId('result-item')
    .evaluateAll((els) => els.map((e) => e.dataset.file.split('/').pop().slice(0, 3)));
  return files.sort();
}

test('the built index.html holds the five titles inside the app root, before any script', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const root = html.indexOf('<div id="root">');
  assert.ok(root > 0, 'the root element');
  const view = html.slice(root, html.lastIndexOf('</body>'));
  assert.ok(!/<script/i.test(view), 'no script inside or after the root');
  // Only the loader and the notice for a page opened from disk, both files of the bundle.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(
    scripts.map((t) => t.match(/src="(?:\.\/)?([\w-]+\.js)[?"]/)?.[1]).sort(),
    ['boot.js', 'file-notice.js'],
    `only the loader and the file notice: ${scripts}`,
  );
  assert.ok(html.lastIndexOf('<script') < html.indexOf('</head>'), 'in <head>');
  // The titles the running app lists, as the raw file spells them (HTML-escaped text).
  const { page } = await open(context, server.url);
  const titles = await page.locator('[data-testid=result-item] .result-title').allInnerTexts();
  await page.close();
  assert.equal(titles.length, 5);
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  for (const t of titles) assert.ok(view.includes(esc(t)), `title ${t} in the prerendered root`);
  assert.match(html, /<title>dossier · 新闻档案：5 篇文章，\d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d<\/title>/);
  assert.match(html, /<meta name="description" content="5 篇中文新闻报道的档案[^"]+"/);
  assert.ok(view.includes('data-testid="search-starting"'), 'the page says search is starting');
  // Its form controls wait in templates (src/ui/prerender.rs, `defer_controls`): a parsed page
  // holding one is laid out whole in the parser's last task.
  for (const id of ['search-input', 'exact-toggle', 'sort-select', 'import-input']) {
    assert.match(view, new RegExp(`<template data-late><[a-z]+ [^>]*data-testid="${id}"`), id);
  }
  for (const m of view.matchAll(/<(input|select|textarea)\b/g)) {
    assert.ok(view.slice(0, m.index).endsWith('<template data-late>'), `<${m[1]}> at ${m.index} is in a template`);
  }
});

test('without JavaScript the list, facets and timeline are readable, and a line says why search is not', async () => {
  const page = await nojs.newPage();
  await page.goto(server.url);
  assert.equal(await page.getByTestId('result-item').count(), 5);
  assert.ok((await page.getByTestId('facet-option').count()) > 10, 'facets');
  assert.ok((await page.getByTestId('timeline-bucket').count()) > 0, 'timeline');
  assert.match(await page.locator('.noscript').textContent(), /需要启用 JavaScript/);
  assert.ok(await page.locator('.noscript').isVisible(), 'the noscript line shows');
  assert.equal(await page.getByTestId('search-starting').isVisible(), false, 'no "search is starting" without JavaScript');
  // The controls, which could do nothing, stay in their templates; their labels do not show.
  assert.equal(await page.getByTestId('search-input').count(), 0, 'no search box');
  assert.equal(await page.locator('.search .controls').isVisible(), false, 'no switch or sort menu');
  for (const sel of ['[data-testid=export-csv]', '[data-testid=import]', '.view-switch', '[data-testid=facet-toggle]']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel}: only the app could answer it`);
  }
  assert.equal(await page.locator('[data-ready]').count(), 0);
  await page.close();
});

test('the wasm hydrates the same view the native render shows, then runs it', async () => {
  const page = await nojs.newPage();
  await page.goto(server.url);
  const native = await snapshot(page);
  await page.close();
  const { page: live, errors } = await open(context, server.url);
  const browser = await snapshot(live);
  assert.deepEqual(browser, native, 'the browser renders what was prerendered');
  assert.equal(await live.getByTestId('search-starting').count(), 0, 'no "starting" line once running');
  assert.equal(await live.getByTestId('panic-notice').count(), 0);
  assert.deepEqual(errors, []);
  await live.close();
});

test('a URL fragment is applied after hydration, without a mismatch', async () => {
  const hash = '#q=%E6%99%AE%E4%BA%AC&source=%E6%96%B0%E4%BA%AC%E6%8A%A5&open=004_d7cc32f337d1bee9.txt';
  const { page, errors } = await open(context, server.url + hash);
  await page.getByTestId('article-view').waitFor();
  assert.equal(await page.getByTestId('search-input').inputValue(), '普京');
  assert.deepEqual(await listed(page), ['004']);
  assert.ok(page.url().endsWith(hash), 'the URL is left as it was');
  assert.equal(await page.getByTestId('panic-notice').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('with a URL fragment the prerendered lists wait for the app, which shows that view', async () => {
  const hash = '#q=%E6%88%98%E6%96%A7';
  const { page, errors, release } = await openHeld(context, server.url + hash);
  assert.equal(await page.locator('.layout').isVisible(), false, 'the default lists are not shown for another view');
  assert.ok(await page.getByTestId('search-input').isVisible(), 'the search box is');
  release();
  await page.locator('[data-ready]').waitFor();
  assert.ok(await page.locator('.layout').isVisible());
  assert.deepEqual(await listed(page), ['001', '002']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('text typed before the wasm runs is searched once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  assert.ok(await page.getByTestId('search-input').evaluate((el) => el === document.activeElement), 'the box has focus');
  // boot.js put the controls in place once the body was parsed, before the wasm runs; the
  // placeholder kept the box's height meanwhile, so nothing moved.
  assert.equal(await page.locator('template[data-late]').count(), 0, 'no control left in a template');
  assert.equal(await page.locator('[data-ready]').count(), 0, 'the app is not running');
  const [kept, box] = await page.evaluate(() => {
    const q = document.getElementById('q');
    const t = document.createElement('template');
    t.dataset.late = '';
    q.before(t);
    const heights = [t.getBoundingClientRect().height, q.getBoundingClientRect().height];
    t.remove();
    return heights;
  });
  assert.ok(box > 30 && Math.abs(kept - box) < 0.5, `the placeholder is as high as the box: ${kept} and ${box}`);
  await page.keyboard.type('战斧');
  release();
  await page.locator('[data-ready]').waitFor();
  assert.equal(await page.getByTestId('search-input').inputValue(), '战斧');
  assert.deepEqual(await listed(page), ['001', '002']);
  // The URL takes a typed query once its results are painted.
  await page.waitForFunction(() => /#q=/.test(location.hash));
  assert.deepEqual(errors, []);
  await page.close();
});

test('focus moved into the view before the wasm runs stays there once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  // A keyboard reader tabs from the search box to a facet value while the page starts.
  const option = page.locator('[data-testid=facet-option]').nth(2);
  const value = await option.getAttribute('data-value');
  await option.focus();
  release();
  await page.locator('html[data-replayed]').waitFor({ state: 'attached' });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.value), value, 'the facet value keeps the focus');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a facet click before the wasm runs takes effect once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  const option = page.locator('[data-testid=facet-option][data-group=source][data-value=观察者网]');
  // boot.js records clicks from when it runs (in <head>, before the view is parsed).
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  await option.click();
  assert.equal(await option.getAttribute('aria-checked'), 'true', 'shown as selected at once');
  release();
  await page.locator('[data-ready]').waitFor();
  assert.deepEqual(await listed(page), ['000', '002']);
  assert.equal(await page.locator('[data-testid=active-filter][data-group=source]').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a result link followed before the wasm runs opens its article once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  const item = page.locator('[data-testid=result-item][data-file^="003"] h2 a');
  await item.click();
  assert.match(page.url(), /#open=003/);
  release();
  await page.locator('[data-ready]').waitFor();
  const view = page.getByTestId('article-view');
  await view.waitFor();
  assert.match(await view.getAttribute('data-file'), /^003/);
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('sort, exact match, a timeline drag and a tag used before the wasm runs take effect once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  await page.getByTestId('sort-select').selectOption('oldest');
  await page.getByTestId('exact-toggle').check();
  // A drag from the second bucket back to the first: a date range over both, shown at once.
  const buckets = page.getByTestId('timeline-bucket');
  const [from, to] = await buckets.evaluateAll((els) => [els[0].dataset.start, els[1].dataset.end]);
  await buckets.nth(1).dispatchEvent('mousedown');
  await buckets.nth(0).dispatchEvent('mouseup');
  assert.equal(await page.locator('.bucket.selected').count(), 2);
  // A tag of a result: filters by it (the result it was on may leave the list).
  const tag = page.locator('[data-testid=result-item] .tag').first();
  const tagValue = await tag.innerText();
  await tag.click();
  release();
  await page.locator('html[data-replayed]').waitFor({ state: 'attached' });
  const state = new URLSearchParams(page.url().split('#')[1]);
  assert.equal(state.get('sort'), 'oldest');
  assert.equal(state.get('exact'), '1');
  assert.equal(state.get('date'), `${from}..${to}`);
  assert.equal(state.get('tag'), tagValue);
  assert.equal(await page.getByTestId('sort-select').inputValue(), 'oldest');
  assert.ok(await page.getByTestId('exact-toggle').isChecked());
  assert.equal(await page.locator('[data-testid=active-filter][data-group=tag]').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a button with no state of its own clicked before the wasm runs is clicked again once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  const shown = await page.getByTestId('event-item').count();
  await page.getByTestId('events-all').click();
  release();
  await page.locator('html[data-replayed]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('events-all').getAttribute('aria-expanded'), 'true');
  assert.ok((await page.getByTestId('event-item').count()) > shown, 'all events are listed');
  assert.deepEqual(errors, []);
  await page.close();
});

test("a URL fragment's query is in the search box while the wasm starts, and is not searched twice", async () => {
  const hash = '#q=%E6%88%98%E6%96%A7&open=001_4117bcc9a3ed1ac3.txt';
  const { page, errors, release } = await openHeld(context, server.url + hash);
  assert.equal(await page.getByTestId('search-input').inputValue(), '战斧');
  release();
  await page.getByTestId('article-view').waitFor();
  assert.equal(await page.getByTestId('search-input').inputValue(), '战斧');
  assert.ok(page.url().endsWith(hash), 'the view is the URL\'s (the reader stays open)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('files chosen for import before the wasm runs are imported once it does', async () => {
  const { page, errors, release } = await openHeld(context, server.url);
  await page.locator('html[data-early]').waitFor({ state: 'attached' });
  const file = join(import.meta.dirname, '..', 'fixtures', 'dups', '000_original.txt');
  await page.getByTestId('import-input').setInputFiles([file]);
  release();
  await page.locator('html[data-replayed]').waitFor({ state: 'attached' });
  await page.waitForFunction(
    () => ['done', 'failed'].includes(document.querySelector('[data-testid=import-status]')?.dataset.state),
    null,
    { timeout: 60000 },
  );
  assert.equal(await page.getByTestId('import-status').getAttribute('data-state'), 'done');
  assert.match(await page.getByTestId('import-status').textContent(), /已导入 1 篇文章/);
  assert.deepEqual(errors, []);
  await page.close();
});
