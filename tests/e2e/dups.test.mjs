// Re-posts and near-duplicates in the result list, in a real browser: a bundle built from
// tests/fixtures/dups (a seed article, its re-post under a new header, a trimmed copy, and two
// other reports on the same topic) lists the three copies as one entry, "另有 2 篇转载/重复",
// which a keyboard user expands (aria-expanded) to the others, each with its outlet and date
// and each opening in the reader.
//
// The bundle is built in `before` into target/dups-dist the way xss.test.mjs builds its own:
// trunk with DOSSIER_ARTICLES, sharing cargo's cache with the main build (only dossier itself
// recompiles); skipped while target/dups-dist/index.html is newer than the fixtures and every
// source; DOSSIER_DUPS_DIST names a ready bundle instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { serve, launch, open, buildCollection } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ARTICLES = join(ROOT, 'tests', 'fixtures', 'dups');
const DIST = process.env.DOSSIER_DUPS_DIST ?? join(ROOT, 'target', 'dups-dist');

/** The newest modification time of the files below each path. */
function buildIfStale() {
  if (process.env.DOSSIER_DUPS_DIST) return;
  buildCollection({ name: 'duplicates', articles: ARTICLES, dist: DIST });
}

let context;
let server;

before(async () => {
  buildIfStale();
  server = await serve(DIST, '/');
  context = await launch();
});
after(async () => {
  await context?.close();
  await server?.close();
});

test('a collapsed group of re-posts expands to the others, each opening in the reader', async () => {
  const { page, errors } = await open(context, server.url);
  const input = page.getByTestId('search-input');
  await input.waitFor();
  await input.fill('书面回复');
  const count = page.getByTestId('result-count');
  await page.waitForFunction(() => document.querySelector('[data-testid=result-count]')?.dataset.count === '5');
  assert.equal(await count.getAttribute('data-groups'), '3');
  assert.match(await count.innerText(), /5 篇文章（3 组）/);

  // One entry for the three copies: led by the best-ranked, the other two behind its button.
  const items = page.getByTestId('result-item');
  assert.equal(await items.count(), 3);
  const grouped = items.filter({ has: page.getByTestId('dups-toggle') });
  assert.equal(await grouped.count(), 1);
  const lead = await grouped.getAttribute('data-file');
  const toggle = grouped.getByTestId('dups-toggle');
  assert.equal(await toggle.innerText(), '▸ 另有 2 篇转载/重复');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const list = grouped.getByTestId('dups-list');
  assert.ok(await list.isHidden(), 'collapsed at first');
  assert.equal(await page.locator(`#${await toggle.getAttribute('aria-controls')}`).count(), 1);

  // Keyboard: the button takes focus and Enter expands it.
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await list.isVisible());
  const others = list.getByTestId('dup-item');
  assert.equal(await others.count(), 2);
  const files = await others.evaluateAll((els) => els.map((e) => e.dataset.file));
  const copies = ['000_original.txt', '010_repost_new_header.md', '020_trimmed_copy.txt'];
  assert.deepEqual([lead, ...files].sort(), copies);
  for (const other of await others.all()) {
    assert.match(await other.locator('.source').innerText(), /\S/);
    assert.match(await other.locator('time').getAttribute('datetime'), /^2022-01-2[78]$/);
  }
  // The same-topic reports stay entries of their own.
  const alone = await items.evaluateAll((els) => els.map((e) => e.dataset.file));
  assert.ok(alone.includes('030_same_topic_leak.txt') && alone.includes('040_same_topic_reply.txt'));

  // Each other one opens in the reader.
  const target = files[0];
  await others.first().locator('a').click();
  await page.getByTestId('article-view').waitFor();
  assert.ok(decodeURIComponent(page.url()).includes(target), `${page.url()} opens ${target}`);
  await page.keyboard.press('Escape');
  await page.getByTestId('article-view').waitFor({ state: 'detached' });

  // Collapses again.
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await list.isHidden());
  assert.deepEqual(errors, []);
  await page.close();
});
