// GET /api/stream over a real socket: the exact SSE format, one user's events only, resuming with
// Last-Event-ID without loss or duplicates (also across events not yet relayed), a slow client cut
// off while a fast one keeps up, heartbeats, 401s, and streams ended on shutdown.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamEventSchema, StreamResetSchema } from '../../contract/stream.ts';
import { outbox } from '../../src/db/schema.ts';
import { type AnyCloudEvent, makeEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { type EventLog, STREAM_EVENT_TYPES } from '../../src/ports/stream.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { fire, reminderDue } from '../support/notify.ts';
import { connectSse, eventIds as ids, receives, type SseClient } from '../support/sse.ts';

const BUFFER_EVENTS = 60;
const BURST = 50;
let t: TestApp;
let base: string;
let ann: ApiClient;
let bob: ApiClient;
let closed = false;
const open: SseClient[] = [];

beforeAll(async () => {
  t = await startTestApp({
    manualRelay: false,
    env: { SSE_HEARTBEAT_MS: '200', SSE_BUFFER_EVENTS: String(BUFFER_EVENTS) },
  });
  ann = await t.signUp({ name: 'Ann' });
  bob = await t.signUp({ name: 'Bob' });
  base = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const client of open) client.close();
  if (!closed) await t.close();
});

async function stream(
  user: ApiClient | null,
  options: { lastEventId?: string; query?: Record<string, string> } = {},
) {
  const client = await connectSse(base, { ...(user ? { token: user.token } : {}), ...options });
  open.push(client);
  return client;
}

