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
      assert.deepEqual(errors, [], 'no errors in the console');
      await page.close();
    } finally {
      await server.close();
    }
  });
}
