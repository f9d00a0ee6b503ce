// The event bus contract (issue 4, "Bus adapters"), run against every adapter on real brokers:
// memory (the reference), kafka (the running broker) and dapr (daprd sidecars over pubsub.kafka).
// Each case builds an isolated world (own topics, groups and app ids). Missing infrastructure
// fails; nothing is skipped. Publishing during a broker outage is in outage.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCloudEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { subscriptionFor } from '../../src/events/consumer.ts';
import type { AppDeps } from '../../src/ports/index.ts';
import { DrizzleUnitOfWork } from '../../src/repositories/unit-of-work.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  ADAPTERS,
  effectConsumer,
  effects as effectsIn,
  FACTORIES,
  interleaved,
  recorder,
  reminder,
} from './fixtures.ts';
import { type Harness, sleep, taskEvent, uniqueName, waitFor } from './harness.ts';

let db: TestDatabase;
let deps: AppDeps;
const effects = (name: string, eventId: string) => effectsIn(db.database.db, name, eventId);

beforeAll(async () => {
  db = await openTestDatabase();
  await db.database.migrate();
  deps = {
    uow: new DrizzleUnitOfWork(db.database.db),
    clock: { now: () => new Date() },
    newId,
    source: 'taskstream/test',
  };
});

afterAll(() => db?.drop());

