// The single-file dossier (scripts/build --single-file, scripts/single-file.mjs) opened from
// disk as a double-click opens it: file://, no server running. It searches the seed table,
// filters by a facet, opens the reader and restores a view from its URL fragment, requesting
// nothing beyond itself, under a policy that allows its inline code by hash only. And the
// normal dist/ opened from disk by mistake explains itself instead of hanging.
//
// The single file is assembled from the built dist/ when missing or older than its
// index.html (harness singleFile); the XSS collection's single file is read in xss.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DIST, launch, open, singleFile } from './harness.mjs';
import { assertSeedTable, listed, until } from './seed-queries.mjs';

/** Budget of issue 16 for the seeds' single file. */
const MAX_BYTES = 1.3e6;

let file;
let url;
let context;
/** Every request any page of the context made, and every CSP violation. */
const requests = [];

before(async () => {
  file = singleFile(DIST);
  url = pathToFileURL(file).href;
  context = await launch();
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});
after(async () => {
  await context?.close();
});

/** Asserts that the pages so far requested only the single file itself (any fragment). */
function onlyItself() {
  const others = requests.filter((r) => r.split('#')[0] !== url && r !== 'data:,');
  assert.deepEqual(others, [], 'requests beyond the single file');
}

test('the single file is one page under a strict policy, within its size budget', () => {
  const html = readFileSync(file, 'utf8');
  const size = statSync(file).size;
  console.log(`${file}: ${size} bytes, gzip -9 ${gzipSync(html, { level: 9 }).length} bytes`);
  assert.ok(size <= MAX_BYTES, `${size} bytes > ${MAX_BYTES}`);
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  assert.ok(csp, 'a CSP meta');
  const dirs = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.ok(!/unsafe-inline|unsafe-eval'|unsafe-hashes|'self'/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
  assert.deepEqual(dirs['default-src'], ["'none'"]);
  assert.deepEqual(dirs['connect-src'], ["'none'"]);
  assert.deepEqual(dirs['object-src'], ["'none'"]);
  assert.deepEqual(dirs['base-uri'], ["'none'"]);
  // The policy names exactly the inline script and the inline style by hash.
  const sha = (t) => `'sha256-${createHash('sha256').update(t, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const code = scripts.filter(([, attrs]) => !/type="application\/octet-stream"/.test(attrs));
  assert.equal(code.length, 1, 'one script that runs');
  assert.ok(!/\ssrc=/.test(code[0][1]), 'inline');
  assert.deepEqual(dirs['script-src'], [sha(code[0][2]), "'wasm-unsafe-eval'"]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  assert.equal(styles.length, 1);
  assert.deepEqual(dirs['style-src'], [sha(styles[0][1])]);
  assert.ok(!/<link\b[^>]*rel="(stylesheet|modulepreload|preload)"/.test(html), 'no linked files');
});

test('opened from file://, it lists exactly each query of the seed table, requesting nothing', async () => {
  const { page, errors } = await open(context, url);
  const input = page.getByTestId('search-input');
  await assertSeedTable(page, input);
  // The embedded data block is gone once read; only the app's own script is left.
  assert.equal(await page.locator('#dossier-wasm').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(errors, []);
  onlyItself();
  await page.close();
});

test('a facet, the reader and the keyboard work from file://', async () => {
  const { page, errors } = await open(context, url);
  await until(async () => (await listed(page)).length, 5, 'all five listed');
  await page.locator('[data-testid=facet-option][data-group=source][data-value=观察者网]').click();
  await until(() => listed(page), ['000', '002'], 'only 观察者网 articles');
  assert.match(page.url(), /^file:.*#.*source=/, 'the filter is in the fragment');
  await page.locator('[data-testid=active-filter][data-group=source]').click();
  await until(() => listed(page), ['000', '001', '002', '003', '004'], 'chip removed the filter');
  // The reader, by the keyboard: / to search, ↓ to the first result, Enter to open.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await page.keyboard.type('佩斯科夫');
  await until(() => listed(page), ['001', '003'], 'two results');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const view = page.getByTestId('article-view');
  await view.waitFor();
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  // And by the mouse.
  await page.locator('[data-testid=result-item][data-file^="003"] a').first().click();
  await view.waitFor();
  assert.equal(await page.getByTestId('article-title').innerText(), '获美国北约书面回复 俄罗斯称愿意继续谈');
  assert.ok((await view.locator('mark').count()) > 0, 'the query is highlighted in the article');
  assert.equal(await view.locator('img').count(), 0, 'no <img> before 显示图片');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  // The compare view.
  await page.getByTestId('open-compare').click();
  await page.getByTestId('compare-view').waitFor();
  assert.ok((await page.getByTestId('compare-column').count()) >= 1);
  await page.goBack();
  await page.getByTestId('compare-view').waitFor({ state: 'detached' });
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(errors, []);
  onlyItself();
  await page.close();
});

test('a file:// URL with query, filter and open article restores that view, also after reload', async () => {
  const { page, errors } = await open(
    context,
    `${url}#q=${encodeURIComponent('普京')}&source=${encodeURIComponent('新京报')}`,
  );
  await until(() => listed(page), ['004'], 'filtered to 新京报');
  assert.equal(await page.getByTestId('search-input').inputValue(), '普京');
  await page.locator('[data-testid=result-item] a').first().click();
  await page.getByTestId('article-view').waitFor();
  const there = page.url();
  assert.match(there, /^file:.*#.*q=.*source=.*open=/);
  await page.reload();
  await page.getByTestId('article-view').waitFor();
  assert.equal(page.url(), there);
  assert.match(await page.getByTestId('article-title').innerText(), /^在即将迈入新年之时/);
  assert.equal(await page.locator('[data-testid=active-filter][data-group=source]').count(), 1);
  await page.keyboard.press('Escape');
  await until(() => listed(page), ['004'], 'the list behind the reader is the filtered one');
  assert.deepEqual(errors, []);
  onlyItself();
  await page.close();
});

test('dist/index.html opened from disk says why and how, styled, and links the single file', async () => {
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
  const notice = page.getByTestId('file-notice');
  await notice.waitFor({ timeout: 5000 });
  const text = await notice.innerText();
  for (const words of ['file://', 'python3 -m http.server', 'scripts/serve', '单文件']) {
    assert.ok(text.includes(words), `the notice mentions ${words}: ${text}`);
  }
  assert.ok(!(await page.locator('#boot').isVisible()), 'no endless 正在加载');
  // The stylesheet loaded (no integrity attribute to fail on file://).
  const border = await notice.evaluate((el) => getComputedStyle(el).borderLeftWidth);
  assert.equal(border, '4px', 'the notice is styled');
  // Its link opens the single file, which works.
  const link = page.getByTestId('single-file-link');
  assert.equal(await link.getAttribute('href'), 'dossier.html');
  await link.click();
  await page.getByTestId('search-input').waitFor();
  await until(async () => (await listed(page)).length, 5, 'the single file lists all five');
  await page.close();
});
