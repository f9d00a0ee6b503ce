// Sends one webhook call: the CloudEvent as JSON (structured mode), signed (events/webhook-signature.ts).
// 2xx is success; any other answer, a redirect, a network error or the timeout is a failure the
// delivery worker retries.
import { SIGNATURE_HEADER, signWebhook } from '../events/webhook-signature.ts';
import type { Clock } from '../ports/index.ts';
import type { WebhookSender } from '../ports/notifications.ts';

export const WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json';
const USER_AGENT = 'Taskstream-Webhooks/1';

export class FetchWebhookSender implements WebhookSender {
  private readonly clock: Clock;
  constructor(options: { clock: Clock }) {
    this.clock = options.clock;
  }

  async send(
    webhook: { url: string; secret: string },
    message: { eventId: string; deliveryId: string; attempt: number; event: unknown },
    signal: AbortSignal,
  ): Promise<void> {
    const body = JSON.stringify(message.event);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const response = await fetch(webhook.url, {
      method: 'POST',
      body,
      signal,
      // A redirect would send the signed event somewhere the owner did not name.
      redirect: 'manual',
      headers: {
        'content-type': WEBHOOK_CONTENT_TYPE,
        'user-agent': USER_AGENT,
        'webhook-id': message.eventId,
        'webhook-timestamp': String(timestamp),
        [SIGNATURE_HEADER.toLowerCase()]: signWebhook(webhook.secret, timestamp, body),
        'webhook-attempt': String(message.attempt),
      },
    });
    // The answer's body is of no interest; not reading it frees the connection.
    await response.body?.cancel().catch(() => {});
    if (response.status < 200 || response.status > 299)
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
}