describe.each(ADAPTERS)('%s bus', (adapter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await FACTORIES[adapter]();
  });
  afterAll(() => h?.close());

  it('delivers every event to every subscribing group, and only the types it consumes', async () => {
    const w = await h.world();
    try {
      const a1 = recorder('alpha-1');
      const a2 = recorder('alpha-2');
      const b = recorder('beta', ['todo.task.created', 'todo.reminder.due']);
      await w.node([a1.subscription, a2.subscription], { role: 'alpha' });
      await w.node([b.subscription], { role: 'beta' });
      const tasks = interleaved(['u1', 'u2', 'u3'], 10);
      const reminders = [reminder('u1', 'r1'), reminder('u2', 'r2')];
      await w.publish([...tasks, ...reminders]);
      const want = (events: AnyCloudEvent[]) => events.map((e) => e.id).sort();
      await waitFor(
        () => (b.seen.length >= 32 && a1.seen.length >= 30 && a2.seen.length >= 30) || null,
        'deliveries',
      );
      await sleep(300); // anything extra (a duplicate, a foreign type) would arrive now
      expect(want(a1.seen)).toEqual(want(tasks));
      expect(want(a2.seen)).toEqual(want(tasks));
      expect(want(b.seen)).toEqual(want([...tasks, ...reminders]));
    } finally {
      await w.close();
    }
  });

  it("keeps each user's order at each group", async () => {
    const w = await h.world();
    try {
      const x = recorder('order-x');
      const y = recorder('order-y');
      await w.node([x.subscription], { role: 'x' });
      await w.node([y.subscription], { role: 'y' });
      const users = ['ann', 'bob', 'cat', 'dan', 'eve'];
      const events = interleaved(users, 24);
      for (let i = 0; i < events.length; i += 17) await w.publish(events.slice(i, i + 17)); // relay-sized batches
      await waitFor(
        () => (x.seen.length >= events.length && y.seen.length >= events.length) || null,
        'all events',
      );
      for (const user of users) {
        const sent = events.filter((e) => e.partitionkey === user).map((e) => e.subject);
        expect(x.labels().filter((l) => l.startsWith(`${user}:`))).toEqual(sent);
        expect(y.labels().filter((l) => l.startsWith(`${user}:`))).toEqual(sent);
      }
    } finally {
      await w.close();
    }
  });

  it('redelivers after a consumer crash, and the inbox keeps one effect', async () => {
    const w = await h.world();
    try {
      // 1. The consumer commits its effect, then fails before acknowledging: the bus redelivers.
      const name = uniqueName('inbox-a');
      const inner = subscriptionFor(effectConsumer(name), deps);
      const [e1, e2, e3] = [taskEvent('u1', 'a1'), taskEvent('u1', 'a2'), taskEvent('u1', 'a3')];
      const calls: string[] = [];
      await w.node(
        [
          {
            ...inner,
            // One by one, so the crash hits exactly e2 (a bus may otherwise hand over a batch).
            deliverBatch: undefined,
            deliver: async (event) => {
              await inner.deliver(event);
              calls.push(event.subject);
              if (event.id === e2.id && calls.filter((c) => c === 'a2').length === 1)
                throw new Error('crashed before ack');
            },
          },
        ],
        { role: 'inbox-a' },
      );
      await w.publish([e1, e2, e3]);
      await waitFor(() => calls.includes('a3') || null, 'a3');
      expect(calls.filter((c) => c === 'a2').length).toBeGreaterThanOrEqual(2);
      expect(calls.indexOf('a3')).toBeGreaterThan(calls.lastIndexOf('a2')); // the partition waited
      for (const e of [e1, e2, e3]) expect(await effects(name, e.id)).toBe(1);

      // 2. The process dies after the effect, before the ack; another member of its group takes over.
      const group = uniqueName('inbox-b');
      const consumer = effectConsumer(group);
      const target = taskEvent('u2', 'b1');
      if (h.multiProcess) {
        let release = () => {};
        const hung = new Promise<void>((resolve) => {
          release = resolve;
        });
        let effectDone = false;
        const first = subscriptionFor(consumer, deps);
        const dying = await w.node(
          [
            {
              ...first,
              deliverBatch: undefined,
              deliver: async (event) => {
                await first.deliver(event);
                effectDone = true;
                await hung; // never acknowledges
              },
            },
          ],
          { role: 'inbox-b' },
        );
        await w.publish([target]);
        await waitFor(() => effectDone || null, 'the effect before the crash');
        await dying.crash();
        const successor = recorder(group);
        const real = subscriptionFor(consumer, deps);
        await w.node(
          [
            {
              ...real,
              // One by one through the recorder (a redelivered b1 and b2 may arrive as one batch).
              deliverBatch: undefined,
              deliver: async (e) => {
                await real.deliver(e);
                await successor.subscription.deliver(e);
              },
            },
          ],
          { role: 'inbox-b' },
        );
        const later = taskEvent('u2', 'b2');
        await w.publish([later]);
        await waitFor(() => successor.labels().includes('b2') || null, 'the successor', 60_000);
        // (the group is new, so it also reads the topic's earlier events: only b* matter here)
        expect(successor.labels().filter((l) => l.startsWith('b'))).toEqual(['b1', 'b2']);
        release();
      } else {
        // In one process the outbox is the durable part: after a crash the relay republishes.
        await w.node([subscriptionFor(consumer, deps)]);
        await w.publish([target]);
        await w.publish([target]);
      }
      expect(await effects(group, target.id)).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('dead-letters a poison message with its error without blocking the partition', async () => {
    const w = await h.world();
    try {
      const group = uniqueName('poison');
      const r = recorder(group, ['todo.task.created'], (event) => {
        if (event.subject === 'p:poison') throw new Error('cannot digest p:poison');
      });
      await w.node([r.subscription], { role: 'poison' });
      const poison = taskEvent('p', 'p:poison');
      const events = [
        taskEvent('p', 'p:1'),
        poison,
        taskEvent('p', 'p:2'),
        taskEvent('p', 'p:3'),
        taskEvent('q', 'q:1'),
      ];
      const started = Date.now();
      await w.publish(events);
      await waitFor(() => r.labels().includes('p:3') || null, 'events after the poison');
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.labels().filter((l) => l.startsWith('p:'))).toEqual(['p:1', 'p:2', 'p:3']);
      const dead = await w.deadLetters('task-events', (all) => all.some((d) => d.eventId === poison.id));
      const entry = dead.find((d) => d.eventId === poison.id)!;
      expect(entry.error).toContain('cannot digest p:poison');
      expect(entry.group).toContain(group);
      if (h.multiProcess) {
        expect(entry.origin.topic).toMatch(/task-events$/);
        expect(entry.origin.attempts).toBe('5');
      }
      await sleep(500);
      expect(r.calls.get(poison.id)).toBe(5); // bounded: never redelivered after the dead letter

      if (w.injectRaw) {
        // Bytes that are no catalogue event (a foreign producer): dead-lettered, never delivered.
        await w.injectRaw('task-events', 'p', '{"not":"an event"');
        await w.publish([taskEvent('p', 'p:4')]);
        await waitFor(() => r.labels().includes('p:4') || null, 'events after the garbage');
        await w.deadLetters('task-events', (all) => all.some((d) => d.value === '{"not":"an event"'));
      }
    } finally {
      await w.close();
    }
  });

  it('replicas of a role share its events; broadcast subscriptions reach every replica', async () => {
    const w = await h.world();
    try {
      const replicas = h.multiProcess ? [0, 1] : [0];
      const nodes = replicas.map(() => ({ work: recorder('work'), live: recorder('live') }));
      for (const [i, n] of nodes.entries())
        await w.node([n.work.subscription, { ...n.live.subscription, broadcast: true }], {
          role: 'svc',
          replica: i,
        });
      // A broadcast group starts at the end of the topic: wait until each replica receives.
      for (let i = 0; !nodes.every((n) => n.live.labels().some((l) => l.startsWith('warm'))); i++) {
        if (i > 100) throw new Error('broadcast groups never started receiving');
        await w.publish([taskEvent('warm', `warm:${i}`)]);
        await sleep(200);
      }
      const events = interleaved(['k1', 'k2', 'k3', 'k4', 'k5', 'k6'], 8);
      await w.publish(events);
      const mine = (r: ReturnType<typeof recorder>) => r.seen.filter((e) => !e.subject.startsWith('warm'));
      await waitFor(
        () =>
          (nodes.every((n) => mine(n.live).length >= events.length) &&
            nodes.reduce((sum, n) => sum + mine(n.work).length, 0) >= events.length) ||
          null,
        'deliveries to replicas',
      );
      const ids = events.map((e) => e.id).sort();
      for (const n of nodes)
        expect(
          mine(n.live)
            .map((e) => e.id)
            .sort(),
        ).toEqual(ids);
      expect(nodes.flatMap((n) => mine(n.work).map((e) => e.id)).sort()).toEqual(ids);
    } finally {
      await w.close();
    }
  });
});
