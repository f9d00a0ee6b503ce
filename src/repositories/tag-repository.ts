import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { tagColors } from '../db/schema.ts';
import type { TagRepository, TagSummary } from '../ports/index.ts';

export class DrizzleTagRepository implements TagRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** Every tag on a live task or with a colour; taskCount counts pending tasks. */
  async list(userId: string): Promise<TagSummary[]> {
    const used = await queryRows<{ name: string; pending: number }>(
      this.db,
      sql`
      SELECT tag AS name, count(*) FILTER (WHERE status = 'pending')::int AS pending
      FROM tasks, unnest(tags) AS tag
      WHERE user_id = ${userId} AND deleted_at IS NULL
      GROUP BY tag`,
    );
    const colors = await this.db
      .select({ name: tagColors.name, color: tagColors.color })
      .from(tagColors)
      .where(eq(tagColors.userId, userId));
    const byName = new Map<string, TagSummary>();
    for (const row of used)
      byName.set(row.name, { name: row.name, color: null, taskCount: Number(row.pending) });
    for (const row of colors) {
      const existing = byName.get(row.name);
      byName.set(row.name, { name: row.name, color: row.color, taskCount: existing?.taskCount ?? 0 });
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async setColor(userId: string, name: string, color: string): Promise<void> {
    await this.db
      .insert(tagColors)
      .values({ userId, name, color })
      .onConflictDoUpdate({ target: [tagColors.userId, tagColors.name], set: { color } });
  }

  async removeColor(userId: string, name: string): Promise<boolean> {
    const removed = await this.db
      .delete(tagColors)
      .where(and(eq(tagColors.userId, userId), eq(tagColors.name, name)))
      .returning({ name: tagColors.name });
    return removed.length > 0;
  }
}
