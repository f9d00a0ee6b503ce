import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AnyCloudEvent, makeEvent } from '../domain/events.ts';
import type { EventLog, EventPosition, LoggedEvent } from '../ports/stream.ts';
import { RealtimeHub } from './hub.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The outbox as the realtime role sees it: rows in position order, some not yet "relayed". */
class FakeLog implements EventLog {
  rows: LoggedEvent[] = [];
  /** When set, `after` waits for it: lets a test act while the backlog is being read. */
  gate: Promise<void> | null = null;
  failPositions = false;
  add(userId: string, id: string): AnyCloudEvent {
    const event = makeEvent(
      'todo.task.updated',
      { userId, task: { id: 't' } as never },
      { id, source: 'taskstream/api', subject: 't', userId, time: new Date(0) },
    );
    this.rows.push({ position: this.rows.length + 1, event });
    return event;
  }
  async positionOf(userId: string, eventId: string) {
    const row = this.rows.find((r) => r.event.id === eventId && r.event.partitionkey === userId);
    return row?.position ?? null;
  }
  async head(userId: string) {
    const row = this.rows.filter((r) => r.event.partitionkey === userId).at(-1);
    return row ? { position: row.position, id: row.event.id } : null;
  }
  async after(userId: string, position: number, limit: number) {
    const rows = this.rows.filter((r) => r.event.partitionkey === userId && r.position > position);
    if (this.gate) await this.gate;
    return rows.slice(0, limit);
  }
  async countAfter(userId: string, position: number, cap: number) {
    return Math.min(
      cap,
      this.rows.filter((r) => r.event.partitionkey === userId && r.position > position).length,
    );
  }
  async positionsOf(ids: readonly string[]) {
    if (this.failPositions) throw new Error('database down');
    const found = new Map<string, EventPosition>();
    for (const r of this.rows)
      if (ids.includes(r.event.id))
        found.set(r.event.id, { position: r.position, userId: r.event.partitionkey });
    return found;
  }
}

