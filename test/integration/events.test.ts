import { asc, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { activity, deadLetters, outbox, tasks } from '../../src/db/schema.ts';
import type { AnyCloudEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { createTaskstream } from '../../src/main/taskstream.ts';
import { OUTBOX_CHANNEL } from '../../src/repositories/outbox-repository.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;
const seen: AnyCloudEvent[] = [];

beforeAll(async () => {
  t = await startTestApp();
  ann = await t.signUp({ name: 'Ann' });
  bob = await t.signUp({ name: 'Bob' });
  await t.app.bus.subscribe({
    group: 'test-probe',
    types: ['todo.task.created', 'todo.task.updated', 'todo.task.completed', 'todo.task.deleted'],
    deliver: async (event) => {
      seen.push(event);
    },
  });
});
afterAll(() => t.close());

const db = () => t.app.database.db;
const outboxRows = () => db().select().from(outbox).orderBy(asc(outbox.position));

describe('outbox', () => {
  it('writes the event in the same transaction as the change: a failing write leaves neither', async () => {
    const { body: first } = await ann.post('/api/tasks', { title: 'first' });
    const [firstEvent] = await db().select().from(outbox).where(eq(outbox.type, 'todo.task.created'));
    const before = (await outboxRows()).length;
    const taskId = newId();
    const ids = [taskId, firstEvent!.eventId]; // the event id collides: the outbox insert fails
    const original = t.app.deps.newId;
    t.app.deps.newId = () => ids.shift() ?? original();
    try {
      const res = await ann.post('/api/tasks', { title: 'doomed' });
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      t.app.deps.newId = original;
    }
    expect(await db().select().from(tasks).where(eq(tasks.id, taskId))).toEqual([]);
    expect((await outboxRows()).length).toBe(before);
    expect((await ann.get(`/api/tasks/${first.id}`)).status).toBe(200);
  });

  it('a rejected request writes no event', async () => {
    const before = (await outboxRows()).length;
    expect((await ann.post('/api/tasks', { title: '' })).status).toBe(400);
    expect((await ann.patch(`/api/tasks/${newId()}`, { title: 'x' })).status).toBe(404);
    expect((await outboxRows()).length).toBe(before);
  });

  it('emits nothing for a no-op change or a repeated completion', async () => {
    const { body: task } = await ann.post('/api/tasks', { title: 'same' });
    const before = (await outboxRows()).length;
    await ann.patch(`/api/tasks/${task.id}`, { title: 'same' });
    await ann.post(`/api/tasks/${task.id}/complete`);
    await ann.post(`/api/tasks/${task.id}/complete`);
    const added = (await outboxRows()).slice(before);
    expect(added.map((r) => r.type)).toEqual(['todo.task.completed']);
  });

  it('events are CloudEvents 1.0 keyed by user', async () => {
    const { body: task } = await bob.post('/api/tasks', { title: 'shape' });
    await bob.patch(`/api/tasks/${task.id}`, { title: 'shape 2', priority: 'low' });
    const rows = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.partitionKey, bob.userId))
      .orderBy(asc(outbox.position));
    const updated = rows.at(-1)!.payload as AnyCloudEvent;
    expect(updated).toMatchObject({
      specversion: '1.0',
      type: 'todo.task.updated',
      source: 'taskstream/api',
      subject: task.id,
      datacontenttype: 'application/json',
      partitionkey: bob.userId,
      data: {
        userId: bob.userId,
        changes: ['title', 'priority'],
        task: { id: task.id, title: 'shape 2', version: 2 },
      },
    });
    expect(updated.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(rows.at(-1)!.topic).toBe('task-events');
  });
});

describe('relay', () => {
  it('delivers every event in order per user, and versions of a task arrive in order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await ann.post('/api/tasks', { title: `a${i}` })).body.id);
      ids.push((await bob.post('/api/tasks', { title: `b${i}` })).body.id);
    }
    // Concurrent edits of one user: the user lock makes outbox order the commit order.
    await Promise.all(
      ids
        .filter((_, i) => i % 2 === 0)
        .flatMap((id) => [1, 2, 3].map((n) => ann.patch(`/api/tasks/${id}`, { description: `v${n}` }))),
    );
    seen.length = 0;
    await t.app.settle();
    const expected = (await outboxRows())
      .filter((r) => r.type.startsWith('todo.task.'))
      .map((r) => r.eventId);
    const delivered = seen.map((e) => e.id);
    expect(new Set(delivered)).toEqual(new Set(expected.filter((id) => delivered.includes(id))));
    for (const user of [ann.userId, bob.userId]) {
      const mine = seen.filter((e) => e.partitionkey === user).map((e) => e.id);
      const order = expected.filter((id) => mine.includes(id));
      expect(mine).toEqual(order);
    }
    const versions = new Map<string, number>();
    for (const event of seen) {
      if (!('task' in event.data)) continue;
      const last = versions.get(event.subject) ?? 0;
      expect(event.data.task.version).toBeGreaterThan(last);
      versions.set(event.subject, event.data.task.version);
    }
    const pending = await db().select().from(outbox).where(sql`published_at IS NULL`);
    expect(pending).toEqual([]);
  });

  it('redelivery never doubles an effect (inbox)', async () => {
    await ann.post('/api/tasks', { title: 'once' });
    await t.app.settle();
    const count = async () => (await db().select().from(activity)).length;
    const before = await count();
    // A relay that crashed between publishing and marking republishes everything.
    await db().execute(sql`UPDATE outbox SET published_at = NULL`);
    await t.app.settle();
    expect(await count()).toBe(before);
    const events = (await outboxRows()).map((r) => r.payload as AnyCloudEvent);
    await t.app.bus.publish(events);
    expect(await count()).toBe(before);
  });

  it('a consumer that keeps failing dead-letters the event and does not block others', async () => {
    const delivered: string[] = [];
    await t.app.bus.subscribe({
      group: 'always-fails',
      types: ['todo.task.created'],
      deliver: async (event) => {
        const title = 'task' in event.data ? event.data.task.title : '';
        if (title === 'poison') throw new Error('cannot digest');
        delivered.push(title);
      },
    });
    await ann.post('/api/tasks', { title: 'poison' });
    await ann.post('/api/tasks', { title: 'healthy' });
    await t.app.settle();
    expect(delivered).toContain('healthy');
    const dead = await db().select().from(deadLetters).where(eq(deadLetters.consumer, 'always-fails'));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ error: 'cannot digest', attempts: 5, type: 'todo.task.created' });
    const log = await ann.get('/api/activity?type=todo.task.created&limit=200');
    expect(
      log.body.items.some((e: { data: { task: { title: string } } }) => e.data.task.title === 'poison'),
    ).toBe(true);
  });
});

