// The notifier: due reminders become in-app notifications (once), `todo.notification.created`
// events, and the /api/notifications list, read, read-all and snooze.
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationListSchema, SnoozeAnswerSchema } from '../../contract/notification.ts';
import { notifyReminderIn } from '../../src/app/notify-reminder.ts';
import { notifications, outbox } from '../../src/db/schema.ts';
import type { AnyCloudEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';
import { fire, reminderDue } from '../support/notify.ts';

let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;
const clock = new FakeClock('2026-11-22T10:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  bob = await t.signUp({ name: 'Bob' });
});
afterAll(() => t.close());

const db = () => t.app.database.db;
const inMinutes = (m: number) => new Date(clock.now().getTime() + m * 60_000).toISOString();

async function task(client: ApiClient, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/api/tasks', body);
  expect(res.status).toBe(201);
  return res.body;
}

/** A task with one reminder whose due event has been delivered; answers the task and its notification. */
async function notified(client: ApiClient, title: string): Promise<{ task: any; notification: any }> {
  const created = await task(client, { title, dueAt: inMinutes(60), reminders: [{ offsetMinutes: 30 }] });
  await fire(t, reminderDue(created, client.userId, clock.now()));
  const list = await client.get('/api/notifications?limit=200');
  const notification = list.body.items.find((n: { taskId: string }) => n.taskId === created.id);
  expect(notification).toBeDefined();
  return { task: created, notification };
}

async function outboxOf(type: string, userId: string): Promise<AnyCloudEvent[]> {
  const rows = await db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.type, type), eq(outbox.partitionKey, userId)))
    .orderBy(asc(outbox.position));
  return rows.map((r) => r.payload as AnyCloudEvent);
}

describe('a due reminder', () => {
  it('becomes exactly one notification, even when the event is delivered again', async () => {
    const dentist = await task(ann, {
      title: 'Dentist',
      dueAt: '2026-11-22T15:00:00Z',
      reminders: [{ offsetMinutes: 60 }],
    });
    const event = reminderDue(dentist, ann.userId, clock.now());
    await fire(t, event);

    const res = await ann.get('/api/notifications');
    expect(res.status).toBe(200);
    const list = NotificationListSchema.parse(res.body);
    expect(list.unreadCount).toBe(1);
    expect(list.items).toEqual([
      {
        id: expect.any(String),
        kind: 'reminder',
        taskId: dentist.id,
        title: 'Dentist',
        body: 'Due Sun 22 Nov 2026, 16:00 CET',
        createdAt: clock.now().toISOString(),
        readAt: null,
      },
    ]);

    // The bus delivers it again; the relay republishes everything (a crash before marking).
    await t.app.bus.publish([event]);
    await db().execute(sql`UPDATE outbox SET published_at = NULL`);
    await t.app.settle();
    // Even past the inbox, the notification's own key (source event, kind) holds.
    const again = await t.app.deps.uow.transaction((repos) => notifyReminderIn(repos, t.app.deps, event));
    expect(again).toBeNull();

    const rows = await db().select().from(notifications).where(eq(notifications.sourceEventId, event.id));
    expect(rows).toHaveLength(1);
    expect((await ann.get('/api/notifications')).body.unreadCount).toBe(1);
    expect(await outboxOf('todo.notification.created', ann.userId)).toHaveLength(1);
  });

  it('writes todo.notification.created to task-updates with the notification as listed', async () => {
    const { task: created, notification } = await notified(ann, 'Pay rent');
    const events = (await outboxOf('todo.notification.created', ann.userId)).filter(
      (e) => e.subject === created.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      specversion: '1.0',
      type: 'todo.notification.created',
      subject: created.id,
      partitionkey: ann.userId,
      time: clock.now().toISOString(),
      data: { userId: ann.userId, notification },
    });
    const [row] = await db().select().from(outbox).where(eq(outbox.eventId, events[0]!.id));
    expect(row!.topic).toBe('task-updates');
  });

  it('of a task without a due date says "Reminder"; of a user who is gone, nothing', async () => {
    const loose = await task(bob, { title: 'Water plants', reminders: [{ at: inMinutes(5) }] });
    await fire(t, reminderDue(loose, bob.userId, clock.now()));
    const list = (await bob.get('/api/notifications')).body;
    expect(list.items[0]).toMatchObject({ title: 'Water plants', body: 'Reminder' });

    const ghost = { ...loose, id: newId() };
    await fire(t, reminderDue(ghost, 'no-such-user', clock.now()));
    expect(await db().select().from(notifications).where(eq(notifications.userId, 'no-such-user'))).toEqual(
      [],
    );
  });
});

