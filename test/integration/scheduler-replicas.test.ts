// Several schedulers on one database (replicas of the role): between them, each reminder fires once;
// and a user's write in flight is never overtaken by a firing that it would then undo.
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { newId } from '../../src/domain/ids.ts';
import { ReminderScheduler } from '../../src/jobs/reminder-scheduler.ts';
import type { Clock } from '../../src/ports/index.ts';
import { DrizzleReminderStore, REMINDERS_CHANNEL } from '../../src/repositories/reminder-repository.ts';
import type { ApiClient, TestApp } from '../support/app.ts';
import type { FakeClock } from '../support/clock.ts';
import { wantsRealPostgres } from '../support/database.ts';
import {
  createTask as createTaskOf,
  dueEvents as dueEventsOf,
  startSchedulerApp,
} from '../support/scheduler.ts';

let t: TestApp;
let clock: FakeClock;
let ann: ApiClient;

beforeAll(async () => {
  ({ t, clock, ann } = await startSchedulerApp());
});
afterAll(() => t.close());

const db = () => t.app.database.db;
const scheduler = () => t.app.scheduler!;
const inMinutes = (m: number) => new Date(clock.now().getTime() + m * 60_000).toISOString();
const dueEvents = (taskId?: string) => dueEventsOf(db(), taskId);
const createTask = (body: Record<string, unknown>) => createTaskOf(ann, body);

/** A scheduler of its own on a database handle: what another replica of the role would run. */
function replica(database: Database, replicaClock: Clock, batchSize: number): ReminderScheduler {
  return new ReminderScheduler({
    store: new DrizzleReminderStore(database.db),
    clock: replicaClock,
    logger: pino({ level: 'silent' }),
    newId,
    listen: (onNotify) => database.listen(REMINDERS_CHANNEL, onNotify),
    batchSize,
  });
}

describe(
  wantsRealPostgres() ? 'two schedulers on one Postgres database' : 'two schedulers on one PGlite',
  () => {
    it('fire each of many due reminders exactly once between them', async () => {
      // Several owners: the per-user write lock alone would serialise the replicas on one user.
      const others = await Promise.all([1, 2, 3, 4].map((n) => t.signUp({ name: `Owner ${n}` })));
      const owners = [ann, ...others];
      const ids: string[] = [];
      for (let i = 0; i < 100; i++) {
        const reminders = Array.from({ length: 10 }, (_, k) => ({ at: inMinutes(1 + (i % 7) + k / 10) }));
        const res = await owners[i % owners.length]!.post('/api/tasks', { title: `bulk ${i}`, reminders });
        ids.push(...res.body.reminders.map((r: { id: string }) => r.id));
      }
      clock.advance(60 * 60_000);
      // On Postgres each replica has its own pool, as separate processes would; PGlite has one.
      const extra = t.db.url ? [await openDatabase({ url: t.db.url, poolMax: 3 })] : [];
      const [a, b] = [replica(t.app.database, clock, 10), replica(extra[0] ?? t.app.database, clock, 10)];
      try {
        await extra[0]?.ping(); // both connected before the race starts
        await Promise.all([a.start(), b.start()]);
        const deadline = Date.now() + 20_000;
        while (a.fired + b.fired < ids.length && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200)); // room for a late duplicate to show
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await extra[0]?.close();
      }
      const fired = (await dueEvents()).map((e) => e.data.reminderId).filter((id) => ids.includes(id));
      expect(fired).toHaveLength(ids.length);
      expect(new Set(fired).size).toBe(ids.length);
      expect(a.fired + b.fired).toBe(ids.length);
      if (t.db.url) {
        expect(a.fired).toBeGreaterThan(0);
        expect(b.fired).toBeGreaterThan(0);
      }
    });
  },
);

if (wantsRealPostgres())
  describe('a write of the same user in flight', () => {
    it('is not overtaken: the reminder waits for it, then fires once, not resurrected as pending', async () => {
      const task = await createTask({ title: 'racing', reminders: [{ at: inMinutes(1) }] });
      clock.advance(2 * 60_000);
      // What an edit does: take the user's lock, read, write the reminders back as it read them.
      const client = new pg.Client({ connectionString: t.db.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [ann.userId]);
        const { rows } = await client.query('SELECT * FROM reminders WHERE task_id = $1', [task.id]);
        expect(await scheduler().runOnce()).toBe(50);
        expect(await dueEvents(task.id)).toEqual([]);
        await client.query('DELETE FROM reminders WHERE task_id = $1', [task.id]);
        const r = rows[0];
        await client.query(
          `INSERT INTO reminders (id, task_id, user_id, position, offset_minutes, at, remind_at, state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [r.id, r.task_id, r.user_id, r.position, r.offset_minutes, r.at, r.remind_at, r.state],
        );
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      await scheduler().runOnce();
      await scheduler().runOnce();
      expect(await dueEvents(task.id)).toHaveLength(1);
      expect((await ann.get(`/api/tasks/${task.id}`)).body.reminders[0].state).toBe('sent');
    });
  });
