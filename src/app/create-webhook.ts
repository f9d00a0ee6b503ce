import { randomBytes } from 'node:crypto';
import { type CreateWebhookInput, WEBHOOK_LIMITS } from '../../contract/webhook.ts';
import { eventFilterProblem } from '../domain/webhook.ts';
import { AppError, type FieldError, validationError } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import type { Webhook } from '../ports/notifications.ts';

/** 32 random bytes, prefixed so a leaked secret is recognisable in logs and by secret scanners. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Registers a webhook; the answer is the only time its secret is shown. */
export async function createWebhook(
  deps: AppDeps,
  actor: Actor,
  input: CreateWebhookInput,
): Promise<Webhook> {
  const errors: FieldError[] = [];
  input.events.forEach((filter, i) => {
    const problem = eventFilterProblem(filter);
    if (problem) errors.push({ path: `events.${i}`, message: problem });
  });
  if (errors.length > 0) throw validationError(errors);
  return deps.uow.transaction(
    async (repos) => {
      // Under the user's lock, so two concurrent requests cannot both take the last place.
      if ((await repos.webhooks.count(actor.userId)) >= WEBHOOK_LIMITS.perUser)
        throw new AppError(
          'conflict',
          `You already have ${WEBHOOK_LIMITS.perUser} webhooks, the most allowed: delete one first.`,
        );
      const webhook: Webhook = {
        id: deps.newId(),
        userId: actor.userId,
        url: input.url,
        events: input.events,
        secret: generateWebhookSecret(),
        createdAt: deps.clock.now(),
      };
      await repos.webhooks.insert(webhook);
      return webhook;
    },
    { lockKey: actor.userId },
  );
}
