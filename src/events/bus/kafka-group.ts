// One Kafka consumer group for one subscription. Records of a partition are handled one after
// another (kafka-partitions.ts), several at once when they queue up and the subscription takes
// batches (one transaction for the lot; on any failure they go again one by one); an offset is committed only once `deliver` resolved or the record
// was dead-lettered, so a crash redelivers (the consumer's inbox absorbs the repeat). A broken
// connection ends the session: the group waits for in-flight work, then rejoins with back-off,
// resuming from the committed offsets.
import { Consumer, type Message, type MessagesStream } from '@platformatic/kafka';
import type { AnyCloudEvent } from '../../domain/events.ts';
import type { Logger, Subscription } from '../../ports/index.ts';
import { decodeEvent, errorText, pause, settleWithin } from './envelope.ts';
import { PartitionQueues } from './kafka-partitions.ts';
import { backoff, deliverWithRetry, type RetryPolicy } from './retry.ts';

type Record = Message<Buffer, Buffer, Buffer, Buffer>;

export interface DeadLetter {
  record: Record;
  group: string;
  error: string;
  attempts: number;
}

export interface KafkaGroupOptions {
  subscription: Subscription;
  /** The broker-side group id (prefixed; per replica for broadcast subscriptions). */
  groupId: string;
  topics: string[];
  clientId: string;
  brokers: string[];
  /** Where a group without committed offsets starts: broadcast groups only want what is new. */
  fromLatest: boolean;
  retry: RetryPolicy;
  /** Writes the record to its dead-letter topic; throws when the broker did not take it. */
  deadLetter: (dead: DeadLetter) => Promise<void>;
  /** Resolves once the topics exist; the group does not join before. */
  topicsReady: () => Promise<void>;
  logger: Logger;
  sessionTimeoutMs: number;
  /** Fetched but unhandled records above which fetching pauses. */
  maxBuffered?: number;
}

interface Session {
  stop: AbortController;
  queues: PartitionQueues<Record>;
}

export class KafkaGroup {
  private readonly options: KafkaGroupOptions;
  private closing = false;
  private readonly closed = new AbortController();
  private loop: Promise<void> | null = null;
  private session: Session | null = null;
  private forceStop: () => void = () => {};
  private readonly forced: Promise<void>;
  private markJoined: () => void = () => {};
  /** Resolves when the group joined for the first time. */
  readonly joined: Promise<void>;

  constructor(options: KafkaGroupOptions) {
    this.options = options;
    this.joined = new Promise((resolve) => {
      this.markJoined = resolve;
    });
    this.forced = new Promise((resolve) => {
      this.forceStop = resolve;
    });
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Lets in-flight deliveries finish (up to `timeoutMs`), commits, and leaves the group. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    this.closed.abort();
    this.session?.stop.abort();
    const timer = setTimeout(() => this.forceStop(), timeoutMs);
    await this.loop;
    clearTimeout(timer);
  }

  private async run(): Promise<void> {
    const { logger, groupId } = this.options;
    let failures = 0;
    while (!this.closing) {
      try {
        await this.options.topicsReady();
        if (this.closing) break;
        await this.runSession();
        failures = 0;
      } catch (error) {
        if (this.closing) break;
        failures++;
        const delay = Math.min(10_000, 250 * 2 ** Math.min(failures, 6));
        logger.warn(
          { group: groupId, err: errorText(error), retryInMs: delay },
          'kafka consumer lost; rejoining',
        );
        await pause(delay, this.closed.signal);
      }
    }
  }

