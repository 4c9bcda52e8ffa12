// Hostile articles in a real browser: a bundle built from the XSS fixture collection
// (tests/xss/articles, 138 vectors listed in tests/xss/vectors.json) is searched, listed and
// read article by article, with images shown. No payload may run (none sets window.__xss or
// opens a dialog), the Content-Security-Policy must report no violation, no active element
// or event-handler attribute may reach the app's DOM, and every file must be either listed
// or named in the error notice with its reason.
//
// The bundle is built in `before` into target/xss-dist, sharing cargo's cache with the main
// build (only dossier itself recompiles, for this collection and again for the next main
// build: about a minute each on 2 cores, where a cache of its own cost 6-8 minutes in CI). The build is skipped while target/xss-dist/index.html is
// newer than the fixtures and every source; DOSSIER_XSS_DIST names a ready bundle instead.
// Its single file (scripts/single-file.mjs, dossier-xss.html in that folder) is read the same
// way from file://, with no server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { serve, launch, open, walk, buildCollection, singleFile, watchForXss, recordDialogs } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ARTICLES = join(ROOT, 'tests', 'xss', 'articles');
const DIST = process.env.DOSSIER_XSS_DIST ?? join(ROOT, 'target', 'xss-dist');
const { vectors } = JSON.parse(readFileSync(join(ROOT, 'tests', 'xss', 'vectors.json'), 'utf8'));

function buildIfStale() {
  if (process.env.DOSSIER_XSS_DIST) return;
  buildCollection({ name: 'XSS', articles: ARTICLES, dist: DIST, extra: ['tests/fixtures/broken'] });
}

// A 1×1 transparent GIF for every request that leaves the test server (remote images).
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let context;
let server;
let single;
const dialogs = [];
const remote = [];

before(async () => {
  buildIfStale();
  single = pathToFileURL(singleFile(DIST, 'dossier-xss')).href;
  server = await serve(DIST, '/');
  context = await launch();
  await watchForXss(context);
  await context.route(
    (url) => !url.href.startsWith(server.url) && !url.href.startsWith('data:') && url.href.split('#')[0] !== single,
    (route) => {
      remote.push(route.request().url());
      if (route.request().resourceType() === 'image') {
        route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
      } else {
        route.abort();
      }
    },
  );
  recordDialogs(context, dialogs);
});
after(async () => {
  await context?.close();
  await server?.close();
});

/**
 * What no hostile file may leave in the page: active elements, handlers, script URLs. With
 * `html`, checks that markup instead (parsed inertly, nothing runs), as the live page's DOM.
 */
