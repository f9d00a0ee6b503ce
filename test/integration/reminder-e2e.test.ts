// The whole time engine on the real clock, every role running: a reminder due in 2 s becomes a
// notification and a task-updates event on time; completing a recurring task brings the next one.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.ts';
import type { AnyCloudEvent } from '../../src/domain/events.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let ann: ApiClient;
const seen: { event: AnyCloudEvent; at: number }[] = [];

beforeAll(async () => {
  t = await startTestApp({ manualRelay: false });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  await t.app.bus.subscribe({
    group: 'e2e-probe',
    types: ['todo.reminder.due', 'todo.notification.created'],
    deliver: async (event) => {
      seen.push({ event, at: Date.now() });
    },
  });
});
afterAll(() => t.close());

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('reminder → notification, on time', () => {
  it('delivers the notification and its task-updates event within a second of the reminder time', async () => {
    const remindAt = new Date(Date.now() + 2000);
    const { body: task } = await ann.post('/api/tasks', {
      title: 'Stand-up',
      dueAt: new Date(remindAt.getTime() + 10 * 60_000).toISOString(),
      reminders: [{ at: remindAt.toISOString() }],
    });
    const notification = await until('the notification', async () => {
      const list = await ann.get('/api/notifications');
      return list.body.items.find((n: { taskId: string }) => n.taskId === task.id);
    });
    expect(notification).toMatchObject({ kind: 'reminder', title: 'Stand-up', readAt: null });
    const created = await until('the task-updates event', async () =>
      seen.find((s) => s.event.type === 'todo.notification.created' && s.event.subject === task.id),
    );
    const lateness = created.at - remindAt.getTime();
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);
    const rows = await t.app.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.topic, 'task-updates'))
      .orderBy(asc(outbox.position));
    expect(rows.filter((r) => (r.payload as AnyCloudEvent).subject === task.id)).toHaveLength(1);
    const task2 = await ann.get(`/api/tasks/${task.id}`);
    expect(task2.body.reminders[0].state).toBe('sent');
  });

  it('a completed recurring task is followed by its next occurrence without any manual step', async () => {
    const { body: task } = await ann.post('/api/tasks', {
      title: 'Weekly review',
      dueAt: '2030-01-04T16:00:00',
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=FR' },
    });
    await ann.post(`/api/tasks/${task.id}/complete`);
    const next = await until('the next occurrence', async () => {
      const list = await ann.get('/api/tasks?limit=200');
      return list.body.items.find(
        (x: { seriesId: string; id: string }) => x.seriesId === task.id && x.id !== task.id,
      );
    });
    expect(next).toMatchObject({ status: 'pending', dueAt: '2030-01-11T15:00:00.000Z' });
  });
});
