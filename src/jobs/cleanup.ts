// Prunes rows whose purpose has passed (published outbox rows past the resume window, old inbox
// entries, finished deliveries, old read notifications, expired sessions). Hourly by default, in
// batches until nothing is left, so the tables stay the size of their working set.
import type { Clock, Logger } from '../ports/index.ts';
import { DEFAULT_RETENTION, type RetentionPolicy, type RetentionStore } from '../ports/retention.ts';

export interface CleanupOptions {
  store: RetentionStore;
  clock: Clock;
  logger: Logger;
  policy?: RetentionPolicy;
  intervalMs?: number;
  batch?: number;
}

export class CleanupJob {
  private readonly options: CleanupOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(options: CleanupOptions) {
    this.options = options;
  }

  start(): void {
    const every = this.options.intervalMs ?? 3_600_000;
    const tick = () => {
      this.running = this.runOnce().catch((error) =>
        this.options.logger.warn({ err: String(error) }, 'cleanup failed; will retry next interval'),
      );
    };
    this.timer = setInterval(tick, every);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Prunes every table until nothing expired is left; returns the totals removed. */
  async runOnce(): Promise<Record<string, number>> {
    const batch = this.options.batch ?? 5000;
    const totals: Record<string, number> = {};
    for (;;) {
      const removed = await this.options.store.prune(
        this.options.clock.now(),
        this.options.policy ?? DEFAULT_RETENTION,
        batch,
      );
      for (const [table, count] of Object.entries(removed)) totals[table] = (totals[table] ?? 0) + count;
      if (Object.values(removed).every((count) => count < batch)) break;
    }
    const total = Object.values(totals).reduce((a, b) => a + b, 0);
    if (total > 0) this.options.logger.info({ removed: totals }, 'cleanup removed expired rows');
    return totals;
  }
}