describe('GET /api/notifications', () => {
  it('lists newest first, filters unread, caps with limit and always counts every unread one', async () => {
    const cara = await t.signUp({ name: 'Cara' });
    const ids: string[] = [];
    for (const title of ['one', 'two', 'three']) {
      clock.advance(60_000);
      ids.push((await notified(cara, title)).notification.id);
    }
    const all = (await cara.get('/api/notifications')).body;
    expect(all.items.map((n: { title: string }) => n.title)).toEqual(['three', 'two', 'one']);
    expect(all.unreadCount).toBe(3);

    expect((await cara.post(`/api/notifications/${ids[1]}/read`)).status).toBe(200);
    const unread = (await cara.get('/api/notifications?unread=true')).body;
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(['three', 'one']);
    expect(unread.unreadCount).toBe(2);
    const one = (await cara.get('/api/notifications?limit=1')).body;
    expect(one.items.map((n: { title: string }) => n.title)).toEqual(['three']);
    expect(one.unreadCount).toBe(2);

    for (const bad of ['limit=0', 'limit=201', 'limit=x', 'unread=yes', 'other=1']) {
      const res = await cara.get(`/api/notifications?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await t.request('GET', '/api/notifications')).status).toBe(401);
  });
});

describe('read and read-all', () => {
  it('marks one read, keeping the first read time; unknown and foreign ids are 404', async () => {
    const { notification } = await notified(ann, 'Read me');
    const before = (await ann.get('/api/notifications')).body.unreadCount;
    const read = await ann.post(`/api/notifications/${notification.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...notification, readAt: clock.now().toISOString() });
    // The user's other tabs hear of it: one todo.notification.read with the notification as read.
    const signalsFor = async (id: string) =>
      (await outboxOf('todo.notification.read', ann.userId)).filter(
        (e) => e.type === 'todo.notification.read' && e.data.notification?.id === id,
      );
    expect((await signalsFor(notification.id)).map((e) => e.data)).toEqual([
      { userId: ann.userId, notification: read.body },
    ]);
    clock.advance(5000);
    const twice = await ann.post(`/api/notifications/${notification.id}/read`);
    expect(twice.body.readAt).toBe(read.body.readAt);
    expect(await signalsFor(notification.id)).toHaveLength(1);
    expect((await ann.get('/api/notifications')).body.unreadCount).toBe(before - 1);

    const { notification: bobs } = await notified(bob, 'Bob only');
    for (const id of [bobs.id, newId(), 'not-a-uuid']) {
      const res = await ann.post(`/api/notifications/${id}/read`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const bobList = (await bob.get('/api/notifications')).body;
    expect(bobList.items.find((n: { id: string }) => n.id === bobs.id).readAt).toBeNull();
    expect(bobList.items.some((n: { taskId: string }) => n.taskId === notification.taskId)).toBe(false);
  });

  it('read-all marks every unread one of the user only', async () => {
    await notified(ann, 'A1');
    await notified(ann, 'A2');
    const bobUnread = (await bob.get('/api/notifications')).body.unreadCount;
    expect(bobUnread).toBeGreaterThan(0);
    const unread = (await ann.get('/api/notifications')).body.unreadCount;
    const readAll = async () =>
      (await outboxOf('todo.notification.read', ann.userId)).filter(
        (e) => e.type === 'todo.notification.read' && e.data.notification === null,
      );
    const signalled = (await readAll()).length;
    const res = await ann.post('/api/notifications/read-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: unread, unreadCount: 0 });
    // One signal for all of them; none when there was nothing to read.
    expect(await readAll()).toHaveLength(signalled + 1);
    const after = (await ann.get('/api/notifications?unread=true')).body;
    expect(after).toEqual({ items: [], unreadCount: 0 });
    expect((await ann.post('/api/notifications/read-all')).body.updated).toBe(0);
    expect(await readAll()).toHaveLength(signalled + 1);
    expect((await bob.get('/api/notifications')).body.unreadCount).toBe(bobUnread);
    expect(await outboxOf('todo.notification.read', bob.userId)).toEqual([]);
  });
});

describe('snooze', () => {
  it('adds a reminder at now + minutes through the update path, marks the notification read, and fires later', async () => {
    const { task: created, notification } = await notified(ann, 'Stretch');
    const updatesBefore = (await outboxOf('todo.task.updated', ann.userId)).length;
    const res = await ann.post(`/api/notifications/${notification.id}/snooze`, { minutes: 15 });
    expect(res.status).toBe(200);
    const answer = SnoozeAnswerSchema.parse(res.body);
    const at = inMinutes(15);
    expect(answer.notification).toEqual({ ...notification, readAt: clock.now().toISOString() });
    expect(answer.task.version).toBe(created.version + 1);
    expect(answer.task.reminders).toHaveLength(2);
    expect(answer.task.reminders[0]).toEqual(created.reminders[0]);
    expect(answer.task.reminders[1]).toEqual({
      id: answer.reminderId,
      offsetMinutes: null,
      at,
      remindAt: at,
      state: 'pending',
    });
    expect((await ann.get(`/api/tasks/${created.id}`)).body).toEqual(answer.task);

    const updates = await outboxOf('todo.task.updated', ann.userId);
    expect(updates).toHaveLength(updatesBefore + 1);
    expect(updates.at(-1)).toMatchObject({ subject: created.id, data: { changes: ['reminders'] } });
    const reads = await outboxOf('todo.notification.read', ann.userId);
    expect(reads.at(-1)).toMatchObject({ subject: created.id, data: { notification: answer.notification } });

    // The scheduler fires the new reminder when it comes due: a second notification.
    clock.advance(15 * 60_000);
    await t.app.scheduler!.runOnce();
    await t.app.settle();
    const mine = (await ann.get('/api/notifications?unread=true')).body.items.filter(
      (n: { taskId: string }) => n.taskId === created.id,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].id).not.toBe(notification.id);
  });

  it('on a task with 10 reminders replaces the oldest one that fired; 409 when all are pending', async () => {
    const reminders = Array.from({ length: 10 }, (_, i) => ({ at: inMinutes(i + 1) }));
    const full = await task(ann, { title: 'Ten reminders', reminders });
    clock.advance(2 * 60_000 + 1000);
    await t.app.scheduler!.runOnce(); // the first two fire
    await t.app.settle();
    const fired = (await ann.get(`/api/tasks/${full.id}`)).body;
    expect(fired.reminders.map((r: { state: string }) => r.state).slice(0, 3)).toEqual([
      'sent',
      'sent',
      'pending',
    ]);
    const items = (await ann.get('/api/notifications?limit=200')).body.items.filter(
      (n: { taskId: string }) => n.taskId === full.id,
    );
    expect(items).toHaveLength(2);

    const res = await ann.post(`/api/notifications/${items[0].id}/snooze`, { minutes: 30 });
    expect(res.status).toBe(200);
    const ids = res.body.task.reminders.map((r: { id: string }) => r.id);
    expect(res.body.task.reminders).toHaveLength(10);
    expect(ids).not.toContain(full.reminders[0].id); // the oldest sent one made room
    expect(ids).toContain(full.reminders[1].id);
    expect(res.body.task.reminders.at(-1)).toMatchObject({ at: inMinutes(30), state: 'pending' });

    // Once more: the other sent one makes room. Then all ten are pending.
    expect((await ann.post(`/api/notifications/${items[1].id}/snooze`, { minutes: 31 })).status).toBe(200);
    const version = (await ann.get(`/api/tasks/${full.id}`)).body.version;
    await fire(t, reminderDue(full, ann.userId, clock.now(), 5));
    const third = (await ann.get('/api/notifications?unread=true&limit=200')).body.items.find(
      (n: { taskId: string }) => n.taskId === full.id,
    );
    const refused = await ann.post(`/api/notifications/${third.id}/snooze`, { minutes: 10 });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/10 reminders/);
    expect((await ann.get(`/api/tasks/${full.id}`)).body.version).toBe(version);
    const still = (await ann.get('/api/notifications?unread=true&limit=200')).body.items;
    expect(still.map((n: { id: string }) => n.id)).toContain(third.id);
  });

  it('refuses completed and deleted tasks (409), bad minutes (400), unknown and foreign ids (404)', async () => {
    const done = await notified(ann, 'Done already');
    expect((await ann.post(`/api/tasks/${done.task.id}/complete`)).status).toBe(200);
    const completed = await ann.post(`/api/notifications/${done.notification.id}/snooze`, { minutes: 5 });
    expect(completed.status).toBe(409);
    expect(completed.body.detail).toMatch(/completed/);

    const gone = await notified(ann, 'Deleted');
    expect((await ann.delete(`/api/tasks/${gone.task.id}`)).status).toBe(204);
    expect((await ann.post(`/api/notifications/${gone.notification.id}/snooze`, { minutes: 5 })).status).toBe(
      409,
    );

    const { notification } = await notified(ann, 'Validate');
    for (const body of [{ minutes: 0 }, { minutes: 1.5 }, { minutes: 'ten' }, {}, { minutes: 600_000 }]) {
      const res = await ann.post(`/api/notifications/${notification.id}/snooze`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].path).toBe('body.minutes');
    }
    const { notification: bobs } = await notified(bob, 'Bob snooze');
    for (const id of [bobs.id, newId(), 'nope'])
      expect((await ann.post(`/api/notifications/${id}/snooze`, { minutes: 5 })).status).toBe(404);
    // Nothing happened to Bob's task or notification.
    const bobList = (await bob.get('/api/notifications')).body.items;
    expect(bobList.find((n: { id: string }) => n.id === bobs.id).readAt).toBeNull();
  });
});
