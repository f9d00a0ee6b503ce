// The Dapr bus against a fake sidecar (a plain HTTP server recording what the app sends it) and
// the subscription routes through Fastify's inject: what the real sidecar does with both is
// covered by the bus contract suite (test/bus).
import { createServer, type Server } from 'node:http';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnyCloudEvent, makeEvent } from '../../domain/events.ts';
import { daprRoutes } from '../../http/routes/dapr.ts';
import type { Subscription } from '../../ports/index.ts';
import { DaprBus } from './dapr.ts';
import { waves } from './dapr-sidecar.ts';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

const seen: Seen[] = [];
let answer: (path: string) => number = () => 204;
let sidecar: Server;
let port = 0;

beforeAll(async () => {
  sidecar = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: text ? JSON.parse(text) : null,
      });
      response.statusCode = answer(url.pathname);
      response.end(response.statusCode >= 300 ? '{"errorCode":"ERR_PUBSUB_PUBLISH_MESSAGE"}' : '');
    });
  });
  await new Promise<void>((resolve) => sidecar.listen(0, '127.0.0.1', resolve));
  port = (sidecar.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => sidecar.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  answer = () => 204;
});

const logger = pino({ level: 'silent' });
const newBus = (options: Partial<ConstructorParameters<typeof DaprBus>[0]> = {}) =>
  new DaprBus({
    httpPort: port,
    pubsub: 'pubsub',
    broadcastPubsub: 'pubsub-broadcast',
    prefix: 'p.',
    logger,
    attempts: 3,
    ...options,
  });

let n = 0;
const task = (user: string, subject: string): AnyCloudEvent =>
  makeEvent(
    'todo.task.created',
    { userId: user, task: {} as never },
    { id: `e${++n}`, source: 's', subject, userId: user, time: new Date(0) },
  );
const due = (user: string): AnyCloudEvent =>
  makeEvent(
    'todo.reminder.due',
    { reminderId: 'r', taskId: 't', userId: user, title: 'x', dueAt: null, remindAt: '2026-01-01T00:00:00Z' },
    { id: `e${++n}`, source: 's', subject: 'r', userId: user, time: new Date(0) },
  );

describe('publish', () => {
  it('sends waves that never hold two events of one user, keeping each user in order', async () => {
    const [a1, a2, b1, r1] = [task('a', 'a1'), task('a', 'a2'), task('b', 'b1'), due('a')];
    expect(waves([a1!, a2!, b1!, r1!])).toEqual([[a1, b1, r1], [a2]]);
    await newBus({ apiToken: 'tok' }).publish([a1!, a2!, b1!, r1!]);
    const bulk = seen.filter((s) => s.path.startsWith('/v1.0-alpha1/publish/bulk/pubsub/'));
    expect(bulk.map((s) => [s.path.split('/').at(-1), s.body.map((e: any) => e.event.subject)])).toEqual(
      expect.arrayContaining([
        ['p.task-events', ['a1', 'b1']],
        ['p.reminders', ['r']],
      ]),
    );
    expect(bulk.at(-1)!.body.map((e: any) => e.event.subject)).toEqual(['a2']);
    expect(bulk[0]!.body[0]).toEqual({
      entryId: '0',
      event: expect.objectContaining({ id: a1!.id, type: 'todo.task.created' }),
      contentType: 'application/cloudevents+json',
      metadata: { partitionKey: 'a' },
    });
    expect(bulk[0]!.headers['dapr-api-token']).toBe('tok');
  });

  it('throws when the sidecar refuses, and sends no later wave', async () => {
    answer = () => 500;
    await expect(newBus().publish([task('a', 'a1'), task('a', 'a2')])).rejects.toThrow(/500/);
    expect(seen).toHaveLength(1);
  });

  it('throws when the sidecar is unreachable', async () => {
    await expect(
      new DaprBus({ httpPort: 1, pubsub: 'pubsub', broadcastPubsub: 'b', logger }).publish([task('a', 'a')]),
    ).rejects.toThrow();
  });
});

function recorder(group: string, fail = 0, extra: Partial<Subscription> = {}) {
  const got: string[] = [];
  let failures = fail;
  const subscription: Subscription = {
    group,
    types: ['todo.task.created'],
    deliver: async (event) => {
      if (failures-- > 0) throw new Error(`${group} failed`);
      got.push(event.subject);
    },
    ...extra,
  };
  return { subscription, got };
}

async function appFor(bus: DaprBus, appApiToken?: string) {
  const app = Fastify();
  await daprRoutes(app, bus, { appApiToken });
  const deliver = async (route: string, body: string, headers: Record<string, string> = {}) => {
    const reply = await app.inject({
      method: 'POST',
      url: route,
      payload: body,
      headers: { 'content-type': 'application/cloudevents+json', ...headers },
    });
    return { code: reply.statusCode, status: reply.json().status as string };
  };
  return { app, deliver };
}

