import { isUuid } from '../domain/ids.ts';
import { notFound } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';

/** Removes the webhook and what is still queued for it; delivered and failed rows stay as history. */
export async function deleteWebhook(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound('webhook');
  await deps.uow.transaction(async (repos) => {
    if (!(await repos.webhooks.delete(actor.userId, id))) throw notFound('webhook');
    await repos.deliveries.cancelPending('webhook', id);
  });
}
