import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/clock.ts';
import type { AnyCloudEvent, CloudEvent } from '../domain/events.ts';
import type { Logger } from '../ports/index.ts';
import type { DueReminder, ReminderStore } from '../ports/reminders.ts';
import { ReminderScheduler } from './reminder-scheduler.ts';

interface StoredReminder extends DueReminder {
  state: 'pending' | 'sent';
  /** Held by someone else's transaction: the claim skips it. */
  locked?: boolean;
}

/** The store's contract in memory: what the Drizzle store does with SQL. */
class FakeStore implements ReminderStore {
  rows: StoredReminder[] = [];
  events: AnyCloudEvent[] = [];
  batches: number[] = [];
  nextDueQueries = 0;
  failNext = 0;

  add(remindAt: Date, extra: Partial<StoredReminder> = {}): StoredReminder {
    const n = this.rows.length + 1;
    const row: StoredReminder = {
      reminderId: `r${n}`,
      taskId: `t${n}`,
      userId: 'u1',
      title: `task ${n}`,
      dueAt: null,
      remindAt,
      state: 'pending',
      ...extra,
    };
    this.rows.push(row);
    return row;
  }

  async nextDueAt(): Promise<Date | null> {
    this.nextDueQueries++;
    const pending = this.rows.filter((r) => r.state === 'pending').map((r) => r.remindAt.getTime());
    return pending.length > 0 ? new Date(Math.min(...pending)) : null;
  }

  async fireDue(
    now: Date,
    limit: number,
    toEvents: (fired: DueReminder[]) => AnyCloudEvent[],
  ): Promise<DueReminder[]> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('connection refused');
    }
    const due = this.rows
      .filter((r) => r.state === 'pending' && !r.locked && r.remindAt <= now)
      .sort((a, b) => a.remindAt.getTime() - b.remindAt.getTime())
      .slice(0, limit);
    for (const r of due) r.state = 'sent';
    this.batches.push(due.length);
    const fired = due.map(({ state: _s, locked: _l, ...r }) => r);
    this.events.push(...toEvents(fired));
    return fired;
  }

  firedIds(): string[] {
    return this.events.map((e) => (e as CloudEvent<'todo.reminder.due'>).data.reminderId);
  }

  sent(): string[] {
    return this.rows.filter((r) => r.state === 'sent').map((r) => r.reminderId);
  }
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const START = '2026-11-22T10:00:00Z';
const at = (offsetMs: number) => new Date(Date.parse(START) + offsetMs);

let clock: FakeClock;
let store: FakeStore;
let notify: () => void;
let unsubscribed: boolean;
let scheduler: ReminderScheduler;
let ids: number;

function build(options: { batchSize?: number; logger?: Logger } = {}): ReminderScheduler {
  scheduler = new ReminderScheduler({
    store,
    clock,
    logger: options.logger ?? silent,
    newId: () => `e${++ids}`,
    listen: async (onNotify) => {
      notify = onNotify;
      return async () => {
        unsubscribed = true;
      };
    },
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  return scheduler;
}

/** Moves the fake clock and the fake timers together, letting the loop's promises run. */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  clock = new FakeClock(START);
  store = new FakeStore();
  unsubscribed = false;
  ids = 0;
});
afterEach(async () => {
  await scheduler?.stop();
  vi.useRealTimers();
});

