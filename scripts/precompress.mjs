// Writes NAME.gz and NAME.br beside every file of a built dist/ that compresses (a static host
// or CDN serves them to browsers that accept them): `node scripts/precompress.mjs DIST`.
// A compressed copy that is not smaller is not written.
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

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
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (!skip.test(entry.name) && statSync(path).size >= 256) compress(path);
  }
}
function compress(path) {
  const bytes = readFileSync(path);
  // The shards are many and small: brotli's quality 9 is most of 11's gain at a tenth of the time.
  const quality = path.includes("/shards/") ? 9 : 11;
  // Windows no larger than the file: brotli's and gzip's default ones cost more to set up than
  // compressing a small shard does.
  const bits = Math.ceil(Math.log2(bytes.length + 1));
  const g = gzipSync(bytes, { level: 9, windowBits: Math.min(15, Math.max(9, bits)), memLevel: 9 });
  const b = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_LGWIN]: Math.min(24, Math.max(10, bits)),
    },
  });
  files += 1;
  raw += bytes.length;
  if (g.length < bytes.length) {
    writeFileSync(`${path}.gz`, g);
    gz += g.length;
  }
  if (b.length < bytes.length) {
    writeFileSync(`${path}.br`, b);
    br += b.length;
  }
}
walk(dist);
const mb = (n) => (n / 1e6).toFixed(1);
console.log(`precompress: ${files} files, ${mb(raw)} MB; gzip ${mb(gz)} MB, brotli ${mb(br)} MB`);
