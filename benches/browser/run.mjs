// Browser benchmark: cold loads, bytes, ready time, keystroke latency and wasm memory of built
// bundles, driven in headless Chromium. Prints a table and one BENCH_JSON line.
//
//   node benches/browser/run.mjs NAME=DIST_DIR [NAME=DIST_DIR ...] [--loads N] [--baseline NAME]
//                                [--encoding identity|gzip]
//
// scripts/bench builds the bundles (seeds, minimal yew page, 10,000 synthetic articles) and
// calls this. Figures are measured, never asserted: budgets are printed beside them.
// A bundle named pagefind-NAME is Pagefind's search page over the same articles as bundle NAME
// (benches/browser/pagefind.mjs; pagefind-10000 goes with synth-10000): its typed queries'
// results are compared with that bundle's, the ratio printed after the table.
// A bundle whose index.html names its single file (scripts/single-file.mjs) is also loaded
// as a double-click loads that file: "NAME file://", from disk, no server; its loads alternate
// with the served ones, so both see the same machine.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { serve, launch } from '../../tests/e2e/harness.mjs';
import { QUERIES, pct, median, spread, f1, kb } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const LOADS = Number(opt('--loads', 5));
const BASELINE = opt('--baseline', 'minimal');
// identity: files as they are (trunk serve's way); gzip: gzip-encoded, as static hosts serve.
const ENCODING = opt('--encoding', 'identity');
const bundles = args.map((a) => a.split('='));

/** Pagefind's search page (benches/browser/pagefind.mjs) and the dossier bundle it mirrors. */
const isPagefind = (name) => name.startsWith('pagefind-');
const mirrored = (name, names) => {
  const rest = name.slice('pagefind-'.length);
  return names.find((n) => n === rest) ?? names.find((n) => !isPagefind(n) && n.endsWith('-' + rest));
};

/** index.html alone, raw and gzip -9 (with the prerendered view, the page's first paint). */
async function indexSize(dir) {
  const body = await readFile(join(dir, 'index.html'));
  return { raw: body.length, gz: gzipSync(body, { level: 9 }).length };
}

/** The single file scripts/single-file.mjs wrote next to `dir`/index.html, if any. */
async function singleOf(dir) {
  const index = await readFile(join(dir, 'index.html'), 'utf8').catch(() => '');
  return index.match(/<meta name="dossier-single-file" content="([^"]+)"/)?.[1] ?? null;
}

/**
 * Raw, gzip -9 and brotli 11 sizes of every file the page loads (all of dist/ but the single
 * file), or of `only` these files.
 */
async function sizes(dir, only = null) {
  let raw = 0, gz = 0, br = 0;
  const single = await singleOf(dir);
  for (const name of only ?? (await readdir(dir))) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile() || (!only && name === single)) continue;
    const body = await readFile(path);
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
    br += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gz, br };
}

