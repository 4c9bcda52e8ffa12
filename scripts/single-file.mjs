#!/usr/bin/env node
// Assembles a single-file dossier from a finished trunk release bundle:
//
//   node scripts/single-file.mjs DIST [--name NAME] [--out FILE] [--no-link]
//
// reads DIST/index.html as trunk (and any post_build hook, e.g. a prerendered first view)
// left it, and writes DIST/NAME.html (default dossier.html): one HTML file with no external
// request at all that opens from file:// by double-click and works offline.
//
// - The head and body of index.html are kept (whatever is rendered into the body comes along);
//   its stylesheet link becomes an inline <style>, its module loader (boot.js), the other
//   external scripts (file-notice.js) and the preload links are dropped.
// - The wasm trunk built and optimised (the same bytes dist/ serves: nothing is compiled
//   again) is gzip-compressed and embedded as base64 in a data block
//   (<script type="application/octet-stream">, which never runs); the page inflates it with
//   the browser's DecompressionStream and compiles it while the body is parsed.
// - wasm-bindgen's glue (an ES module, target "web") becomes a classic inline script: wrapped
//   in a strict-mode function, `import.meta.url` replaced, its exports dropped; the same
//   script then starts the app as boot.js does, once the body is parsed.
// - The Content-Security-Policy stays strict: the inline script and the inline style are
//   allowed by their sha256 hashes, 'wasm-unsafe-eval' is kept, 'self' is dropped everywhere
//   (the file needs nothing from its origin), never 'unsafe-inline'.
//
// Unless --no-link, index.html gets <meta name="dossier-single-file" content="NAME.html">, so
// the explanation file-notice.js shows on a dist/ opened from disk links to the file.
// Article text reaches the file only inside the wasm, as in dist/.
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join, resolve } from 'node:path';

const t0 = performance.now();
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args.splice(i, 1), true) : false;
};
const name = opt('--name', 'dossier');
const outArg = opt('--out', undefined);
const noLink = flag('--no-link');
if (args.length !== 1 || !/^[\w.-]+$/.test(name) || name === 'index') {
  console.error('usage: node scripts/single-file.mjs DIST [--name NAME] [--out FILE] [--no-link]');
  process.exit(2);
}
const dist = resolve(args[0]);
const out = resolve(outArg ?? join(dist, `${name}.html`));

function fail(msg) {
  console.error(`single-file: ${msg}`);
  process.exit(1);
}

const indexPath = join(dist, 'index.html');
let index = readFileSync(indexPath, 'utf8');
// An earlier run's link to the single file is not part of the page.
index = index.replace(/[ \t]*<meta name="dossier-single-file"[^>]*>\n?/g, '');
// Nor is the import worker's name: the file cannot start a worker (import is off there).
const page = index.replace(/[ \t]*<meta name="dossier-import-worker"[^>]*>\n?/g, '');

