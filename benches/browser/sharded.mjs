// Browser benchmark of sharded bundles (issue 17), against the minimal yew page in the same run:
//
//   node benches/browser/sharded.mjs minimal=DIST NAME=SHARDED_DIST [...] [--loads N] [--queries N]
//
// For each sharded bundle, served gzip-encoded as static hosts do (the build's precompressed
// `.gz` files, as nginx's `gzip_static` serves them):
// - cold loads (interleaved with the minimal page's, so both see the same machine): the list
//   painted, and the app interactive (the catalogue, dictionary and first view's files loaded);
// - cold queries: for each query of the list, a fresh browser opens the page, waits until it is
//   interactive and types the query; from the keystroke to the complete results painted (no
//   "正在载入索引" line; the snippets' texts may still be on their way), and the bytes the query
//   fetched (encoded, as on the wire), snippets' texts included;
// - warm keystrokes: the same query typed again in that page (its files are loaded): keystroke to
//   the results in the DOM (the last change to the page the keystroke's work made, seen by a
//   MutationObserver), and to the next frame after it (a frame comes every 16.7 ms, so this
//   figure moves in steps of a frame);
// - the page's memory (JS heap and wasm memory) and its longest main-thread task, in each query's page,
//   also split into the longest before the page was interactive (start) and after it (the query).
// Prints a table and one BENCH_JSON line; budgets are printed beside the figures, never asserted.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch } from '../../tests/e2e/harness.mjs';
import { QUERIES as ALL_QUERIES, pct, median, spread, f1, kb, typed } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const LOADS = Number(opt('--loads', 5));
const QUERY_COUNT = Number(opt('--queries', Infinity));
const bundles = args.map((a) => a.split('='));
const baseline = bundles.find(([n]) => n === 'minimal');
if (!baseline || bundles.length < 2) {
  console.error('usage: node benches/browser/sharded.mjs minimal=DIST NAME=SHARDED_DIST [...] [--loads N] [--queries N]');
  process.exit(2);
}

// The shared queries but the empty one (its results are the first view's).
const QUERIES = ALL_QUERIES.filter((q) => q !== '').slice(0, QUERY_COUNT);

