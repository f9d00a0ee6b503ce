// The Kafka bus (@platformatic/kafka, ADR 007). Events travel as structured-mode CloudEvents keyed
// by user id, so one user's events share a partition and stay in order. publish resolves only when
// the broker acknowledged every event on all in-sync replicas (idempotent producer, acks=all): the
// relay marks outbox rows published after that, and retries the whole batch when it throws.
import { Admin, compatibilityPartitioner, ProduceAcks, Producer } from '@platformatic/kafka';
import { type AnyCloudEvent, EVENT_TOPIC, TOPICS } from '../../domain/events.ts';
import type { EventBus, Logger, Subscription } from '../../ports/index.ts';
import { deadLetterTopicName, topicName, topicsOf } from './envelope.ts';
import { type DeadLetter, KafkaGroup } from './kafka-group.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';

export interface KafkaBusOptions {
  brokers: string[];
  logger: Logger;
  /** Names per-replica groups of broadcast subscriptions. */
  replicaId: string;
  clientId?: string;
  /** Prefix of topic and consumer group names (separate deployments or test runs on one cluster). */
  prefix?: string;
  /** Partitions of topics this bus creates (existing topics are left as they are). */
  partitions?: number;
  retry?: Partial<RetryPolicy>;
  /** How fast the group notices a member that died (broker bounds: 6 s to 5 min by default). */
  sessionTimeoutMs?: number;
  /** How long close() waits for in-flight deliveries before leaving them uncommitted. */
  closeTimeoutMs?: number;
}

const HEALTH_TIMEOUT_MS = 2_000;

export class KafkaBus implements EventBus {
  readonly name = 'kafka';
  private readonly options: KafkaBusOptions;
  private readonly prefix: string;
  private readonly clientId: string;
  private readonly retry: RetryPolicy;
  private readonly groups = new Map<string, KafkaGroup>();
  private producer: Producer<Buffer, Buffer, string, string> | null = null;
  private topicsReady: Promise<void> | null = null;
  private healthAdmin: Admin | null = null;
  private closed = false;

