// End-to-end harness: serves the built dist/ on 127.0.0.1 and drives Debian's Chromium through
// playwright-core. Every test runs against the real release bundle that scripts/build makes.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.DOSSIER_DIST ?? join(ROOT, 'dist');

/** Every file below `dir` as [path relative to `base`, mtime], following links like build.rs. */
export function walk(dir, base = dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(path, base, out);
    else if (st.isFile()) out.push([relative(base, path).split('\\').join('/'), st.mtimeMs]);
  }
  return out;
}

/** The newest modification time among `paths` (relative to the repository; folders walked). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    const full = join(ROOT, p);
    if (!existsSync(full)) continue;
    const st = statSync(full);
    t = Math.max(t, st.isDirectory() ? Math.max(0, ...walk(full).map(([, m]) => m)) : st.mtimeMs);
  }
  return t;
}

/** What every bundle is built from, besides its collection. */
const APP_INPUTS = [
  'src', 'crates', 'data', 'build.rs', 'Cargo.toml', 'Cargo.lock', 'Trunk.toml', 'index.html',
  'boot.js', 'file-notice.js', 'style.css', 'scripts/single-file.mjs', 'scripts/hash-worker.mjs',
];

/**
 * Builds the app with another collection (`DOSSIER_ARTICLES=articles`) into `dist`, unless
 * `dist` is newer than the collection, `extra` inputs and every input of the app. Shares the
 * project's target dir, so only the app crate is compiled again.
 */
export function buildCollection({ name, articles, dist, extra = [], sharded = false }) {
  const stamp = join(dist, 'index.html');
  const inputs = newest([relative(ROOT, articles), ...extra, ...APP_INPUTS, 'scripts/build', 'scripts/precompress.mjs']);
  if (existsSync(stamp) && statSync(stamp).mtimeMs > inputs) return;
  const t0 = Date.now();
  // A sharded bundle: scripts/build writes the index files and the wasm that fetches them.
  const [command, args] = sharded
    ? [join(ROOT, 'scripts', 'build'), ['--sharded', '--dist', dist]]
    : ['trunk', ['build', '--release', '--offline', '--public-url', './', '--dist', dist]];
  const r = spawnSync(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`,
      DOSSIER_ARTICLES: articles,
    },
  });
  assert.equal(r.status, 0, `the build of the ${name} bundle failed`);
  console.log(`built the ${name} bundle in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/**
 * The single-file dossier of the bundle in `dist` (scripts/single-file.mjs), assembled again
 * unless it is newer than the bundle's index.html (a fraction of a second). Returns its path.
 */
export function singleFile(dist = DIST, name = 'dossier') {
  const file = join(dist, `${name}.html`);
  const stamp = join(dist, 'index.html');
  if (existsSync(file) && statSync(file).mtimeMs >= statSync(stamp).mtimeMs) return file;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'single-file.mjs'), dist, '--name', name], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  assert.equal(r.status, 0, `scripts/single-file.mjs ${dist} failed`);
  return file;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `dir` below the URL path `prefix` (e.g. "/dossier/") on a free loopback port. With
 * `gzip`, responses are gzip-encoded for clients that accept it, as static hosts do: the
 * build's precompressed `NAME.gz` where there is one (nginx's `gzip_static`), else the file
 * compressed at level 6, once. (Compressing a query's shards as they were asked for, on this
 * server's one thread, used to add tens of milliseconds to a cold query.)
 */
export async function serve(dir = DIST, prefix = '/', { gzip = false } = {}) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('outside the served prefix');
      return;
    }
    let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    try {
      const file = join(dir, rel);
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) {
          // Not older than the file (a bundle rebuilt in place may keep an old copy).
          const fresh = await Promise.all([stat(file), stat(`${file}.gz`)])
            .then(([f, g]) => g.mtimeMs >= f.mtimeMs)
            .catch(() => false);
          const pre = fresh ? await readFile(`${file}.gz`) : null;
          compressed.set(file, pre ?? gzipSync(body, { level: 6 }));
        }
        body = compressed.get(file);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Launches headless Chromium with the flags this closed network needs; `options` go to
 * playwright's context (e.g. `{ javaScriptEnabled: false }`). Its profile lives in a fresh
 * directory that `close()` removes (about 10 MB a browser; left behind, a few CI runs filled
 * the disk).
 */
export async function launch(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'dossier-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...options,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = context.close.bind(context);
  context.close = async (...args) => {
    try {
      await close(...args);
    } finally {
      await rm(userDataDir, { recursive: true, force: true });
    }
  };
  return context;
}

/**
 * Opens `url` in a fresh page, collecting page errors and console errors, and waits for the
 * app to run: `data-ready` on its root (the prerendered first view is there before the wasm,
 * without it).
 */
export async function open(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.locator('[data-testid=app][data-ready]').waitFor({ timeout: 15000 });
  return { page, errors };
}

/**
 * Makes every page of `context` record any write to `window.__xss` (the hostile fixtures' only
 * effect, however short-lived) in `window.__xssWrites`, and every Content-Security-Policy
 * violation in `window.__csp`.
 */
export async function watchForXss(context) {
  await context.addInitScript(() => {
    window.__xssWrites = [];
    window.__csp = [];
    let value;
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => value,
      set: (v) => {
        value = v;
        window.__xssWrites.push(String(v));
      },
    });
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

/**
 * Records, in `into`, every dialog (alert, confirm, prompt) a page of `context` opens, and
 * dismisses it: the hostile fixtures must open none.
 */
export function recordDialogs(context, into) {
  context.on('page', (p) =>
    p.on('dialog', (d) => {
      into.push(`${d.type()}: ${d.message()}`);
      d.dismiss().catch(() => {});
    }),
  );
}

/**
 * Opens `url` in a fresh page of `context` with the wasm held back until `release()`: the
 * prerendered view only, its search box there and not running yet.
 */
export async function openHeld(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route((url) => url.pathname.endsWith('.wasm'), async (route) => {
    await gate;
    await route.continue();
  });
  // Not "load": it waits for the held wasm (preloaded).
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByTestId('search-input').waitFor();
  assert.equal(await page.locator('[data-ready]').count(), 0, 'not running yet');
  assert.equal(await page.getByTestId('search-starting').innerText(), '搜索正在启动…');
  return { page, errors, release };
}
