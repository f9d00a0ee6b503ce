import { isUuid } from '../domain/ids.ts';
import { notFound } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import type { DeliveryRecord } from '../ports/notifications.ts';

/** The latest deliveries to one of the actor's webhooks, newest first: what failed and why. */
export async function listWebhookDeliveries(
  deps: AppDeps,
  actor: Actor,
  id: string,
  limit: number,
): Promise<DeliveryRecord[]> {
  const webhook = isUuid(id) ? await deps.uow.read.webhooks.find(actor.userId, id) : null;
  if (!webhook) throw notFound('webhook');
  return deps.uow.read.deliveries.recent(actor.userId, 'webhook', webhook.id, limit);
}
