// The Dapr bus: publishes through the sidecar's HTTP API and receives through routes the sidecar
// calls (served by http/routes/dapr.ts). Dapr allows one subscription per topic per pub/sub
// component and app, so the app subscribes each topic once and fans the event out to its local
// groups itself. The Kafka component takes its consumer group from the component (never from a
// subscription: components-contrib 1.18 ignores subscription metadata), so broadcast groups use a
// second component whose consumer group is per replica (deploy/dapr/components). Subscriptions
// are bulk: the sidecar hands over up to BULK.maxMessagesCount events of a partition per request,
// which the local groups take in one transaction each (deliverBatch), one by one when that fails.
import { type AnyCloudEvent, EVENT_TOPIC, type Topic } from '../../domain/events.ts';
import type { EventBus, Logger, Subscription } from '../../ports/index.ts';
import { DaprSidecar, type SidecarOptions, waves } from './dapr-sidecar.ts';
import { deadLetterTopicName, decodeEvent, errorText, topicName, topicsOf } from './envelope.ts';

export type DaprStatus = 'SUCCESS' | 'RETRY' | 'DROP';

/** One entry of GET /dapr/subscribe (programmatic subscription). */
export interface DaprSubscriptionEntry {
  pubsubname: string;
  topic: string;
  route: string;
  deadLetterTopic: string;
  bulkSubscribe: typeof BULK;
}

/**
 * Bulk delivery: at most this many events per request, and a partial bulk waits at most this long
 * (the latency it may add when events trickle in).
 */
const BULK = { enabled: true, maxMessagesCount: 200, maxAwaitDurationMs: 10 } as const;

/** One entry of a bulk delivery (Dapr's BulkSubscribeMessageItem). */
interface BulkEntry {
  entryId: string;
  event: unknown;
  metadata?: Record<string, string>;
}

export interface BulkStatus {
  entryId: string;
  status: DaprStatus;
}

/** Where the sidecar found the event (Kafka partition and offset arrive as __partition/__offset). */
export interface DeliveryMeta {
  partition?: string | undefined;
  offset?: string | undefined;
}

export interface DaprBusOptions extends SidecarOptions {
  /** Component whose consumer group is per replica, for broadcast subscriptions. */
  broadcastPubsub: string;
  prefix?: string;
  logger: Logger;
  /**
   * Failed deliveries of one event to one group before the app dead-letters it itself (with the
   * error); the sidecar's resiliency policy must allow more retries than this.
   */
  attempts?: number;
}

interface Route {
  pubsub: string;
  topic: Topic;
  groups: Subscription[];
}

/** Bounds the memory of per-event bookkeeping for events the sidecar gave up on. */
const MAX_TRACKED = 10_000;

export class DaprBus implements EventBus {
  readonly name = 'dapr';
  private readonly options: DaprBusOptions;
  private readonly sidecar: DaprSidecar;
  private readonly prefix: string;
  private readonly routes = new Map<string, Route>();
  private readonly groups = new Set<string>();
  /** Failed attempts per group and event, while the sidecar keeps redelivering. */
  private readonly failures = new Map<string, number>();
  /** Groups that already handled an event the sidecar redelivers because another group failed. */
  private readonly handled = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private served = false;
  private closed = false;

  constructor(options: DaprBusOptions) {
    this.options = options;
    this.sidecar = new DaprSidecar(options);
    this.prefix = options.prefix ?? '';
  }