describe('subscriptions', () => {
  it('subscribes each topic once per component, broadcast groups on their own component', async () => {
    const bus = newBus();
    await bus.subscribe(
      recorder('audit', 0, { types: ['todo.task.created', 'todo.reminder.due'] }).subscription,
    );
    await bus.subscribe(recorder('recurrence').subscription);
    await bus.subscribe(recorder('realtime', 0, { broadcast: true }).subscription);
    await expect(bus.subscribe(recorder('audit').subscription)).rejects.toThrow(/already subscribed/);
    const { app } = await appFor(bus);
    const list = (await app.inject({ method: 'GET', url: '/dapr/subscribe' })).json();
    expect(list).toEqual([
      {
        pubsubname: 'pubsub',
        topic: 'p.task-events',
        route: '/dapr/bulk/pubsub/p.task-events',
        deadLetterTopic: 'p.task-events.dlq',
        bulkSubscribe: { enabled: true, maxMessagesCount: 200, maxAwaitDurationMs: 10 },
      },
      {
        pubsubname: 'pubsub',
        topic: 'p.reminders',
        route: '/dapr/bulk/pubsub/p.reminders',
        deadLetterTopic: 'p.reminders.dlq',
        bulkSubscribe: { enabled: true, maxMessagesCount: 200, maxAwaitDurationMs: 10 },
      },
      {
        pubsubname: 'pubsub-broadcast',
        topic: 'p.task-events',
        route: '/dapr/bulk/pubsub-broadcast/p.task-events',
        deadLetterTopic: 'p.task-events.dlq',
        bulkSubscribe: { enabled: true, maxMessagesCount: 200, maxAwaitDurationMs: 10 },
      },
    ]);
  });

  it('answers SUCCESS once every local group handled the event, RETRY while one fails', async () => {
    const bus = newBus();
    const ok = recorder('ok');
    const flaky = recorder('flaky', 1);
    const other = recorder('other', 0, { types: ['todo.task.deleted'] });
    for (const r of [ok, flaky, other]) await bus.subscribe(r.subscription);
    const { deliver } = await appFor(bus);
    const body = JSON.stringify({ ...task('a', 'a1'), topic: 'p.task-events', pubsubname: 'pubsub' });
    expect(await deliver('/dapr/events/pubsub/p.task-events', body)).toEqual({ code: 200, status: 'RETRY' });
    expect(await deliver('/dapr/events/pubsub/p.task-events', body)).toEqual({
      code: 200,
      status: 'SUCCESS',
    });
    expect(ok.got).toEqual(['a1']); // not called again on the redelivery
    expect(flaky.got).toEqual(['a1']);
    expect(other.got).toEqual([]);
  });

  it('dead-letters with the error after the last attempt, then answers SUCCESS', async () => {
    const bus = newBus();
    await bus.subscribe(recorder('poisoned', 99).subscription);
    const { deliver } = await appFor(bus);
    const event = task('a', 'a1');
    const route = '/dapr/events/pubsub/p.task-events';
    const meta = { __partition: '2', __offset: '41' };
    expect((await deliver(route, JSON.stringify(event), meta)).status).toBe('RETRY');
    expect((await deliver(route, JSON.stringify(event), meta)).status).toBe('RETRY');
    answer = () => 500; // the dead-letter topic cannot be written: keep the event
    expect((await deliver(route, JSON.stringify(event), meta)).status).toBe('RETRY');
    answer = () => 204;
    expect((await deliver(route, JSON.stringify(event), meta)).status).toBe('SUCCESS');
    const dead = seen.at(-1)!;
    expect(dead.path).toBe('/v1.0/publish/pubsub/p.task-events.dlq');
    expect(dead.headers['content-type']).toBe('application/cloudevents+json');
    expect(dead.body).toEqual(event);
    expect(Object.fromEntries(dead.query)).toMatchObject({
      'metadata.partitionKey': 'a',
      'metadata.dlq-error': 'poisoned failed',
      'metadata.dlq-group': 'poisoned',
      'metadata.dlq-topic': 'p.task-events',
      'metadata.dlq-partition': '2',
      'metadata.dlq-offset': '41',
      'metadata.dlq-attempts': '4',
    });
  });

  it('drops what is not a catalogue event, or arrives on a route it does not serve', async () => {
    const bus = newBus();
    await bus.subscribe(recorder('g').subscription);
    const { deliver } = await appFor(bus);
    expect((await deliver('/dapr/events/pubsub/p.task-events', '{"broken"')).status).toBe('DROP');
    const unknown = JSON.stringify({ ...task('a', 'x'), type: 'todo.task.exploded' });
    expect((await deliver('/dapr/events/pubsub/p.task-events', unknown)).status).toBe('DROP');
    expect((await deliver('/dapr/events/pubsub/p.elsewhere', JSON.stringify(task('a', 'x')))).status).toBe(
      'DROP',
    );
  });

  it('asks for redelivery once closing, so nothing is acknowledged half-done', async () => {
    const bus = newBus();
    await bus.subscribe(recorder('g').subscription);
    const { deliver } = await appFor(bus);
    await bus.close();
    expect((await deliver('/dapr/events/pubsub/p.task-events', JSON.stringify(task('a', 'x')))).status).toBe(
      'RETRY',
    );
    await expect(bus.publish([task('a', 'x')])).rejects.toThrow(/closed/);
    expect(await bus.healthy()).toBe(false);
  });

  it('requires the sidecar token when APP_API_TOKEN is set', async () => {
    const bus = newBus();
    await bus.subscribe(recorder('g').subscription);
    const { app, deliver } = await appFor(bus, 'secret-token');
    expect((await app.inject({ method: 'GET', url: '/dapr/subscribe' })).statusCode).toBe(401);
    expect((await deliver('/dapr/events/pubsub/p.task-events', JSON.stringify(task('a', 'x')))).code).toBe(
      401,
    );
    const ok = await deliver('/dapr/events/pubsub/p.task-events', JSON.stringify(task('a', 'x')), {
      'dapr-api-token': 'secret-token',
    });
    expect(ok).toEqual({ code: 200, status: 'SUCCESS' });
  });
});