class FakeResponse extends EventEmitter {
  text = '';
  ended = false;
  destroyed = false;
  write(chunk: string | Buffer): boolean {
    this.text += chunk.toString();
    return true;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Ids of the events received, in order (control messages excluded). */
  get ids(): string[] {
    return [...this.text.matchAll(/^event: todo\.[^\n]+\nid: (\S+)$/gm)].map((m) => m[1]!);
  }
}

const hubs: RealtimeHub[] = [];
function hub(log: FakeLog, options: { resumeMax?: number; pageSize?: number; heartbeatMs?: number } = {}) {
  const h = new RealtimeHub({
    log,
    logger: silent,
    heartbeatMs: options.heartbeatMs ?? 60_000,
    retryMs: 1000,
    limits: { maxEvents: 100, maxBytes: 1_000_000 },
    resumeMax: options.resumeMax ?? 1000,
    pageSize: options.pageSize ?? 2,
  });
  hubs.push(h);
  return h;
}
afterEach(() => {
  for (const h of hubs.splice(0)) h.close();
  vi.useRealTimers();
});
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('RealtimeHub', () => {
  it('a fresh stream starts at the newest event, and sends only what comes after it', async () => {
    const log = new FakeLog();
    const h = hub(log);
    const before = log.add('ann', 'e1'); // committed, not yet relayed when the client connects
    const res = new FakeResponse();
    await h.open('ann', undefined, res);
    expect(res.text).toMatch(/^retry: \d+\nid: e1\n\n$/);
    h.deliver(before);
    h.deliver(log.add('ann', 'e2'));
    await settle();
    expect(res.ids).toEqual(['e2']);
  });

  it('resumes after Last-Event-ID through the backlog, then live, without duplicates', async () => {
    const log = new FakeLog();
    const h = hub(log, { pageSize: 10 });
    const events = ['e1', 'e2', 'e3', 'e4', 'e5'].map((id) => log.add('ann', id));
    log.add('bob', 'b1');
    let open!: () => void;
    log.gate = new Promise((r) => {
      open = r;
    });
    const res = new FakeResponse();
    const opened = h.open('ann', 'e2', res);
    await settle();
    // While the backlog is being read: the relay publishes e3..e5 and one more is written.
    for (const e of events.slice(2)) h.deliver(e);
    const e6 = log.add('ann', 'e6');
    h.deliver(e6);
    await settle();
    open();
    log.gate = null;
    await opened;
    h.deliver(events[3]!); // redelivered by the bus
    h.deliver(log.add('ann', 'e7'));
    await settle();
    expect(res.ids).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    expect(res.text.startsWith('retry: ')).toBe(true);
    expect(res.text).not.toMatch(/^id: e2$/m);
  });

  it('tells a client with an unknown, foreign or too old id to refetch, and continues from the head', async () => {
    const log = new FakeLog();
    const h = hub(log, { resumeMax: 2 });
    log.add('bob', 'b1');
    for (const id of ['e1', 'e2', 'e3', 'e4']) log.add('ann', id);
    for (const [lastEventId, reason] of [
      ['nope', 'unknown-last-event-id'],
      ['b1', 'unknown-last-event-id'],
      ['e1', 'too-far-behind'],
    ] as const) {
      const res = new FakeResponse();
      await h.open('ann', lastEventId, res);
      expect(res.text).toContain(
        `event: stream.reset\nid: e4\ndata: ${JSON.stringify({ reason, lastEventId })}\n\n`,
      );
      expect(res.ids).toEqual([]);
    }
    const ok = new FakeResponse();
    await h.open('ann', 'e2', ok);
    expect(ok.ids).toEqual(['e3', 'e4']);
  });

  it('never sends one user an event of another', async () => {
    const log = new FakeLog();
    const h = hub(log);
    const ann = new FakeResponse();
    const bob = new FakeResponse();
    await h.open('ann', undefined, ann);
    await h.open('bob', undefined, bob);
    h.deliver(log.add('ann', 'a1'));
    h.deliver(log.add('bob', 'b1'));
    // An event whose outbox row belongs to someone else than it claims is dropped.
    const forged = { ...log.add('bob', 'b2'), partitionkey: 'ann' } as AnyCloudEvent;
    h.deliver(forged);
    await settle();
    expect(ann.ids).toEqual(['a1']);
    expect(bob.ids).toEqual(['b1']);
  });

  it('cuts streams off when live events cannot be positioned, so they resume from the log', async () => {
    const log = new FakeLog();
    const h = hub(log);
    const res = new FakeResponse();
    await h.open('ann', undefined, res);
    log.failPositions = true;
    h.deliver(log.add('ann', 'e1'));
    await settle();
    expect(res.destroyed).toBe(true);
    expect(h.stats()).toMatchObject({ streams: 0, disconnects: { error: 1 } });
  });

  it('forgets a stream whose client went away; sends heartbeats; ends every stream on close', async () => {
    vi.useFakeTimers();
    const log = new FakeLog();
    const h = hub(log, { heartbeatMs: 1000 });
    const gone = new FakeResponse();
    const stays = new FakeResponse();
    await h.open('ann', undefined, gone);
    await h.open('ann', undefined, stays);
    gone.emit('close');
    expect(h.stats()).toMatchObject({ streams: 1, users: 1 });
    vi.advanceTimersByTime(1000);
    expect(stays.text.endsWith(': ping\n\n')).toBe(true);
    expect(gone.text).not.toContain('ping');
    h.close();
    expect(stays.ended).toBe(true);
    const late = new FakeResponse();
    await h.open('ann', undefined, late);
    expect(late.ended).toBe(true);
    expect(h.stats()).toMatchObject({ streams: 0, disconnects: { client: 1, shutdown: 2 } });
  });
});