describe('the timer', () => {
  it('arms for the earliest pending reminder and fires it when the time comes, not before', async () => {
    store.add(at(50_000));
    store.add(at(20_000));
    await build().start();
    await advance(0);
    expect(scheduler.armedFor).toEqual(at(20_001));
    await advance(19_000);
    expect(store.sent()).toEqual([]);
    await advance(1_001);
    expect(store.sent()).toEqual(['r2']);
    expect(scheduler.armedFor).toEqual(at(50_001));
    // No polling in between: one look at the table per round.
    const queries = store.nextDueQueries;
    await advance(29_999);
    expect(store.nextDueQueries).toBe(queries);
    expect(store.sent()).toEqual(['r2']);
    await advance(1);
    expect(store.firedIds()).toEqual(['r2', 'r1']);
  });

  it('re-arms at once when notified of a new, earlier reminder', async () => {
    store.add(at(50_000));
    await build().start();
    await advance(0);
    expect(scheduler.armedFor).toEqual(at(50_001));
    store.add(at(10_000));
    notify();
    await advance(0);
    expect(scheduler.armedFor).toEqual(at(10_001));
    await advance(10_001);
    expect(store.sent()).toEqual(['r2']);
  });

  it('sleeps at most the backstop, so a missed notification costs a minute, not a reminder', async () => {
    await build().start();
    await advance(0);
    expect(scheduler.armedFor).toEqual(at(60_000));
    store.add(at(30_000)); // added without a notification
    await advance(59_999);
    expect(store.sent()).toEqual([]);
    await advance(1);
    expect(store.sent()).toEqual(['r1']);
  });

  it('never arms beyond the backstop, even past setTimeout’s 24.8-day limit', async () => {
    store.add(at(30 * 24 * 3_600_000));
    await build().start();
    await advance(0);
    expect(scheduler.armedFor).toEqual(at(60_000));
    await advance(60_000);
    expect(scheduler.armedFor).toEqual(at(120_000));
    expect(store.sent()).toEqual([]);
  });

  it('catches up at start on what came due while nobody ran', async () => {
    store.add(at(-3_600_000));
    store.add(at(-1));
    store.add(at(1_000));
    await build().start();
    await advance(0);
    expect(store.sent()).toEqual(['r1', 'r2']);
    expect(scheduler.armedFor).toEqual(at(1_001));
  });

  it('backs off when the store fails, then recovers', async () => {
    const warnings: object[] = [];
    store.add(at(-1));
    store.failNext = 2;
    await build({ logger: { ...silent, warn: (obj) => warnings.push(obj) } }).start();
    await advance(0);
    expect(warnings).toHaveLength(1);
    await advance(200);
    expect(warnings).toHaveLength(2);
    expect(store.sent()).toEqual([]);
    await advance(400);
    expect(store.sent()).toEqual(['r1']);
  });

  it('logs what it caught up at start, and stop() cuts a long drain short between batches', async () => {
    const infos: object[] = [];
    for (let i = 0; i < 50; i++) store.add(at(-1 - i));
    const slow = store.fireDue.bind(store);
    store.fireDue = async (...args) => {
      await new Promise((r) => setTimeout(r, 100));
      return slow(...args);
    };
    await build({ batchSize: 10, logger: { ...silent, info: (obj) => infos.push(obj) } }).start();
    await advance(250);
    const stopped = scheduler.stop();
    await advance(100);
    await stopped;
    expect(store.batches.length).toBeLessThan(5);
    expect(store.sent()).toHaveLength(store.batches.length * 10);
    expect(infos).toEqual([{ fired: store.batches.length * 10 }]);
  });

  it('stop() ends the loop and unsubscribes', async () => {
    store.add(at(1_000));
    await build().start();
    await advance(0);
    await scheduler.stop();
    expect(unsubscribed).toBe(true);
    expect(scheduler.armedFor).toBeNull();
    await advance(5_000);
    expect(store.sent()).toEqual([]);
  });
});

describe('a round (runOnce)', () => {
  it('drains everything due in batches, one event per reminder, then says when to look again', async () => {
    for (let i = 0; i < 2_500; i++) store.add(at(-i));
    store.add(at(7_000));
    const delay = await build({ batchSize: 1_000 }).runOnce();
    expect(store.batches).toEqual([1_000, 1_000, 500]);
    expect(store.sent()).toHaveLength(2_500);
    expect(store.events).toHaveLength(2_500);
    expect(new Set(store.firedIds()).size).toBe(2_500);
    expect(delay).toBe(7_001);
    expect(scheduler.fired).toBe(2_500);
  });

  it('fires nothing early and answers the backstop when nothing is pending', async () => {
    store.add(at(1));
    await build().runOnce();
    expect(store.sent()).toEqual([]);
    store.rows = [];
    expect(await scheduler.runOnce()).toBe(60_000);
  });

  it('waits briefly instead of spinning when due rows are held by another transaction', async () => {
    store.add(at(-1), { locked: true });
    expect(await build().runOnce()).toBe(50);
    expect(store.batches).toEqual([0]);
  });

  it('writes todo.reminder.due CloudEvents from the scheduler, keyed by user', async () => {
    store.add(at(-90_000), {
      reminderId: 'rem-1',
      taskId: 'task-1',
      userId: 'ann',
      title: 'Pay rent',
      dueAt: at(600_000),
    });
    const seen: [DueReminder[], Date][] = [];
    build().onFired((fired, when) => seen.push([fired, when]));
    await scheduler.runOnce();
    expect(store.events).toEqual([
      {
        specversion: '1.0',
        id: 'e1',
        source: 'taskstream/scheduler',
        type: 'todo.reminder.due',
        subject: 'task-1',
        time: at(0).toISOString(),
        datacontenttype: 'application/json',
        partitionkey: 'ann',
        data: {
          reminderId: 'rem-1',
          taskId: 'task-1',
          userId: 'ann',
          title: 'Pay rent',
          dueAt: at(600_000).toISOString(),
          remindAt: at(-90_000).toISOString(),
        },
      },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]![0].map((r) => r.reminderId)).toEqual(['rem-1']);
    expect(seen[0]![1]).toEqual(at(0));
  });

  it('a failing listener does not undo or repeat a firing', async () => {
    store.add(at(-1));
    build().onFired(() => {
      throw new Error('boom');
    });
    await scheduler.runOnce();
    await scheduler.runOnce();
    expect(store.events).toHaveLength(1);
  });
});
