import type { AnyCloudEvent } from '../domain/events.ts';
import { CLIENT_SIGNAL_TYPES, EVENT_TYPES } from '../domain/events.ts';
import { matchesEventFilters } from '../domain/webhook.ts';
import { type ConsumerContext, defineConsumer } from '../events/consumer.ts';
import type { Webhook } from '../ports/notifications.ts';

/** One queued delivery per matching webhook of each event's user; one insert for them all. */
async function fanOut(events: AnyCloudEvent[], hooks: Webhook[], { repos, deps }: ConsumerContext) {
  const now = deps.clock.now();
  const deliveries = events.flatMap((event) =>
    hooks
      .filter((hook) => hook.userId === event.partitionkey && matchesEventFilters(hook.events, event.type))
      .map((hook) => ({
        id: deps.newId(),
        channel: 'webhook' as const,
        target: hook.id,
        userId: event.partitionkey,
        eventId: event.id,
        payload: event,
        createdAt: now,
      })),
  );
  if (deliveries.length > 0) await repos.deliveries.enqueue(deliveries);
}

/**
 * Every event of a user (but the client-only signals) becomes one queued delivery per webhook of
 * that user whose filters match its type (an exact type, "*", or a prefix such as "todo.task.*"). The payload is the CloudEvent
 * as written to the outbox; the delivery worker (jobs/delivery-worker.ts) sends it. Queueing is
 * unique per webhook and event, so the one insert is the whole effect and needs no inbox row (every
 * event passes here, most for users without webhooks: the inbox was a write per event for nothing).
 * An event reaches the webhooks that exist when it is handled; a redelivery (seconds later, after a
 * crash between publish and mark) may also reach one created in between, never one twice.
 */
export const webhookFanoutConsumer = defineConsumer({
  name: 'webhooks',
  consumes: EVENT_TYPES.filter((type) => !CLIENT_SIGNAL_TYPES.includes(type)),
  keyedByEvent: true,
  async handle(event, ctx) {
    await fanOut([event], await ctx.repos.webhooks.list(event.partitionkey), ctx);
  },
  async handleBatch(events, ctx) {
    const users = [...new Set(events.map((event) => event.partitionkey))];
    await fanOut(events, await ctx.repos.webhooks.listForUsers(users), ctx);
  },
});
