// What the scheduler integration files share: Ann's app on a fake clock, the reminder.due events
// in the outbox, and a task created through the API.
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema.ts';
import type { CloudEvent } from '../../src/domain/events.ts';
import { type ApiClient, startTestApp, type TestApp } from './app.ts';
import { FakeClock } from './clock.ts';

export type DueEvent = CloudEvent<'todo.reminder.due'>;

export async function startSchedulerApp(): Promise<{ t: TestApp; clock: FakeClock; ann: ApiClient }> {
  const clock = new FakeClock('2026-03-01T09:00:00Z');
  const t = await startTestApp({ clock });
  return { t, clock, ann: await t.signUp({ name: 'Ann' }) };
}

/** The todo.reminder.due events written so far, in outbox order (of one task, when given). */
export async function dueEvents(db: Db, taskId?: string): Promise<DueEvent[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(eq(outbox.type, 'todo.reminder.due'))
    .orderBy(asc(outbox.position));
  return rows.map((r) => r.payload as DueEvent).filter((e) => !taskId || e.data.taskId === taskId);
}

export async function createTask(client: ApiClient, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/api/tasks', body);
  expect(res.status).toBe(201);
  return res.body;
}
