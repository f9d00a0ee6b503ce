// One SSE client. Frames go out in outbox-position order, each at most once: `position` is the
// cursor, and nothing at or below it is written again, so the backlog from the outbox and live
// events from the bus merge without duplicates whatever order they race in. What the socket cannot
// take yet waits in a bounded queue; a client that lets it overflow is cut off (it reconnects and
// resumes from the log) so it never holds memory or other clients back.
import { PING_FRAME } from './frames.ts';

/** Bytes of the stream. A live event's frame is encoded once and the same Buffer goes to every socket. */
export type Frame = string | Buffer;

/** The part of http.ServerResponse a connection writes to (a test can pass any Writable). */
export interface SseSink {
  write(chunk: Frame): boolean;
  once(event: 'drain', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
}

/** An event ready to send: its outbox position and its SSE frame (shared by every connection). */
export interface Positioned {
  position: number;
  frame: Frame;
}

export type CloseReason = 'client' | 'overflow' | 'shutdown' | 'error';

export interface ConnectionLimits {
  /** Events a connection may hold back (catching up or waiting for the socket) before it is cut off. */
  maxEvents: number;
  /** The same bound in bytes (string frames count UTF-16 code units: close enough), for large events. */
  maxBytes: number;
}

type State = 'catching-up' | 'live' | 'closed';

export class SseConnection {
  readonly userId: string;
  /** The highest outbox position written or queued: the stream's cursor. */
  position = 0;
  private state: State = 'catching-up';
  /** Live events that arrived while the backlog was being read, in position order. */
  private held: Positioned[] = [];
  /** Frames written while the socket was full, waiting for 'drain'. */
  private queue: Frame[] = [];
  private bufferedBytes = 0;
  private blocked = false;
  private waiters: (() => void)[] = [];
  private readonly sink: SseSink;
  private readonly limits: ConnectionLimits;
  private readonly onClose: (connection: SseConnection, reason: CloseReason) => void;

  constructor(
    userId: string,
    sink: SseSink,
    limits: ConnectionLimits,
    onClose: (connection: SseConnection, reason: CloseReason) => void,
  ) {
    this.userId = userId;
    this.sink = sink;
    this.limits = limits;
    this.onClose = onClose;
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  get live(): boolean {
    return this.state === 'live';
  }

  /** Events held back right now (catching up plus waiting for the socket). */
  get buffered(): number {
    return this.held.length + this.queue.length;
  }

  /** Positions the cursor where the stream starts: nothing at or before it will be sent. */
  startAt(position: number): void {
    this.position = position;
  }

  /** Sends a frame that is not an event (preamble, reset) in stream order. */
  control(frame: Frame): void {
    if (!this.closed) this.enqueue(frame);
  }

  /** A live event from the hub: held while catching up, else sent unless already sent. */
  offer(item: Positioned): void {
    if (this.state === 'catching-up') {
      if (item.position <= this.position) return;
      this.held.push(item);
      this.bufferedBytes += item.frame.length;
      this.checkBounds();
    } else if (this.state === 'live' && item.position > this.position) {
      this.position = item.position;
      this.enqueue(item.frame);
    }
  }

  /** A backlog event from the outbox; resolves when the socket can take more (or the stream closed). */
  async replay(item: Positioned): Promise<void> {
    if (this.closed || item.position <= this.position) return;
    this.position = item.position;
    this.enqueue(item.frame);
    if (this.blocked) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** The backlog is sent: sends what arrived live meanwhile (skipping what the backlog covered). */
  goLive(): void {
    if (this.state !== 'catching-up') return;
    const held = this.held;
    this.held = [];
    this.state = 'live';
    for (const item of held) {
      this.bufferedBytes -= item.frame.length;
      this.offer(item);
    }
  }

  /**
   * A heartbeat, once live (so never ahead of the preamble) and unless the socket is still busy:
   * then the stream is not idle anyway.
   */
  ping(): void {
    if (this.state === 'live' && !this.blocked && this.queue.length === 0) this.writeNow(PING_FRAME);
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.state = 'closed';
    this.held = [];
    this.queue = [];
    this.bufferedBytes = 0;
    for (const resolve of this.waiters.splice(0)) resolve();
    // A client that stopped reading would keep an ended response (and its buffers) for ever: drop it.
    if (reason === 'overflow' || reason === 'error' || (reason === 'shutdown' && this.blocked))
      this.sink.destroy();
    else if (reason !== 'client') this.sink.end();
    this.onClose(this, reason);
  }

  private enqueue(frame: Frame): void {
    if (this.blocked || this.queue.length > 0) {
      this.queue.push(frame);
      this.bufferedBytes += frame.length;
      this.checkBounds();
    } else this.writeNow(frame);
  }

  private writeNow(frame: Frame): void {
    if (this.sink.write(frame)) return;
    this.blocked = true;
    this.sink.once('drain', () => this.drain());
  }

  private drain(): void {
    this.blocked = false;
    while (!this.blocked && !this.closed && this.queue.length > 0) {
      const frame = this.queue.shift()!;
      this.bufferedBytes -= frame.length;
      this.writeNow(frame);
    }
    if (!this.blocked) for (const resolve of this.waiters.splice(0)) resolve();
  }

  private checkBounds(): void {
    if (this.buffered > this.limits.maxEvents || this.bufferedBytes > this.limits.maxBytes)
      this.close('overflow');
  }
}
