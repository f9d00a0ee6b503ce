import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
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
    await this.db
      .insert(activity)
      .values(
        events.map((event) => ({
          eventId: event.id,
          userId: event.partitionkey,
          taskId: taskIdOf(event),
          type: event.type,
          time: new Date(event.time),
          data: event.data,
        })),
      )
      .onConflictDoNothing();
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
