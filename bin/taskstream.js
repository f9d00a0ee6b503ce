#!/usr/bin/env node
// Runs the compiled CLI when the package was built (dist/), else the TypeScript sources directly:
// Node >= 22.18 strips types itself, so `npm start` needs no build step.
import { existsSync } from 'node:fs';
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Taskstream needs Node.js 22.18 or newer (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}
// Caches compiled code on disk (os.tmpdir(), or NODE_COMPILE_CACHE): later starts import faster.
module.enableCompileCache?.();
const compiled = new URL('../dist/src/main/cli.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../src/main/cli.ts', import.meta.url).href);
