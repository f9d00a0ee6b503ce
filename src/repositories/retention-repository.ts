import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import type { RetentionPolicy, RetentionStore } from '../ports/retention.ts';

const DAY = 86_400_000;

export class DrizzleRetentionStore implements RetentionStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async prune(now: Date, policy: RetentionPolicy, batch: number): Promise<Record<string, number>> {
    const before = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    // Each statement deletes a bounded batch through its key, so a large backlog never holds long locks.
    const statements = {
      outbox: sql`DELETE FROM outbox WHERE position IN (
        SELECT position FROM outbox WHERE published_at < ${before(policy.outboxDays)}::timestamptz
        ORDER BY position LIMIT ${batch}) RETURNING 1`,
      inbox: sql`DELETE FROM inbox WHERE (consumer, event_id) IN (
        SELECT consumer, event_id FROM inbox WHERE handled_at < ${before(policy.inboxDays)}::timestamptz
        LIMIT ${batch}) RETURNING 1`,
      deliveries: sql`DELETE FROM deliveries WHERE id IN (
        SELECT id FROM deliveries WHERE state <> 'pending' AND created_at < ${before(policy.deliveryDays)}::timestamptz
        LIMIT ${batch}) RETURNING 1`,
      notifications: sql`DELETE FROM notifications WHERE id IN (
        SELECT id FROM notifications WHERE read_at < ${before(policy.readNotificationDays)}::timestamptz
        LIMIT ${batch}) RETURNING 1`,
      sessions: sql`DELETE FROM sessions WHERE id IN (
        SELECT id FROM sessions WHERE expires_at < ${now.toISOString()}::timestamptz LIMIT ${batch}) RETURNING 1`,
    };
    const removed: Record<string, number> = {};
    for (const [table, statement] of Object.entries(statements))
      removed[table] = (await queryRows(this.db, statement)).length;
    return removed;
  }
}
