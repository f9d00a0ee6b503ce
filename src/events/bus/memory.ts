// The in-process bus of the embedded shape. Durability comes from the outbox: publish resolves
// only after every group has handled (or dead-lettered) each event, so the relay marks a row
// published only when nothing of it can be lost in a crash.
import type { AnyCloudEvent } from '../../domain/events.ts';
import type { DeadLetterStore, EventBus, Logger, Subscription } from '../../ports/index.ts';

export interface MemoryBusOptions {
  deadLetters: DeadLetterStore;
  logger: Logger;
  /** Attempts per event before it is dead-lettered. */
  attempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
}

export class MemoryBus implements EventBus {
  readonly name = 'memory';
  private readonly subscriptions: Subscription[] = [];
  private readonly attempts: number;
  private readonly backoffMs: number;

  private readonly options: MemoryBusOptions;

  constructor(options: MemoryBusOptions) {
    this.options = options;
    this.attempts = options.attempts ?? 5;
    this.backoffMs = options.backoffMs ?? 50;
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.subscriptions.some((s) => s.group === subscription.group))
      throw new Error(`consumer group ${subscription.group} is already subscribed`);
    this.subscriptions.push(subscription);
  }

  async publish(events: AnyCloudEvent[]): Promise<void> {
    // Groups run side by side; within a group events are handled one by one, in order.
    await Promise.all(
      this.subscriptions.map(async (subscription) => {
        const mine = events.filter((event) => subscription.types.includes(event.type));
        if (mine.length > 1 && subscription.deliverBatch) {
          try {
            await subscription.deliverBatch(mine);
            return;
          } catch {
            // One of them failed: go one by one, so only a poison event is retried and dead-lettered.
          }
        }
        for (const event of mine) await this.deliver(subscription, event);
      }),
    );
  }

  private async deliver(subscription: Subscription, event: AnyCloudEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await subscription.deliver(event);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= this.attempts) {
          this.options.logger.error(
            {
              group: subscription.group,
              eventId: event.id,
              type: event.type,
              attempts: attempt,
              err: message,
            },
            'event dead-lettered',
          );
          await this.options.deadLetters.record(subscription.group, event, message, attempt);
          return;
        }
        this.options.logger.warn(
          { group: subscription.group, eventId: event.id, attempt, err: message },
          'retrying event',
        );
        await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
