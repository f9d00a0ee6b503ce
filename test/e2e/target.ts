// Where the end-to-end suite runs: the base URL of a running Taskstream of any shape. Order:
// the URL a global setup provided (the distributed shape, from deploy/local/up), TASKSTREAM_URL,
// else the embedded default started here: `node bin/taskstream.js serve` on PGlite in a temporary
// DATA_DIR with PORT=0, stopped again by close().
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the shape a global setup started (test/e2e/distributed-setup.ts). */
    taskstreamUrl: string;
  }
}

export interface Target {
  url: string;
  shape: string;
  close(): Promise<void>;
}

const bin = fileURLToPath(new URL('../../bin/taskstream.js', import.meta.url));

export async function openTarget(): Promise<Target> {
  const provided = inject('taskstreamUrl');
  if (provided) return { url: provided, shape: 'distributed (deploy/local/up)', close: async () => {} };
  const given = process.env.TASKSTREAM_URL;
  if (given)
    return { url: given.replace(/\/$/, ''), shape: `TASKSTREAM_URL=${given}`, close: async () => {} };
  return startEmbedded();
}

async function startEmbedded(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'taskstream-e2e-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  // The embedded default: nothing from a developer's shell may turn it into another shape.
  for (const name of [
    'DATABASE_URL',
    'EVENT_BUS',
    'ROLES',
    'AUTH_SECRET',
    'PUBLIC_URL',
    'REMINDER_SCHEDULER',
  ])
    delete env[name];
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...env, DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`embedded Taskstream not ready:\n${output.join('')}`)),
      60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = output.join('').match(/Taskstream ready at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`embedded Taskstream exited (${code ?? signal}):\n${output.join('')}`));
    });
  });
  return {
    url,
    shape: 'embedded (node bin/taskstream.js serve)',
    async close() {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
