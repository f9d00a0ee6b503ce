// A consumer declares the event types it applies to; the runner gives each delivery exactly-once
// effect by claiming the event id in the inbox inside the effect's transaction.
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
  handle(event: { [K in T]: CloudEvent<K> }[T], ctx: ConsumerContext): Promise<void>;
  /** Optional: the effect of several events at once (same transaction, same result as one by one). */
  handleBatch?(events: { [K in T]: CloudEvent<K> }[T][], ctx: ConsumerContext): Promise<void>;
}

export function defineConsumer<const T extends EventType>(consumer: Consumer<T>): Consumer<T> {
  return consumer;
}

/** Wraps a consumer for the bus: inbox claim and effect commit together, or neither does. */
export function subscriptionFor(consumer: Consumer, deps: AppDeps): Subscription {
  return {
    group: consumer.name,
    types: consumer.consumes,
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
              const unseen = events.filter((event) => fresh.has(event.id));
              if (consumer.handleBatch) await consumer.handleBatch(unseen as never, { repos, deps });
              else for (const event of unseen) await consumer.handle(event as never, { repos, deps });
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