  private async runSession(): Promise<void> {
    const o = this.options;
    const consumer = new Consumer({
      groupId: o.groupId,
      clientId: o.clientId,
      bootstrapBrokers: o.brokers,
      sessionTimeout: o.sessionTimeoutMs,
      rebalanceTimeout: Math.max(o.sessionTimeoutMs, 15_000),
      heartbeatInterval: Math.max(100, Math.floor(o.sessionTimeoutMs / 10)),
      maxWaitTime: 500,
      connectTimeout: 3_000,
      timeout: 10_000,
      retries: 2,
      retryDelay: 500,
    });
    const stop = new AbortController();
    let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
    const session: Session = {
      stop,
      queues: new PartitionQueues<Record>({
        handle: (record) => this.handle(session, record),
        ...(o.subscription.deliverBatch
          ? { handleBatch: (records: Record[]) => this.handleBatch(session, records) }
          : {}),
        maxBuffered: o.maxBuffered ?? 1_000,
        pause: () => stream?.pause(),
        resume: () => stream?.resume(),
        onError: (error) => {
          // Never expected (handle catches everything); a new session refetches from the commit.
          o.logger.error({ group: o.groupId, err: errorText(error) }, 'kafka worker failed');
          stop.abort();
        },
      }),
    };
    // Stopping the session stops the workers picking further records (they stay uncommitted).
    stop.signal.addEventListener('abort', () => session.queues.stop(), { once: true });
    this.session = session;
    consumer.on('consumer:group:join', ({ assignments }) => {
      session.queues.retain(assignments ?? []);
      this.markJoined();
    });
    try {
      stream = await consumer.consume({
        topics: o.topics,
        mode: 'committed',
        fallbackMode: o.fromLatest ? 'latest' : 'earliest',
        autocommit: false,
      });
      const active = stream;
      this.markJoined();
      await new Promise<void>((resolve, reject) => {
        active.on('data', (record) => session.queues.push(record));
        // Kept for the stream's lifetime: a second 'error' without a listener would crash the process.
        active.on('error', (error) => {
          o.logger.debug({ group: o.groupId, err: errorText(error) }, 'kafka stream error');
          reject(error);
        });
        active.once('close', () => resolve());
        session.stop.signal.addEventListener('abort', () => resolve(), { once: true });
        if (this.closing) resolve();
      });
    } finally {
      stop.abort();
      // No new session may start while a delivery of the old one runs: two workers on one
      // partition would break the order per user.
      await Promise.race([session.queues.idle(), this.forced]);
      await settleWithin(stream?.close(), 3_000, o.logger);
      await settleWithin(consumer.close(true), 3_000, o.logger);
      this.session = null;
    }
  }

  private async handle(session: Session, record: Record): Promise<void> {
    const { subscription, retry, logger, groupId } = this.options;
    const decoded = decodeEvent(record.value);
    if (!decoded.ok) {
      logger.error(
        { group: groupId, topic: record.topic, offset: String(record.offset), err: decoded.error },
        'undecodable event dead-lettered',
      );
      if (await this.deadLetter(session, record, `undecodable: ${decoded.error}`, 0)) this.commit(record);
      return;
    }
    const event = decoded.event;
    if (!subscription.types.includes(event.type)) return this.commit(record);
    const outcome = await deliverWithRetry(subscription, event, retry, logger, session.stop.signal);
    if (outcome.status === 'aborted') return;
    if (outcome.status === 'failed') {
      logger.error(
        {
          group: groupId,
          eventId: event.id,
          type: event.type,
          attempts: outcome.attempts,
          err: outcome.error,
        },
        'event dead-lettered',
      );
      if (!(await this.deadLetter(session, record, outcome.error, outcome.attempts))) return;
    }
    this.commit(record);
  }

  /**
   * Records of one partition that queued up: their events in one deliverBatch, then one commit (of
   * the last offset, which covers the others). Anything unusual — an undecodable record, a failed
   * batch — and they go one by one through `handle`, with its retries and dead-lettering; what the
   * batch already applied is absorbed by the consumer's inbox.
   */
  private async handleBatch(session: Session, records: Record[]): Promise<void> {
    const { subscription } = this.options;
    const decoded = records.map((record) => decodeEvent(record.value));
    if (decoded.every((d) => d.ok) && subscription.deliverBatch) {
      const events: AnyCloudEvent[] = [];
      for (const d of decoded) if (d.ok && subscription.types.includes(d.event.type)) events.push(d.event);
      try {
        if (events.length > 0) await subscription.deliverBatch(events);
        this.commit(records[records.length - 1]!);
        return;
      } catch (error) {
        this.options.logger.debug(
          { group: this.options.groupId, err: errorText(error), size: events.length },
          'batch failed; delivering its events one by one',
        );
      }
    }
    for (const record of records) {
      if (session.stop.signal.aborted) return;
      await this.handle(session, record);
    }
  }

  /** True once the dead-letter topic holds the record; false when the session ended first. */
  private async deadLetter(
    session: Session,
    record: Record,
    error: string,
    attempts: number,
  ): Promise<boolean> {
    for (let failures = 1; !session.stop.signal.aborted; failures++) {
      try {
        await this.options.deadLetter({ record, group: this.options.groupId, error, attempts });
        return true;
      } catch (cause) {
        this.options.logger.warn(
          { group: this.options.groupId, err: errorText(cause) },
          'dead-letter write failed; retrying',
        );
        await pause(backoff(this.options.retry, failures), session.stop.signal);
      }
    }
    return false;
  }

  private commit(record: Record): void {
    // Not awaited: the client coalesces commits per partition, and close() flushes what is queued.
    // A commit lost to a rebalance only means a redelivery the inbox absorbs.
    Promise.resolve(record.commit()).catch((error: unknown) =>
      this.options.logger.debug(
        { group: this.options.groupId, err: errorText(error) },
        'offset commit failed',
      ),
    );
  }
}