async function hostileDom(page, html = null) {
  return page.evaluate((html) => {
    const document = html === null ? window.document : new DOMParser().parseFromString(html, 'text/html');
    // The view's form controls wait in <template data-late> (src/ui/prerender.rs), whose content
    // is no part of the document: put in place as boot.js does, so they are checked too.
    for (const t of document.querySelectorAll('template[data-late]')) t.replaceWith(t.content);
    const bad = [];
    const FORBIDDEN = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'];
    const scheme = (v) => v.replace(/[\u0000-\u0020]/g, '').toLowerCase();
    for (const el of document.querySelectorAll('*')) {
      const tag = el.localName;
      const where = `<${tag}${el.id ? ` id=${el.id}` : ''}>`;
      if (FORBIDDEN.includes(tag)) {
        // The page's own scripts are the only ones allowed, in <head>: the loader (boot.js) and
        // file-notice.js, or the single file's inline script.
        const own = tag === 'script' && el.parentElement === document.head &&
          (/\/boot\.js\?/.test(el.src) || /\/file-notice\.js$/.test(el.src) || (el.id === 'dossier-app' && !el.src));
        if (!own) bad.push(`element ${where}`);
      }
      if (tag === 'meta' && el.hasAttribute('http-equiv')) {
        const own = el.parentElement === document.head && el.httpEquiv.toLowerCase() === 'content-security-policy' && el === document.head.querySelector('meta[http-equiv]');
        if (!own) bad.push(`meta http-equiv=${el.httpEquiv}`);
      }
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${a.name} on ${where}`);
        if (['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background'].includes(a.name)) {
          if (a.name === 'srcdoc' || a.name === 'srcset') bad.push(`${a.name} on ${where}`);
          const v = scheme(a.value);
          const ok = v.startsWith('#') || v.startsWith('https://') || v.startsWith('http://') ||
            (document.head.contains(el) && !/^[a-z][a-z0-9+.-]*:/.test(v)) || (tag === 'link' && v === 'data:,');
          if (!ok) bad.push(`${a.name}=${a.value.slice(0, 60)} on ${where}`);
        }
        if (a.name === 'style' && /url\(|expression/i.test(a.value)) bad.push(`style on ${where}`);
      }
    }
    return bad;
  }, html);
}

async function markers(page) {
  return page.evaluate(() => ({ writes: window.__xssWrites, value: window.__xss, csp: window.__csp }));
}

async function assertClean(page, errors, what) {
  const m = await markers(page);
  assert.deepEqual(m.writes, [], `${what}: a payload wrote window.__xss`);
  assert.equal(m.value, undefined, `${what}: window.__xss is set`);
  assert.deepEqual(m.csp, [], `${what}: Content-Security-Policy violations`);
  assert.deepEqual(dialogs, [], `${what}: a dialog opened`);
  assert.deepEqual(errors, [], `${what}: page or console errors (CSP violations are console errors)`);
  assert.deepEqual(await hostileDom(page), [], `${what}: hostile markup in the DOM`);
}

test('the XSS fixture collection has at least 60 vectors, each in its file', () => {
  assert.ok(vectors.length >= 60, `${vectors.length} vectors`);
  const files = new Set(walk(ARTICLES).map(([f]) => f));
  for (const v of vectors) assert.ok(files.has(v.file), `${v.id}: ${v.file} missing`);
  assert.equal(new Set(vectors.map((v) => v.id)).size, vectors.length, 'ids are unique');
});

test('the page runs under its Content-Security-Policy with no inline script', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  assert.ok(csp, 'CSP meta in the built index.html');
  for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval';", "style-src 'self';", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.includes(d), `CSP has ${d}`);
  }
  assert.ok(!/unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')), 'no unsafe-inline/unsafe-eval');
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline <script> in the built index.html');
  const { page, errors } = await open(context, server.url);
  await page.getByTestId('search-input').waitFor();
  await assertClean(page, errors, 'start page');
  await page.close();
});

test('the prerendered index.html of the hostile collection holds no live element or attribute', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const root = html.indexOf('<div id="root">');
  assert.ok(root > 0 && html.includes('data-testid="result-item"', root), 'the first view is prerendered');
  // As text: outside comments (yew's hydration markers, the page's own), every tag is the
  // page's or the view's; no handler attribute, script URL or foreign element.
  // The page's own templates are taken off first: each holds one form control of the view,
  // exactly (src/ui/prerender.rs, `defer_controls`), which is checked as the rest.
  const late = /<template data-late>(<(input|select|textarea)\b(?:[^>"]|"[^"]*")*>(?:[\s\S]*?<\/\2>)?)<\/template>/g;
  const markup = html.replace(late, '$1').replace(/<!--[\s\S]*?-->/g, '');
  const FORBIDDEN = /^(script|iframe|frame|frameset|object|embed|applet|base|portal|img|image|video|audio|source|style|link|meta|math|template)$/i;
  const bad = [];
  const view = markup.slice(markup.indexOf('<div id="root">'));
  // A tag: its name, then attributes whose values are quoted (yew quotes and escapes them).
  for (const [tag, name, attrs] of view.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>=]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    if (FORBIDDEN.test(name)) bad.push(tag.slice(0, 80));
    for (const [, attr, value = ''] of attrs.matchAll(/([^\s"'>=]+)(?:="([^"]*)")?/g)) {
      if (/^on/i.test(attr)) bad.push(`${attr} on <${name}>`);
      if (/^(href|src|srcset|action|formaction|xlink:href|srcdoc)$/i.test(attr) && !/^(#|https?:\/\/)/i.test(value.trim())) {
        bad.push(`${attr}=${value.slice(0, 60)} on <${name}>`);
      }
    }
  }
  // Every "<" of the view opens a tag the pattern read (none hides in a value or in text).
  const tags = [...view.matchAll(/<[a-zA-Z]/g)].length;
  const read = [...view.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>=]+(?:="[^"]*")?)*)\s*\/?>/g)].length;
  assert.equal(read, tags, 'every tag of the view parsed');
  const scripts = [...markup.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  assert.equal(scripts.length, 2, `the loader and the file notice: ${scripts}`);
  assert.ok(scripts.some((t) => /src="\.\/boot\.js\?/.test(t)), 'the loader');
  assert.ok(scripts.some((t) => /src="(\.\/)?file-notice\.js"/.test(t)), 'the file notice');
  for (const t of scripts) assert.ok(markup.indexOf(t) < markup.indexOf('</head>'), 'in <head>');
  assert.deepEqual(bad, [], 'hostile markup in the prerendered view');
  // As a document: the same checks as for the live page.
  const page = await context.newPage();
  await page.goto(`${server.url}boot.js`); // a same-origin page with nothing of the app in it
  assert.deepEqual(await hostileDom(page, html), [], 'hostile markup in the parsed index.html');
  // The markers of every vector reach the view only as text.
  const text = await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').body.textContent, html);
  assert.ok(text.length > 1000, 'the view has text');
  await page.close();
});

test('the single file runs under its policy: only its own inline script, allowed by hash', async () => {
  const html = readFileSync(new URL(single), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]{44}' 'wasm-unsafe-eval';/);
  assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]{44}';/);
  assert.ok(!/unsafe-inline|unsafe-eval'|'self'/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
  const { page, errors } = await open(context, single);
  await page.getByTestId('search-input').waitFor();
  await assertClean(page, errors, 'single file start page');
  await page.close();
});

/** Lists every file of the collection at `url`, then finds and reads each vector's article. */
async function readEveryVector(url, what) {
  const t0 = Date.now();
  const { page, errors } = await open(context, url);
  const input = page.getByTestId('search-input');
  await input.waitFor();

  // Every file: listed as an article (empty query, all pages) or in the error notice.
  for (;;) {
    const more = page.locator('button.more-results');
    if (!(await more.count())) break;
    await more.click();
  }
  const listedFiles = new Set(await page.getByTestId('result-item').evaluateAll((els) => els.map((e) => e.dataset.file)));
  const notice = page.getByTestId('error-notice');
  const failed = new Map();
  if (await notice.count()) {
    await notice.locator('summary').click();
    for (const li of await notice.locator('li').all()) {
      const file = await li.locator('code').textContent();
      const reason = (await li.textContent()).slice(file.length).replace(/^：/, '');
      failed.set(file, reason);
    }
  }
  for (const [file] of walk(ARTICLES)) {
    const ok = listedFiles.has(file) || (failed.has(file) && failed.get(file).length > 5);
    assert.ok(ok, `${file} is neither listed nor named with a reason in the error notice`);
  }
  for (const v of vectors.filter((v) => v.fails)) assert.ok(failed.has(v.file), `${v.id}: ${v.file} should fail with a reason`);
  await assertClean(page, errors, 'full list');

  let opened = 0;
  let withImages = 0;
  for (const v of vectors.filter((v) => !v.fails)) {
    await input.fill(v.marker);
    const item = page.locator('[data-testid="result-item"]').filter({ has: page.locator('p.snippet') });
    await page.waitForFunction(
      (file) => [...document.querySelectorAll('[data-testid="result-item"]')].some((e) => e.dataset.file === file && e.querySelector('p.snippet')),
      v.file,
      { timeout: 5000 },
    ).catch(() => assert.fail(`${v.id}: ${v.file} not found with a snippet by searching ${v.marker}`));
    assert.ok(await item.count() >= 1);
    const link = page.locator('[data-testid="result-item"] h2 a').filter({ hasText: /./ });
    const idx = await page.getByTestId('result-item').evaluateAll((els, file) => els.findIndex((e) => e.dataset.file === file), v.file);
    await link.nth(idx).click();
    await page.waitForFunction(
      (file) => document.querySelector('[data-testid="article-view"]')?.dataset.file === file,
      v.file,
      { timeout: 5000 },
    ).catch(() => assert.fail(`${v.id}: ${v.file} did not open in the reader`));
    const show = page.getByTestId('show-images');
    if (await show.count()) {
      await show.click();
      await page.locator('.reader img').first().waitFor({ timeout: 5000 });
      withImages++;
    }
    // Open the parser's warnings, where dropped addresses are quoted.
    const warnings = page.locator('.reader details.warnings summary');
    if (await warnings.count()) await warnings.click();
    await page.mouse.move(10, 10);
    await page.mouse.move(400, 300);
    await assertClean(page, errors, `${v.id} (${v.where}) in the reader`);
    await page.keyboard.press('Escape');
    await page.getByTestId('article-view').waitFor({ state: 'detached', timeout: 5000 });
    opened++;
  }
  await page.waitForTimeout(300); // let any lazy image or late handler fire
  await assertClean(page, errors, 'after reading every article');
  // Remote requests are images only (the app never fetches anything else from outside).
  for (const u of remote) assert.match(u, /^https?:\/\//, `unexpected remote request ${u}`);
  console.log(`${what}: opened ${opened} articles (${withImages} with images shown), ${remote.length} remote image requests, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.close();
}

test('every hostile article is listed, found by search with snippets, and read without running anything', async () => {
  await readEveryVector(server.url, 'served');
});

test('the single file of the collection, opened from file://, runs nothing either', async () => {
  // It requests nothing but itself and, after 显示图片, the remote images.
  const seen = [];
  const record = (r) => seen.push(r.url());
  context.on('request', record);
  try {
    await readEveryVector(single, 'single file');
  } finally {
    context.off('request', record);
  }
  const others = seen.filter((u) => u.split('#')[0] !== single && u !== 'data:,' && !(/^https?:\/\//.test(u) && remote.includes(u)));
  assert.deepEqual(others, [], 'requests beyond the file and its remote images');
});

test('a hostile URL fragment opens nothing and runs nothing, served or in the single file', async () => {
  for (const base of [server.url, single]) {
    const { page, errors } = await open(
      context,
      `${base}#q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&open=%3Csvg%20onload%3Dalert(2)%3E&tag=javascript%3Aalert(3)&x=${'A'.repeat(5000)}`,
    );
    await page.getByTestId('search-input').waitFor();
    await page.waitForTimeout(200);
    await assertClean(page, errors, `hostile fragment (${base})`);
    await page.close();
  }
});
