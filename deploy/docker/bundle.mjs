#!/usr/bin/env node
// The production bundle: exactly the files the container image runs, assembled into one directory
// from a checkout where `npm ci` has run (its `prepare` built the PGlite template and, when the web
// app exists, `web/dist`). The Dockerfile's build stage runs this; test/deploy/bundle.test.ts runs
// it too and then starts the result with production dependencies only, so the two cannot drift.
//
//   node deploy/docker/bundle.mjs <out-dir> [--install] [--require-web]
//
// Copies: package.json, package-lock.json, bin/, src/ and contract/ (without *.test.ts),
// src/db/migrations (SQL + journal), the server bundle (dist/, built by `prepare`; refused when it
// does not match the sources), web/dist (when built), and the PGlite template of the current
// PGlite version and migrations (.cache/pglite-<key>.tar.gz, when built). --install then runs
// `npm ci --omit=dev --ignore-scripts` in <out-dir> (the image does that in its own stage instead,
// for layer caching and cross-architecture installs). --require-web fails when web/dist is missing.
// Prints the output directory as its last line.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--'));
if (!out) {
  console.error('usage: node deploy/docker/bundle.mjs <out-dir> [--install] [--require-web]');
  process.exit(2);
}
const target = resolve(out);
if (target === root || root.startsWith(`${target}/`)) {
  console.error(`bundle: refusing to write into ${target} (the checkout itself)`);
  process.exit(2);
}

/** Files and directories of the bundle, relative to the checkout. Directories are copied whole. */
export const BUNDLE = ['package.json', 'package-lock.json', 'bin', 'src', 'contract'];
const skip = (path) => /\.test\.ts$/.test(path);

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const entry of BUNDLE) {
  const from = join(root, entry);
  if (!existsSync(from)) {
    console.error(`bundle: ${entry} is missing in ${root}`);
    process.exit(1);
  }
  cpSync(from, join(target, entry), { recursive: true, filter: (path) => !skip(path) });
}

// The server bundle (ADR 010), which the image starts from: rebuilt first unless it matches the
// sources, since `taskstream` would ignore a stale one and start from the sources, more slowly.
const built = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs'), '--if-stale'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (built.status !== 0) {
  console.error('bundle: could not build the server bundle (scripts/build-server.mjs)');
  process.exit(1);
}
cpSync(join(root, 'dist'), join(target, 'dist'), { recursive: true });

const web = join(root, 'web/dist');
if (existsSync(join(web, 'index.html'))) {
  cpSync(web, join(target, 'web/dist'), { recursive: true });
} else if (args.includes('--require-web')) {
  console.error('bundle: web/dist/index.html is missing (npm run build:web)');
  process.exit(1);
} else if (existsSync(join(root, 'web'))) {
  console.error('bundle: warning: web/dist is not built; the image will serve the API only');
}

// The template is keyed by PGlite's version and the migrations (src/db/pglite-template.ts): only
// the current one is useful, older ones in .cache are left behind.
const { templatePath } = await import(join(root, 'src/db/pglite-template.ts'));
const template = templatePath();
if (existsSync(template)) {
  mkdirSync(join(target, '.cache'), { recursive: true });
  cpSync(template, join(target, '.cache', template.split('/').pop()));
} else {
  console.error('bundle: warning: no PGlite template (npm run prepare); embedded databases run initdb');
}

if (args.includes('--install')) {
  const npm = spawnSync(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--prefer-offline',
    ],
    { cwd: target, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (npm.status !== 0) {
    console.error(`bundle: npm ci --omit=dev failed in ${target}`);
    process.exit(1);
  }
}
console.error(`bundle: ${readdirSync(target).join(' ')} in ${target}`);
console.log(target);
