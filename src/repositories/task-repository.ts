import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { SortKey } from '../../contract/task.ts';
import type { Db } from '../db/client.ts';
import { runUnnamed } from '../db/fixed-statement.ts';
import { reminders, tasks } from '../db/schema.ts';
import type { AnyCloudEvent } from '../domain/events.ts';
import type { Task } from '../domain/task.ts';
import type { ListedTask, TaskListQuery, TaskRepository } from '../ports/index.ts';
import { type CommitSignals, earliestPending } from './commit-signals.ts';
import { insertWithEvents } from './create-statement.ts';
import { listStatement } from './list-statement.ts';
import { REMINDERS_CHANNEL } from './reminder-repository.ts';
import { decodeTaskRow, fromRow, reminderRows, type TaskRow, taskColumns, toRow } from './task-rows.ts';

/** The cursor value of a row for a sort key, read from the stored key so it compares exactly. */
function sortValue(row: TaskRow, key: SortKey): string | number | null {
  switch (key) {
    case 'dueAt':
      return row.dueAt?.toISOString() ?? null;
    case 'priority':
      return row.priorityRank;
    case 'title':
      return row.titleKey;
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'updatedAt':
      return row.updatedAt.toISOString();
  }
}

export class DrizzleTaskRepository implements TaskRepository {
  private readonly db: Db;
  private readonly signals: CommitSignals;
  constructor(db: Db, signals: CommitSignals) {
    this.db = db;
    this.signals = signals;
  }

  /** A pending reminder may now come due earlier than schedulers are armed for: wake them at commit. */
  private async notifySchedulers(task: Task): Promise<void> {
    if (this.signals.remindersWritten(earliestPending(task.reminders)))
      await this.db.execute(sql`SELECT pg_notify(${REMINDERS_CHANNEL}, '')`);
  }

  async insert(task: Task): Promise<void> {
    await this.db.insert(tasks).values(toRow(task));
    if (task.reminders.length > 0) await this.db.insert(reminders).values(reminderRows(task));
    await this.notifySchedulers(task);
  }

  async insertWithEvents(task: Task, events: AnyCloudEvent[]): Promise<void> {
    await insertWithEvents(this.db, this.signals, task, events);
  }

  async insertNext(task: Task): Promise<boolean> {
    const inserted = await this.db
      .insert(tasks)
      .values(toRow(task))
      .onConflictDoNothing({ target: tasks.spawnedFrom })
      .returning({ id: tasks.id });
    if (inserted.length === 0) return false;
    if (task.reminders.length > 0) await this.db.insert(reminders).values(reminderRows(task));
    await this.notifySchedulers(task);
    return true;
  }

  async update(task: Task, expectedVersion: number): Promise<boolean> {
    const updated = await this.db
      .update(tasks)
      .set(toRow(task))
      .where(and(eq(tasks.id, task.id), eq(tasks.version, expectedVersion), isNull(tasks.deletedAt)))
      .returning({ id: tasks.id });
    if (updated.length === 0) return false;
    await this.db.delete(reminders).where(eq(reminders.taskId, task.id));
    if (task.reminders.length > 0) await this.db.insert(reminders).values(reminderRows(task));
    await this.notifySchedulers(task);
    return true;
  }

  async find(userId: string, id: string): Promise<Task | null> {
    const rows = await this.db
      .select(taskColumns)
      .from(tasks)
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId), isNull(tasks.deletedAt)));
    const [row] = rows;
    return row ? fromRow(row) : null;
  }

  async list(userId: string, query: TaskListQuery): Promise<ListedTask[]> {
    const { text, values } = listStatement(userId, query);
    const rows = (await runUnnamed(this.db, text, values)).map(decodeTaskRow);
    return rows.map((row) => ({
      task: fromRow(row),
      position: { value: sortValue(row, query.sort.key), id: row.id },
    }));
  }

  async spawnedBy(userId: string, completedId: string): Promise<Task | null> {
    const [row] = await this.db
      .select(taskColumns)
      .from(tasks)
      .where(and(eq(tasks.spawnedFrom, completedId), eq(tasks.userId, userId), isNull(tasks.deletedAt)));
    return row ? fromRow(row) : null;
  }

  async markDeleted(task: Task, at: Date, options: { releaseSeriesKey?: boolean } = {}): Promise<void> {
    await this.db
      .update(tasks)
      .set({
        deletedAt: at,
        updatedAt: at,
        version: task.version + 1,
        ...(options.releaseSeriesKey ? { spawnedFrom: null } : {}),
      })
      .where(eq(tasks.id, task.id));
    await this.db
      .update(reminders)
      .set({ state: 'cancelled' })
      .where(and(eq(reminders.taskId, task.id), eq(reminders.state, 'pending')));
  }

  async withTag(userId: string, tag: string): Promise<Task[]> {
    const rows = await this.db
      .select(taskColumns)
      .from(tasks)
      .where(
        and(
          eq(tasks.userId, userId),
          isNull(tasks.deletedAt),
          sql`${tasks.tags} @> ${sql.param([tag])}::text[]`,
        ),
      )
      .orderBy(asc(tasks.id));
    return rows.map(fromRow);
  }
}
