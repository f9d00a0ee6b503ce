import type { Actor, AppDeps } from '../ports/index.ts';
import type { Webhook } from '../ports/notifications.ts';

/** Oldest first. Secrets stay inside: presenters must not show them. */
export function listWebhooks(deps: AppDeps, actor: Actor): Promise<Webhook[]> {
  return deps.uow.read.webhooks.list(actor.userId);
}
