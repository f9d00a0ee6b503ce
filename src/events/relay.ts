// The relay publishes committed outbox rows to the bus in outbox order (hence in order per user,
// since a user's writers are serialised), then marks them published. At-least-once: a crash
// between publish and mark republishes, and consumers' inboxes absorb the repeat.
import type { Clock, EventBus, Logger, OutboxStore } from '../ports/index.ts';

export interface RelayOptions {
  store: OutboxStore;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** Subscribes to commit notifications; the relay also polls in case one is missed. */
  listen: (onNotify: () => void) => Promise<() => Promise<void>>;
  /**
   * Exclusive leadership among relays sharing a database; null when another relay leads. `onLost`
   * runs when leadership ends without a release (its connection broke).
   */
  acquireLeadership?: (onLost: () => void) => Promise<(() => Promise<void>) | null>;
  batchSize?: number;
  pollMs?: number;
  /**
   * Least time between the starts of two cycles while events trickle in (default 10 ms). A cycle
   * costs several statements whatever it carries: at 1,500 creates/s one per commit carried two or
   * three events and cost more than the creates themselves. An idle relay still starts at once,
   * and a full batch (a backlog) is followed by the next without waiting.
   */
  lingerMs?: number;
}

export class Relay {
  private running = false;
  private wake: (() => void) | null = null;
  private pending = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private leader = false;
  /** Events published since start; for tests and metrics. */
  published = 0;

  /** Whether this relay holds the leadership now: writers here then wake it without NOTIFY. */
  get leading(): boolean {
    return this.running && this.leader;
  }

  private readonly options: RelayOptions;
  constructor(options: RelayOptions) {
    this.options = options;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unlisten = await this.options.listen(() => this.poke());
    this.loop = this.run();
  }

  /** Asks the relay to look at the outbox now (called on commit notifications). */
  poke(): void {
    this.pending = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.unlisten?.();
  }

  /** Publishes until the outbox is empty; for tests and for graceful shutdown. */
  async drain(): Promise<void> {
    while ((await this.publishBatch()) > 0) {}
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    const lingerMs = this.options.lingerMs ?? 10;
    let release: (() => Promise<void>) | null = null;
    let failures = 0;
    let lost = false;
    while (this.running) {
      try {
        if (lost) {
          // Another relay may lead now: publish nothing more until we hold the lock again.
          lost = false;
          this.leader = false;
          await release?.();
          release = null;
          this.options.logger.warn({}, 'relay lost its leadership (database connection broke); re-electing');
        }
        if (!release) {
          release = this.options.acquireLeadership
            ? await this.options.acquireLeadership(() => {
                lost = true;
                this.leader = false;
                this.wake?.();
              })
            : async () => {};
          if (!release) {
            await this.sleep(pollMs * 5);
            continue;
          }
          this.leader = true;
        }
        this.pending = false;
        const started = performance.now();
        const count = await this.publishBatch();
        failures = 0;
        if (count >= this.batchSize) continue;
        if (count === 0 && !this.pending) await this.sleep(pollMs);
        const linger = lingerMs - (performance.now() - started);
        if (linger > 0 && this.running) await new Promise((resolve) => setTimeout(resolve, linger));
      } catch (error) {
        failures++;
        const delay = Math.min(30_000, 100 * 2 ** Math.min(failures, 9));
        this.options.logger.warn(
          { err: String(error), retryInMs: delay },
          'relay could not publish; retrying',
        );
        await this.sleep(delay);
      }
    }
    this.leader = false;
    await release?.();
  }

  private async publishBatch(): Promise<number> {
    const batch = await this.options.store.pending(this.batchSize);
    if (batch.length === 0) return 0;
    await this.options.bus.publish(batch.map((row) => row.event));
    await this.options.store.markPublished(
      batch.map((row) => row.position),
      this.options.clock.now(),
    );
    this.published += batch.length;
    return batch.length;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        resolve();
      }
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
