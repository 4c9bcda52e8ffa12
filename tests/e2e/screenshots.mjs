// Screenshots of the built page for a person to look at (not a test):
//   node tests/e2e/screenshots.mjs [OUT_DIR]
// Desktop and phone widths, light and dark, the list, a search, the reader, and the compare view;
// then the single file (dist/dossier.html, assembled if stale) from file://, and dist/index.html
// from file://, which explains why it cannot start there.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, serve, launch, singleFile } from './harness.mjs';

const out = process.argv[2] ?? 'target/screenshots';
await mkdir(out, { recursive: true });
const server = await serve(undefined, '/dossier/');
const context = await launch();
const views = [
  ['list', ''],
  ['search', '#q=%E5%B8%83%E6%9E%97%E8%82%AF'],
  ['reader', '#q=%E4%BD%A9%E6%96%AF%E7%A7%91%E5%A4%AB&open=003_f7717719715b8634.txt'],
  ['filtered', '#tag=%E5%8C%97%E7%BA%A6&date=2022-01-27'],
  ['compare', '#view=compare'],
];
for (const [w, h, label] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
  for (const scheme of ['light', 'dark']) {
    const page = await context.newPage();
    await page.setViewportSize({ width: w, height: h });
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash] of views) {
      await page.goto(server.url + hash);
      await page.getByTestId(name === 'compare' ? 'compare-view' : 'result-count').waitFor();
      await page.waitForTimeout(300);
      const file = `${out}/${label}-${scheme}-${name}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
}
const single = pathToFileURL(singleFile(DIST)).href;
const notice = pathToFileURL(join(DIST, 'index.html')).href;
for (const [w, h, label] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
  for (const scheme of ['light', 'dark']) {
    const page = await context.newPage();
    await page.setViewportSize({ width: w, height: h });
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash] of views) {
      await page.goto(single + hash);
      await page.getByTestId(name === 'compare' ? 'compare-view' : 'result-count').waitFor();
      await page.waitForTimeout(300);
      const file = `${out}/single-${label}-${scheme}-${name}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.goto(notice);
    await page.getByTestId('file-notice').waitFor();
    const file = `${out}/dist-from-disk-${label}-${scheme}.png`;
    await page.screenshot({ path: file });
    console.log(file);
    await page.close();
  }
}
await context.close();
await server.close();
