import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import type { Notification, NotificationKind } from '../domain/notification.ts';
import type { NotificationRepository } from '../ports/notifications.ts';

type Row = typeof notifications.$inferSelect;

const toNotification = (row: Row): Notification => ({ ...row, kind: row.kind as NotificationKind });

export class DrizzleNotificationRepository implements NotificationRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async insert(notification: Notification): Promise<boolean> {
    const inserted = await this.db
      .insert(notifications)
      .values(notification)
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    return inserted.length > 0;
  }

  async list(userId: string, query: { unreadOnly: boolean; limit: number }): Promise<Notification[]> {
    const rows = await this.db
      .select()
      .from(notifications)
      .where(
        query.unreadOnly
          ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
          : eq(notifications.userId, userId),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit);
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  }

  async find(userId: string, id: string): Promise<Notification | null> {
    const [row] = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
    return row ? toNotification(row) : null;
  }

  async markRead(userId: string, id: string, at: Date): Promise<Notification | null> {
    const [row] = await this.db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
      .returning();
    return row ? toNotification(row) : null;
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    const updated = await this.db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return updated.length;
  }
}