  async publish(events: AnyCloudEvent[]): Promise<void> {
    if (this.closed) throw new Error('the dapr bus is closed');
    // Waves keep each user's order (see waves()); many users' events share a bulk request, far
    // faster than one request per event through the sidecar (ADR 007).
    for (const wave of waves(events)) {
      const byTopic = new Map<string, AnyCloudEvent[]>();
      for (const event of wave) {
        const topic = topicName(this.prefix, EVENT_TOPIC[event.type]);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), event]);
      }
      const results = await Promise.allSettled(
        [...byTopic].map(([topic, batch]) => this.sidecar.publishBulk(topic, batch)),
      );
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.groups.has(subscription.group))
      throw new Error(`consumer group ${subscription.group} is already subscribed`);
    const pubsub = subscription.broadcast ? this.options.broadcastPubsub : this.options.pubsub;
    for (const topic of topicsOf(subscription.types)) {
      const key = routeKey(pubsub, topicName(this.prefix, topic));
      const route = this.routes.get(key) ?? { pubsub, topic, groups: [] };
      route.groups.push(subscription);
      this.routes.set(key, route);
    }
    this.groups.add(subscription.group);
    if (this.served)
      this.options.logger.warn(
        { group: subscription.group },
        'subscribed after the sidecar read /dapr/subscribe: new topics are only picked up when it restarts',
      );
  }

  /** The answer to GET /dapr/subscribe. */
  subscriptions(): DaprSubscriptionEntry[] {
    this.served = true;
    return [...this.routes.values()].map(({ pubsub, topic }) => ({
      pubsubname: pubsub,
      topic: topicName(this.prefix, topic),
      route: `/dapr/bulk/${encodeURIComponent(pubsub)}/${encodeURIComponent(topicName(this.prefix, topic))}`,
      deadLetterTopic: deadLetterTopicName(this.prefix, topic),
      bulkSubscribe: BULK,
    }));
  }

  /**
   * Handles one delivery from the sidecar: SUCCESS once every local group of the topic handled the
   * event (or dead-lettered it), RETRY when one failed (the sidecar redelivers with back-off and
   * the groups that already succeeded are skipped), DROP when the body is not a catalogue event.
   */
  handle(pubsub: string, topic: string, body: string, meta: DeliveryMeta = {}): Promise<DaprStatus> {
    const work = this.dispatch(pubsub, topic, body, meta);
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  /**
   * Handles one bulk delivery (events of one partition, in order): a status per entry, as
   * handle() answers for one. The sidecar redelivers only the entries answered RETRY, in order.
   */
  handleBulk(pubsub: string, topic: string, body: string): Promise<BulkStatus[]> {
    const work = this.dispatchBulk(pubsub, topic, body);
    this.inflight.add(work);
    const done = () => this.inflight.delete(work);
    work.then(done, done); // the caller handles a rejection
    return work;
  }

  async healthy(): Promise<boolean> {
    return !this.closed && (await this.sidecar.healthy());
  }

  /** Waits for deliveries in progress; the sidecar redelivers anything answered after that. */
  async close(): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, this.options.timeoutMs ?? 10_000);
    });
    await Promise.race([Promise.allSettled([...this.inflight]), timeout]);
    clearTimeout(timer);
  }

  private async dispatch(
    pubsub: string,
    topic: string,
    body: string,
    meta: DeliveryMeta,
  ): Promise<DaprStatus> {
    const { logger } = this.options;
    // Shutting down: the sidecar redelivers to whoever takes over (or to us after the restart).
    if (this.closed) return 'RETRY';
    const route = this.routes.get(routeKey(pubsub, topic));
    if (!route) {
      logger.error({ pubsub, topic }, 'event for a topic this app does not subscribe: dropped');
      return 'DROP';
    }
    const decoded = decodeEvent(body);
    if (!decoded.ok) {
      logger.error({ pubsub, topic, err: decoded.error }, 'undecodable event dropped (dead-letter topic)');
      return 'DROP';
    }
    const event = decoded.event;
    const groups = route.groups.filter((group) => group.types.includes(event.type));
    const results = await Promise.all(groups.map((group) => this.deliver(group, event, route, meta)));
    if (results.every(Boolean)) {
      for (const group of groups) this.handled.delete(trackKey(group, event));
      return 'SUCCESS';
    }
    return 'RETRY';
  }

  private async dispatchBulk(pubsub: string, topic: string, body: string): Promise<BulkStatus[]> {
    const { logger } = this.options;
    let entries: BulkEntry[];
    try {
      const parsed = JSON.parse(body) as { entries?: unknown };
      if (!Array.isArray(parsed.entries)) throw new Error('no entries');
      entries = (parsed.entries as BulkEntry[]).filter((e) => typeof e?.entryId === 'string');
    } catch (error) {
      // Nothing to answer per entry: a non-2xx makes the sidecar retry the whole bulk.
      throw new Error(`malformed bulk delivery: ${errorText(error)}`);
    }
    const answer = (status: DaprStatus) => entries.map(({ entryId }) => ({ entryId, status }));
    if (this.closed) return answer('RETRY');
    const route = this.routes.get(routeKey(pubsub, topic));
    if (!route) {
      logger.error({ pubsub, topic }, 'events for a topic this app does not subscribe: dropped');
      return answer('DROP');
    }
    const statuses = new Map<string, DaprStatus>();
    const events: { entryId: string; event: AnyCloudEvent; meta: DeliveryMeta }[] = [];
    for (const entry of entries) {
      const decoded = decodeEvent(
        typeof entry.event === 'string' ? entry.event : JSON.stringify(entry.event),
      );
      if (!decoded.ok) {
        logger.error({ pubsub, topic, err: decoded.error }, 'undecodable event dropped (dead-letter topic)');
        statuses.set(entry.entryId, 'DROP');
        continue;
      }
      const meta = { partition: entry.metadata?.__partition, offset: entry.metadata?.__offset };
      events.push({ entryId: entry.entryId, event: decoded.event, meta });
      statuses.set(entry.entryId, 'SUCCESS');
    }
    await Promise.all(
      route.groups.map(async (group) => {
        const mine = events.filter(
          ({ event }) => group.types.includes(event.type) && !this.handled.has(trackKey(group, event)),
        );
        if (mine.length > 1 && group.deliverBatch) {
          try {
            await group.deliverBatch(mine.map((m) => m.event));
            for (const { event } of mine) remember(this.handled, trackKey(group, event));
            return;
          } catch {
            // One of them failed: one by one, so only that one is retried and dead-lettered.
          }
        }
        let failed = false;
        for (const { entryId, event, meta } of mine) {
          // After a failure the group takes none of the later events: a user's order holds.
          if (failed || !(await this.deliver(group, event, route, meta))) {
            failed = true;
            statuses.set(entryId, 'RETRY');
          }
        }
      }),
    );
    for (const { entryId, event } of events)
      if (statuses.get(entryId) === 'SUCCESS')
        for (const group of route.groups) this.handled.delete(trackKey(group, event));
    return entries.map(({ entryId }) => ({ entryId, status: statuses.get(entryId) ?? 'RETRY' }));
  }

  private async deliver(
    group: Subscription,
    event: AnyCloudEvent,
    route: Route,
    meta: DeliveryMeta,
  ): Promise<boolean> {
    const key = trackKey(group, event);
    if (this.handled.has(key)) return true;
    try {
      await group.deliver(event);
      this.failures.delete(key);
      remember(this.handled, key);
      return true;
    } catch (error) {
      const message = errorText(error);
      const attempts = (this.failures.get(key) ?? 0) + 1;
      const { logger } = this.options;
      this.failures.set(key, attempts);
      if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
      if (attempts < (this.options.attempts ?? 5)) {
        logger.warn(
          { group: group.group, eventId: event.id, attempt: attempts, err: message },
          'retrying event',
        );
        return false;
      }
      logger.error(
        { group: group.group, eventId: event.id, type: event.type, attempts, err: message },
        'event dead-lettered',
      );
      try {
        await this.sidecar.publish(deadLetterTopicName(this.prefix, route.topic), event, {
          'dlq-error': message.slice(0, 1_000),
          'dlq-group': group.group,
          'dlq-topic': topicName(this.prefix, route.topic),
          'dlq-attempts': String(attempts),
          'dlq-time': new Date().toISOString(),
          ...(meta.partition ? { 'dlq-partition': meta.partition } : {}),
          ...(meta.offset ? { 'dlq-offset': meta.offset } : {}),
        });
      } catch (cause) {
        logger.warn(
          { group: group.group, eventId: event.id, err: errorText(cause) },
          'dead-letter publish failed',
        );
        return false;
      }
      this.failures.delete(key);
      remember(this.handled, key);
      return true;
    }
  }
}

function routeKey(pubsub: string, topic: string): string {
  return `${pubsub}\u0000${topic}`;
}

function trackKey(group: Subscription, event: AnyCloudEvent): string {
  return `${group.group}\u0000${event.id}`;
}

function remember(set: Set<string>, key: string): void {
  set.add(key);
  if (set.size > MAX_TRACKED) set.delete(set.values().next().value!);
}
