// The realtime role's reads of the outbox. Every query walks outbox_user_position_idx
// (partition_key, position) or the unique event id index; none scans the table.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';
import type { AnyCloudEvent } from '../domain/events.ts';
import { type EventLog, type EventPosition, type LoggedEvent, STREAM_EVENT_TYPES } from '../ports/stream.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DrizzleEventLog implements EventLog {
  private readonly db: Db;
  private readonly types: string[];
  constructor(db: Db, types: readonly string[] = STREAM_EVENT_TYPES) {
    this.db = db;
    this.types = [...types];
  }

  async positionOf(userId: string, eventId: string): Promise<number | null> {
    // A malformed id would make Postgres raise on the uuid cast: it is simply unknown.
    if (!UUID.test(eventId)) return null;
    const [row] = await this.db
      .select({ position: outbox.position })
      .from(outbox)
      .where(and(eq(outbox.eventId, eventId), eq(outbox.partitionKey, userId)));
    return row ? Number(row.position) : null;
  }

  async head(userId: string): Promise<{ position: number; id: string } | null> {
    const [row] = await this.db
      .select({ position: outbox.position, id: outbox.eventId })
      .from(outbox)
      .where(and(eq(outbox.partitionKey, userId), inArray(outbox.type, this.types)))
      .orderBy(desc(outbox.position))
      .limit(1);
    return row ? { position: Number(row.position), id: row.id } : null;
  }

  async after(userId: string, position: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db
      .select({ position: outbox.position, payload: outbox.payload })
      .from(outbox)
      .where(this.userAfter(userId, position))
      .orderBy(asc(outbox.position))
      .limit(limit);
    return rows.map((row) => ({ position: Number(row.position), event: row.payload as AnyCloudEvent }));
  }

  async countAfter(userId: string, position: number, cap: number): Promise<number> {
    // Counting inside a LIMIT keeps the cost bounded however far behind the client is.
    const capped = this.db
      .select({ one: sql`1` })
      .from(outbox)
      .where(this.userAfter(userId, position))
      .limit(cap)
      .as('capped');
    const [row] = await this.db.select({ count: sql<number>`count(*)::int` }).from(capped);
    return Number(row?.count ?? 0);
  }

  async positionsOf(eventIds: readonly string[]): Promise<Map<string, EventPosition>> {
    const ids = eventIds.filter((id) => UUID.test(id));
    const found = new Map<string, EventPosition>();
    if (ids.length === 0) return found;
    const rows = await this.db
      .select({ id: outbox.eventId, position: outbox.position, userId: outbox.partitionKey })
      .from(outbox)
      .where(inArray(outbox.eventId, ids));
    for (const row of rows) found.set(row.id, { position: Number(row.position), userId: row.userId });
    return found;
  }

  private userAfter(userId: string, position: number) {
    return and(
      eq(outbox.partitionKey, userId),
      gt(outbox.position, position),
      inArray(outbox.type, this.types),
    );
  }
}
