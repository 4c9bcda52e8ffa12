// A sharded build of 20,000 synthetic articles (`dossier-synth`), hosted under a sub-path: the
// prerendered list, a query, a facet and the reader, each fetching only what it needs.
//
// The collection is written to target/synth-20000 and built into target/sharded-20k-dist, both
// skipped while they are newer than their inputs; DOSSIER_SHARDED_20K_DIST names a ready bundle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { serve, launch, open, buildCollection } from './harness.mjs';
import { until } from './seed-queries.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COUNT = 20000;
const ARTICLES = join(ROOT, 'target', `synth-${COUNT}`);
const DIST = process.env.DOSSIER_SHARDED_20K_DIST ?? join(ROOT, 'target', 'sharded-20k-dist');

let context;
let server;

before(async () => {
  if (!process.env.DOSSIER_SHARDED_20K_DIST) {
    if (!existsSync(join(ARTICLES, '.complete'))) {
      const r = spawnSync('cargo', ['run', '--quiet', '--locked', '-p', 'dossier-synth', '--', ARTICLES, String(COUNT)], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      assert.equal(r.status, 0, 'dossier-synth failed');
      spawnSync('touch', [join(ARTICLES, '.complete')]);
    }
    buildCollection({ name: `sharded ${COUNT}`, articles: ARTICLES, dist: DIST, sharded: true, extra: ['crates/synth'] });
  }
  context = await launch();
  server = await serve(DIST, '/archive/dossier/');
});
after(async () => {
  await context?.close();
  await server?.close();
});

const count = async (page) => Number(await page.getByTestId('result-count').getAttribute('data-count'));

/** Waits until the page fetches nothing and shows no fetching line. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=fetching]'), null, { timeout: 30000 });
}

test(`${COUNT} sharded articles: the list, a query, a facet and the reader, under a sub-path`, async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.match(html, new RegExp(`data-articles="${COUNT}"`), 'the prerendered view counts every article');
  const { page, errors } = await open(context, server.url);
  const shards = [];
  page.on('request', (r) => r.url().includes('/shards/') && shards.push(r.url()));
  assert.equal(await page.getByTestId('article-item').count(), 20, 'the first page of the list (20 in a sharded build)');
  assert.equal(await count(page), COUNT);

  // Every event of 20,000 articles is more than a page lists: "显示全部" lists the first 1,000
  // and says so.
  const events = page.getByTestId('event-item');
  await page.getByTestId('events-all').click();
  await page.getByTestId('events-capped').waitFor();
  assert.equal(await events.count(), 1000, 'the first 1,000 events');
  assert.match(await page.getByTestId('events-capped').textContent(), /仅列出前 1000 条/);
  await page.getByTestId('events-all').click();
  await until(async () => await events.count(), 6, 'collapsed again');
  // So are its thousands of tags: the first 300, and how to reach the rest.
  const tags = page.locator('[data-testid=facet-option][data-group=tag]');
  const toggle = page.locator('[data-testid=facet-toggle][data-group=tag]');
  assert.match(await toggle.textContent(), /^显示前 300 项（共 \d+ 项）$/);
  await toggle.click();
  await page.getByTestId('facet-capped').waitFor();
  assert.equal(await tags.count(), 300);
  assert.match(await page.getByTestId('facet-capped').textContent(), /输入 tag:名称/);
  await toggle.click();
  await until(async () => await tags.count(), 8, 'the tags collapsed again');

  await page.getByTestId('search-input').fill('普京');
  await until(async () => (await count(page)) < COUNT && (await count(page)) > 0, true, 'a query narrows the list');
  await settled(page);
  const hits = await count(page);
  assert.ok(shards.some((u) => u.includes('/shards/terms-')), 'the query fetched term shards');
  assert.ok(shards.every((u) => u.startsWith(server.url)), 'every file fetched below the sub-path');
  // The snippets' texts arrive after the results.
  const marks = page.locator('[data-testid=result-item] .snippet mark');
  await until(async () => (await marks.count()) > 0, true, 'the results show highlighted snippets', 15000);

  const option = page.locator('[data-testid=facet-option][data-group=source]').first();
  await option.click();
  await until(async () => (await count(page)) < hits, true, 'a facet narrows the results');
  await settled(page);

  await page.locator('[data-testid=result-item] a').first().click();
  const view = page.getByTestId('article-view');
  await view.waitFor();
  await until(async () => (await view.locator('.body p').count()) > 0, true, 'the reader shows the text');
  assert.equal(await page.getByTestId('fetch-error').count(), 0);
  assert.deepEqual(errors, [], 'no errors in the console');
  await page.close();
});

test(`${COUNT} sharded articles: a result's snippets, and its text, come as it nears the viewport`, async () => {
  const { page, errors } = await open(context, server.url);
  const items = page.getByTestId('result-item');
  const texts = [];
  page.on('request', (r) => r.url().includes('/shards/texts-') && texts.push(r.url()));
  await page.getByTestId('search-input').fill('普京');
  await until(async () => (await count(page)) < COUNT && (await count(page)) > 0, true, 'a query narrows the list');
  await settled(page);
  assert.equal(await items.count(), 20);
  await until(async () => (await items.first().locator('.snippet mark').count()) > 0, true, 'the first result shows its snippets', 15000);
  // The last of the 20 is screens below: no snippets, their room kept, its text not fetched.
  const last = items.nth(19);
  assert.equal(await last.locator('.snippet').count(), 0, 'a result far below shows no snippets yet');
  assert.equal(await last.locator('.snippets-pending').count(), 1, 'it keeps their room');
  await page.waitForTimeout(300);
  const fetched = texts.length;
  assert.ok(fetched > 0 && fetched < 20, `the texts of the results near the viewport only (${fetched} of 20)`);
  await last.scrollIntoViewIfNeeded();
  await until(async () => (await last.locator('.snippet mark').count()) > 0, true, 'its snippets once scrolled to', 15000);
  assert.ok(texts.length > fetched, 'its text fetched then');
  assert.equal(await last.locator('.snippets-pending').count(), 0);
  assert.deepEqual(errors, [], 'no errors in the console');
  await page.close();
});
