// Reminders are never lost nor doubled by a crash: `taskstream serve` killed with SIGKILL while
// reminders come due, started again later, fires each of them exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/client.ts';
import { createRealDatabase, wantsRealPostgres } from '../support/database.ts';

const bin = new URL('../../bin/taskstream.js', import.meta.url).pathname;
let env: Record<string, string>;
let cleanup: () => Promise<void>;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  if (wantsRealPostgres()) {
    const db = await createRealDatabase();
    env = { DATABASE_URL: db.url };
    cleanup = db.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'taskstream-crash-'));
    env = { DATA_DIR: join(dir, 'data') };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await cleanup();
});

function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'crash-test-secret-crash-test-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${lines.join('\n')}`)), 40_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const match = line.match(/^Taskstream ready at (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve({ child, url: match[1]! });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal}:\n${lines.join('\n')}`));
    });
  });
}

function exit(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function call(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(url + path, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: (await response.json()) as any };
}

const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));

/** The reminder ids of the todo.reminder.due events in the activity log, polled until `until` holds. */
async function firedIds(url: string, auth: Record<string, string>, until: (ids: string[]) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = await call(url, '/api/activity?type=todo.reminder.due&limit=200', { headers: auth });
    const ids: string[] = log.body.items.map((e: { data: { reminderId: string } }) => e.data.reminderId);
    if (until(ids) || Date.now() > deadline) return ids;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a crash while reminders come due', () => {
  it('fires what came due during the downtime once at restart, and nothing twice', async () => {
    const first = await start();
    const signUp = await call(first.url, '/api/auth/sign-up/email', {
      method: 'POST',
      body: JSON.stringify({ name: 'Kim', email: 'kim@example.com', password: 'long enough password' }),
    });
    expect(signUp.status).toBe(200);
    const auth = { authorization: `Bearer ${signUp.body.token}` };
    const create = async (title: string, at: number[]) => {
      const res = await call(first.url, '/api/tasks', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title, reminders: at.map((ms) => ({ at: new Date(ms).toISOString() })) }),
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const soon = Date.now() + 2_000;
    const later = Date.now() + 10_000;
    const early = await create('fires before the crash', [soon]);
    const missed = [
      await create('due during the downtime', [later, later + 1]),
      await create('also', [later]),
    ];
    const early1 = early.reminders[0].id as string;
    const missedIds = missed.flatMap((task) => task.reminders.map((r: { id: string }) => r.id as string));

    // The first one fires while the process lives; then it dies before the others are due.
    expect(await firedIds(first.url, auth, (ids) => ids.includes(early1))).toEqual([early1]);
    expect(Date.now()).toBeLessThan(later);
    await exit(first.child, 'SIGKILL');
    await sleepUntil(later + 500);

    const second = await start();
    try {
      const all = [early1, ...missedIds];
      const ids = await firedIds(second.url, auth, (seen) => all.every((id) => seen.includes(id)));
      expect([...ids].sort()).toEqual([...all].sort());
      // Give a doubled firing time to show up, then look again.
      await new Promise((r) => setTimeout(r, 1_500));
      const again = await firedIds(second.url, auth, () => true);
      expect([...again].sort()).toEqual([...all].sort());
      for (const task of [early, ...missed]) {
        const current = await call(second.url, `/api/tasks/${task.id}`, { headers: auth });
        expect(current.body.reminders.map((r: { state: string }) => r.state)).toEqual(
          task.reminders.map(() => 'sent'),
        );
      }
    } finally {
      await exit(second.child, 'SIGTERM');
    }

    // The outbox itself, not only the activity log: one event per reminder.
    const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      const rows = await queryRows<{ reminder_id: string; n: number }>(
        database.db,
        sql`SELECT payload->'data'->>'reminderId' AS reminder_id, count(*)::int AS n
            FROM outbox WHERE type = 'todo.reminder.due' GROUP BY 1`,
      );
      expect(rows.map((r) => [r.reminder_id, r.n]).sort()).toEqual(
        [early1, ...missedIds].sort().map((id) => [id, 1]),
      );
    } finally {
      await database.close();
    }
  }, 120_000);
});
