// The compare view in a real browser against the release build: opened from a URL, from the
// explorer's link, its outlet choice, its words into the query, and Escape and back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let context;
let server;

before(async () => {
  context = await launch();
  server = await serve(undefined, '/dossier/');
});
after(async () => {
  await context?.close();
  await server?.close();
});

const outlets = (page) =>
  page.getByTestId('compare-column').evaluateAll((els) => els.map((e) => e.dataset.outlet));

test('the compare view opened from a URL shows one column per outlet', async () => {
  const { page, errors } = await open(context, `${server.url}#view=compare`);
  await page.getByTestId('compare-view').waitFor();
  assert.deepEqual(await outlets(page), ['观察者网', '大纪元', '新京报']);
  const first = page.getByTestId('compare-column').first();
  assert.equal(await first.getByRole('heading', { level: 3 }).textContent(), '观察者网');
  assert.match(await first.getByTestId('compare-count').textContent(), /^2 篇$/);
  assert.ok((await first.getByTestId('compare-word').count()) > 0, 'distinctive words listed');
  assert.ok((await first.getByTestId('compare-name').count()) > 0, 'distinctive names listed');
  assert.equal(await page.locator('svg.spark').count(), 3, 'a timeline per column');
  // The share toggle shows counts as a share of the outlet's own articles.
  await page.getByTestId('compare-share').check();
  assert.match(await first.locator('.distinctive .count').first().textContent(), /^\d+%$/);
  // It is part of the view's URL: a reload keeps it.
  await page.waitForFunction(() => location.hash.includes('counts=share'));
  await page.reload();
  await page.getByTestId('compare-view').waitFor();
  assert.ok(await page.getByTestId('compare-share').isChecked(), 'share toggle restored');
  assert.match(
    await page.getByTestId('compare-column').first().locator('.distinctive .count').first().textContent(),
    /^\d+%$/,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a query and a chosen outlet restrict the columns; the URL keeps them', async () => {
  const { page, errors } = await open(context, `${server.url}#q=%E6%99%AE%E4%BA%AC&view=compare&outlets=%E6%96%B0%E4%BA%AC%E6%8A%A5`);
  await page.getByTestId('compare-view').waitFor();
  assert.deepEqual(await outlets(page), ['新京报']);
  // Adding an outlet from the picker.
  await page.locator('.compare-pick summary').click();
  // 普京's results come from 观察者网 (two) and 新京报 (one) only.
  assert.equal(await page.getByTestId('compare-outlet-choice').count(), 2);
  await page.locator('.compare-pick').getByLabel(/观察者网/).check();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=compare-column]').length === 2);
  assert.deepEqual(await outlets(page), ['新京报', '观察者网']);
  assert.match(decodeURIComponent(new URL(page.url()).hash), /outlets=新京报&outlets=观察者网/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the explorer opens it; a word filters the list; Escape and back return', async () => {
  const { page, errors } = await open(context, server.url);
  await page.getByTestId('open-compare').click();
  await page.getByTestId('compare-view').waitFor();
  assert.match(page.url(), /view=compare/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-title');
  await page.keyboard.press('Escape');
  await page.getByTestId('compare-view').waitFor({ state: 'detached' });
  await page.getByTestId('result-item').first().waitFor();
  await page.goBack();
  await page.getByTestId('compare-view').waitFor();
  // A distinctive word goes to the list, filtered by it.
  const word = page.getByTestId('compare-word').first();
  const value = await word.textContent();
  await word.click();
  await page.getByTestId('compare-view').waitFor({ state: 'detached' });
  assert.match(decodeURIComponent(page.url()), new RegExp(`keyword=${value}`));
  assert.ok((await page.getByTestId('result-item').count()) >= 1);
  await page.goBack();
  await page.getByTestId('compare-view').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the reader lists reports of other outlets with what links them', async () => {
  const { page, errors } = await open(context, `${server.url}#open=000_b5c8dfb21897627d.txt`);
  const reports = page.getByTestId('related-report');
  await reports.first().waitFor();
  assert.equal(await reports.count(), 3);
  assert.match(await reports.first().textContent(), /共同：格鲁什科/);
  await reports.first().getByRole('button').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=article-view]')?.dataset.file?.startsWith('001_'),
  );
  assert.deepEqual(errors, []);
  await page.close();
});
