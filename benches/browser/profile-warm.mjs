// Where a warm keystroke's time goes, in a sharded bundle: for each query, the page types it
// cold, clears the box, then types it again under Chromium's sampling profiler (100 µs).
// Prints the functions by self time and by inclusive time, per keystroke, over the queries'
// warm keystrokes. Not part of scripts/bench: a figure for finding work, not a budget.
//
//   node benches/browser/profile-warm.mjs DIST [--queries N] [--top N]
//
// The wasm's functions have names only in a wasm not run through wasm-opt: build it with
// `cargo build --release --target wasm32-unknown-unknown --bin dossier-app --features sharded`
// (DOSSIER_SHARDED set to the shards' folder), run `wasm-bindgen --target web --no-typescript`
// on it with the --out-name of the bundle's dossier-app files, put both in a copy of the
// bundle, and drop the integrity attributes from its index.html (README, "A warm keystroke").
import { serve, launch } from '../../tests/e2e/harness.mjs';
import { QUERIES as ALL, typed } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const N = Number(opt('--queries', 12));
const TOP = Number(opt('--top', 40));
const dir = args[0];
const queries = ALL.filter((q) => q !== '').slice(0, N);

const server = await serve(dir, '/', { gzip: true });
const context = await launch();
const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector('[data-ready]', { timeout: 300000 });

const type = async (q) => (await typed(page, q)).dom;

const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const self = new Map();
const total = new Map();
let sampled = 0;
const doms = [];
for (const q of queries) {
  await type(q);
  await page.waitForTimeout(500);
  await type('');
  await page.waitForTimeout(200);
  await cdp.send('Profiler.start');
  doms.push(await type(q));
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  for (const [id, ms] of dt) {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anon'})`;
    if (name === '(idle)' || name === '(program)') continue;
    sampled += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const m = byId.get(at);
      const f = m.callFrame.functionName || '(anon)';
      if (seen.has(f)) continue;
      seen.add(f);
      total.set(f, (total.get(f) ?? 0) + ms);
    }
  }
}
const short = (s) => s.replace(/::h[0-9a-f]{16}$/, '').slice(0, 150);
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [f, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${(ms / queries.length).toFixed(2).padStart(7)} ms/keystroke  ${short(f)}`);
  }
};
console.log(`${queries.length} warm keystrokes; DOM at ${doms.map((d) => d.toFixed(0)).join(' ')} ms; ${(sampled / queries.length).toFixed(1)} ms sampled a keystroke`);
show('self time', self);
show('inclusive time', total);
await context.close();
await server.close();
