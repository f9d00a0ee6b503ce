import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/support/clock.ts';
import type { ClaimedDelivery, DeliveryStore, WebhookSender } from '../ports/notifications.ts';
import { DeliveryWorker, retryDelayMs } from './delivery-worker.ts';

interface Row {
  id: string;
  target: string;
  attempts: number;
  nextAttemptAt: number;
  state: 'pending' | 'delivered' | 'failed';
  lastError: string | null;
  webhook: boolean;
}

/** The DeliveryStore contract in memory, to exercise the worker's own logic quickly. */
class MemoryStore implements DeliveryStore {
  rows: Row[] = [];
  add(id: string, target: string, at: Date, webhook = true): void {
    this.rows.push({
      id,
      target,
      attempts: 0,
      nextAttemptAt: at.getTime(),
      state: 'pending',
      lastError: null,
      webhook,
    });
  }
  get(id: string): Row {
    return this.rows.find((r) => r.id === id)!;
  }
  async claim(
    now: Date,
    o: { limit: number; leaseMs: number; perTarget: number; inFlight: ReadonlyMap<string, number> },
  ): Promise<ClaimedDelivery[]> {
    const taken = new Map(o.inFlight);
    const chosen: Row[] = [];
    for (const row of [...this.rows].sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)) {
      if (chosen.length >= o.limit) break;
      if (row.state !== 'pending' || row.nextAttemptAt > now.getTime()) continue;
      const n = taken.get(row.target) ?? 0;
      if (n >= o.perTarget) continue;
      taken.set(row.target, n + 1);
      chosen.push(row);
    }
    return chosen.map((row) => {
      row.attempts++;
      row.nextAttemptAt = now.getTime() + o.leaseMs;
      return {
        id: row.id,
        channel: 'webhook',
        target: row.target,
        userId: 'u',
        eventId: row.id,
        payload: { id: row.id },
        attempts: row.attempts,
        webhook: row.webhook ? { url: `http://${row.target}`, secret: 's' } : null,
      };
    });
  }
  async markDelivered(id: string): Promise<void> {
    this.get(id).state = 'delivered';
  }
  async retryAt(id: string, at: Date, error: string): Promise<void> {
    Object.assign(this.get(id), { nextAttemptAt: at.getTime(), lastError: error });
  }
  async markFailed(id: string, error: string): Promise<void> {
    Object.assign(this.get(id), { state: 'failed', lastError: error });
  }
  async nextDueAt(): Promise<Date | null> {
    const pending = this.rows.filter((r) => r.state === 'pending').map((r) => r.nextAttemptAt);
    return pending.length ? new Date(Math.min(...pending)) : null;
  }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function workerWith(store: MemoryStore, clock: FakeClock, webhooks: WebhookSender, extra = {}) {
  return new DeliveryWorker({
    store,
    clock,
    logger: silent,
    webhooks,
    mailer: null,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    maxAttempts: 4,
    timeoutMs: 200,
    random: () => 0.5,
    ...extra,
  });
}

describe('retryDelayMs', () => {
  it('doubles from the base, caps, and spreads by ±20 %', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, o, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(retryDelayMs(1, o, () => 0)).toBe(800);
    expect(retryDelayMs(1, o, () => 0.999999)).toBe(1200);
  });
});

describe('DeliveryWorker', () => {
  it('retries a failing delivery on the back-off schedule, then records it delivered', async () => {
    const clock = new FakeClock();
    const start = clock.now().getTime();
    const store = new MemoryStore();
    store.add('d1', 'a', clock.now());
    const calls: number[] = [];
    const worker = workerWith(store, clock, {
      async send() {
        calls.push(clock.now().getTime() - start);
        if (calls.length < 3) throw new Error('HTTP 500');
      },
    });
    await worker.runDue();
    expect(store.get('d1')).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(store.get('d1').nextAttemptAt - start).toBe(1000);
    clock.advance(999);
    await worker.runDue();
    expect(calls).toHaveLength(1);
    clock.advance(1);
    await worker.runDue();
    expect(store.get('d1').nextAttemptAt - start).toBe(1000 + 2000);
    clock.advance(2000);
    await worker.runDue();
    expect(calls).toEqual([0, 1000, 3000]);
    expect(store.get('d1')).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(worker.counts).toEqual({ delivered: 1, retried: 2, failed: 0 });
  });

  it('gives up after maxAttempts with the last error, and at once for a deleted webhook', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    store.add('d1', 'a', clock.now());
    store.add('gone', 'b', clock.now(), false);
    let n = 0;
    const worker = workerWith(store, clock, {
      async send() {
        throw new Error(`HTTP 50${++n}`);
      },
    });
    for (let i = 0; i < 10; i++) {
      await worker.runDue();
      clock.advance(60_000);
    }
    expect(store.get('d1')).toMatchObject({ state: 'failed', attempts: 4, lastError: 'HTTP 504' });
    expect(store.get('gone')).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'the webhook was deleted',
    });
  });

  it('cuts a slow send off at the timeout and counts it as a failure', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    store.add('d1', 'slow', clock.now());
    const worker = workerWith(store, clock, {
      send: (_hook, _message, signal) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const began = Date.now();
    await worker.runDue();
    expect(Date.now() - began).toBeLessThan(2000);
    expect(store.get('d1')).toMatchObject({ state: 'pending', lastError: 'timed out' });
  });

  it('a target that never answers holds at most perTarget slots; the others go through', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    for (let i = 0; i < 20; i++) store.add(`dead${i}`, 'dead', clock.now());
    for (let i = 0; i < 5; i++) store.add(`ok${i}`, `ok${i % 2}`, new Date(clock.now().getTime() + 1));
    clock.advance(1);
    let inFlightDead = 0;
    let maxDead = 0;
    let maxAll = 0;
    let all = 0;
    const worker = workerWith(
      store,
      clock,
      {
        async send(hook, _message, signal) {
          all++;
          maxAll = Math.max(maxAll, all);
          try {
            if (hook.url !== 'http://dead') return;
            inFlightDead++;
            maxDead = Math.max(maxDead, inFlightDead);
            await new Promise((_resolve, reject) =>
              signal.addEventListener('abort', () => reject(signal.reason)),
            );
          } finally {
            if (hook.url === 'http://dead') inFlightDead--;
            all--;
          }
        },
      },
      { concurrency: 4, perTarget: 2, timeoutMs: 10_000 },
    );
    await worker.start();
    const deadline = Date.now() + 3000;
    while (store.rows.some((r) => r.id.startsWith('ok') && r.state !== 'delivered') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(store.rows.filter((r) => r.id.startsWith('ok')).every((r) => r.state === 'delivered')).toBe(true);
    expect(maxDead).toBe(2);
    expect(maxAll).toBeLessThanOrEqual(4);
    // Stopping cancels the hung sends without recording them: their leases bring them back.
    await worker.stop();
    expect(store.rows.filter((r) => r.target === 'dead' && r.lastError !== null)).toEqual([]);
  });
});