  constructor(options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new Error('the kafka bus needs at least one broker');
    this.options = options;
    this.prefix = options.prefix ?? '';
    this.clientId = options.clientId ?? 'taskstream';
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  async publish(events: AnyCloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (this.closed) throw new Error('the kafka bus is closed');
    await this.ensureTopics();
    const producer = this.getProducer();
    try {
      await producer.send({
        messages: events.map((event) => ({
          topic: topicName(this.prefix, EVENT_TOPIC[event.type]),
          key: Buffer.from(event.partitionkey),
          value: Buffer.from(JSON.stringify(event)),
          headers: { 'content-type': 'application/cloudevents+json', ce_type: event.type, ce_id: event.id },
        })),
      });
    } catch (error) {
      // A failed send may leave the idempotent session in an unknown state; the relay republishes
      // the whole batch through a fresh producer (duplicates are absorbed by the inboxes).
      this.dropProducer(producer);
      throw error;
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.closed) throw new Error('the kafka bus is closed');
    if (this.groups.has(subscription.group))
      throw new Error(`consumer group ${subscription.group} is already subscribed`);
    const group = new KafkaGroup({
      subscription,
      groupId: this.groupId(subscription),
      topics: topicsOf(subscription.types).map((topic) => topicName(this.prefix, topic)),
      clientId: this.clientId,
      brokers: this.options.brokers,
      fromLatest: subscription.broadcast === true,
      retry: this.retry,
      deadLetter: (dead) => this.deadLetter(dead),
      topicsReady: () => this.ensureTopics(),
      logger: this.options.logger,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 10_000,
    });
    this.groups.set(subscription.group, group);
    // Not awaited: an unreachable broker must not stop the process from starting (the API keeps
    // taking writes into the outbox); the group joins once the broker answers.
    group.start();
  }

  /** The broker-side consumer group of a subscription. */
  groupId(subscription: Pick<Subscription, 'group' | 'broadcast'>): string {
    const base = subscription.broadcast
      ? `${subscription.group}-${this.options.replicaId}`
      : subscription.group;
    return `${this.prefix}${base}`;
  }

  /** Resolves once every subscribed group has joined (tests, and start-up logs). */
  async joined(): Promise<void> {
    await Promise.all([...this.groups.values()].map((group) => group.joined));
  }

  async healthy(): Promise<boolean> {
    if (this.closed) return false;
    this.healthAdmin ??= new Admin({
      clientId: `${this.clientId}-health`,
      bootstrapBrokers: this.options.brokers,
      retries: 0,
      timeout: HEALTH_TIMEOUT_MS,
      connectTimeout: HEALTH_TIMEOUT_MS,
    });
    const check = this.healthAdmin.metadata({ topics: [], forceUpdate: true }).then(
      (metadata) => metadata.brokers.size > 0,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS + 500);
    });
    const ok = await Promise.race([check, timeout]);
    clearTimeout(timer);
    return ok;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const timeout = this.options.closeTimeoutMs ?? 10_000;
    await Promise.all([...this.groups.values()].map((group) => group.close(timeout)));
    await Promise.allSettled([this.producer?.close(true), this.healthAdmin?.close()]);
    this.producer = null;
  }

  private async deadLetter({ record, group, error, attempts }: DeadLetter): Promise<void> {
    const headers = new Map<string, string>();
    for (const [key, value] of record.headers) headers.set(key.toString(), value.toString());
    headers.set('dlq-error', error.slice(0, 2_000));
    headers.set('dlq-group', group);
    headers.set('dlq-topic', record.topic);
    headers.set('dlq-partition', String(record.partition));
    headers.set('dlq-offset', String(record.offset));
    headers.set('dlq-attempts', String(attempts));
    headers.set('dlq-time', new Date().toISOString());
    const producer = this.getProducer();
    try {
      await producer.send({
        messages: [{ topic: `${record.topic}.dlq`, key: record.key, value: record.value, headers }],
      });
    } catch (cause) {
      this.dropProducer(producer);
      throw cause;
    }
  }

  private getProducer(): Producer<Buffer, Buffer, string, string> {
    this.producer ??= new Producer({
      clientId: this.clientId,
      bootstrapBrokers: this.options.brokers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      // Java-compatible murmur2: a key lands on the partition any other Kafka client would pick.
      partitioner: compatibilityPartitioner,
      serializers: { headerKey: toBuffer, headerValue: toBuffer },
      // Bounded: with the broker down, publish fails within seconds and the relay backs off.
      retries: 3,
      retryDelay: 300,
      connectTimeout: 3_000,
      timeout: 10_000,
    });
    return this.producer;
  }

  private dropProducer(producer: Producer<Buffer, Buffer, string, string>): void {
    if (this.producer === producer) this.producer = null;
    producer.close(true).catch(() => {});
  }

  /** Creates missing topics (and their dead-letter topics) once; retried after a failure. */
  private ensureTopics(): Promise<void> {
    this.topicsReady ??= this.createTopics().catch((error: unknown) => {
      this.topicsReady = null;
      throw error;
    });
    return this.topicsReady;
  }

  private async createTopics(): Promise<void> {
    const wanted = TOPICS.flatMap((topic) => [
      topicName(this.prefix, topic),
      deadLetterTopicName(this.prefix, topic),
    ]);
    const admin = new Admin({
      clientId: `${this.clientId}-admin`,
      bootstrapBrokers: this.options.brokers,
      retries: 1,
      connectTimeout: 3_000,
      timeout: 10_000,
    });
    try {
      const missing = async () => {
        const existing = new Set(await admin.listTopics());
        return wanted.filter((topic) => !existing.has(topic));
      };
      const absent = await missing();
      if (absent.length === 0) return;
      try {
        await admin.createTopics({ topics: absent, partitions: this.options.partitions ?? 6, replicas: -1 });
        this.options.logger.info({ topics: absent }, 'kafka topics created');
      } catch (error) {
        // Another replica may have created some of them first: only what is still absent matters.
        if ((await missing()).length > 0) throw error;
      }
    } finally {
      await admin.close().catch(() => {});
    }
  }
}

function toBuffer(value: string | undefined): Buffer | undefined {
  return value === undefined ? undefined : Buffer.from(value);
}
