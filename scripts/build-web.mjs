// Builds the web app (web/ → web/dist) with Vite: `npm run build:web`. With --if-stale (what
// `npm ci` runs through scripts/prepare.mjs, and the e2e-web tests' setup) it does nothing when
// web/dist/index.html is newer than every input: web/ sources, contract/, package-lock.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ifStale = process.argv.includes('--if-stale');
const built = join(root, 'web/dist/index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

if (ifStale && existsSync(built)) {
  const inputs = [
    'web/index.html',
    'web/vite.config.ts',
    'web/public',
    'web/src',
    'contract',
    'package-lock.json',
  ];
  const latestInput = Math.max(...inputs.map((p) => newest(join(root, p))));
  if (latestInput <= statSync(built).mtimeMs) {
    console.log('web app: web/dist is up to date');
    process.exit(0);
  }
}

const vite = join(root, 'node_modules/vite/bin/vite.js');
if (!existsSync(vite)) {
  console.error('web app: vite is not installed (were devDependencies left out?); cannot build web/dist');
  process.exit(1);
}
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  // NODE_ENV=production whatever the caller runs under (vitest sets `test`, which would bundle
  // React's development build: three times the size and slower).
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`web app: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