describe('bulk deliveries', () => {
  const bulk = async (
    app: Awaited<ReturnType<typeof appFor>>['app'],
    entries: unknown[],
    topic = 'p.task-events',
  ) => {
    const reply = await app.inject({
      method: 'POST',
      url: `/dapr/bulk/pubsub/${topic}`,
      payload: JSON.stringify({
        id: 'b1',
        entries,
        topic,
        pubsubname: 'pubsub',
        type: 'com.dapr.event.sent.bulk',
      }),
      headers: { 'content-type': 'application/json' },
    });
    return {
      code: reply.statusCode,
      body: reply.json() as { statuses?: { entryId: string; status: string }[] },
    };
  };
  const entry = (id: string, event: unknown) => ({
    entryId: id,
    event,
    contentType: 'application/cloudevents+json',
    metadata: {},
  });

  it('hands the events to a group in one batch and answers SUCCESS for each', async () => {
    const bus = newBus();
    const batches: string[][] = [];
    const r = recorder('g', 0, {
      deliverBatch: async (events) => {
        batches.push(events.map((e) => e.subject));
      },
    });
    await bus.subscribe(r.subscription);
    const { app } = await appFor(bus);
    const answer = await bulk(app, [
      entry('1', task('a', 'a1')),
      entry('2', task('a', 'a2')),
      entry('3', '{"broken"'),
    ]);
    expect(answer.body.statuses).toEqual([
      { entryId: '1', status: 'SUCCESS' },
      { entryId: '2', status: 'SUCCESS' },
      { entryId: '3', status: 'DROP' },
    ]);
    expect(batches).toEqual([['a1', 'a2']]);
  });

  it('after a failed batch goes one by one, and retries the failed event and every later one', async () => {
    const bus = newBus();
    const r = recorder('g', 0, {
      deliverBatch: async () => {
        throw new Error('batch failed');
      },
    });
    let failA2 = 1;
    const inner = r.subscription.deliver;
    r.subscription.deliver = async (event) => {
      if (event.subject === 'a2' && failA2-- > 0) throw new Error('a2 failed');
      await inner(event);
    };
    await bus.subscribe(r.subscription);
    const { app } = await appFor(bus);
    const events = [task('a', 'a1'), task('a', 'a2'), task('a', 'a3')];
    const first = await bulk(
      app,
      events.map((e, i) => entry(String(i), e)),
    );
    expect(first.body.statuses?.map((s) => s.status)).toEqual(['SUCCESS', 'RETRY', 'RETRY']);
    // The sidecar redelivers the RETRY entries only, in order.
    const second = await bulk(
      app,
      events.slice(1).map((e, i) => entry(String(i + 1), e)),
    );
    expect(second.body.statuses?.map((s) => s.status)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(r.got).toEqual(['a1', 'a2', 'a3']);
  });

  it('refuses a malformed envelope (the sidecar retries it) and drops topics it does not serve', async () => {
    const bus = newBus();
    await bus.subscribe(recorder('g').subscription);
    const { app } = await appFor(bus);
    const reply = await app.inject({
      method: 'POST',
      url: '/dapr/bulk/pubsub/p.task-events',
      payload: '{"entries": 3}',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.statusCode).toBe(400);
    const elsewhere = await bulk(app, [entry('1', task('a', 'x'))], 'p.elsewhere');
    expect(elsewhere.body.statuses).toEqual([{ entryId: '1', status: 'DROP' }]);
    await bus.close();
    const closing = await bulk(app, [entry('1', task('a', 'x'))]);
    expect(closing.body.statuses).toEqual([{ entryId: '1', status: 'RETRY' }]);
  });
});

describe('healthy', () => {
  it('asks the sidecar whether its components are ready', async () => {
    expect(await newBus().healthy()).toBe(true);
    expect(seen.at(-1)!.path).toBe('/v1.0/healthz/outbound');
    answer = () => 500;
    expect(await newBus().healthy()).toBe(false);
    expect(await new DaprBus({ httpPort: 1, pubsub: 'p', broadcastPubsub: 'b', logger }).healthy()).toBe(
      false,
    );
  });
});
