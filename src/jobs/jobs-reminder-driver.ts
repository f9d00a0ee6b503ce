// REMINDER_SCHEDULER=dapr-jobs: the `scheduler` role without a timer of its own. It arms one Dapr
// job for the next due reminder; the job's callback (POST /job/<name>) runs a round of the same
// ReminderScheduler (the store's claim still makes each reminder fire exactly once, across
// replicas), which arms the job for the following one. A commit that adds or moves a reminder
// (NOTIFY) and the cron binding's backstop sweep run a round too. The job is durable in the Dapr
// scheduler, so a reminder due while every replica is down fires when one comes back.

import type { Clock, Logger } from '../ports/index.ts';
import type { JobTimer } from '../ports/jobs.ts';
import type { ReminderScheduler } from './reminder-scheduler.ts';

export const REMINDER_JOB = 'reminders-next';

/** runOnce answers at most this (setTimeout's limit) when nothing is due within ~24.8 days. */
const NOTHING_DUE_MS = 2 ** 31 - 1;
/** Two computations of the same due instant differ by the time between their clock reads. */
const JITTER_MS = 10;

export interface JobsReminderDriverOptions {
  /** Driven through runOnce() only: its own loop is never started. */
  scheduler: Pick<ReminderScheduler, 'runOnce'>;
  timer: JobTimer;
  clock: Clock;
  logger: Logger;
  /** Subscribes to "reminders changed" notifications; resolves to an unsubscribe function. */
  listen: (onNotify: () => void) => Promise<() => Promise<void>>;
  jobName?: string;
}

export class JobsReminderDriver {
  /** The instant the job was last armed for by this instance (null: none or unknown). */
  armedFor: Date | null = null;
  /** Rounds run, for tests and logs. */
  rounds = 0;

  private readonly options: JobsReminderDriverOptions;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  /** After stop(): callbacks still arriving during shutdown do nothing. */
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(options: JobsReminderDriverOptions) {
    this.options = options;
  }

  get jobName(): string {
    return this.options.jobName ?? REMINDER_JOB;
  }

  /** Catches up on what came due while nobody ran, then arms the job. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.unlisten = await this.options.listen(() => void this.trigger());
    await this.trigger();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.running;
    await this.unlisten?.();
    this.unlisten = null;
  }

  /**
   * Runs a round now (job callback, notification, backstop sweep). Rounds never overlap: a trigger
   * during a round makes that round run once more when it ends. Resolves when the work is done.
   */
  trigger(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.round();
    } while (this.again && !this.stopped);
  }

  private async round(): Promise<void> {
    const { clock, logger, scheduler, timer } = this.options;
    try {
      this.rounds++;
      // The job that called us is spent; whatever runOnce finds next must be armed afresh.
      if (this.armedFor && this.armedFor.getTime() <= clock.now().getTime()) this.armedFor = null;
      const delay = await scheduler.runOnce();
      if (delay < NOTHING_DUE_MS) {
        const at = new Date(clock.now().getTime() + Math.max(0, delay));
        // Each write that touches a reminder notifies; re-arming for the same reminder (the same
        // instant, give or take the clock reads' jitter) would be a Jobs API call per write for
        // nothing. An armed job later than needed only costs one empty round, which re-arms.
        if (!this.armedFor || at.getTime() < this.armedFor.getTime() - JITTER_MS) {
          await timer.schedule(this.jobName, at);
          this.armedFor = at;
        }
      }
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.armedFor = null;
      const retryInMs = Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
      logger.warn({ err: String(error), retryInMs }, 'reminder round or job scheduling failed; retrying');
      if (!this.stopped && !this.retry)
        this.retry = setTimeout(() => {
          this.retry = null;
          void this.trigger();
        }, retryInMs);
      this.retry?.unref?.();
    }
  }
}
