// The `scheduler` role against a real database: what fires, what does not, exactly once, on time.
// Most tests drive one round at a time on a fake clock; "on time" uses the real clock and timer.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, reminders } from '../../src/db/schema.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import type { FakeClock } from '../support/clock.ts';
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

describe('firing', () => {
  it('fires a due reminder once: marked sent in the API, one todo.reminder.due in the outbox', async () => {
    const task = await createTask({
      title: 'Call the dentist',
      dueAt: inMinutes(60),
      reminders: [{ offsetMinutes: 30 }, { at: inMinutes(120) }],
    });
    await scheduler().runOnce();
    expect(await dueEvents(task.id)).toEqual([]);

    clock.advance(30 * 60_000);
    // The other one is 90 minutes away: the answer is the backstop's minute.
    expect(await scheduler().runOnce()).toBe(60_000);
    await scheduler().runOnce();
    const events = await dueEvents(task.id);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'todo.reminder.due',
      source: 'taskstream/scheduler',
      subject: task.id,
      partitionkey: ann.userId,
      time: clock.now().toISOString(),
      data: {
        reminderId: task.reminders[0].id,
        taskId: task.id,
        userId: ann.userId,
        title: 'Call the dentist',
        dueAt: task.dueAt,
        remindAt: task.reminders[0].remindAt,
      },
    });
    const [row] = await db().select().from(outbox).where(eq(outbox.eventId, event!.id));
    expect(row).toMatchObject({ topic: 'reminders', partitionKey: ann.userId });

    const after = (await ann.get(`/api/tasks/${task.id}`)).body;
    expect(after.reminders.map((r: { state: string }) => r.state)).toEqual(['sent', 'pending']);
    const [stored] = await db().select().from(reminders).where(eq(reminders.id, task.reminders[0].id));
    expect(stored!.sentAt).toEqual(clock.now());

    // The audit consumer logs it like any other event.
    await t.app.settle();
    const log = await ann.get(`/api/activity?taskId=${task.id}&type=todo.reminder.due`);
    expect(log.body.items.map((e: { id: string }) => e.id)).toEqual([event!.id]);
  });

  it('does not fire reminders of completed, deleted or edited-away tasks, nor not-yet-due ones', async () => {
    const reminder = () => [{ at: inMinutes(10) }];
    const completed = await createTask({ title: 'completed', reminders: reminder() });
    const deleted = await createTask({ title: 'deleted', reminders: reminder() });
    const removed = await createTask({ title: 'reminder removed', reminders: reminder() });
    const later = await createTask({ title: 'later', reminders: [{ at: inMinutes(11) }] });
    expect((await ann.post(`/api/tasks/${completed.id}/complete`)).status).toBe(200);
    expect((await ann.delete(`/api/tasks/${deleted.id}`)).status).toBe(204);
    expect((await ann.patch(`/api/tasks/${removed.id}`, { reminders: [] })).status).toBe(200);

    clock.advance(10 * 60_000);
    await scheduler().runOnce();
    for (const task of [completed, deleted, removed, later]) expect(await dueEvents(task.id)).toEqual([]);
    const done = (await ann.get(`/api/tasks/${completed.id}`)).body;
    expect(done.reminders.map((r: { state: string }) => r.state)).toEqual(['cancelled']);

    clock.advance(60_000);
    await scheduler().runOnce();
    expect(await dueEvents(later.id)).toHaveLength(1);
  });

  it('ignores a pending reminder whose task is gone or completed, without spinning on it', async () => {
    const gone = await createTask({ title: 'tombstone', reminders: [{ at: inMinutes(1) }] });
    const done = await createTask({ title: 'completed behind our back', reminders: [{ at: inMinutes(1) }] });
    // States the use cases never leave behind, written directly: the join must still exclude them.
    await db().execute(sql`UPDATE tasks SET deleted_at = now() WHERE id = ${gone.id}`);
    await db().execute(sql`UPDATE tasks SET status = 'completed' WHERE id = ${done.id}`);
    clock.advance(2 * 60_000);
    expect(await scheduler().runOnce()).toBe(60_000);
    expect(await dueEvents(gone.id)).toEqual([]);
    expect(await dueEvents(done.id)).toEqual([]);
  });

  it('fires a reminder written with microseconds once its millisecond has come', async () => {
    const task = await createTask({ title: 'precise', reminders: [{ at: inMinutes(1) }] });
    const at = new Date(task.reminders[0].remindAt);
    // SQL (imports, other writers) may store microseconds the JavaScript clock cannot see.
    await db().execute(
      sql`UPDATE reminders SET remind_at = ${at.toISOString()}::timestamptz + interval '700 microseconds' WHERE task_id = ${task.id}`,
    );
    clock.set(at);
    await scheduler().runOnce();
    expect(await dueEvents(task.id)).toHaveLength(1);
  });

  it('a moved due date re-times the reminder; once sent, it fires again at its new time', async () => {
    const task = await createTask({
      title: 'Standup',
      dueAt: inMinutes(20),
      reminders: [{ offsetMinutes: 10 }],
    });
    clock.advance(10 * 60_000);
    await scheduler().runOnce();
    expect(await dueEvents(task.id)).toHaveLength(1);

    // An unrelated edit keeps it sent: it must not fire twice for the same time.
    await ann.patch(`/api/tasks/${task.id}`, { title: 'Daily standup' });
    await scheduler().runOnce();
    expect(await dueEvents(task.id)).toHaveLength(1);

    const moved = (await ann.patch(`/api/tasks/${task.id}`, { dueAt: inMinutes(30) })).body;
    expect(moved.reminders[0]).toMatchObject({ state: 'pending', remindAt: inMinutes(20) });
    clock.advance(19 * 60_000);
    await scheduler().runOnce();
    expect(await dueEvents(task.id)).toHaveLength(1);
    clock.advance(60_000);
    await scheduler().runOnce();
    const events = await dueEvents(task.id);
    expect(events.map((e) => e.data.remindAt)).toEqual([
      task.reminders[0].remindAt,
      moved.reminders[0].remindAt,
    ]);
    expect(events[1]!.data.title).toBe('Daily standup');
    expect(new Set(events.map((e) => e.data.reminderId))).toEqual(new Set([task.reminders[0].id]));
  });

  it('catches up at start on reminders that came due while no scheduler ran', async () => {
    const task = await createTask({
      title: 'missed',
      reminders: [{ at: inMinutes(5) }, { at: inMinutes(6) }],
    });
    clock.advance(3 * 60 * 60_000);
    await scheduler().start();
    try {
      const deadline = Date.now() + 5_000;
      while ((await dueEvents(task.id)).length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
    } finally {
      await scheduler().stop();
    }
    const events = await dueEvents(task.id);
    expect(events.map((e) => e.data.reminderId).sort()).toEqual(task.reminders.map((r: any) => r.id).sort());
  });
});

