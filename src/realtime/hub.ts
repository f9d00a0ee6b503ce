// The realtime role's fan-out: one hub per process holds every SSE connection, by user. Events
// arrive from the bus (a broadcast subscription, so every replica sees every event); each is
// positioned in the outbox (one batched lookup, only for users connected here) and offered to that
// user's connections, which send what lies past their cursor. A connection that opens catches up
// from the outbox first: registered before reading, so nothing committed meanwhile slips between
// the backlog and the live events, and the cursor drops whatever both deliver.
import type { StreamReset } from '../../contract/stream.ts';
import type { AnyCloudEvent } from '../domain/events.ts';
import type { Logger } from '../ports/index.ts';
import type { EventLog } from '../ports/stream.ts';
import { type CloseReason, type ConnectionLimits, SseConnection, type SseSink } from './connection.ts';
import { eventFrame, preambleFrame, resetFrame, retryDelay } from './frames.ts';

export interface HubOptions {
  log: EventLog;
  logger: Logger;
  /** How often idle streams get a `: ping` comment. */
  heartbeatMs: number;
  /** The `retry:` base the stream announces (each stream gets base…2·base). */
  retryMs: number;
  limits: ConnectionLimits;
  /** A client missing more events than this is told to refetch (stream.reset) instead. */
  resumeMax: number;
  /** Backlog rows read per query. */
  pageSize?: number;
  /** Live events waiting for their positions before connections are cut off to stay bounded. */
  maxPending?: number;
}

export interface HubStats {
  streams: number;
  users: number;
  /** Events held back by all connections (catching up or waiting for slow sockets). */
  buffered: number;
  /** Live events waiting for their outbox positions. */
  pending: number;
  /** Streams ended since start, by reason. */
  disconnects: Record<CloseReason, number>;
}

export type StreamSink = SseSink & { on(event: 'close', listener: () => void): unknown };

const LOOKUP_BATCH = 500;

export class RealtimeHub {
  private readonly byUser = new Map<string, Set<SseConnection>>();
  private incoming: AnyCloudEvent[] = [];
  private pumping = false;
  private closed = false;
  private streams = 0;
  private readonly disconnects: Record<CloseReason, number> = {
    client: 0,
    overflow: 0,
    shutdown: 0,
    error: 0,
  };
  private readonly heartbeat: NodeJS.Timeout;
  private readonly options: HubOptions;

  constructor(options: HubOptions) {
    this.options = options;
    // One timer for every stream: a timer per connection would cost more than the connection.
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  get accepting(): boolean {
    return !this.closed;
  }

  /** An event from the bus. Returns at once: the bus must never wait for SSE clients. */
  deliver(event: AnyCloudEvent): void {
    if (this.closed || !this.byUser.has(event.partitionkey)) return;
    if (this.incoming.length >= (this.options.maxPending ?? 50_000)) {
      // The outbox lookups cannot keep up: rather than grow, let this user's clients resume later.
      this.cutOff(event.partitionkey, 'overflow');
      return;
    }
    this.incoming.push(event);
    if (!this.pumping) void this.pump();
  }

  /** Serves one stream on `sink` until it closes; resolves once the backlog is sent. */
  async open(userId: string, lastEventId: string | undefined, sink: StreamSink): Promise<SseConnection> {
    const connection = new SseConnection(userId, sink, this.options.limits, (c, reason) =>
      this.forget(c, reason),
    );
    if (this.closed) {
      connection.close('shutdown');
      return connection;
    }
    const users = this.byUser.get(userId) ?? new Set<SseConnection>();
    this.byUser.set(userId, users);
    users.add(connection);
    this.streams++;
    sink.on('close', () => connection.close('client'));
    try {
      await this.catchUp(connection, lastEventId || undefined);
    } catch (error) {
      this.options.logger.warn({ err: String(error), userId }, 'stream could not catch up; closing it');
      connection.close('error');
    }
    return connection;
  }

  stats(): HubStats {
    let buffered = 0;
    for (const users of this.byUser.values()) for (const c of users) buffered += c.buffered;
    return {
      streams: this.streams,
      users: this.byUser.size,
      buffered,
      pending: this.incoming.length,
      disconnects: { ...this.disconnects },
    };
  }

  /** Ends every stream (clients reconnect elsewhere and resume) and accepts no more. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.incoming = [];
    for (const users of [...this.byUser.values()]) for (const c of [...users]) c.close('shutdown');
  }

  private async catchUp(connection: SseConnection, lastEventId: string | undefined): Promise<void> {
    const { log } = this.options;
    const retry = retryDelay(this.options.retryMs);
    const resume = lastEventId ? await this.resumeFrom(connection, lastEventId) : null;
    if (resume === 'resumed') connection.control(preambleFrame(retry, null));
    else {
      const reset = resume;
      // No usable cursor: the stream continues from the user's newest event.
      const head = await log.head(connection.userId);
      connection.startAt(head?.position ?? 0);
      connection.control(preambleFrame(retry, reset ? null : (head?.id ?? null)));
      if (reset) connection.control(resetFrame(reset, head?.id ?? null));
    }
    const pageSize = this.options.pageSize ?? 500;
    // Also after a fresh start: whatever committed since the head was read goes out in order.
    while (!connection.closed) {
      const page = await log.after(connection.userId, connection.position, pageSize);
      for (const { position, event } of page) {
        await connection.replay({ position, frame: eventFrame(event) });
        if (connection.closed) return;
      }
      if (page.length < pageSize) break;
    }
    connection.goLive();
  }

  private async resumeFrom(connection: SseConnection, lastEventId: string): Promise<StreamReset | 'resumed'> {
    const { log, resumeMax } = this.options;
    const position = await log.positionOf(connection.userId, lastEventId);
    if (position === null) return { reason: 'unknown-last-event-id', lastEventId };
    if ((await log.countAfter(connection.userId, position, resumeMax + 1)) > resumeMax)
      return { reason: 'too-far-behind', lastEventId };
    connection.startAt(position);
    return 'resumed';
  }

  /** Positions queued events in batches and hands them to their users' connections, in order. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.incoming.length > 0) {
        const batch = this.incoming.splice(0, LOOKUP_BATCH);
        let positions: Awaited<ReturnType<EventLog['positionsOf']>>;
        try {
          positions = await this.options.log.positionsOf(batch.map((event) => event.id));
        } catch (error) {
          this.options.logger.warn(
            { err: String(error) },
            'cannot position live events; cutting streams off',
          );
          for (const event of batch) this.cutOff(event.partitionkey, 'error');
          continue;
        }
        for (const event of batch) {
          const where = positions.get(event.id);
          const users = this.byUser.get(event.partitionkey);
          // Absent: older than the outbox keeps (a bus replay) or not from the outbox at all.
          if (!where || where.userId !== event.partitionkey || !users) continue;
          const item = { position: where.position, frame: Buffer.from(eventFrame(event)) };
          for (const connection of users) connection.offer(item);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private cutOff(userId: string, reason: CloseReason): void {
    for (const connection of [...(this.byUser.get(userId) ?? [])]) connection.close(reason);
  }

  private ping(): void {
    for (const users of this.byUser.values()) for (const connection of users) connection.ping();
  }

  private forget(connection: SseConnection, reason: CloseReason): void {
    const users = this.byUser.get(connection.userId);
    if (users?.delete(connection)) {
      this.streams--;
      if (users.size === 0) this.byUser.delete(connection.userId);
    }
    this.disconnects[reason]++;
  }
}
