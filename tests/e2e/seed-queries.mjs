// The seed collection's search table and the helpers that read the list, shared by the tests
// of the served bundle (explorer.test.mjs) and of the single file (single.test.mjs).
import assert from 'node:assert/strict';

/** Each query and the three-digit prefixes of the seed articles it must list, exactly. */
export const TABLE = [
  ['布林肯', ['000', '001', '003']],
  ['佩斯科夫', ['001', '003']],
  // Name variants: 泽连斯基 in 000, 北约 everywhere; quoted, only the form typed.
  ['泽伦斯基', ['000', '001']],
  ['"泽伦斯基"', ['001']],
  ['普京', ['000', '001', '002', '004']],
  ['东扩', ['000', '001', '004']],
  ['北約', ['000', '001', '002', '003', '004']],
  ['美国 制裁', ['000', '001', '004']],
  ['NATO', ['000', '001', '002', '003', '004']],
  ['"NATO"', ['004']],
  ['战斧', ['001', '002']],
  ['"书面回复" -大纪元', ['000', '001', '002']],
];

/** The three-digit prefixes of the listed articles, sorted. */
export async function listed(page) {
  const files = await page
    .getByTestId('result-item')
    .evaluateAll((els) => els.map((e) => e.dataset.file.split('/').pop().slice(0, 3)));
  return files.sort();
}

/** Polls `fn` until it returns a value deep-equal to `want` (or times out with the last value). */
export async function until(fn, want, what, timeout = 5000) {
  const end = Date.now() + timeout;
  let got;
  while (Date.now() < end) {
    got = await fn();
    try {
      assert.deepEqual(got, want);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  assert.deepEqual(got, want, what);
}

/**
 * On a page just opened: all five seeds listed, the search box focused, then each query of
 * [TABLE] typed into `input` lists exactly its articles, and the count line says how many.
 */
export async function assertSeedTable(page, input) {
  await until(async () => (await listed(page)).length, 5, 'all five listed at start');
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'search box focused on load');
  for (const [q, want] of TABLE) {
    await input.fill(q);
    await until(() => listed(page), want, `results for ${q}`);
    const count = await page.getByTestId('result-count').getAttribute('data-count');
    assert.equal(Number(count), want.length, `count line for ${q}`);
  }
}
