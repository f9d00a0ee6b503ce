#!/usr/bin/env node
// Runs the server bundle (dist/cli.mjs, ADR 010) while it matches the sources, else the TypeScript
// sources directly: Node >= 22.18 strips types itself, so `npm start` needs no build step.
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { BUNDLE_ENTRY, bundleState } from './server-bundle.js';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Taskstream needs Node.js 22.18 or newer (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}
// Caches compiled code on disk (os.tmpdir(), or NODE_COMPILE_CACHE): later starts import faster.
module.enableCompileCache?.();
const root = fileURLToPath(new URL('..', import.meta.url));
// Under --watch (npm run dev) the sources are what changes: never the bundle.
const watching = process.execArgv.some((arg) => arg.startsWith('--watch'));
const state = watching ? 'absent' : bundleState(root);
if (state === 'stale')
  console.error(
    'taskstream: dist/cli.mjs was built from other sources or for another Node; running the sources ' +
      '(`npm run build:server` rebuilds it for a faster start)',
  );
await import(new URL(state === 'fresh' ? `../${BUNDLE_ENTRY}` : '../src/main/cli.ts', import.meta.url).href);
