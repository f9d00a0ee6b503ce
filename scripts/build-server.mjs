// Builds the server bundle: src/main/cli.ts and the dependencies it imports in one ES module,
// dist/cli.mjs, with dist/manifest.json naming its inputs and their hash (ADR 010). `taskstream`
// runs it while it matches the sources: a cold start loads a few files instead of about 1,760 modules
// (on Node 24, resolving drizzle-orm's files alone re-reads its 180 kB package.json each time).
//
//   node scripts/build-server.mjs [--if-stale]
//
// `npm ci` runs it through scripts/prepare.mjs; `npm run build:server` runs it by hand.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALWAYS,
  BUNDLE_DIR,
  BUNDLE_ENTRY,
  BUNDLE_MANIFEST,
  bundleState,
  inputsHash,
  NODE_MAJOR,
} from '../bin/server-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv.includes('--if-stale') && bundleState(root) === 'fresh') {
  console.log('server bundle: dist/cli.mjs is up to date');
  process.exit(0);
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('server bundle: esbuild is not installed (were devDependencies left out?)');
  process.exit(1);
}

/**
 * Left to node_modules: packages that read their own files at run time (PGlite its WebAssembly
 * and data, swagger-ui its static assets), and those only a configuration loads (Kafka, SMTP).
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@fastify/swagger-ui',
  '@platformatic/kafka',
  'nodemailer',
];

const started = Date.now();
const partial = join(root, `${BUNDLE_DIR}.${process.pid}.tmp`);
rmSync(partial, { recursive: true, force: true });
mkdirSync(partial, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/main/cli.ts'],
  outdir: partial,
  outExtension: { '.js': '.mjs' },
  // What the sources import lazily (the Kafka bus, the MCP stdio relay, …) stays a chunk of its
  // own: esbuild hoists an external's import to the top of the file that imports it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: `node${NODE_MAJOR}`,
  external: EXTERNAL,
  // Bundled CommonJS modules still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const inputs = [
  ...ALWAYS,
  ...Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('node_modules/'))
    .sort(),
];
const hash = inputsHash(root, inputs);
writeFileSync(
  join(partial, 'manifest.json'),
  `${JSON.stringify({ node: NODE_MAJOR, hash, inputs }, null, 2)}\n`,
);
// Swapped in whole, so a start never sees a new bundle with an old manifest.
rmSync(join(root, BUNDLE_DIR), { recursive: true, force: true });
renameSync(partial, join(root, BUNDLE_DIR));
const outputs = Object.values(result.metafile.outputs);
const bytes = outputs.reduce((sum, output) => sum + output.bytes, 0);
console.log(
  `server bundle: ${BUNDLE_ENTRY} and ${outputs.length - 1} files (${(bytes / 1e6).toFixed(1)} MB from ${Object.keys(result.metafile.inputs).length} files; ` +
    `${inputs.length} inputs in ${BUNDLE_MANIFEST}) in ${Date.now() - started} ms`,
);
