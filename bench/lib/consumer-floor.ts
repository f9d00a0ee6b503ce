// Where the events pipeline spends its time, measured without any bus: consumer effects applied
// by the real code path (subscriptionFor), one event per call — what the Kafka and Dapr buses do
// today — and a batch per call (deliverBatch, what the memory bus does), with as many calls in
// flight as a consumer group has partitions. Two consumers: audit (its effect keyed by the event
// id: one statement, no inbox, no transaction) and the same effect behind an inbox claim in a
// transaction, as every other consumer (notifier, recurrence, webhooks) has it.
import { randomUUID } from 'node:crypto';
import { auditConsumer } from '../../src/consumers/audit.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { AnyCloudEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import { type Consumer, defineConsumer, subscriptionFor } from '../../src/events/consumer.ts';
import type { Subscription } from '../../src/ports/index.ts';
import { DrizzleUnitOfWork } from '../../src/repositories/unit-of-work.ts';

function events(n: number): AnyCloudEvent[] {
  const now = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => {
    const taskId = randomUUID();
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: 'bench/floor',
      type: 'todo.task.created',
      subject: taskId,
      time: now,
      datacontenttype: 'application/json',
      partitionkey: `floor-user-${i % 200}`,
      data: { userId: `floor-user-${i % 200}`, task: { id: taskId, title: 'Water the plants' } },
    } as unknown as AnyCloudEvent;
  });
}

/** The audit effect, but claimed in the inbox inside a transaction like every other consumer. */
const inboxConsumer = defineConsumer({
  name: 'floor-inbox',
  consumes: auditConsumer.consumes,
  handle: (event, ctx) => auditConsumer.handle(event, ctx),
  handleBatch: (batch, ctx) => auditConsumer.handleBatch!(batch, ctx),
});

async function rate(
  subscription: Subscription,
  n: number,
  concurrency: number,
  batchSize: number | null,
): Promise<number> {
  const all = events(n);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < all.length) {
        if (batchSize === null) await subscription.deliver(all[next++]!);
        else {
          const batch = all.slice(next, next + batchSize);
          next += batchSize;
          await subscription.deliverBatch!(batch);
        }
      }
    }),
  );
  return Math.round((n * 1_000) / (performance.now() - start));
}

export interface ConsumerFloor {
  concurrency: number;
  batchSize: number;
  /** audit: one INSERT per event (no inbox, no transaction). */
  auditPerEventPerSecond: number;
  /** audit: one multi-row INSERT per batch. */
  auditBatchedPerSecond: number;
  /** an inbox consumer: BEGIN, claim, effect, COMMIT per event. */
  inboxPerEventPerSecond: number;
  /** an inbox consumer: one transaction, one multi-row claim and one multi-row effect per batch. */
  inboxBatchedPerSecond: number;
}

export async function consumerFloor(
  url: string,
  n = 20_000,
  concurrency = 6,
  batchSize = 200,
): Promise<ConsumerFloor> {
  const database = await openDatabase({ url, poolMax: 10 });
  await database.migrate();
  const deps = {
    uow: new DrizzleUnitOfWork(database.db),
    clock: { now: () => new Date() },
    newId,
    source: 'bench',
  };
  try {
    const audit = subscriptionFor(auditConsumer as Consumer, deps);
    const inbox = subscriptionFor(inboxConsumer as Consumer, deps);
    return {
      concurrency,
      batchSize,
      auditPerEventPerSecond: await rate(audit, n, concurrency, null),
      auditBatchedPerSecond: await rate(audit, n, concurrency, batchSize),
      inboxPerEventPerSecond: await rate(inbox, n, concurrency, null),
      inboxBatchedPerSecond: await rate(inbox, n, concurrency, batchSize),
    };
  } finally {
    await database.close();
  }
}
