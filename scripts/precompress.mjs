// Writes NAME.gz and NAME.br beside every file of a built dist/ that compresses (a static host
// or CDN serves them to browsers that accept them): `node scripts/precompress.mjs DIST`.
// A compressed copy that is not smaller is not written. Files are compressed on zlib's thread
// pool, a few at a time (a sharded dist/ of 1,000,000 articles holds 1.3 million files).
import { readdir, readFile, writeFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip, brotliCompress, constants } from "node:zlib";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const dist = process.argv[2];
if (!dist) {
  console.error("usage: node scripts/precompress.mjs DIST");
  process.exit(2);
}
const skip = /\.(gz|br|png|jpe?g|gif|webp|woff2?)$/;
let files = 0;
let raw = 0;
let gz = 0;
let br = 0;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (!skip.test(entry.name)) yield path;
  }
}

async function compress(path) {
  if ((await stat(path)).size < 256) return;
  const bytes = await readFile(path);
  // The shards are many and small: brotli's quality 9 is most of 11's gain at a tenth of the time.
  const quality = path.includes("/shards/") ? 9 : 11;
  // Windows no larger than the file: brotli's and gzip's default ones cost more to set up than
  // compressing a small shard does.
  const bits = Math.ceil(Math.log2(bytes.length + 1));
  const [g, b] = await Promise.all([
    gzipAsync(bytes, { level: 9, windowBits: Math.min(15, Math.max(9, bits)), memLevel: 9 }),
    brotliAsync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_LGWIN]: Math.min(24, Math.max(10, bits)),
      },
    }),
  ]);
  files += 1;
  raw += bytes.length;
  if (g.length < bytes.length) {
    await writeFile(`${path}.gz`, g);
    gz += g.length;
  }
  if (b.length < bytes.length) {
    await writeFile(`${path}.br`, b);
    br += b.length;
  }
}

// Files in flight: enough to keep every core's zlib thread busy, few enough to bound memory.
const inFlight = new Set();
const most = Math.max(2, availableParallelism() * 2);
for await (const path of walk(dist)) {
  const job = compress(path).finally(() => inFlight.delete(job));
  inFlight.add(job);
  if (inFlight.size >= most) await Promise.race(inFlight);
}
await Promise.all(inFlight);
const mb = (n) => (n / 1e6).toFixed(1);
console.log(`precompress: ${files} files, ${mb(raw)} MB; gzip ${mb(gz)} MB, brotli ${mb(br)} MB`);
