// window.dossier: the page's search, facets and articles for scripts, compared with the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let context;
let server;

before(async () => {
  context = await launch();
  server = await serve();
});
after(async () => {
  await context?.close();
  await server?.close();
});

async function pageResults(page, q, count) {
  await page.getByTestId('search-input').fill(q);
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=result-count]')?.dataset.count === String(n),
    count,
  );
  return page.getByTestId('result-item').evaluateAll((els) => els.map((e) => e.dataset.file));
}

test('window.dossier.search gives the page results for the same query', async () => {
  const { page, errors } = await open(context, server.url);
  await page.waitForFunction(() => typeof window.dossier?.search === 'function');
  for (const [q, n] of [['美国 制裁', 3], ['普京', 4], ['"书面回复" -大纪元', 3], ['', 5]]) {
    const api = await page.evaluate((q) => window.dossier.search(q), q);
    assert.equal(api.count, n, q);
    assert.deepEqual(api.results.map((r) => r.file), await pageResults(page, q, n), q);
    assert.ok(api.results.every((r) => Array.isArray(r.tags) && Array.isArray(r.snippets)));
  }
  // Options mirror the page's: sort, filters (as in the URL), a date range, and a limit.
  await page.getByTestId('sort-select').selectOption('oldest');
  const oldest = await page.evaluate(() =>
    window.dossier.search('普京', { sort: 'oldest', limit: 10 }),
  );
  assert.deepEqual(oldest.results.map((r) => r.file), await pageResults(page, '普京', 4));
  const filtered = await page.evaluate(() =>
    window.dossier.search('', { filters: { source: ['观察者网'] }, date: '2022' }),
  );
  assert.ok(filtered.count > 0 && filtered.results.every((r) => r.outlet === '观察者网'));
  // Facets and an article, as plain objects.
  const facets = await page.evaluate(() => window.dossier.facets('普京'));
  assert.ok(Array.isArray(facets.tag) && facets.tag.every((v) => typeof v.count === 'number'));
  const file = oldest.results[0].file;
  const article = await page.evaluate((f) => window.dossier.article(f), file);
  assert.equal(article.file, file);
  assert.ok(article.paragraphs.length > 0);
  assert.equal(await page.evaluate(() => window.dossier.article('nope.txt')), null);
  // Bad options throw, saying why.
  const thrown = await page.evaluate(() => {
    try {
      window.dossier.search('普京', { sort: 'best' });
      return null;
    } catch (e) {
      return String(e.message);
    }
  });
  assert.match(thrown, /unknown sort `best`/);
  const problems = await page.evaluate(() =>
    [{ sorting: 'newest' }, { limit: -1 }, { filters: { outlet: ['x'] } }, { exact: 'yes' }, 3].map(
      (o) => {
        try {
          window.dossier.search('普京', o);
          return null;
        } catch (e) {
          return String(e.message);
        }
      },
    ),
  );
  assert.match(problems[0], /unknown option `sorting`/);
  assert.match(problems[1], /limit must be a whole number/);
  assert.match(problems[2], /unknown filter `outlet`/);
  assert.match(problems[3], /exact must be a boolean/);
  assert.match(problems[4], /options must be an object/);
  // One filter value may be given without the array.
  const [list, one] = await page.evaluate(() =>
    [['观察者网'], '观察者网'].map((v) => window.dossier.search('', { filters: { source: v } }).count),
  );
  assert.ok(one > 0);
  assert.equal(one, list);
  assert.deepEqual(errors, []);
  await page.close();
});
