// Global setup of the `e2e-distributed` project: starts the distributed shape with deploy/local/up
// (its own ports, run directory and database, so a developer's own deployment is left alone) and
// hands its base URL to the suite; stops it afterwards with deploy/local/down --wipe. With
// TASKSTREAM_URL set it uses that deployment instead and starts nothing. Under CI=true a failure to
// start is a failure of the run, never a skip.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PORT = process.env.E2E_LOCAL_PORT ?? '25000';
const env = {
  ...process.env,
  TASKSTREAM_LOCAL_PORT: PORT,
  TASKSTREAM_LOCAL_DIR: process.env.E2E_LOCAL_DIR ?? `/tmp/taskstream/e2e-${PORT}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

function run(script: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      `${root}deploy/local/${script}`,
      args,
      { env, timeout: 600_000, maxBuffer: 8 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `deploy/local/${script} failed (${error.code ?? error.signal}):\n${stderr.slice(-6_000)}`,
            ),
          );
        else resolve(stdout.trim().split('\n').at(-1) ?? '');
      },
    );
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TASKSTREAM_URL) {
    project.provide('taskstreamUrl', process.env.TASKSTREAM_URL.replace(/\/$/, ''));
    return async () => {};
  }
  const url = await run('up');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url))
    throw new Error(`deploy/local/up printed "${url}", not a base URL`);
  project.provide('taskstreamUrl', url);
  return async () => {
    if (process.env.E2E_KEEP === '1') return;
    await run('down', ['--wipe']);
  };
}
