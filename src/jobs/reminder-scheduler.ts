// The `scheduler` role: fires each reminder once, on time. A timer is armed for the next due
// reminder (no minute polling); a commit that adds or moves a reminder wakes it through NOTIFY, and a
// backstop re-check bounds the cost of a missed notification. Each round fires everything due, in
// batches, so a backlog (a burst, or what came due while the process was down) drains at once.
// Several schedulers may share a database: the store's claim never hands a reminder to two.
import { makeEvent } from '../domain/events.ts';
import type { Clock, Logger } from '../ports/index.ts';
import type { DueReminder, ReminderStore } from '../ports/reminders.ts';

export const SCHEDULER_SOURCE = 'taskstream/scheduler';

/** Called after each committed batch: `at` is when the commit was seen (for lateness). */
export type FiredListener = (fired: DueReminder[], at: Date) => void;

export interface ReminderSchedulerOptions {
  store: ReminderStore;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Subscribes to "reminders changed" notifications; resolves to an unsubscribe function. */
  listen: (onNotify: () => void) => Promise<() => Promise<void>>;
  /** Reminders per transaction. */
  batchSize?: number;
  /** Longest sleep without looking at the table again, whatever the next reminder says. */
  backstopMs?: number;
  /** Pause before looking again when due reminders are held by someone else's transaction. */
  retryMs?: number;
}

/** setTimeout's limit (about 24.8 days); longer delays fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ReminderScheduler {
  /** Reminders fired by this instance since it was created. */
  fired = 0;
  /** The instant the timer is armed for; null while a round runs or when stopped. */
  armedFor: Date | null = null;

  private readonly options: ReminderSchedulerOptions;
  private readonly listeners: FiredListener[] = [];
  private running = false;
  /** Set by stop(): a long drain ends after its current batch, so shutdown is not held up. */
  private stopping = false;
  private poked = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(options: ReminderSchedulerOptions) {
    this.options = options;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 1000;
  }

  /** Starts the timer loop; its first round catches up on whatever came due while nobody ran. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.unlisten = await this.options.listen(() => this.poke());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.();
    this.unlisten = null;
    this.armedFor = null;
  }

  /** Look at the table again now: a reminder may have been added or moved earlier. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  onFired(listener: FiredListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * One round: fires everything due by the clock, batch after batch, and answers how long to wait
   * before the next round. Tests with a fake clock call it directly, with the loop not started.
   */
  async runOnce(): Promise<number> {
    const { clock, store } = this.options;
    const backstop = Math.min(this.options.backstopMs ?? 60_000, MAX_TIMER_MS);
    let next = await store.nextDueAt();
    while (next && next.getTime() <= clock.now().getTime()) {
      if (this.stopping) return 0;
      const count = await this.fireBatch();
      if (count === this.batchSize) continue;
      // Due, yet nothing we could claim: another scheduler or a user's write holds those rows.
      if (count === 0) return this.options.retryMs ?? 50;
      next = await store.nextDueAt();
    }
    if (!next) return backstop;
    // +1 ms: timers may wake a hair before the wall clock reaches the instant.
    return Math.min(backstop, next.getTime() - clock.now().getTime() + 1);
  }

  private async fireBatch(): Promise<number> {
    const { clock, store, newId } = this.options;
    const now = clock.now();
    const fired = await store.fireDue(now, this.batchSize, (due) =>
      due.map((r) =>
        makeEvent(
          'todo.reminder.due',
          {
            reminderId: r.reminderId,
            taskId: r.taskId,
            userId: r.userId,
            title: r.title,
            dueAt: r.dueAt?.toISOString() ?? null,
            remindAt: r.remindAt.toISOString(),
          },
          { id: newId(), source: SCHEDULER_SOURCE, subject: r.taskId, userId: r.userId, time: now },
        ),
      ),
    );
    this.fired += fired.length;
    if (fired.length > 0) {
      const at = clock.now();
      for (const listener of this.listeners) {
        try {
          listener(fired, at);
        } catch (error) {
          this.options.logger.warn({ err: String(error) }, 'reminder listener failed');
        }
      }
    }
    return fired.length;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let first = true;
    while (this.running) {
      let delay: number;
      this.poked = false;
      try {
        const before = this.fired;
        delay = await this.runOnce();
        failures = 0;
        if (first && this.fired > before)
          this.options.logger.info(
            { fired: this.fired - before },
            'fired reminders that came due while no scheduler ran',
          );
        first = false;
      } catch (error) {
        failures++;
        delay = Math.min(30_000, 100 * 2 ** Math.min(failures, 9));
        this.options.logger.warn(
          { err: String(error), retryInMs: delay },
          'scheduler could not fire reminders; retrying',
        );
      }
      // A notification during the round may concern a reminder the round did not see.
      if (this.running && !this.poked) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    const delay = Math.max(0, ms);
    this.armedFor = new Date(this.options.clock.now().getTime() + delay);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.armedFor = null;
        resolve();
      };
      const timer = setTimeout(done, delay);
      timer.unref?.();
      this.wake = done;
    });
  }
}
