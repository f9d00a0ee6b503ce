// Global setup of the e2e-web project: the browser tests run against the current web app, so
// web/dist is rebuilt first when any of its sources is newer (scripts/build-web.mjs --if-stale).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../../../scripts/build-web.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`building the web app failed (exit ${result.status ?? result.signal})`);
}
