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
}
