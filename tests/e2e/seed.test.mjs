// The seed collection reaches the page: every embedded article is listed, at the root and
// when dist/ is hosted under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve, launch, open } from './harness.mjs';

const ARTICLES = resolve(import.meta.dirname, '..', '..', 'articles');
let context;

before(async () => {
  context = await launch();
});
after(async () => {
  await context?.close();
});

async function seedFiles() {
  const entries = await readdir(ARTICLES, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

for (const prefix of ['/', '/dossier/']) {
  test(`lists every seed article when hosted at ${prefix}`, async () => {
    const server = await serve(undefined, prefix);
    try {
      const { page, errors } = await open(context, server.url);
      const items = page.getByTestId('article-item');
      const expected = await seedFiles();
      assert.ok(expected.length >= 5, 'the seed collection has five files');
      await assert.doesNotReject(() => items.nth(expected.length - 1).waitFor());
      const files = await items.evaluateAll((els) => els.map((e) => e.dataset.file).sort());
      assert.deepEqual(files, expected);
      // The parsed titles, not file names, are what the list shows.
      const titles = await page.locator('[data-testid=result-item] .result-title').allInnerTexts();
      for (const t of [
        '美国北约书面回应:拒绝俄罗斯所划“红线”',
        '美国北约给俄罗斯的保密书面回复被西班牙媒体曝光了',
        '获美国北约书面回复 俄罗斯称愿意继续谈',
      ]) {
        assert.ok(titles.includes(t), `title ${t} listed; got ${titles}`);
      }
      assert.ok(titles.some((t) => t.startsWith('普京')), 'the derived title of 001 starts with 普京');
      assert.ok(titles.some((t) => t.startsWith('在即将迈入新年之时')), 'the derived title of 004');
      assert.deepEqual(errors, [], 'no errors in the console');
      await page.close();
    } finally {
      await server.close();
    }
  });
}
