// Shared pieces of the bus contract suite: which adapters run (BUS_ADAPTERS, default all three),
// recording subscriptions, a consumer with a non-idempotent effect, and event generators.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema.ts';
import { type AnyCloudEvent, type EventType, makeEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { defineConsumer } from '../../src/events/consumer.ts';
import type { Subscription } from '../../src/ports/index.ts';
import { daprHarness } from './dapr-harness.ts';
import { type AdapterName, type Harness, memoryHarness, taskEvent } from './harness.ts';
import { kafkaHarness } from './kafka-harness.ts';

export const FACTORIES: Record<AdapterName, () => Promise<Harness>> = {
  memory: async () => memoryHarness(),
  kafka: kafkaHarness,
  dapr: daprHarness,
};
export const ADAPTERS = (process.env.BUS_ADAPTERS ?? 'memory,kafka,dapr').split(',') as AdapterName[];

/** A subscription that records what it receives (and may misbehave first). */
export function recorder(
  group: string,
  types: EventType[] = ['todo.task.created'],
  fail?: (event: AnyCloudEvent) => void,
) {
  const seen: AnyCloudEvent[] = [];
  const calls = new Map<string, number>();
  const subscription: Subscription = {
    group,
    types,
    deliver: async (event) => {
      calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
      fail?.(event);
      seen.push(event);
    },
  };
  return { subscription, seen, calls, labels: () => seen.map((e) => e.subject) };
}

/** A consumer whose effect is a plain insert (not idempotent by itself): only the inbox dedupes. */
export function effectConsumer(name: string) {
  return defineConsumer({
    name,
    consumes: ['todo.task.created'],
    async handle(event, { repos, deps }) {
      const meta = {
        id: deps.newId(),
        source: deps.source,
        subject: `${name}:${event.id}`,
        userId: event.partitionkey,
        time: deps.clock.now(),
      };
      await repos.outbox.append([makeEvent('todo.task.updated', event.data, meta)]);
    },
  });
}

/** How many times consumer `name` applied its effect for an event. */
export async function effects(db: Db, name: string, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(sql`${outbox.payload}->>'subject' = ${`${name}:${eventId}`}`);
  return Number(row?.n ?? 0);
}

/** `count` events for each of `users`, interleaved, labelled user:index. */
export function interleaved(users: string[], count: number): AnyCloudEvent[] {
  return Array.from({ length: count }, (_, i) => users.map((user) => taskEvent(user, `${user}:${i}`))).flat();
}

export const reminder = (user: string, label: string) =>
  makeEvent(
    'todo.reminder.due',
    {
      reminderId: newId(),
      taskId: newId(),
      userId: user,
      title: label,
      dueAt: null,
      remindAt: new Date().toISOString(),
    },
    { id: newId(), source: 'taskstream/test', subject: label, userId: user, time: new Date() },
  );
