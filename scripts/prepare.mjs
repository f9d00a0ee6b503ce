// npm's `prepare` (runs at `npm ci` / `npm install`): builds the PGlite template that makes the
// first `npm start` fast. Optional: on an unsupported Node or any failure it only warns, because
// the app works without it (PGlite then runs initdb itself).
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.warn(`prepare: Node ${process.version} cannot run Taskstream (needs >= 22.18); skipping the PGlite template.`);
  process.exit(0);
}
const result = spawnSync(process.execPath, [new URL('../src/db/build-template.ts', import.meta.url).pathname], {
  stdio: 'inherit',
});
if (result.status !== 0) console.warn('prepare: could not build the PGlite template; first start will run initdb instead.');
