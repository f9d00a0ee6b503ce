import { and, asc, desc, eq, inArray, lte, min, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { deliveries, webhooks } from '../db/schema.ts';
import { isUuid } from '../domain/ids.ts';
import type {
  ClaimedDelivery,
  DeliveryChannel,
  DeliveryQueue,
  DeliveryRecord,
  DeliveryStore,
  NewDelivery,
} from '../ports/notifications.ts';

/** NOTIFY channel: a commit that queued deliveries wakes the workers without waiting for a timer. */
export const DELIVERY_CHANNEL = 'taskstream_deliveries';

/** How many candidates a claim looks at per free slot: room to skip rows of busy targets. */
const SCAN_FACTOR = 4;

export class DrizzleDeliveryQueue implements DeliveryQueue {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async enqueue(items: NewDelivery[]): Promise<number> {
    if (items.length === 0) return 0;
    const inserted = await this.db
      .insert(deliveries)
      .values(
        items.map((item) => ({
          ...item,
          state: 'pending' as const,
          attempts: 0,
          nextAttemptAt: item.createdAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: deliveries.id });
    // Delivered at commit (dropped on rollback), like the outbox's notification.
    if (inserted.length > 0) await this.db.execute(sql`SELECT pg_notify(${DELIVERY_CHANNEL}, '')`);
    return inserted.length;
  }

  async cancelPending(channel: DeliveryChannel, target: string): Promise<void> {
    await this.db
      .delete(deliveries)
      .where(
        and(eq(deliveries.channel, channel), eq(deliveries.target, target), eq(deliveries.state, 'pending')),
      );
  }

  async recent(
    userId: string,
    channel: DeliveryChannel,
    target: string,
    limit: number,
  ): Promise<DeliveryRecord[]> {
    const rows = await this.db
      .select({
        id: deliveries.id,
        channel: deliveries.channel,
        target: deliveries.target,
        eventId: deliveries.eventId,
        eventType: sql<string | null>`${deliveries.payload}->>'type'`,
        state: deliveries.state,
        attempts: deliveries.attempts,
        nextAttemptAt: deliveries.nextAttemptAt,
        lastError: deliveries.lastError,
        createdAt: deliveries.createdAt,
        deliveredAt: deliveries.deliveredAt,
      })
      .from(deliveries)
      .where(
        and(eq(deliveries.userId, userId), eq(deliveries.channel, channel), eq(deliveries.target, target)),
      )
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(limit);
    return rows;
  }
}

export class DrizzleDeliveryStore implements DeliveryStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  claim(
    now: Date,
    options: { limit: number; leaseMs: number; perTarget: number; inFlight: ReadonlyMap<string, number> },
  ): Promise<ClaimedDelivery[]> {
    if (options.limit <= 0) return Promise.resolve([]);
    const busy = [...options.inFlight].filter(([, n]) => n >= options.perTarget).map(([target]) => target);
    return this.db.transaction(async (tx) => {
      const conditions: SQL[] = [eq(deliveries.state, 'pending'), lte(deliveries.nextAttemptAt, now)];
      // Rows of targets this worker already saturates are left out in SQL, not after the fact:
      // a backlog for one dead endpoint must not fill the window and starve everyone else.
      if (busy.length > 0) conditions.push(notInArray(deliveries.target, busy));
      const candidates = await tx
        .select({
          id: deliveries.id,
          channel: deliveries.channel,
          target: deliveries.target,
          userId: deliveries.userId,
          eventId: deliveries.eventId,
          payload: deliveries.payload,
          attempts: deliveries.attempts,
        })
        .from(deliveries)
        .where(and(...conditions))
        .orderBy(asc(deliveries.nextAttemptAt))
        .limit(options.limit * SCAN_FACTOR)
        .for('update', { skipLocked: true });

      const taken = new Map(options.inFlight);
      const chosen: typeof candidates = [];
      for (const row of candidates) {
        if (chosen.length >= options.limit) break;
        const n = taken.get(row.target) ?? 0;
        if (n >= options.perTarget) continue;
        taken.set(row.target, n + 1);
        chosen.push(row);
      }
      if (chosen.length === 0) return [];

      await tx
        .update(deliveries)
        .set({
          attempts: sql`${deliveries.attempts} + 1`,
          nextAttemptAt: new Date(now.getTime() + options.leaseMs),
        })
        .where(
          inArray(
            deliveries.id,
            chosen.map((row) => row.id),
          ),
        );

      const hookIds = [
        ...new Set(chosen.filter((r) => r.channel === 'webhook' && isUuid(r.target)).map((r) => r.target)),
      ];
      const hooks =
        hookIds.length === 0
          ? []
          : await tx
              .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
              .from(webhooks)
              .where(inArray(webhooks.id, hookIds));
      const byId = new Map(hooks.map((h) => [h.id, { url: h.url, secret: h.secret }]));
      return chosen.map((row) => ({
        ...row,
        attempts: row.attempts + 1,
        webhook: row.channel === 'webhook' ? (byId.get(row.target) ?? null) : null,
      }));
    });
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    await this.db
      .update(deliveries)
      .set({ state: 'delivered', deliveredAt: at, lastError: null })
      .where(and(eq(deliveries.id, id), eq(deliveries.state, 'pending')));
  }

  async retryAt(id: string, at: Date, error: string): Promise<void> {
    await this.db
      .update(deliveries)
      .set({ nextAttemptAt: at, lastError: error })
      .where(and(eq(deliveries.id, id), eq(deliveries.state, 'pending')));
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(deliveries)
      .set({ state: 'failed', lastError: error })
      .where(and(eq(deliveries.id, id), eq(deliveries.state, 'pending')));
  }

  async nextDueAt(): Promise<Date | null> {
    const [row] = await this.db
      .select({ next: min(deliveries.nextAttemptAt) })
      .from(deliveries)
      .where(eq(deliveries.state, 'pending'));
    return row?.next ? new Date(row.next) : null;
  }
}
