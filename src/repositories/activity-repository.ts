import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type FixedStatement, runFixed } from '../db/fixed-statement.ts';
import { activity } from '../db/schema.ts';
import type { AnyCloudEvent } from '../domain/events.ts';
import { isUuid } from '../domain/ids.ts';
import type { ActivityEntry, ActivityRepository } from '../ports/index.ts';

function taskIdOf(event: AnyCloudEvent): string | null {
  const data = event.data as {
    taskId?: unknown;
    task?: { id?: unknown };
    notification?: { taskId?: unknown };
  };
  const candidate = data.task?.id ?? data.taskId ?? data.notification?.taskId ?? event.subject;
  return typeof candidate === 'string' && isUuid(candidate) ? candidate : null;
}

/** One row per event, sent as one JSON array: the audit consumer writes a whole batch at once. */
const RECORD_MANY: FixedStatement = {
  name: 'taskstream_activity_record_v1',
  text: `INSERT INTO activity (event_id, user_id, task_id, type, time, data)
    SELECT event_id, user_id, task_id, type, time, data FROM jsonb_to_recordset($1::jsonb)
      AS a(event_id uuid, user_id text, task_id uuid, type text, time timestamptz, data jsonb)
    ON CONFLICT DO NOTHING`,
};

export class DrizzleActivityRepository implements ActivityRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async record(event: AnyCloudEvent): Promise<void> {
    await this.recordMany([event]);
  }

  async recordMany(events: AnyCloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => ({
      event_id: event.id,
      user_id: event.partitionkey,
      task_id: taskIdOf(event),
      type: event.type,
      time: event.time,
      data: event.data,
    }));
    await runFixed(this.db, RECORD_MANY, [JSON.stringify(rows)]);
  }

  async list(
    userId: string,
    query: {
      taskId?: string | undefined;
      type?: string | undefined;
      limit: number;
      before?: { time: Date; id: string } | undefined;
    },
  ): Promise<ActivityEntry[]> {
    const conditions: SQL[] = [eq(activity.userId, userId)];
    if (query.taskId) conditions.push(eq(activity.taskId, query.taskId));
    if (query.type) conditions.push(eq(activity.type, query.type));
    if (query.before)
      conditions.push(
        sql`(${activity.time}, ${activity.eventId}) < (${query.before.time.toISOString()}::timestamptz, ${query.before.id}::uuid)`,
      );
    const rows = await this.db
      .select()
      .from(activity)
      .where(and(...conditions))
      .orderBy(desc(activity.time), desc(activity.eventId))
      .limit(query.limit + 1);
    return rows.map((r) => ({ id: r.eventId, type: r.type, time: r.time, taskId: r.taskId, data: r.data }));
  }
}
