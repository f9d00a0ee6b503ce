import type { Db } from '../db/client.ts';
import { inbox } from '../db/schema.ts';
import type { Inbox } from '../ports/index.ts';

export class DrizzleInbox implements Inbox {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async claim(consumer: string, eventId: string): Promise<boolean> {
    const inserted = await this.db
      .insert(inbox)
      .values({ consumer, eventId })
      .onConflictDoNothing()
      .returning({ eventId: inbox.eventId });
    return inserted.length > 0;
  }

  async claimMany(consumer: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const inserted = await this.db
      .insert(inbox)
      .values(eventIds.map((eventId) => ({ consumer, eventId })))
      .onConflictDoNothing()
      .returning({ eventId: inbox.eventId });
    return new Set(inserted.map((row) => row.eventId));
  }
}
