// A consumer declares the event types it applies to; the runner gives each delivery exactly-once
// effect by claiming the event id in the inbox inside the effect's transaction — or, for a
// consumer whose effect is itself keyed by the event id, by that key alone.
import type { AnyCloudEvent, CloudEvent, EventType } from '../domain/events.ts';
import type { AppDeps, Repositories, Subscription } from '../ports/index.ts';

export interface ConsumerContext {
  /** Repositories bound to the transaction that also records the event as handled. */
  repos: Repositories;
  deps: AppDeps;
}

export interface Consumer<T extends EventType = EventType> {
  /** Also the consumer group and the inbox key: renaming it replays history. */
  name: string;
  consumes: readonly T[];
  /** Take the user's write lock: needed by consumers that change tasks, so events stay in order. */
  lockUser?: boolean;
  /**
   * The effect is a single write keyed by the event id (a unique key that ignores repeats), so
   * the inbox would only record the same fact twice: it is skipped, and so is the transaction
   * (`repos` are then not transactional; each handler call must be one statement).
   */
  keyedByEvent?: boolean;
  handle(event: { [K in T]: CloudEvent<K> }[T], ctx: ConsumerContext): Promise<void>;
  /** Optional: the effect of several events at once (same transaction, same result as one by one). */
  handleBatch?(events: { [K in T]: CloudEvent<K> }[T][], ctx: ConsumerContext): Promise<void>;
}

export function defineConsumer<const T extends EventType>(consumer: Consumer<T>): Consumer<T> {
  return consumer;
}

async function handleAll(consumer: Consumer, events: AnyCloudEvent[], ctx: ConsumerContext): Promise<void> {
  if (events.length === 0) return;
  if (consumer.handleBatch) await consumer.handleBatch(events as never, ctx);
  else for (const event of events) await consumer.handle(event as never, ctx);
}

/** Wraps a consumer for the bus: inbox claim and effect commit together, or neither does. */
export function subscriptionFor(consumer: Consumer, deps: AppDeps): Subscription {
  const base = { group: consumer.name, types: consumer.consumes };
  if (consumer.keyedByEvent) {
    const ctx = { repos: deps.uow.read, deps };
    return {
      ...base,
      deliver: (event) => consumer.handle(event as never, ctx),
      deliverBatch: (events) => handleAll(consumer, events, ctx),
    };
  }
  return {
    ...base,
    deliver: (event) =>
      deps.uow.transaction(
        async (repos) => {
          if (!(await repos.inbox.claim(consumer.name, event.id))) return;
          await consumer.handle(event as never, { repos, deps });
        },
        consumer.lockUser ? { lockKey: event.partitionkey } : undefined,
      ),
    // Consumers that take a user lock stay one event per transaction (a batch spans users).
    ...(consumer.lockUser
      ? {}
      : {
          deliverBatch: (events: AnyCloudEvent[]) =>
            deps.uow.transaction(async (repos) => {
              const fresh = await repos.inbox.claimMany(
                consumer.name,
                events.map((e) => e.id),
              );
              await handleAll(
                consumer,
                events.filter((event) => fresh.has(event.id)),
                { repos, deps },
              );
            }),
        }),
  };
}

/** Refuses to start when the catalogue has a type no consumer handles: it would be silently dropped. */
export function assertEveryTypeHandled(all: readonly EventType[], consumers: readonly Consumer[]): void {
  const handled = new Set(consumers.flatMap((c) => c.consumes));
  const missing = all.filter((type) => !handled.has(type));
  if (missing.length > 0) throw new Error(`No consumer handles event type(s): ${missing.join(', ')}`);
}
