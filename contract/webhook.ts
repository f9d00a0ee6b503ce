// Wire shapes of outgoing webhooks (DESIGN §4 /api/webhooks). Which event names are accepted is
// checked on the server against the event catalogue (src/domain/webhook.ts).
import { z } from 'zod';

export const WEBHOOK_LIMITS = { perUser: 20, urlMax: 2000, eventsMax: 20, deliveriesMax: 100 } as const;

/** The headers every call carries; the signature format is described at POST /api/webhooks. */
export const WEBHOOK_HEADERS = {
  signature: 'Webhook-Signature',
  id: 'Webhook-Id',
  timestamp: 'Webhook-Timestamp',
} as const;

const webhookUrl = z
  .string()
  .trim()
  .max(WEBHOOK_LIMITS.urlMax, `must be at most ${WEBHOOK_LIMITS.urlMax} characters`)
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    },
    { message: 'must be an http:// or https:// URL' },
  );

export const CreateWebhookBody = z.strictObject({
  url: webhookUrl,
  events: z
    .array(z.string().trim().min(1, 'must not be empty').max(100))
    .min(1, 'name at least one event type, or "*"')
    .max(WEBHOOK_LIMITS.eventsMax, `at most ${WEBHOOK_LIMITS.eventsMax} entries`)
    .transform((list) => [...new Set(list)]),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookBody>;

export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.string(),
});
export type WebhookItem = z.infer<typeof WebhookSchema>;

/** Only the answer to creation carries the secret; it cannot be read again. */
export const CreatedWebhookSchema = WebhookSchema.extend({ secret: z.string() });

export const WebhookListSchema = z.object({ items: z.array(WebhookSchema) });

export const DeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string().nullable(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export const DeliveryListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(WEBHOOK_LIMITS.deliveriesMax).default(20),
});

export const DeliveryListSchema = z.object({ items: z.array(DeliverySchema) });
