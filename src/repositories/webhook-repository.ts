import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { webhooks } from '../db/schema.ts';
import type { Webhook, WebhookRepository } from '../ports/notifications.ts';

export class DrizzleWebhookRepository implements WebhookRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  list(userId: string): Promise<Webhook[]> {
    return this.db
      .select()
      .from(webhooks)
      .where(eq(webhooks.userId, userId))
      .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
  }

  listForUsers(userIds: string[]): Promise<Webhook[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(webhooks)
      .where(inArray(webhooks.userId, userIds))
      .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
  }

  async find(userId: string, id: string): Promise<Webhook | null> {
    const [row] = await this.db
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.userId, userId), eq(webhooks.id, id)));
    return row ?? null;
  }

  async count(userId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(webhooks).where(eq(webhooks.userId, userId));
    return Number(row?.n ?? 0);
  }

  async insert(webhook: Webhook): Promise<void> {
    await this.db.insert(webhooks).values(webhook);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const removed = await this.db
      .delete(webhooks)
      .where(and(eq(webhooks.userId, userId), eq(webhooks.id, id)))
      .returning({ id: webhooks.id });
    return removed.length > 0;
  }
}