describe('on time, with the real clock and timer', () => {
  it('a reminder due in 2 s produces its event within 2.5 s, less than a second late', async () => {
    const live = await startTestApp({ manualRelay: false });
    try {
      const bea = await live.signUp({ name: 'Bea' });
      const committed: number[] = [];
      live.app.scheduler!.onFired((_fired, at) => committed.push(at.getTime()));
      const started = Date.now();
      const remindAt = new Date(started + 2_000);
      const res = await bea.post('/api/tasks', {
        title: 'on time',
        reminders: [{ at: remindAt.toISOString() }],
      });
      expect(res.status).toBe(201);
      const query = sql`SELECT payload FROM outbox WHERE type = 'todo.reminder.due'`;
      let seenAt = 0;
      while (Date.now() - started < 4_000) {
        const rows = (await live.app.database.db.execute(query)) as unknown as { rows: unknown[] };
        if (rows.rows.length > 0) {
          seenAt = Date.now();
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(seenAt).toBeGreaterThan(0);
      expect(seenAt - started).toBeLessThan(2_500);
      expect(committed).toHaveLength(1);
      const lateness = committed[0]! - remindAt.getTime();
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(1_000);
      // The relay runs too: the activity log shows it shortly after.
      const deadline = Date.now() + 3_000;
      let items: unknown[] = [];
      while (Date.now() < deadline && items.length === 0) {
        items = (await bea.get('/api/activity?type=todo.reminder.due')).body.items;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(items).toHaveLength(1);
      const metrics = await live.request('GET', '/metrics');
      expect(metrics.text).toMatch(/taskstream_reminder_lateness_seconds_count 1/);
    } finally {
      await live.close();
    }
  });
});