// Before any page script: the list painted (the frame after the list and the box are in the
// DOM; prerendered, that is the HTML), the app interactive (`data-ready`), the longest task, and
// the wasm instance for its memory.
const PROBE = () => {
  const b = (window.__bench = { tasks: [] });
  addEventListener('TrunkApplicationStarted', (e) => (b.wasm = e.detail.wasm));
  const check = () => {
    if (!b.ready && document.querySelector('[data-testid=search-input]') && document.querySelector('[data-testid=result-item], [data-bench-static]')) {
      b.ready = performance.now();
      requestAnimationFrame(() => (b.painted = performance.now()));
    }
    if (!b.interactiveAt && document.querySelector('[data-ready]')) {
      b.interactiveAt = performance.now();
      requestAnimationFrame(() => (b.interactive = performance.now()));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
};

async function openPage(url, app) {
  const context = await launch();
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const wire = [];
  const net = { inflight: 0 };
  page.on('request', () => (net.inflight += 1));
  page.on('requestfailed', () => (net.inflight -= 1));
  page.on('requestfinished', async (r) => {
    try {
      if (r.url().includes('/shards/')) wire.push({ url: r.url(), bytes: (await r.sizes()).responseBodySize });
    } catch {}
    net.inflight -= 1;
  });
  // Resolves once nothing has been in flight for 300 ms (snippets' texts come after the results).
  wire.idle = async () => {
    for (let quiet = 0; quiet < 6; ) {
      await new Promise((r) => setTimeout(r, 50));
      quiet = net.inflight > 0 ? 0 : quiet + 1;
    }
  };
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.painted, null, { timeout: 120000, polling: 20 });
  if (app) await page.waitForFunction(() => window.__bench.interactive, null, { timeout: 300000, polling: 20 });
  return { context, page, wire };
}

const results = [];
const servers = [];
for (const [name, dir] of bundles) {
  const server = await serve(dir, '/', { gzip: true });
  servers.push(server);
  const files = await readdir(join(dir, 'shards')).catch(() => []);
  const catalogue = files.find((f) => /^catalogue\.[0-9a-f]+\.bin$/.test(f));
  results.push({
    name, url: server.url, app: name !== 'minimal',
    catalogue: catalogue ? (await readFile(join(dir, 'shards', catalogue))).length : null,
    files: files.filter((f) => /\.(bin|txt)$/.test(f)).length,
    painted: [], interactive: [], cold: [], warm: [], warmDom: [], longestBy: [], bytes: [], rounds: [], memory: [], heap: [], longest: [], longestStart: [], longestQuery: [], failed: [],
  });
}
// Cold loads, round the bundles.
for (let i = 0; i < LOADS; i++) {
  for (const r of results) {
    const { context, page } = await openPage(r.url, r.app);
    const b = await page.evaluate(() => ({ painted: window.__bench.painted, interactive: window.__bench.interactive }));
    r.painted.push(b.painted);
    if (r.app) r.interactive.push(b.interactive);
    await context.close();
  }
}
// Cold and warm queries, a fresh browser per query, round the bundles.
for (const q of QUERIES) {
  for (const r of results.filter((r) => r.app)) {
    const { context, page, wire } = await openPage(r.url, true);
    await page.waitForTimeout(100);
    const before = wire.length;
    const cold = (await typed(page, q)).frame;
    await wire.idle();
    const fetched = wire.slice(before).reduce((s, w) => s + w.bytes, 0);
    if (Number.isNaN(cold)) r.failed.push(q);
    else {
      r.cold.push(cold);
      r.bytes.push(fetched);
    }
    // Warm: away and back.
    await typed(page, '');
    const warm = await typed(page, q);
    r.warm.push(warm.frame);
    r.warmDom.push(warm.dom);
    const m = await page.evaluate(() => {
      const { tasks, interactiveAt, wasm } = window.__bench;
      const longest = (when) => Math.max(0, ...tasks.filter(([t]) => when(t)).map(([, d]) => d));
      return {
        heap: performance.memory?.usedJSHeapSize ?? null,
        wasm: wasm?.memory?.buffer?.byteLength ?? null,
        longest: longest(() => true),
        // The longest task before the page was interactive, and after (the queries).
        start: longest((t) => t < interactiveAt),
        query: longest((t) => t >= interactiveAt),
      };
    });
    if (m.heap) r.heap.push(m.heap);
    if (m.wasm) r.memory.push(m.wasm);
    r.longest.push(m.longest);
    r.longestBy.push([q, m.longest]);
    r.longestStart.push(m.start);
    r.longestQuery.push(m.query);
    await context.close();
  }
}
for (const s of servers) await s.close();

const base = results.find((r) => r.name === 'minimal');
const basePaint = median(base.painted);
console.log(`\nsharded bundles: ${LOADS} cold loads each, ${QUERIES.length} cold queries (a fresh browser each) and the same typed again warm; served gzip-encoded (the precompressed files); headless Chromium, this machine`);
console.log(`minimal yew page: painted ${f1(basePaint)} ms (spread ${f1(spread(base.painted))})`);
console.log('bundle            | files  | catalogue KB | painted ms (spread) | vs minimal | interactive ms (spread) | cold query p50/p95 ms | p95 vs minimal | warm to DOM p50/p95 ms | p95 vs minimal | warm to frame p50/p95 ms | p95 vs minimal | bytes/query gzip KB p50/max | <= 150 KB | wasm MB max | JS heap MB max | longest task ms max');
for (const r of results.filter((r) => r.app)) {
  const within = r.bytes.filter((b) => b <= 150 * 1024).length;
  console.log(
    [
      r.name.padEnd(17),
      String(r.files).padStart(6),
      (r.catalogue ? kb(r.catalogue) : '-').padStart(12),
      `${f1(median(r.painted))} (${f1(spread(r.painted))})`.padStart(19),
      `${(median(r.painted) / basePaint).toFixed(2)}x`.padStart(10),
      `${f1(median(r.interactive))} (${f1(spread(r.interactive))})`.padStart(23),
      `${f1(median(r.cold))} / ${f1(pct(r.cold, 0.95))}`.padStart(21),
      `${(pct(r.cold, 0.95) / basePaint).toFixed(2)}x`.padStart(14),
      `${f1(median(r.warmDom))} / ${f1(pct(r.warmDom, 0.95))}`.padStart(22),
      `${(pct(r.warmDom, 0.95) / basePaint).toFixed(2)}x`.padStart(14),
      `${f1(median(r.warm))} / ${f1(pct(r.warm, 0.95))}`.padStart(24),
      `${(pct(r.warm, 0.95) / basePaint).toFixed(2)}x`.padStart(14),
      `${kb(median(r.bytes))} / ${kb(pct(r.bytes, 1))}`.padStart(27),
      `${within} of ${r.bytes.length}`.padStart(9),
      (r.memory.length ? (pct(r.memory, 1) / 1048576).toFixed(1) : '-').padStart(11),
      (r.heap.length ? (pct(r.heap, 1) / 1048576).toFixed(1) : '-').padStart(14),
      f1(pct(r.longest, 1)).padStart(19),
    ].join(' | ') + (r.failed.length ? `  FAILED: ${r.failed.join(', ')}` : ''),
  );
}
for (const r of results.filter((r) => r.app)) {
  const over = r.longestBy.filter(([, ms]) => ms > 50).sort((a, b) => b[1] - a[1]);
  console.log(`${r.name}: pages with a task over 50 ms (${over.length} of ${r.longestBy.length}): ${over.map(([q, ms]) => `${q} ${f1(ms)}`).join('; ') || 'none'}`);
  const split = (xs) => `${xs.filter((ms) => ms > 50).length} of ${xs.length} (max ${f1(pct(xs, 1))} ms)`;
  console.log(`${r.name}: a task over 50 ms before the page was interactive in ${split(r.longestStart)}; after it, in the query, in ${split(r.longestQuery)}`);
}
console.log('budgets (issue 17), 100,000 articles: painted <= 2x minimal; a query transfers <= 150 KB; cold query p95 <= 1.5x and warm keystroke p95 <= 0.15x the minimal page\'s painted time; page memory <= 300 MB; no task over 50 ms.');
console.log('BENCH_JSON ' + JSON.stringify({
  bench: 'browser-sharded', loads: LOADS, queries: QUERIES, minimal_painted_ms: { median: basePaint, all: base.painted },
  results: results.filter((r) => r.app).map((r) => ({
    name: r.name, files: r.files, catalogue_bytes: r.catalogue,
    painted_ms: { median: median(r.painted), spread: spread(r.painted), all: r.painted },
    interactive_ms: { median: median(r.interactive), spread: spread(r.interactive), all: r.interactive },
    cold_query_ms: { median: median(r.cold), p95: pct(r.cold, 0.95), all: r.cold },
    warm_query_ms: { median: median(r.warm), p95: pct(r.warm, 0.95), all: r.warm },
    warm_query_dom_ms: { median: median(r.warmDom), p95: pct(r.warmDom, 0.95), all: r.warmDom },
    query_bytes: { median: median(r.bytes), max: pct(r.bytes, 1), all: r.bytes },
    wasm_memory_bytes_max: pct(r.memory, 1), js_heap_bytes_max: pct(r.heap, 1), longest_task_ms_max: pct(r.longest, 1),
    longest_task_ms: { at_start: r.longestStart, in_queries: r.longestQuery },
    failed: r.failed,
  })),
}));
