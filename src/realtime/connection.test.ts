import { describe, expect, it } from 'vitest';
import { type CloseReason, type Frame, SseConnection, type SseSink } from './connection.ts';

/** A socket stand-in: accepts writes until `full`, then reports backpressure until drained. */
class FakeSink implements SseSink {
  chunks: string[] = [];
  full = false;
  ended = false;
  destroyed = false;
  private onDrain: (() => void) | null = null;
  write(chunk: Frame): boolean {
    this.chunks.push(chunk.toString());
    return !this.full;
  }
  once(_event: 'drain', listener: () => void): void {
    this.onDrain = listener;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  drain(): void {
    this.full = false;
    const listener = this.onDrain;
    this.onDrain = null;
    listener?.();
  }
}

const item = (position: number) => ({ position, frame: `f${position}` });

function connection(limits = { maxEvents: 5, maxBytes: 1_000_000 }) {
  const sink = new FakeSink();
  const closes: CloseReason[] = [];
  const c = new SseConnection('u1', sink, limits, (_c, reason) => closes.push(reason));
  return { c, sink, closes };
}

describe('SseConnection', () => {
  it('sends live events past its cursor, in order, each once', () => {
    const { c, sink } = connection();
    c.startAt(3);
    c.ping(); // not before the stream is live: the preamble comes first
    expect(sink.chunks).toEqual([]);
    c.goLive();
    for (const p of [2, 3, 4, 4, 5, 1, 6]) c.offer(item(p));
    expect(sink.chunks).toEqual(['f4', 'f5', 'f6']);
    expect(c.position).toBe(6);
  });

  it('holds live events while catching up, then sends only those the backlog did not cover', async () => {
    const { c, sink } = connection();
    c.startAt(10);
    c.offer(item(9)); // already seen by the client: never held
    c.offer(item(12)); // relayed while the backlog was read: also in the backlog
    c.offer(item(14));
    await c.replay(item(11));
    await c.replay(item(12));
    await c.replay(item(13));
    expect(sink.chunks).toEqual(['f11', 'f12', 'f13']);
    c.goLive();
    c.offer(item(14)); // a redelivery
    c.offer(item(15));
    expect(sink.chunks).toEqual(['f11', 'f12', 'f13', 'f14', 'f15']);
  });

  it('stops writing when the socket is full and resumes on drain, in order', async () => {
    const { c, sink } = connection();
    c.goLive();
    sink.full = true;
    c.offer(item(1)); // written, but the socket says "full"
    c.offer(item(2));
    c.offer(item(3));
    expect(sink.chunks).toEqual(['f1']);
    expect(c.buffered).toBe(2);
    c.ping(); // a busy stream needs no heartbeat
    expect(sink.chunks).toEqual(['f1']);
    sink.drain();
    expect(sink.chunks).toEqual(['f1', 'f2', 'f3']);
    expect(c.buffered).toBe(0);
    c.ping();
    expect(sink.chunks.at(-1)).toBe(': ping\n\n');
  });

  it('a replay waits for the socket to drain', async () => {
    const { c, sink } = connection();
    sink.full = true;
    let done = false;
    const replayed = c.replay(item(1)).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    sink.drain();
    await replayed;
    expect(done).toBe(true);
  });

  it('cuts off a client whose buffer overflows, destroying the socket', () => {
    const { c, sink, closes } = connection({ maxEvents: 3, maxBytes: 1_000_000 });
    c.goLive();
    sink.full = true;
    for (let p = 1; p <= 4; p++) c.offer(item(p));
    expect(c.closed).toBe(false); // one on the socket, three queued
    c.offer(item(5));
    expect(c.closed).toBe(true);
    expect(closes).toEqual(['overflow']);
    expect(sink.destroyed).toBe(true);
    c.offer(item(6));
    expect(sink.chunks).toEqual(['f1']);
  });

  it('counts what it holds while catching up against the same bound, and bytes too', () => {
    const catching = connection({ maxEvents: 2, maxBytes: 1_000_000 });
    for (let p = 1; p <= 3; p++) catching.c.offer(item(p));
    expect(catching.closes).toEqual(['overflow']);
    const bytes = connection({ maxEvents: 100, maxBytes: 10 });
    bytes.c.goLive();
    bytes.sink.full = true;
    bytes.c.offer({ position: 1, frame: 'x'.repeat(100) });
    bytes.c.offer({ position: 2, frame: 'y'.repeat(11) });
    expect(bytes.closes).toEqual(['overflow']);
  });

  it('ends the response on shutdown, but destroys it when the client is not reading', () => {
    const idle = connection();
    idle.c.close('shutdown');
    expect([idle.sink.ended, idle.sink.destroyed]).toEqual([true, false]);
    const stuck = connection();
    stuck.c.goLive();
    stuck.sink.full = true;
    stuck.c.offer(item(1));
    stuck.c.close('shutdown');
    expect(stuck.sink.destroyed).toBe(true);
    const gone = connection();
    gone.c.close('client');
    gone.c.close('shutdown');
    expect([gone.sink.ended, gone.sink.destroyed, gone.closes]).toEqual([false, false, ['client']]);
  });
});