describe('running relay', () => {
  const activityOf = async (client: ApiClient, taskId: string) => {
    const deadline = Date.now() + 5000;
    let items: unknown[] = [];
    while (Date.now() < deadline) {
      items = (await client.get(`/api/activity?taskId=${taskId}`)).body.items;
      if (items.length > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return items;
  };

  it('is woken in-process by writes here, without NOTIFY, and by NOTIFY from a process without a relay', async () => {
    const live = await startTestApp({ manualRelay: false });
    const apiOnly = await createTaskstream(
      loadConfig({ LOG_LEVEL: 'silent', ROLES: 'api', AUTH_SECRET: 'test-secret-test-secret-test-secret-0' }),
      { database: live.db.database, logger: pino({ level: 'silent' }) },
    );
    let notified = 0;
    const unlisten = await live.db.database.listen(OUTBOX_CHANNEL, () => notified++);
    try {
      await waitUntil(() => live.app.relay?.leading === true);
      const carl = await live.signUp();
      const { body: here } = await carl.post('/api/tasks', { title: 'written here' });
      expect(await activityOf(carl, here.id)).toHaveLength(1);
      expect(notified).toBe(0);

      const elsewhere = await apiOnly.http.inject({
        method: 'POST',
        url: '/api/tasks',
        headers: { authorization: `Bearer ${carl.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ title: 'written by a process without a relay' }),
      });
      expect(elsewhere.statusCode).toBe(201);
      expect(await activityOf(carl, elsewhere.json().id)).toHaveLength(1);
      expect(notified).toBeGreaterThan(0);
    } finally {
      await unlisten();
      await apiOnly.close();
      await live.close();
    }
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
