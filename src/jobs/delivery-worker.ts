// Delivers queued webhook calls and e-mails (the `deliveries` table) and retries failures with
// exponential back-off and jitter until a give-up limit. Safe with many workers: each claim leases
// rows FOR UPDATE SKIP LOCKED. One slow or dead endpoint never holds up the rest: sends run side by
// side up to `concurrency`, at most `perTarget` of them to one target, each cut off at `timeoutMs`.
// Wakes on NOTIFY when something is queued, on a timer armed for the next due retry, and on a
// backstop timer in case a notification was missed.
import type { Clock, Logger } from '../ports/index.ts';
import type {
  ClaimedDelivery,
  DeliveryStore,
  EmailPayload,
  Mailer,
  WebhookSender,
} from '../ports/notifications.ts';

export interface DeliveryWorkerOptions {
  store: DeliveryStore;
  clock: Clock;
  logger: Logger;
  webhooks: WebhookSender;
  /** Null when SMTP is not configured: e-mail rows then fail like an unreachable server. */
  mailer: Mailer | null;
  listen?: ((onNotify: () => void) => Promise<() => Promise<void>>) | undefined;
  /** Attempts before a delivery is marked 'failed'. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** One attempt's limit; a slower endpoint counts as failed. */
  timeoutMs: number;
  concurrency: number;
  perTarget: number;
  /** Longest sleep, even when nothing is due: catches a missed notification. */
  backstopMs: number;
  random: () => number;
}

export const DELIVERY_DEFAULTS = {
  maxAttempts: 10,
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60_000,
  timeoutMs: 10_000,
  concurrency: 32,
  perTarget: 4,
  backstopMs: 30_000,
  random: Math.random,
} as const;

/** Delay after the `attempt`-th failure: base · 2^(attempt-1), capped, then ±20 % so retries spread. */
export function retryDelayMs(
  attempt: number,
  options: Pick<DeliveryWorkerOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** A failure no retry can fix (the webhook was deleted): give up at once. */
class Permanent extends Error {}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return (detail ? `${error.message}: ${detail}` : error.message).slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}

export class DeliveryWorker {
  readonly options: DeliveryWorkerOptions;
  /** Outcomes since start, for tests and metrics. */
  readonly counts = { delivered: 0, retried: 0, failed: 0 };
  private readonly inFlight = new Map<string, number>();
  private readonly sends = new Set<Promise<void>>();
  private abort = new AbortController();
  private active = 0;
  private running = false;
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    options: Partial<DeliveryWorkerOptions> &
      Pick<DeliveryWorkerOptions, 'store' | 'clock' | 'logger' | 'webhooks' | 'mailer'>,
  ) {
    // An option given as undefined means "the default", not "none".
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...DELIVERY_DEFAULTS, ...given } as DeliveryWorkerOptions;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    if (this.options.listen) this.unlisten = await this.options.listen(() => this.poke());
    this.poke();
  }

  /** Looks for due deliveries now. */
  poke(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => {
        this.options.logger.warn({ err: errorText(error) }, 'delivery worker could not claim; retrying');
        this.arm(Math.min(this.options.backstopMs, 1000));
      })
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /**
   * Sends everything due now and waits for the outcomes, until nothing due is left (a retry
   * scheduled in the future is not due). For tests and tools; works whether or not started.
   */
  async runDue(): Promise<void> {
    for (;;) {
      const claimed = await this.claimAndSend();
      if (claimed === 0 && this.sends.size === 0) return;
      await Promise.race([Promise.all(this.sends), new Promise((r) => setTimeout(r, 5))]);
    }
  }

  /** Stops claiming, cancels sends in flight (their leases expire and another attempt follows). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort(new Error('worker stopping'));
    await this.pumping;
    await Promise.allSettled([...this.sends]);
    await this.unlisten?.();
    this.unlisten = null;
  }

  private async pump(): Promise<void> {
    while (this.running && (await this.claimAndSend()) > 0) {}
    if (!this.running) return;
    const next = await this.options.store.nextDueAt();
    const wait = next ? next.getTime() - this.options.clock.now().getTime() : this.options.backstopMs;
    // Due but not claimable (its target is saturated here, or another worker holds it): a send
    // finishing pokes us; recheck soon anyway rather than spin.
    this.arm(wait > 0 ? Math.min(wait, this.options.backstopMs) : Math.min(1000, this.options.backstopMs));
  }

  private arm(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poke();
    }, ms);
    this.timer.unref();
  }

  private async claimAndSend(): Promise<number> {
    const free = this.options.concurrency - this.active;
    if (free <= 0) return 0;
    const batch = await this.options.store.claim(this.options.clock.now(), {
      limit: free,
      // Past the send timeout with room to record the outcome; then the row is due again.
      leaseMs: this.options.timeoutMs * 2 + 30_000,
      perTarget: this.options.perTarget,
      inFlight: this.inFlight,
    });
    for (const delivery of batch) this.launch(delivery);
    return batch.length;
  }

  private launch(delivery: ClaimedDelivery): void {
    this.active++;
    this.inFlight.set(delivery.target, (this.inFlight.get(delivery.target) ?? 0) + 1);
    const send: Promise<void> = this.attempt(delivery)
      .catch((error) =>
        this.options.logger.error(
          { err: errorText(error), deliveryId: delivery.id },
          'delivery not recorded',
        ),
      )
      .finally(() => {
        this.active--;
        const left = (this.inFlight.get(delivery.target) ?? 1) - 1;
        if (left > 0) this.inFlight.set(delivery.target, left);
        else this.inFlight.delete(delivery.target);
        this.sends.delete(send);
        this.poke();
      });
    this.sends.add(send);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { store, clock, logger } = this.options;
    let error: unknown = null;
    try {
      await this.send(
        delivery,
        AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      );
    } catch (caught) {
      error = caught;
    }
    // Cancelled by stop(): record nothing; the lease expires and the delivery is tried again.
    if (this.abort.signal.aborted) return;
    const now = clock.now();
    if (error === null) {
      await store.markDelivered(delivery.id, now);
      this.counts.delivered++;
      return;
    }
    const message = errorText(error);
    const log = {
      deliveryId: delivery.id,
      channel: delivery.channel,
      target: delivery.target,
      attempt: delivery.attempts,
      err: message,
    };
    if (error instanceof Permanent || delivery.attempts >= this.options.maxAttempts) {
      await store.markFailed(delivery.id, message);
      this.counts.failed++;
      logger.warn(log, 'delivery failed; giving up');
      return;
    }
    const at = new Date(now.getTime() + retryDelayMs(delivery.attempts, this.options, this.options.random));
    await store.retryAt(delivery.id, at, message);
    this.counts.retried++;
    logger.info({ ...log, retryAt: at.toISOString() }, 'delivery failed; will retry');
  }

  private async send(delivery: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    if (delivery.channel === 'webhook') {
      if (!delivery.webhook) throw new Permanent('the webhook was deleted');
      await this.options.webhooks.send(
        delivery.webhook,
        {
          eventId: delivery.eventId,
          deliveryId: delivery.id,
          attempt: delivery.attempts,
          event: delivery.payload,
        },
        signal,
      );
      return;
    }
    if (!this.options.mailer) throw new Error('SMTP is not configured (SMTP_URL)');
    await this.options.mailer.sendReminder(delivery.payload as EmailPayload, signal);
  }
}
