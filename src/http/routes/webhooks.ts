import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/problem.ts';
import {
  CreatedWebhookSchema,
  CreateWebhookBody,
  DeliveryListQuery,
  DeliveryListSchema,
  WEBHOOK_LIMITS,
  WebhookListSchema,
} from '../../../contract/webhook.ts';
import { createWebhook } from '../../app/create-webhook.ts';
import { deleteWebhook } from '../../app/delete-webhook.ts';
import { listWebhookDeliveries } from '../../app/list-webhook-deliveries.ts';
import { listWebhooks } from '../../app/list-webhooks.ts';
import { EVENT_TYPES } from '../../domain/events.ts';
import type { AppDeps } from '../../ports/index.ts';
import type { DeliveryRecord, Webhook } from '../../ports/notifications.ts';
import { actorOf } from '../plugins/auth.ts';

const IdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema };

/** Never the secret. */
const present = (hook: Webhook) => ({
  id: hook.id,
  url: hook.url,
  events: hook.events,
  createdAt: hook.createdAt.toISOString(),
});

const presentDelivery = (d: DeliveryRecord) => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});

const DELIVERY_DOC = `Each matching event is POSTed to \`url\` as a CloudEvent (JSON, structured mode) with
\`Content-Type: application/cloudevents+json\` and the headers
- \`Webhook-Id\`: the event id (the same on every retry: use it to drop duplicates),
- \`Webhook-Timestamp\`: Unix seconds when this attempt was signed,
- \`Webhook-Signature: t=<Webhook-Timestamp>,v1=<hex>\`, where hex is HMAC-SHA256 keyed with the
  secret (the whole \`whsec_…\` string as UTF-8) over \`<t>.\` followed by the exact body bytes.
  Recompute it, compare in constant time, and refuse timestamps more than 5 minutes off.

Any 2xx answer is success. Anything else (redirects are not followed), a network error or no answer
within 10 s is retried with exponential back-off (10 s doubling up to 1 h, ±20 % jitter) for up
to 10 attempts, then the delivery is marked failed (see \`GET /api/webhooks/{id}/deliveries\`).
Deliveries are at least once and not ordered.

\`events\` lists event types (${EVENT_TYPES.join(', ')}), \`*\` for all, or prefixes such as
\`todo.task.*\`. The secret is in this answer only. At most ${WEBHOOK_LIMITS.perUser} webhooks per user (409 beyond).`;

export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.get(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Outgoing webhooks (without secrets)',
        response: { 200: WebhookListSchema, ...errors },
      },
    },
    async (req) => ({ items: (await listWebhooks(deps, actorOf(req))).map(present) }),
  );

  r.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Register a webhook; the answer shows its secret once',
        description: DELIVERY_DOC,
        body: CreateWebhookBody,
        response: { 201: CreatedWebhookSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const hook = await createWebhook(deps, actorOf(req), req.body);
      return reply
        .code(201)
        .header('location', `/api/webhooks/${hook.id}`)
        .send({ ...present(hook), secret: hook.secret });
    },
  );

  r.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook (and what is still queued for it)',
        params: IdParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteWebhook(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Recent deliveries to a webhook, newest first',
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryListSchema, ...errors },
      },
    },
    async (req) => ({
      items: (await listWebhookDeliveries(deps, actorOf(req), req.params.id, req.query.limit)).map(
        presentDelivery,
      ),
    }),
  );
}
