// The last step of scripts/post-build.sh (Trunk's hook): writes a gzip (.gz) and a
// brotli (.br) copy beside every text and wasm file of the build, for static
// hosts that serve precompressed files (nginx gzip_static/brotli_static,
// Caddy's precompressed, Netlify…); scripts/serve-dist.mjs serves them too.
// Node's own zlib: no tool to install. The service worker caches the plain
// files (the browser decodes what the host sends).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
// A debug build (serve.sh --dev) changes every few seconds and is never published.
if (process.env.TRUNK_PROFILE === 'debug') process.exit(0);
const compressible = /\.(html|js|wasm|css|webmanifest|svg|json)$/;

function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (compressible.test(name)) yield path;
  }
}

for (const path of files(dir)) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  const brotli = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: brotli }));
}