const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m && m[1].replace(/&amp;/g, '&');
};
/** A file of dist/ named by a relative URL of index.html ("./x" or "x"), never outside it. */
const local = (url, what) => {
  const rel = url.replace(/^\.\//, '').split(/[?#]/)[0];
  if (!/^[\w.-]+$/.test(rel)) fail(`${what} ${url} is not a file next to index.html`);
  return join(dist, rel);
};

const headEnd = page.indexOf('</head>');
const bodyStart = page.search(/<body[\s>]/);
if (headEnd < 0 || bodyStart < headEnd) fail('index.html has no <head>…</head><body>');
let head = page.slice(0, headEnd);
const rest = page.slice(headEnd); // </head>, the body as built (prerendered or not), </html>

// The stylesheet trunk linked.
const styleLinks = head.match(/<link\b[^>]*\brel="stylesheet"[^>]*>/g) ?? [];
if (styleLinks.length !== 1) fail(`expected one stylesheet link in index.html, found ${styleLinks.length}`);
const css = readFileSync(local(attr(styleLinks[0], 'href'), 'the stylesheet'), 'utf8').replace(/\r\n?/g, '\n');
if (/<\/style/i.test(css)) fail('the stylesheet contains "</style"');
if (/url\(\s*['"]?(?!data:|#)/i.test(css)) fail('the stylesheet refers to another file (url(…))');

// The loader trunk wrote (Trunk.toml's pattern_script): boot.js?js=GLUE&wasm=WASM.
const loader = head.match(/<script\b[^>]*\bsrc="[^"]*boot\.js\?[^"]*"[^>]*><\/script>/);
if (!loader) fail('no boot.js loader in index.html (Trunk.toml pattern_script)');
const params = new URLSearchParams(attr(loader[0], 'src').split('?')[1]);
const gluePath = local(params.get('js') ?? '', 'the glue');
const wasmPath = local(params.get('wasm') ?? '', 'the wasm');
if (basename(wasmPath) !== basename(gluePath).replace(/\.js$/, '_bg.wasm')) {
  fail(`${basename(gluePath)} and ${basename(wasmPath)} are not one wasm-bindgen output`);
}

// Everything that would load another file goes: the stylesheet link, external scripts
// (boot.js, file-notice.js), preloads; and the head's comments, which describe dist/.
head = head
  .replace(styleLinks[0], '')
  .replace(/<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>/g, '')
  .replace(/<link\b[^>]*\brel="(?:modulepreload|preload|prefetch)"[^>]*>/g, '')
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace(/\n\s*\n/g, '\n');

// wasm-bindgen's ES-module glue as the body of a classic script.
let glue = readFileSync(gluePath, 'utf8').replace(/\r\n?/g, '\n');
if (/^\s*import\b/m.test(glue) || /\bimport\s*\(/.test(glue)) {
  fail('the glue imports modules (JS snippets?): it cannot become one classic script');
}
const metaUrls = glue.split('import.meta.url').length - 1;
if (metaUrls !== 1) fail(`expected one import.meta.url in the glue, found ${metaUrls}`);
// Only used when no module is passed, which never happens here.
glue = glue.replace('import.meta.url', 'document.baseURI');
if (!/^export \{[^}]*\b__wbg_init as default\b[^}]*\};?\s*$/m.test(glue)) fail('the glue does not export __wbg_init as its default');
glue = glue.replace(/^export \{[^}]*\};?[ \t]*$/gm, '').replace(/^export (?=(?:async )?function |class |const |let )/gm, '');
if (/^\s*export\b/m.test(glue) || /\bimport\.meta\b/.test(glue)) fail('the glue keeps an export or import.meta');

// What boot.js does before the app runs (marks the page as scripted, hides the prerendered
// lists while a URL fragment waits for the app, records early facet clicks): its `early`
// section, run as it is.
const bootJs = readFileSync(join(dist, 'boot.js'), 'utf8').replace(/\r\n?/g, '\n');
const earlyAt = bootJs.indexOf('// early: begin');
const earlyEnd = bootJs.indexOf('// early: end');
if (earlyAt < 0 || earlyEnd < earlyAt) fail('boot.js has no early section (// early: begin … // early: end)');
const EARLY = bootJs.slice(earlyAt, earlyEnd);

// Starts the app as boot.js does (keep the two alike): the wasm module is compiled from the
// inflated bytes as they stream in while the body is parsed; it is instantiated and runs its
// start function once the body is there.
const BOOT = `
const started = (async () => {
  const data = document.getElementById('dossier-wasm');
  const text = data.textContent;
  data.remove();
  let bytes;
  if (typeof Uint8Array.fromBase64 === 'function') {
    bytes = Uint8Array.fromBase64(text);
  } else {
    const s = atob(text);
    bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  }
  // Inflated in slices of at most 30 ms, letting the page paint and parse in between (a
  // large collection's wasm, 35 MB, takes about 200 ms to inflate).
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  let slice = performance.now();
  const inflated = new ReadableStream({
    async pull(controller) {
      if (performance.now() - slice > 30) {
        await new Promise((ok) => setTimeout(ok, 0));
        slice = performance.now();
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const module = await WebAssembly.compileStreaming(
    new Response(inflated, { headers: { 'content-type': 'application/wasm' } }),
  );
  if (document.readyState === 'loading') {
    await new Promise((ok) => document.addEventListener('DOMContentLoaded', ok, { once: true }));
  }
  const wasm = await __wbg_init({ module_or_path: module });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
})();
started.catch((e) => {
  console.error('dossier:', e);
  const show = () => {
    const p = document.getElementById('boot') ?? document.body.appendChild(document.createElement('p'));
    p.className = 'load-error';
    p.setAttribute('role', 'alert');
    p.textContent = typeof DecompressionStream === 'undefined'
      ? '这个浏览器太旧，打不开单文件版的 dossier（它需要 DecompressionStream）。请换用较新的 Chrome、Edge、Firefox 或 Safari。'
      : \`dossier 无法启动：\${e}\`;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true });
  else show();
});
`;
const script = `(() => {\n'use strict';\n{\n${EARLY.trim()}\n}\n${glue.trim()}\n${BOOT.trim()}\n})();\n`;
for (const bad of ['</script', '<script', '<!--']) {
  if (script.toLowerCase().includes(bad)) fail(`the inline script would contain "${bad}"`);
}

const wasm = readFileSync(wasmPath);
const packed = gzipSync(wasm, { level: 9 }).toString('base64');

// The policy of index.html, for a file that loads nothing: 'self' dropped from every
// directive ('none' where nothing is left), the inline script and style allowed by hash.
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const cspMeta = head.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/);
if (!cspMeta) fail('no Content-Security-Policy meta in index.html');
const directives = cspMeta[1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]);
const seen = new Set();
const policy = directives
  .map(([dir, ...values]) => {
    seen.add(dir);
    let v = values.filter((x) => x !== "'self'");
    if (dir === 'script-src') v = [sha(script), ...v];
    if (dir === 'style-src') v = [sha(css), ...v];
    if (v.length === 0) v = ["'none'"];
    return [dir, ...v].join(' ');
  })
  .join('; ');
