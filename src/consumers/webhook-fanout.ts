import { EVENT_TYPES } from '../domain/events.ts';
import { matchesEventFilters } from '../domain/webhook.ts';
import { defineConsumer } from '../events/consumer.ts';

/**
 * Every event of a user becomes one queued delivery per webhook of that user whose filters match
 * its type (an exact type, "*", or a prefix such as "todo.task.*"). The payload is the CloudEvent
 * as written to the outbox; the delivery worker (jobs/delivery-worker.ts) sends it. Queueing is
 * unique per webhook and event, and the inbox claim shares this transaction: redelivery adds nothing.
 */
export const webhookFanoutConsumer = defineConsumer({
  name: 'webhooks',
  consumes: EVENT_TYPES,
  async handle(event, { repos, deps }) {
    const userId = event.partitionkey;
    const hooks = (await repos.webhooks.list(userId)).filter((hook) =>
      matchesEventFilters(hook.events, event.type),
    );
    if (hooks.length === 0) return;
    const now = deps.clock.now();
    await repos.deliveries.enqueue(
      hooks.map((hook) => ({
        id: deps.newId(),
        channel: 'webhook' as const,
        target: hook.id,
        userId,
        eventId: event.id,
        payload: event,
        createdAt: now,
      })),
    );
  },
});
