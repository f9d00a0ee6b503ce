// Delivery of outgoing webhooks to real local HTTP endpoints: signed CloudEvents, retries with
// back-off, giving up, and a dead endpoint that must not hold up a healthy one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { desc, eq, gt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreatedWebhookSchema } from '../../contract/webhook.ts';
import { deliveries, outbox } from '../../src/db/schema.ts';
import type { AnyCloudEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { DeliveryWorker } from '../../src/jobs/delivery-worker.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';
import { fire, reminderDue } from '../support/notify.ts';
import { closedPortUrl, type Received, type Receiver, startReceiver } from '../support/receiver.ts';

let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;
let worker: DeliveryWorker;
const clock = new FakeClock('2026-11-22T10:00:00Z');
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann' });
  bob = await t.signUp({ name: 'Bob' });
  // Most tests step a worker of their own on the fake clock, with a small limit and fast back-off;
  // the app's own worker (real timers, NOTIFY) is tested at the end.
  await t.app.deliveries!.stop();
  worker = new DeliveryWorker({
    ...t.app.deliveries!.options,
    listen: undefined,
    maxAttempts: 3,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    timeoutMs: 2000,
    random: () => 0.5,
  });
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(() => t.close());

const db = () => t.app.database.db;

async function receiver(respond?: Receiver['respond']): Promise<Receiver> {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}

async function hook(client: ApiClient, url: string, events: string[] = ['*']) {
  const res = await client.post('/api/webhooks', { url, events });
  expect(res.status, res.text).toBe(201);
  return CreatedWebhookSchema.parse(res.body);
}

/** Makes some events happen for the client and lets the fan-out queue them. */
async function createTask(client: ApiClient, title: string): Promise<any> {
  const res = await client.post('/api/tasks', { title });
  expect(res.status).toBe(201);
  await t.app.settle();
  return res.body;
}

async function eventOf(type: string, subject: string): Promise<AnyCloudEvent> {
  const rows = await db().select().from(outbox).where(eq(outbox.type, type));
  const row = rows.find((r) => (r.payload as AnyCloudEvent).subject === subject);
  if (!row) throw new Error(`no ${type} for ${subject}`);
  return row.payload as AnyCloudEvent;
}

/** The receiver's own check, written from the documentation with node:crypto only. */
function verifies(request: Received, secret: string): boolean {
  const header = String(request.headers['webhook-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${request.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

const deliveriesOf = async (client: ApiClient, id: string) =>
  (await client.get(`/api/webhooks/${id}/deliveries?limit=100`)).body.items;

describe('delivery', () => {
  it('POSTs the CloudEvent as written to the outbox, signed with the secret', async () => {
    const r = await receiver();
    const h = await hook(ann, r.url, ['todo.task.*']);
    const task = await createTask(ann, 'Signed');
    await worker.runDue();

    expect(r.received).toHaveLength(1);
    const [request] = r.received;
    const event = await eventOf('todo.task.created', task.id);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hook');
    expect(request!.headers['content-type']).toBe('application/cloudevents+json');
    expect(request!.headers['webhook-id']).toBe(event.id);
    expect(request!.headers['webhook-timestamp']).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(String(request!.headers['webhook-signature'])).toMatch(
      new RegExp(`^t=${request!.headers['webhook-timestamp']},v1=`),
    );
    expect(JSON.parse(request!.body)).toEqual(event);
    expect(verifies(request!, h.secret)).toBe(true);
    expect(verifies({ ...request!, body: request!.body.replace('Signed', 'Forged') }, h.secret)).toBe(false);
    expect(verifies(request!, 'whsec_wrong')).toBe(false);

    expect(await deliveriesOf(ann, h.id)).toEqual([
      {
        id: expect.any(String),
        eventId: event.id,
        eventType: 'todo.task.created',
        state: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        lastError: null,
        createdAt: clock.now().toISOString(),
        deliveredAt: clock.now().toISOString(),
      },
    ]);
    await ann.delete(`/api/webhooks/${h.id}`);
  });

  it('sends only matching types of the owner, once per event even when it is redelivered', async () => {
    const all = await receiver();
    const completed = await receiver();
    const reminders = await receiver();
    await t.app.settle();
    const [last] = await db()
      .select({ position: outbox.position })
      .from(outbox)
      .orderBy(desc(outbox.position))
      .limit(1);
    const hAll = await hook(ann, all.url, ['*']);
    const hCompleted = await hook(ann, completed.url, ['todo.task.completed']);
    const hReminders = await hook(ann, reminders.url, ['todo.reminder.*', 'todo.notification.created']);

    const task = await createTask(ann, 'Filtered');
    await ann.post(`/api/tasks/${task.id}/complete`);
    await createTask(bob, 'Not for Ann');
    await fire(
      t,
      reminderDue(
        { ...task, reminders: [{ id: newId(), remindAt: task.createdAt }] },
        ann.userId,
        clock.now(),
      ),
    );
    await t.app.settle();
    // Reading it is a client-only signal (todo.notification.read): no webhook gets it, not even "*".
    expect((await ann.post('/api/notifications/read-all')).body.updated).toBeGreaterThan(0);
    await t.app.settle();
    // Redelivery of every event since the webhooks exist: the (webhook, event) key adds nothing.
    const events = (
      await db()
        .select()
        .from(outbox)
        .where(gt(outbox.position, last?.position ?? 0))
    ).map((r) => r.payload as AnyCloudEvent);
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(events.map((e) => e.type)).toContain('todo.notification.read');
    await t.app.bus.publish(events);
    await worker.runDue();

    const types = (rcv: Receiver) => rcv.received.map((q) => JSON.parse(q.body).type).sort();
    expect(types(all)).toEqual([
      'todo.notification.created',
      'todo.reminder.due',
      'todo.task.completed',
      'todo.task.created',
    ]);
    expect(types(completed)).toEqual(['todo.task.completed']);
    expect(types(reminders)).toEqual(['todo.notification.created', 'todo.reminder.due']);
    for (const q of all.received) expect(JSON.parse(q.body).partitionkey).toBe(ann.userId);
    for (const h of [hAll, hCompleted, hReminders]) await ann.delete(`/api/webhooks/${h.id}`);
  });

  it('retries after 500s with exponential back-off, then delivers', async () => {
    let calls = 0;
    const r = await receiver(() => (++calls <= 2 ? 500 : 200));
    const h = await hook(ann, r.url, ['todo.task.created']);
    await createTask(ann, 'Flaky');
    const start = clock.now().getTime();

    await worker.runDue();
    expect(r.received).toHaveLength(1);
    let [delivery] = await deliveriesOf(ann, h.id);
    expect(delivery).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'HTTP 500 Internal Server Error',
    });
    expect(Date.parse(delivery.nextAttemptAt) - start).toBe(1000);

    clock.advance(999);
    await worker.runDue();
    expect(r.received).toHaveLength(1);
    clock.advance(1);
    await worker.runDue();
    expect(r.received).toHaveLength(2);
    [delivery] = await deliveriesOf(ann, h.id);
    expect(Date.parse(delivery.nextAttemptAt) - start).toBe(1000 + 2000);

    clock.advance(2000);
    await worker.runDue();
    expect(r.received).toHaveLength(3);
    [delivery] = await deliveriesOf(ann, h.id);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
    // One event: the same id every time, each attempt signed anew at its own time.
    expect(new Set(r.received.map((q) => q.headers['webhook-id'])).size).toBe(1);
    expect(r.received.map((q) => Number(q.headers['webhook-timestamp']) - start / 1000)).toEqual([0, 1, 3]);
    for (const q of r.received) expect(verifies(q, h.secret)).toBe(true);
    await ann.delete(`/api/webhooks/${h.id}`);
  });

  it('gives up after the attempt limit and keeps the last error', async () => {
    const r = await receiver(() => 503);
    const h = await hook(ann, r.url, ['todo.task.created']);
    await createTask(ann, 'Hopeless');
    for (let i = 0; i < 6; i++) {
      await worker.runDue();
      clock.advance(60_000);
    }
    expect(r.received).toHaveLength(3);
    const [delivery] = await deliveriesOf(ann, h.id);
    expect(delivery).toMatchObject({
      state: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      lastError: 'HTTP 503 Service Unavailable',
      deliveredAt: null,
    });
    await ann.delete(`/api/webhooks/${h.id}`);
  });

  it('deleting a webhook drops what is still queued for it', async () => {
    const r = await receiver(() => 500);
    const h = await hook(ann, r.url, ['todo.task.created']);
    await createTask(ann, 'Orphan');
    await worker.runDue();
    expect(r.received).toHaveLength(1);
    expect((await ann.delete(`/api/webhooks/${h.id}`)).status).toBe(204);
    expect(await db().select().from(deliveries).where(eq(deliveries.target, h.id))).toEqual([]);
    clock.advance(60_000);
    await worker.runDue();
    expect(r.received).toHaveLength(1);
  });

  it('a hung endpoint with a backlog and a refused one do not delay a healthy one', async () => {
    const erin = await t.signUp({ name: 'Erin' });
    const healthy = await receiver();
    const hung = await receiver(() => 'hang');
    await hook(erin, hung.url);
    // A backlog for the hung endpoint, due before anything else: more than a claim looks at.
    for (let i = 0; i < 30; i++)
      expect((await erin.post('/api/tasks', { title: `Backlog ${i}` })).status).toBe(201);
    await t.app.settle();
    const refused = await hook(erin, await closedPortUrl());
    await hook(erin, healthy.url);
    clock.advance(1000);
    for (let i = 0; i < 4; i++) await createTask(erin, `Busy ${i}`);

    const live = new DeliveryWorker({ ...worker.options, concurrency: 6, perTarget: 2, timeoutMs: 5000 });
    const began = Date.now();
    await live.start();
    try {
      await healthy.waitFor(4, 4000);
      // Everything reached the healthy endpoint long before the hung calls could time out.
      expect(Date.now() - began).toBeLessThan(4000);
      expect(hung.received.length).toBeLessThanOrEqual(2);
    } finally {
      await live.stop();
    }
    const refusedDeliveries = await deliveriesOf(erin, refused.id);
    expect(refusedDeliveries).toHaveLength(4);
    for (const d of refusedDeliveries) expect(d).toMatchObject({ state: 'pending', attempts: 1 });
    expect(refusedDeliveries[0].lastError).toMatch(/ECONNREFUSED|fetch failed/);
    for (const h of (await erin.get('/api/webhooks')).body.items) await erin.delete(`/api/webhooks/${h.id}`);
  });

  it('two workers sharing the queue never send a delivery twice', async () => {
    const r = await receiver();
    const h = await hook(ann, r.url, ['todo.task.created']);
    for (let i = 0; i < 12; i++) await createTask(ann, `Shared ${i}`);
    const other = new DeliveryWorker({ ...worker.options, perTarget: 3, concurrency: 3 });
    const mine = new DeliveryWorker({ ...worker.options, perTarget: 3, concurrency: 3 });
    await Promise.all([mine.runDue(), other.runDue()]);
    const ids = r.received.map((q) => q.headers['webhook-id']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(mine.counts.delivered + other.counts.delivered).toBe(12);
    await ann.delete(`/api/webhooks/${h.id}`);
  });

  it("the app's worker wakes on the commit that queues a delivery (NOTIFY), no stepping", async () => {
    const r = await receiver();
    const h = await hook(ann, r.url, ['todo.task.created']);
    await t.app.deliveries!.start();
    try {
      const task = await createTask(ann, 'Live');
      const [request] = await r.waitFor(1, 5000);
      expect(JSON.parse(request!.body)).toMatchObject({ type: 'todo.task.created', subject: task.id });
      expect(verifies(request!, h.secret)).toBe(true);
    } finally {
      await t.app.deliveries!.stop();
    }
  });
});
