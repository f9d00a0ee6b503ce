// Bounded redelivery of one event to one group, shared by the broker-backed buses: a consumer that
// throws is given a few more tries with growing pauses, then the caller dead-letters the event so
// the partition moves on (a poison message must not hold back the user's later events for long).
import type { AnyCloudEvent } from '../../domain/events.ts';
import type { Logger, Subscription } from '../../ports/index.ts';
import { errorText, pause } from './envelope.ts';

export interface RetryPolicy {
  /** Deliveries before giving up (the first one included). */
  attempts: number;
  /** Pause after the first failure; doubles after each further one. */
  backoffMs: number;
  /** Upper bound of one pause. */
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 100, maxBackoffMs: 2_000 };

export type DeliveryOutcome =
  | { status: 'delivered' }
  | { status: 'failed'; error: string; attempts: number }
  /** Shutdown or a lost partition interrupted the retries: leave the event uncommitted. */
  | { status: 'aborted' };

export function backoff(policy: RetryPolicy, failures: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, failures - 1));
}

export async function deliverWithRetry(
  subscription: Subscription,
  event: AnyCloudEvent,
  policy: RetryPolicy,
  logger: Logger,
  signal: AbortSignal,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) return { status: 'aborted' };
    try {
      await subscription.deliver(event);
      return { status: 'delivered' };
    } catch (error) {
      const message = errorText(error);
      if (attempt >= policy.attempts) return { status: 'failed', error: message, attempts: attempt };
      logger.warn(
        { group: subscription.group, eventId: event.id, type: event.type, attempt, err: message },
        'retrying event',
      );
      await pause(backoff(policy, attempt), signal);
    }
  }
}
