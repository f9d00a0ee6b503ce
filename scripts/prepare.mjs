// npm's `prepare` (runs at `npm ci` / `npm install`): builds the PGlite template and the server
// bundle (dist/, ADR 010) that make `npm start` fast, and the web app (web/dist) that `npm start`
// serves at `/`, each unless it is already up to date. All are optional: on an unsupported Node or
// any failure this only warns, because the server works without them (PGlite then runs initdb
// itself; `taskstream` runs the sources; `/` says how to build the web app).
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.warn(
    `prepare: Node ${process.version} cannot run Taskstream (needs >= 22.18); skipping the PGlite template and the web app.`,
  );
  process.exit(0);
}
const run = (script, ...args) =>
  spawnSync(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { stdio: 'inherit' })
    .status;

if (run('../src/db/build-template.ts') !== 0)
  console.warn('prepare: could not build the PGlite template; first start will run initdb instead.');
if (run('./build-server.mjs', '--if-stale') !== 0)
  console.warn('prepare: could not build the server bundle; `npm start` runs the sources instead.');
if (run('./build-web.mjs', '--if-stale') !== 0)
  console.warn(
    'prepare: could not build the web app; `npm run build:web` shows why (the API works without it).',
  );