for (const d of ['script-src', 'style-src']) if (!seen.has(d)) fail(`the policy has no ${d}`);
if (/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/.test(policy)) fail('the policy allows unsafe inline code');
head = head.replace(cspMeta[1], policy).trimEnd();

const html =
  `${head}\n` +
  `    <!-- A single-file dossier (scripts/single-file.mjs): the stylesheet, the app's script and its\n` +
  `         WebAssembly (gzip, base64) are inline; the policy above allows exactly these by hash. -->\n` +
  `    <style>${css}</style>\n` +
  `    <script type="application/octet-stream" id="dossier-wasm">${packed}</script>\n` +
  `    <script id="dossier-app">${script}</script>\n  ` +
  rest;

// Nothing in the markup may load another file: every src/href-like attribute outside the
// inline script and data block is a fragment, the empty data: favicon, or a link (<a href>)
// to a web page, which loads only when clicked.
const markup = html
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '');
// Attributes are read one after the other, so text inside a quoted value (a prerendered
// description quoting an article's markup, say) is never taken for an attribute.
const LOADING = /^(src|href|srcset|poster|action|formaction|data|background|xlink:href)$/i;
for (const [, tag, attrs] of markup.matchAll(/<([a-zA-Z][\w-]*)(\s[^>]*)?>/g)) {
  for (const m of (attrs ?? '').matchAll(/\s+([^\s"'>\/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
    if (!LOADING.test(m[1]) || m[2] === undefined) continue;
    const v = m[2].replace(/^["']|["']$/g, '');
    const ok = v.startsWith('#') || (v === 'data:,' && tag === 'link') ||
      (tag.toLowerCase() === 'a' && m[1].toLowerCase() === 'href' && /^https?:\/\//i.test(v));
    if (!ok) fail(`the page would load <${tag} ${m[1]}=${v}>`);
  }
}

if (!noLink && dirname(out) === dist) {
  const link = `<meta name="dossier-single-file" content="${basename(out)}" />`;
  const linked = index.replace(/(<meta name="viewport"[^>]*>)/, `${link}\n    $1`);
  if (linked === index) fail('no viewport meta in index.html to put the link beside');
  writeFileSync(indexPath, linked);
}
writeFileSync(out, html);
const size = statSync(out).size;
const gz = gzipSync(html, { level: 9 }).length;
console.log(
  `single file ${out}: ${(size / 1024).toFixed(0)} KB (gzip ${(gz / 1024).toFixed(0)} KB; wasm ${(wasm.length / 1024).toFixed(0)} KB, ` +
    `embedded ${(packed.length / 1024).toFixed(0)} KB) in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
);
