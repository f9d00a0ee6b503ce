import { isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type FixedStatement, runFixed } from '../db/fixed-statement.ts';
import { deadLetters, outbox } from '../db/schema.ts';
import { type AnyCloudEvent, EVENT_TOPIC } from '../domain/events.ts';
import type { DeadLetterStore, Outbox, OutboxStore, PendingEvent } from '../ports/index.ts';
import type { CommitSignals } from './commit-signals.ts';

export const OUTBOX_CHANNEL = 'taskstream_outbox';

// The relay's statements run for every batch: fixed text, planned once per connection.
const PENDING: FixedStatement = {
  name: 'taskstream_outbox_pending_v1',
  text: 'SELECT position, payload FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT $1',
};
const MARK_PUBLISHED: FixedStatement = {
  name: 'taskstream_outbox_published_v1',
  text: 'UPDATE outbox SET published_at = $1 WHERE position = ANY($2::bigint[])',
};

export class DrizzleOutbox implements Outbox {
  private readonly db: Db;
  private readonly signals: CommitSignals;
  constructor(db: Db, signals: CommitSignals) {
    this.db = db;
    this.signals = signals;
  }

  async append(events: AnyCloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    // Each user's lock is held from here to commit, so that user's outbox positions follow commit
    // order (ADR 003). Writers that read before they write took it already (re-entrant); a create
    // takes it only now, so concurrent creates of one user overlap until their last statement.
    const users = [...new Set(events.map((event) => event.partitionkey))].sort();
    await this.db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${sql.param(users)}::text[]) AS k ORDER BY k`,
    );
    await this.db.insert(outbox).values(
      events.map((event) => ({
        eventId: event.id,
        topic: EVENT_TOPIC[event.type],
        partitionKey: event.partitionkey,
        type: event.type,
        payload: event,
        createdAt: new Date(event.time),
      })),
    );
    // Delivered at commit (and dropped on rollback): wakes relays elsewhere without polling delay.
    if (this.signals.outboxWritten()) await this.db.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
    this.signals.statementDone();
  }
}

export class DrizzleOutboxStore implements OutboxStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async pending(limit: number): Promise<PendingEvent[]> {
    const rows = await runFixed<{ position: string | number; payload: AnyCloudEvent }>(this.db, PENDING, [
      limit,
    ]);
    return rows.map((row) => ({ position: Number(row.position), event: row.payload }));
  }

  async markPublished(positions: number[], at: Date): Promise<void> {
    if (positions.length === 0) return;
    await runFixed(this.db, MARK_PUBLISHED, [at.toISOString(), positions]);
  }

  async lag(now: Date): Promise<{ count: number; oldestSeconds: number }> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${outbox.createdAt})` })
      .from(outbox)
      .where(isNull(outbox.publishedAt));
    const oldest = row?.oldest ? new Date(row.oldest) : null;
    return {
      count: Number(row?.count ?? 0),
      oldestSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    };
  }
}

export class DrizzleDeadLetterStore implements DeadLetterStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async record(consumer: string, event: AnyCloudEvent, error: string, attempts: number): Promise<void> {
    await this.db
      .insert(deadLetters)
      .values({ consumer, eventId: event.id, type: event.type, payload: event, error, attempts })
      .onConflictDoUpdate({
        target: [deadLetters.consumer, deadLetters.eventId],
        set: { error, attempts, failedAt: new Date() },
      });
  }
}
