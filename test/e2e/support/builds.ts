// What the end-to-end projects build before they start `taskstream serve`: each product only when
// one of its sources is newer (the scripts' --if-stale), so the suites run what `npm ci` would build.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** scripts/build-server.mjs: the server bundle (dist/) that bin/taskstream.js runs when fresh. */
export const SERVER = 'build-server.mjs';
/** scripts/build-web.mjs: the web app (web/dist) that `serve` answers at `/`. */
export const WEB = 'build-web.mjs';

export function buildIfStale(script: typeof SERVER | typeof WEB): void {
  const path = fileURLToPath(new URL(`../../../scripts/${script}`, import.meta.url));
  const result = spawnSync(process.execPath, [path, '--if-stale'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status ?? result.signal})`);
}