// Installed before any page script: records when the list and the search box are on screen
// ("painted": the frame after both are in the DOM; with a prerendered page that is the HTML
// itself), when the app runs ("interactive": `data-ready` on its root; the minimal page is
// interactive when painted), and keeps the wasm instance (trunk's TrunkApplicationStarted
// event) to read its memory. With `window.__typeQuery` set, it types that query into the box
// as soon as the box exists, as a reader would, and records when results for it are painted
// (the line under the box shows the query's segmentation once the app has searched it).
const PROBE = (typed) => {
  window.__bench = {};
  addEventListener('TrunkApplicationStarted', (e) => (window.__bench.wasm = e.detail.wasm));
  const check = () => {
    const b = window.__bench;
    const input = document.querySelector('[data-testid=search-input]');
    // A page without a list (Pagefind's search page) is painted with its box.
    const boxOnly = !!document.documentElement?.hasAttribute('data-bench-static');
    if (!b.ready && input && (boxOnly || document.querySelector('[data-testid=result-item]'))) {
      b.ready = performance.now();
      requestAnimationFrame(() => (b.painted = performance.now()));
    }
    if (!b.interactiveAt && document.querySelector('[data-ready]')) {
      b.interactiveAt = performance.now();
      requestAnimationFrame(() => (b.interactive = performance.now()));
    }
    if (typed && input && !b.typedAt) {
      b.typedAt = performance.now();
      input.value = typed;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
    // dossier: the segmentation line of the hydrated app; Pagefind's page: its own mark.
    const shown = document.querySelector('[data-ready] [data-testid=segmentation]') ||
      document.documentElement?.dataset.benchResults === typed;
    if (typed && b.typedAt && !b.resultsAt && shown) {
      b.resultsAt = performance.now();
      requestAnimationFrame(() => (b.results = performance.now()));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  // A long task is one that blocks the main thread for more than 50 ms.
  window.__bench.longest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
};

/**
 * The queries typed in the typed loads, one per load in turn: plain words of the seeds' search
 * table (tests/e2e/seed-queries.mjs) and others, each in the seeds and in the synthetic
 * articles, written as they are in the text (Pagefind does not fold 北約 to 北约) and without
 * dossier's query syntax. There are at least as many typed loads as queries.
 */
const TYPED = ['布林肯', '佩斯科夫', '泽伦斯基', '普京', '东扩', '北约', '美国 制裁', 'NATO', '战斧', '拉夫罗夫', '克里姆林宫', '书面回复'];
const TYPED_LOADS = Math.max(LOADS, TYPED.length);

async function coldLoad(url, timeout, typed = null) {
  const context = await launch();
  const page = await context.newPage();
  await page.addInitScript(PROBE, typed);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.painted, null, { timeout, polling: 20 });
    const app = await page.evaluate(() => !!document.querySelector('[data-articles]'));
    if (app) await page.waitForFunction(() => window.__bench.interactive, null, { timeout, polling: 20 });
    if (typed) await page.waitForFunction(() => window.__bench.results, null, { timeout, polling: 20 });
    const r = await page.evaluate(() => ({
      load: Number(document.querySelector('[data-load-ms]')?.dataset.loadMs ?? NaN),
      ready: window.__bench.ready,
      painted: window.__bench.painted,
      interactive: window.__bench.interactive ?? window.__bench.painted,
      // The browser's first contentful paint: for a prerendered page, its list.
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      results: window.__bench.results ?? null,
      longest: window.__bench.longest,
      memory: window.__bench.wasm?.memory?.buffer?.byteLength ?? null,
    }));
    return { ...r, page, context };
  } catch (e) {
    await context.close();
    return { error: String(e).split('\n')[0] };
  }
}

/** Keystroke (an input event) to rendered DOM and to the next painted frame, per query. */
async function keystrokes(page) {
  return page.evaluate(async (qs) => {
    const input = document.querySelector('[data-testid=search-input]');
    const main = document.querySelector('main') ?? document.body;
    const rendered = [];
    const painted = [];
    for (const q of qs) {
      const samples = [];
      const frames = [];
      for (let rep = 0; rep < 3; rep++) {
        for (const value of [q, '']) {
          await new Promise((r) => requestAnimationFrame(r));
          let changedAt = null;
          const o = new MutationObserver(() => (changedAt ??= performance.now()));
          o.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
          const t0 = performance.now();
          input.value = value;
          input.dispatchEvent(new InputEvent('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 0));
          const t2 = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
          o.disconnect();
          if (value === q) {
            samples.push((changedAt ?? t2) - t0);
            frames.push(t2 - t0);
          }
        }
      }
      samples.sort((a, b) => a - b);
      frames.sort((a, b) => a - b);
      rendered.push(samples[1]);
      painted.push(frames[1]);
    }
    return { rendered, painted };
  }, QUERIES);
}

/**
 * Opening the compare view (issue 13) for the whole collection, the largest result set: click
 * to the compare view's columns painted, then back to the list; the median of 5.
 */
async function compareOpen(page) {
  return page.evaluate(async () => {
    const times = [];
    for (let rep = 0; rep < 5; rep++) {
      const link = document.querySelector('[data-testid=open-compare]');
      if (!link) return null;
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      link.click();
      while (!document.querySelector('[data-testid=compare-column]')) {
        await new Promise((r) => setTimeout(r, 0));
      }
      times.push(await new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0))));
      document.querySelector('[data-testid=compare-back]').click();
      while (!document.querySelector('[data-testid=open-compare]')) {
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    times.sort((a, b) => a - b);
    return { median: times[2], max: times[4] };
  });
}

// Every bundle is served at once and the loads go round the bundles (load 1 of each, then
// load 2 of each, …): a machine that gets busier or quieter during the run shifts all of them
// alike, so the ratios between bundles hold.
const results = [];
const servers = [];
for (const [name, dir] of bundles) {
  const server = await serve(dir, '/', { gzip: ENCODING === 'gzip' });
  servers.push(server);
  // Pagefind's page: its HTML and what every search loads first (pagefind.js, its wasm, entry
  // and metadata); each query then fetches index chunks and fragments, not counted here.
  const pfFirst = isPagefind(name)
    ? ['index.html', ...(await readdir(join(dir, 'pagefind'))).filter((f) => /^(pagefind\.js|pagefind-entry\.json|wasm\..*|.*\.pf_meta)$/.test(f)).map((f) => `pagefind/${f}`)]
    : null;
  // Compress every file once before timing anything.
  for (const f of pfFirst ?? (await readdir(dir))) {
    await (await fetch(server.url + f, { headers: { 'accept-encoding': ENCODING } })).arrayBuffer();
  }
  const targets = [{ name, bundle: name, url: server.url, size: await sizes(dir, pfFirst) }];
  const single = await singleOf(dir);
  if (single) {
    targets.push({ name: `${name} file://`, bundle: name, url: pathToFileURL(join(dir, single)).href, size: await sizes(dir, [single]), served: name });
  }
  for (const t of targets) {
    Object.assign(t, {
      index: await indexSize(dir), ready: [], painted: [], interactive: [], fcp: [], typed: [], typedQueries: [], longest: [], memory: [], load: [],
      keys: null, compare: null, error: null,
      timeout: name.startsWith('synth') ? 120000 : 30000,
    });
  }
  results.push(...targets);
}
for (let i = 0; i < LOADS; i++) {
  for (const t of results) {
    if (t.error) continue;
    const r = await coldLoad(t.url, t.timeout);
    if (r.error) {
      t.error = r.error;
      continue;
    }
    t.ready.push(r.ready);
    t.painted.push(r.painted);
    t.interactive.push(r.interactive);
    if (r.fcp) t.fcp.push(r.fcp);
    t.longest.push(r.longest);
    if (Number.isFinite(r.load)) t.load.push(r.load);
    if (r.memory) t.memory.push(r.memory);
    if (i === 0 && t.bundle !== BASELINE && !isPagefind(t.bundle)) {
      t.keys = await keystrokes(r.page);
      if (!t.served) t.compare = await compareOpen(r.page);
    }
    await r.context.close();
  }
}
// Navigation start to the typed query's results painted, typing as soon as the box exists.
for (let i = 0; i < TYPED_LOADS; i++) {
  for (const t of results) {
    if (t.error || t.bundle === BASELINE) continue;
    const q = TYPED[i % TYPED.length];
    const r = await coldLoad(t.url, t.timeout, q);
    if (r.error) {
      t.error = `${r.error} (typing ${q})`;
      continue;
    }
    if (r.results) {
      t.typed.push(r.results);
      t.typedQueries.push(q);
    }
    await r.context.close();
  }
}
for (const server of servers) await server.close();

const base = results.find((r) => r.name === BASELINE);
console.log(`\nbrowser benchmark: ${LOADS} cold loads each (typed query results: ${TYPED_LOADS}, one of ${TYPED.length} queries each), served ${ENCODING === 'gzip' ? 'gzip-encoded' : 'as is (no content encoding)'}, headless Chromium, this machine`);
console.log('bundle            | raw KB | gzip KB | index.html gzip KB | painted ms median (spread) | vs minimal | first contentful paint ms | vs minimal | interactive ms | typed query results ms | unpack ms | longest task ms | wasm MB | keystroke->DOM p50/p95 ms | ->frame p50/p95 ms | compare open ms (max)');
const ms = (xs) => (xs.length ? `${f1(median(xs))} (${f1(spread(xs))})` : '-');
for (const r of results) {
  const ratio = base && r !== base ? (median(r.painted) / median(base.painted)).toFixed(2) + 'x' : '-';
  const k = r.keys;
  console.log(
    [
      r.name.padEnd(19),
      kb(r.size.raw).padStart(6),
      kb(r.size.gz).padStart(7),
      (r.index.gz / 1024).toFixed(1).padStart(18),
      ms(r.painted).padStart(26),
      ratio.padStart(10),
      ms(r.fcp).padStart(25),
      (base && r !== base && r.fcp.length && base.fcp.length ? (median(r.fcp) / median(base.fcp)).toFixed(2) + 'x' : '-').padStart(10),
      ms(r.interactive).padStart(14),
      ms(r.typed).padStart(22),
      f1(median(r.load)).padStart(9),
      f1(median(r.longest)).padStart(15),
      (r.memory.length ? (median(r.memory) / 1048576).toFixed(1) : '-').padStart(7),
      (k ? `${f1(median(k.rendered))} / ${f1(pct(k.rendered, 0.95))}` : '-').padStart(25),
      (k ? `${f1(median(k.painted))} / ${f1(pct(k.painted, 0.95))}` : '-').padStart(18),
      (r.compare ? `${f1(r.compare.median)} (${f1(r.compare.max)})` : '-').padStart(21),
    ].join(' | ') + (r.error ? `  ERROR: ${r.error}` : ''),
  );
}
for (const r of results.filter((r) => r.served)) {
  const s = results.find((x) => x.name === r.served);
  console.log(
    `${r.name} vs served: painted median ${f1(median(r.painted))} ms (spread ${f1(spread(r.painted))}) vs ` +
      `${f1(median(s.painted))} ms (spread ${f1(spread(s.painted))}) = ${(median(r.painted) / median(s.painted)).toFixed(2)}x`,
  );
}
// Issue 14: the typed query's first results against the minimal page's painted time and
// against Pagefind's first results over the same articles, in the same run.
const names = results.map((r) => r.name);
const pagefindRatios = [];
for (const pf of results.filter((r) => isPagefind(r.name))) {
  const d = results.find((r) => r.name === mirrored(pf.name, names));
  if (!d || !d.typed.length || !pf.typed.length) continue;
  const ratio = median(d.typed) / median(pf.typed);
  // Per query (the same queries in the same order): dossier's time over Pagefind's.
  const perQuery = d.typed.slice(0, pf.typed.length).map((x, i) => x / pf.typed[i]);
  pagefindRatios.push({
    dossier: d.name, pagefind: pf.name, ratio, median_of_ratios: median(perQuery),
    dossier_vs_minimal_painted: base ? median(d.typed) / median(base.painted) : null,
    pagefind_vs_minimal_painted: base ? median(pf.typed) / median(base.painted) : null,
  });
  console.log(
    `typed query results, ${d.name} / ${pf.name}: ${f1(median(d.typed))} ms (spread ${f1(spread(d.typed))}) vs ` +
      `${f1(median(pf.typed))} ms (spread ${f1(spread(pf.typed))}) = ${ratio.toFixed(2)}x (median of per-query ratios ${median(perQuery).toFixed(2)}x)` +
      (base ? `; vs minimal painted ${f1(median(base.painted))} ms: ${(median(d.typed) / median(base.painted)).toFixed(2)}x and ${(median(pf.typed) / median(base.painted)).toFixed(2)}x` : ''),
  );
}
console.log('budgets (issue 6), seeds: gzip <= 400 KB; painted <= 1.5x minimal; keystroke p95 <= 16 ms.');
console.log('budgets (issue 16), single file: seeds <= 1.3 MB; painted from file:// <= 1.5x served.');
console.log('budgets, 10,000 articles: list within 1 s, index within 3 s, no task > 100 ms, keystroke p95 <= 50 ms, memory <= 300 MB; compare view opened within 100 ms (issue 13).');
console.log('budgets (issue 14, prerendered): seeds painted <= 0.5x minimal, index.html <= 40 KB gzip; 10,000: painted <= 1.0x minimal, index.html <= 150 KB gzip.');
console.log("budgets (issue 14, typed query): first results <= 1.5x the minimal page's painted time, and sooner than Pagefind's (ratio < 1.00x).");
const json = results.map((r) => ({
  name: r.name,
  served_as: r.served ?? null,
  bytes: r.size,
  index_html_bytes: r.index,
  painted_ms: { median: median(r.painted), spread: spread(r.painted), all: r.painted },
  fcp_ms: { median: median(r.fcp), spread: spread(r.fcp), all: r.fcp },
  interactive_ms: { median: median(r.interactive), spread: spread(r.interactive), all: r.interactive },
  typed_results_ms: { median: median(r.typed), spread: spread(r.typed), all: r.typed, queries: r.typedQueries },
  ready_ms: { median: median(r.ready) },
  unpack_ms: median(r.load),
  longest_task_ms: median(r.longest),
  wasm_memory_bytes: median(r.memory),
  keystroke_rendered_ms: r.keys && { median: median(r.keys.rendered), p95: pct(r.keys.rendered, 0.95), max: pct(r.keys.rendered, 1) },
  keystroke_painted_ms: r.keys && { median: median(r.keys.painted), p95: pct(r.keys.painted, 0.95), max: pct(r.keys.painted, 1) },
  compare_open_ms: r.compare,
  error: r.error,
}));
console.log('BENCH_JSON ' + JSON.stringify({ bench: 'browser', loads: LOADS, typed_loads: TYPED_LOADS, encoding: ENCODING, results: json, typed_vs_pagefind: pagefindRatios }));