/** The user's streamed events in the outbox, in commit order: what the stream must deliver. */
async function logged(user: ApiClient): Promise<AnyCloudEvent[]> {
  const rows = await t.app.database.db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.partitionKey, user.userId), inArray(outbox.type, [...STREAM_EVENT_TYPES])))
    .orderBy(asc(outbox.position));
  return rows.map((r) => r.payload as AnyCloudEvent);
}
const idsAfter = (all: AnyCloudEvent[], id: string) =>
  all.slice(all.findIndex((e) => e.id === id) + 1).map((e) => e.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GET /api/stream', () => {
  it('sends each event as event/id/data with the CloudEvent on one line, after a retry preamble', async () => {
    const client = await stream(ann);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers.connection).toBe('keep-alive');
    const { body: task } = await ann.post('/api/tasks', { title: 'Live\nwire', description: 'a\r\nb' });
    await ann.patch(`/api/tasks/${task.id}`, { priority: 'high' });
    await ann.post(`/api/tasks/${task.id}/complete`);
    await client.until('three events', (m) => m.length >= 3);

    const blocks = client.raw.split('\n\n').filter((b) => b !== '' && b !== ': ping');
    expect(blocks[0]).toMatch(/^retry: \d+$/); // Ann had no events yet: nothing to resume from
    expect(client.raw.match(/^retry:/gm)).toHaveLength(1);
    const expected = await logged(ann);
    expect(blocks.slice(1)).toHaveLength(3);
    blocks.slice(1).forEach((block, i) => {
      const match = block.match(/^event: (\S+)\nid: (\S+)\ndata: (.+)$/);
      expect(match, block).not.toBeNull();
      const [, type, id, data] = match!;
      const event = JSON.parse(data!);
      expect(event).toEqual(expected[i]);
      expect([type, id]).toEqual([event.type, event.id]);
      expect(event.partitionkey).toBe(ann.userId);
      StreamEventSchema.parse(event);
    });
    expect(client.messages.map((m) => m.event)).toEqual([
      'todo.task.created',
      'todo.task.updated',
      'todo.task.completed',
    ]);
  });

  it("delivers only the signed-in user's events, to every stream of that user", async () => {
    const annStreams = [await stream(ann), await stream(ann)];
    const bobStream = await stream(bob);
    const annBefore = (await logged(ann)).length;
    const bobBefore = (await logged(bob)).length;
    await Promise.all([
      ...[1, 2, 3].map((i) => ann.post('/api/tasks', { title: `ann ${i}` })),
      ...[1, 2, 3].map((i) => bob.post('/api/tasks', { title: `bob ${i}` })),
    ]);
    const annIds = async () => (await logged(ann)).slice(annBefore).map((e) => e.id);
    for (const client of annStreams) await receives(client, annIds, 'ann');
    await receives(bobStream, async () => (await logged(bob)).slice(bobBefore).map((e) => e.id), 'bob');
    const owners = (client: SseClient) =>
      new Set(client.messages.map((m) => JSON.parse(m.data).partitionkey));
    for (const client of annStreams) expect(owners(client)).toEqual(new Set([ann.userId]));
    expect(owners(bobStream)).toEqual(new Set([bob.userId]));
    // Someone else's event id is no way in: it is unknown to Bob.
    const probe = await stream(bob, { lastEventId: (await logged(ann))[0]!.id });
    await probe.until('the reset', (m) => m.length >= 1);
    expect(probe.messages[0]!.event).toBe('stream.reset');
    expect(probe.raw).not.toContain(ann.userId);
  });

  it('tells every stream of the user when a notification is read, as a client-only signal', async () => {
    const tabs = [await stream(ann), await stream(ann)];
    const { body: task } = await ann.post('/api/tasks', {
      title: 'Ping me',
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      reminders: [{ offsetMinutes: 30 }],
    });
    await fire(t, reminderDue(task, ann.userId, new Date()));
    const notification = (await ann.get('/api/notifications')).body.items.find(
      (n: { taskId: string }) => n.taskId === task.id,
    );
    const read = await ann.post(`/api/notifications/${notification.id}/read`);
    for (const tab of tabs) {
      await tab.until('the read signal', (m) => m.some((x) => x.event === 'todo.notification.read'));
      const signal = StreamEventSchema.parse(
        JSON.parse(tab.messages.find((x) => x.event === 'todo.notification.read')!.data),
      );
      expect(signal).toMatchObject({
        subject: task.id,
        data: { userId: ann.userId, notification: read.body },
      });
    }
  });

  it('resumes with Last-Event-ID: misses nothing written while away or during the reconnect, repeats nothing', async () => {
    const first = await stream(ann);
    const start = (await logged(ann)).length;
    for (let i = 0; i < 3; i++) await ann.post('/api/tasks', { title: `before ${i}` });
    await receives(first, async () => (await logged(ann)).slice(start).map((e) => e.id), 'first');
    first.close();
    const lastSeen = first.lastEventId;
    expect(lastSeen).toBe(ids(first).at(-1));

    for (let i = 0; i < 3; i++) await ann.post('/api/tasks', { title: `away ${i}` });
    // Writes racing the reconnect: some commit before the backlog is read, some after.
    const racing = (async () => {
      for (let i = 0; i < 6; i++) {
        await ann.post('/api/tasks', { title: `racing ${i}` });
        await sleep(i * 3);
      }
    })();
    const second = await stream(ann, { lastEventId: lastSeen });
    await racing;
    await receives(second, async () => idsAfter(await logged(ann), lastSeen), 'the resumed stream');
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(ids(first).length + ids(second).length);
    expect(second.raw).toMatch(/^retry: \d+\n\n/);

    // Deterministically inside the switch-over: the backlog query has run, its rows are not sent yet,
    // and meanwhile more events commit and are relayed live. They must come exactly once, in order.
    const log = (t.app.realtime as unknown as { options: { log: EventLog } }).options.log;
    const query = log.after;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let gated = false;
    log.after = async (...args) => {
      const rows = await query.apply(log, args);
      if (!gated) {
        gated = true;
        await gate;
      }
      return rows;
    };
    try {
      const resumeAt = ids(second).at(-1)!;
      second.close();
      const third = await stream(ann, { lastEventId: resumeAt });
      while (!gated) await sleep(5);
      for (let i = 0; i < 3; i++) await ann.post('/api/tasks', { title: `switch-over ${i}` });
      await t.app.settle();
      release();
      await receives(third, async () => idsAfter(await logged(ann), resumeAt), 'the switch-over');
    } finally {
      log.after = query;
      release();
    }

    // Clients that cannot set headers pass the id in the query.
    const viaQuery = await stream(ann, { query: { lastEventId: lastSeen } });
    await receives(viaQuery, async () => idsAfter(await logged(ann), lastSeen), 'the query resume');
  });

  it('events committed but not yet relayed come from the outbox once, not again when the relay catches up', async () => {
    const relay = t.app.relay!;
    await relay.stop();
    const lastSeen = (await logged(ann)).at(-1)!.id;
    const mark = (await logged(ann)).length;
    try {
      for (let i = 0; i < 3; i++) await ann.post('/api/tasks', { title: `unrelayed ${i}` });
      const resumed = await stream(ann, { lastEventId: lastSeen });
      const fresh = await stream(ann);
      await receives(resumed, async () => idsAfter(await logged(ann), lastSeen), 'the backlog');
      // A fresh stream starts after everything committed, relayed or not.
      expect(fresh.lastEventId).toBe((await logged(ann)).at(-1)!.id);
      await relay.start();
      await t.app.settle();
      await ann.post('/api/tasks', { title: 'after the relay resumed' });
      const all = await logged(ann);
      await receives(resumed, async () => idsAfter(await logged(ann), lastSeen), 'backlog then live');
      await receives(fresh, async () => [all.at(-1)!.id], 'only the new event');
      expect(all.length - mark).toBe(4);
    } finally {
      await relay.start();
    }
  });

  it('an unknown or expired Last-Event-ID gets stream.reset, positioned at the newest event, then live events', async () => {
    const head = (await logged(ann)).at(-1)!.id;
    const unknown = newId();
    const client = await stream(ann, { lastEventId: unknown });
    await client.until('the reset', (m) => m.length >= 1);
    expect(client.messages[0]).toEqual({
      event: 'stream.reset',
      id: head,
      data: JSON.stringify({ reason: 'unknown-last-event-id', lastEventId: unknown }),
    });
    StreamResetSchema.parse(JSON.parse(client.messages[0]!.data));
    const garbage = await stream(ann, { lastEventId: 'not-an-id' });
    await garbage.until('the reset', (m) => m.length >= 1);
    expect(garbage.messages[0]!.event).toBe('stream.reset');

    await ann.post('/api/tasks', { title: 'after a reset' });
    await receives(client, async () => idsAfter(await logged(ann), head), 'live after the reset');
    // The reset's id is a valid place to resume from.
    const again = await stream(ann, { lastEventId: head });
    await receives(again, async () => idsAfter(await logged(ann), head), 'resume from the reset id');
  });

  it('cuts off a client that stops reading once its buffer overflows, while a fast client gets everything', async () => {
    const fast = await stream(ann);
    const slow = await stream(ann);
    await fast.until('the preamble', () => fast.retry !== undefined);
    slow.pause();
    const resumeFrom = slow.lastEventId;
    const mark = (await logged(ann)).length;
    const overflows = () => t.app.realtime!.stats().disconnects.overflow;
    const before = overflows();
    // Large events fill the socket buffers quickly. Each burst stays below the buffer, so a client
    // that reads keeps up; the one that does not read overflows once the kernel's buffers are full.
    const big = 'x'.repeat(16_000);
    for (let batch = 0; batch < 40 && overflows() === before; batch++) {
      const events = Array.from({ length: BURST }, (_, i) =>
        makeEvent(
          'todo.task.updated',
          {
            userId: ann.userId,
            task: { id: newId(), title: `big ${batch}.${i}`, description: big } as never,
          },
          { id: newId(), source: 'taskstream/api', subject: newId(), userId: ann.userId, time: new Date() },
        ),
      );
      await t.app.deps.uow.transaction((repos) => repos.outbox.append(events), { lockKey: ann.userId });
      await fast.until('the burst', () => ids(fast).length === (batch + 1) * BURST, 10_000);
      await sleep(20);
    }
    const expected = async () => (await logged(ann)).slice(mark).map((e) => e.id);
    await receives(fast, expected, 'the fast client');
    expect(overflows()).toBe(before + 1);
    expect(fast.ended).toBe(false);
    // Reading again, the slow client gets what was on the wire, in order, then the end of the stream.
    slow.resume();
    await slow.done;
    const all = await expected();
    expect(ids(slow).length).toBeLessThan(all.length);
    expect(ids(slow)).toEqual(all.slice(0, ids(slow).length));
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.text).toMatch(/taskstream_sse_disconnects_total\{reason="overflow"\} [1-9]/);
    // It comes back with its last event id and catches up from the log.
    const back = await stream(ann, { lastEventId: resumeFrom });
    await receives(back, async () => idsAfter(await logged(ann), resumeFrom), 'the cut-off client, resumed');
  });

  it('sends heartbeat comments while idle', async () => {
    const client = await stream(bob);
    const deadline = Date.now() + 3000;
    while (!client.comments.includes('ping') && Date.now() < deadline) await sleep(20);
    expect(client.comments).toContain('ping');
    expect(client.raw).toMatch(/^retry: \d+\n(id: \S+\n)?\n(: ping\n\n)+$/);
  });

  it('answers 401 problem+json without a valid session', async () => {
    const injected = await t.request('GET', '/api/stream');
    expect(injected.status).toBe(401);
    expect(injected.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const headers of [{}, { authorization: 'Bearer garbage' }] as Record<string, string>[]) {
      const client = await connectSse(base, { headers });
      await client.done;
      expect(client.status).toBe(401);
      expect(client.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(client.raw)).toMatchObject({ status: 401 });
    }
  });

  it('is described in the OpenAPI document as text/event-stream', async () => {
    const doc = await t.request('GET', '/api/openapi.json');
    const get = doc.body.paths['/api/stream'].get;
    expect(Object.keys(get.responses['200'].content)).toEqual(['text/event-stream']);
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['lastEventId', 'last-event-id']),
    );
  });

  it('ends every stream when the server shuts down', async () => {
    const clients = [await stream(ann), await stream(bob)];
    closed = true;
    await t.close();
    await Promise.all(clients.map((c) => c.done));
    expect(clients.every((c) => c.ended)).toBe(true);
  });
});
