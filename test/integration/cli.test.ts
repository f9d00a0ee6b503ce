// `taskstream serve` as a person runs it: a real process, a real port, stopped and started again.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealDatabase, wantsRealPostgres } from '../support/database.ts';

const bin = new URL('../../bin/taskstream.js', import.meta.url).pathname;
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (wantsRealPostgres()) {
    const db = await createRealDatabase();
    env = { DATABASE_URL: db.url };
    cleanup = db.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'taskstream-cli-'));
    env = { DATA_DIR: join(dir, 'data') };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
});
afterAll(() => cleanup());

interface Running {
  child: ChildProcess;
  url: string;
  lines: string[];
}

function start(): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'cli-test-secret-cli-test-secret-00',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${lines.join('\n')}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const match = line.match(/^Taskstream ready at (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve({ child, url: match[1]!, lines });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${lines.join('\n')}`));
    });
  });
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.removeAllListeners('exit');
    running.child.on('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

async function call(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(url + path, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('taskstream serve', () => {
  it('prints one ready line, serves the API, and keeps every task across a restart', async () => {
    const first = await start();
    expect(first.lines.filter((l) => l.startsWith('Taskstream ready'))).toHaveLength(1);
    expect((await call(first.url, '/ready')).status).toBe(200);
    const account = { name: 'Eve', email: 'eve@example.com', password: 'long enough password' };
    const signUp = await call(first.url, '/api/auth/sign-up/email', {
      method: 'POST',
      body: JSON.stringify(account),
    });
    expect(signUp.status).toBe(200);
    const auth = { authorization: `Bearer ${signUp.body.token}` };
    const created = await call(first.url, '/api/tasks', {
      method: 'POST',
      body: JSON.stringify({ title: 'survive restart' }),
      headers: auth,
    });
    expect(created.status).toBe(201);
    expect(await stop(first)).toBe(0);

    const second = await start();
    try {
      const again = await call(second.url, `/api/tasks/${created.body.id}`, { headers: auth });
      expect(again.status).toBe(200);
      expect(again.body.title).toBe('survive restart');
      const activity = await call(second.url, `/api/activity?taskId=${created.body.id}`, { headers: auth });
      expect(activity.body.items.map((e: { type: string }) => e.type)).toEqual(['todo.task.created']);
    } finally {
      await stop(second);
    }
  }, 90_000);

  it('refuses to start with a clear message when the configuration is wrong', async () => {
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Invalid configuration:\n\s+PORT/);
  });
});
