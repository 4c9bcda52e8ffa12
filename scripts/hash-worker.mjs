// Names the import worker's files by their contents, as trunk names the app's: a host can then
// cache them for good, and a page from a new build never starts an old worker that a browser
// kept. Trunk writes a worker with fixed names (dossier-import.js, dossier-import_bg.wasm and
// the loader dossier-import_loader.js, which the page starts); this renames the three to
// dossier-import-HASH*, points the loader at the renamed two, and tells the page the loader's
// name in <meta name="dossier-import-worker">. The page falls back to the fixed name without
// it (`trunk serve`, whose debug builds skip this).
//
//   node scripts/hash-worker.mjs DIR     (trunk's post-build hook runs it on its staging dir)
import { readFileSync, writeFileSync, renameSync, unlinkSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/hash-worker.mjs DIR');
  process.exit(2);
}
const fail = (why) => {
  console.error(`hash-worker: ${why}`);
  process.exit(1);
};
const NAME = 'dossier-import';
const [glue, wasm, loader, index] = [`${NAME}.js`, `${NAME}_bg.wasm`, `${NAME}_loader.js`, 'index.html'].map((f) => join(dir, f));
if (![glue, wasm, loader].every(existsSync)) fail(`no worker files ${NAME}*.js/.wasm in ${dir}`);

const hash = createHash('sha256').update(readFileSync(glue)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
const named = `${NAME}-${hash}`;
const shim = readFileSync(loader, 'utf8');
for (const ref of [`"./${NAME}.js"`, `"./${NAME}_bg.wasm"`]) {
  if (shim.split(ref).length !== 2) fail(`the loader does not name ${ref} once: ${shim.slice(0, 200)}`);
}
writeFileSync(
  join(dir, `${named}_loader.js`),
  shim.replace(`"./${NAME}.js"`, `"./${named}.js"`).replace(`"./${NAME}_bg.wasm"`, `"./${named}_bg.wasm"`),
);
unlinkSync(loader);
renameSync(glue, join(dir, `${named}.js`));
renameSync(wasm, join(dir, `${named}_bg.wasm`));

let html = readFileSync(index, 'utf8').replace(/[ \t]*<meta name="dossier-import-worker"[^>]*>\n?/g, '');
const meta = `<meta name="dossier-import-worker" content="${named}_loader.js" />`;
// On a line of its own, beside the viewport's: trunk writes the app's preload links on the
// line that ends the head, and a script that drops this line must not drop them.
const placed = html.replace(/([ \t]*)(<meta name="viewport"[^>]*>)/, `$1${meta}\n$1$2`);
if (placed === html) fail('no viewport meta in index.html to put the worker\'s name beside');
html = placed;
writeFileSync(index, html);
console.log(`hash-worker: ${named}_loader.js, ${named}.js, ${named}_bg.wasm`);
