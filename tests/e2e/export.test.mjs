// Export of the results: both downloads in Chromium, their bytes checked against the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

/** RFC 4180 records of `text` (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

async function listedFiles(page) {
  return page.getByTestId('result-item').evaluateAll((els) => els.map((e) => e.dataset.file));
}

test('the results download as CSV with BOM and as JSON, matching the page', async () => {
  const { page, errors } = await open(context, server.url);
  const input = page.getByTestId('search-input');
  await input.fill('美国 制裁');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=result-count]')?.dataset.count === '3',
  );
  const files = await listedFiles(page);
  assert.equal(files.length, 3);

  const csv = await download(page, 'export-csv');
  assert.equal(csv.name, 'dossier-美国_制裁.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
  assert.deepEqual(rows[0], [
    'rank', 'file', 'title', 'date', 'date_basis', 'outlet', 'author', 'tags', 'url', 'snippets', 'story',
  ]);
  assert.deepEqual(rows.slice(1).map((r) => r[1]), files, 'one row per result, in order');
  const titles = await page.locator('[data-testid=result-item] .result-title').allInnerTexts();
  assert.deepEqual(rows.slice(1).map((r) => r[2]), titles);
  assert.ok(rows.slice(1).every((r) => r[9].length > 0), 'every row has its snippets');

  const json = await download(page, 'export-json');
  assert.equal(json.name, 'dossier-美国_制裁.json');
  const items = JSON.parse(json.bytes.toString('utf8'));
  assert.deepEqual(items.map((a) => a.file), files);
  assert.deepEqual(items.map((a) => a.rank), [1, 2, 3]);
  for (const [i, a] of items.entries()) {
    assert.equal(a.title, titles[i]);
    assert.ok(Array.isArray(a.tags) && Array.isArray(a.snippets) && a.snippets.length > 0);
    assert.match(a.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
  }
  // The buttons are reachable by keyboard and say what they do.
  const label = await page.getByTestId('export-csv').getAttribute('aria-label');
  assert.equal(label, '将 3 篇结果导出为 CSV 文件');
  await page.getByTestId('export-csv').focus();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(dl.suggestedFilename(), 'dossier-美国_制裁.csv');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the export buttons are disabled when nothing matches', async () => {
  const { page, errors } = await open(context, server.url);
  await page.getByTestId('search-input').fill('没有这个词的文章xyz');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=result-count]')?.dataset.count === '0',
  );
  assert.equal(await page.getByTestId('export-json').isDisabled(), true);
  assert.deepEqual(errors, []);
  await page.close();
});
