import type { Db } from '../db/client.ts';
import { type FixedStatement, runFixed } from '../db/fixed-statement.ts';
import { inbox } from '../db/schema.ts';
import type { Inbox } from '../ports/index.ts';

/** Claims a batch: the ids it answers are the events this consumer had not handled. */
const CLAIM_MANY: FixedStatement = {
  name: 'taskstream_inbox_claim_v1',
  text: `INSERT INTO inbox (consumer, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id
    ON CONFLICT DO NOTHING RETURNING event_id`,
};

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
    const inserted = await runFixed<{ event_id: string }>(this.db, CLAIM_MANY, [consumer, eventIds]);
    return new Set(inserted.map((row) => row.event_id));
  }
}
