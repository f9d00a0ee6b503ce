import { describe, expect, it } from 'vitest';
import type { AnyCloudEvent } from '../domain/events.ts';
import type { EventBus, Logger, OutboxStore, PendingEvent } from '../ports/index.ts';
import { Relay } from './relay.ts';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const event = (id: string) => ({ id }) as unknown as AnyCloudEvent;

function outbox(ids: string[]) {
  let rows: PendingEvent[] = ids.map((id, i) => ({ position: i + 1, event: event(id) }) as PendingEvent);
  const store: OutboxStore = {
    pending: async (limit) => rows.slice(0, limit),
    markPublished: async (positions) => {
      rows = rows.filter((row) => !positions.includes(row.position));
    },
    lag: async () => ({ count: rows.length, oldestSeconds: 0 }),
  };
  return {
    store,
    add: (id: string) => rows.push({ position: 100 + rows.length, event: event(id) } as PendingEvent),
  };
}

function bus() {
  const published: string[] = [];
  const b: EventBus = {
    name: 'test',
    publish: async (events) => {
      published.push(...events.map((e) => e.id));
    },
    subscribe: async () => {},
    healthy: async () => true,
    close: async () => {},
  };
  return { bus: b, published };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('Relay', () => {
  it('publishes committed rows in order and marks them', async () => {
    const o = outbox(['a', 'b', 'c']);
    const b = bus();
    const relay = new Relay({
      store: o.store,
      bus: b.bus,
      clock: { now: () => new Date() },
      logger: silent,
      listen: async () => async () => {},
      pollMs: 5,
    });
    await relay.start();
    await until(() => b.published.length === 3);
    await relay.stop();
    expect(b.published).toEqual(['a', 'b', 'c']);
    expect(await o.store.pending(10)).toEqual([]);
  });

  it('stops publishing when its leadership is lost, and resumes only once it leads again', async () => {
    const o = outbox(['a']);
    const b = bus();
    let onLost: () => void = () => {};
    let grants: boolean[] = [true, false, true]; // leads, someone else leads, leads again
    const released: number[] = [];
    let acquired = 0;
    const relay = new Relay({
      store: o.store,
      bus: b.bus,
      clock: { now: () => new Date() },
      logger: silent,
      listen: async () => async () => {},
      pollMs: 5,
      acquireLeadership: async (lost) => {
        const grant = grants[0] ?? true;
        grants = grants.slice(1);
        if (!grant) return null;
        const n = ++acquired;
        onLost = lost;
        return async () => {
          released.push(n);
        };
      },
    });
    await relay.start();
    await until(() => b.published.length === 1);
    onLost();
    o.add('b');
    // Lost: the old lock is given up, the next election is lost (another relay leads) and
    // nothing is published until this relay is elected again.
    await until(() => acquired === 2);
    expect(released).toContain(1);
    await until(() => b.published.length === 2);
    await relay.stop();
    expect(b.published).toEqual(['a', 'b']);
    expect(released).toEqual([1, 2]);
  });

  it('carries events that trickle in several to a cycle, yet starts at once when idle', async () => {
    const o = outbox([]);
    const b = bus();
    let cycles = 0;
    const store: OutboxStore = {
      ...o.store,
      pending: async (limit) => {
        cycles++;
        return o.store.pending(limit);
      },
    };
    const relay = new Relay({
      store,
      bus: b.bus,
      clock: { now: () => new Date() },
      logger: silent,
      listen: async () => async () => {},
      pollMs: 60_000,
      lingerMs: 50,
    });
    await relay.start();
    await until(() => cycles === 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Idle for longer than the linger: a poke is served at once.
    const t0 = performance.now();
    o.add('first');
    relay.poke();
    await until(() => b.published.length === 1);
    expect(performance.now() - t0).toBeLessThan(40);
    // Ten commits, one every 2 ms, each poking: a cycle per 50 ms carries them all.
    const before = cycles;
    for (let i = 0; i < 10; i++) {
      o.add(`e${i}`);
      relay.poke();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await until(() => b.published.length === 11);
    expect(cycles - before).toBeLessThanOrEqual(3);
    await relay.stop();
    expect(b.published).toEqual(['first', ...Array.from({ length: 10 }, (_, i) => `e${i}`)]);
  });
});
