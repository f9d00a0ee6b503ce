// How a task maps to rows and back. Reminders travel with their task as one JSON column, so
// reading a page of tasks is a single statement.
import { Column, is, sql } from 'drizzle-orm';
import { reminders, tasks } from '../db/schema.ts';
import { overdueAt, PRIORITY_RANK, type Reminder, type Task } from '../domain/task.ts';

/** What the search index holds: a task's words as a query finds them (see searchWords). */
export function searchText(task: Pick<Task, 'title' | 'description'>): string {
  return `${task.title} ${task.description}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A task's row as Drizzle writes it: its columns, and the search vector computed by Postgres. */
export function toRow(task: Task) {
  return { ...columnValues(task), search: sql`to_tsvector('simple', ${searchText(task)})` };
}

/** Every stored column of a task but the search vector. */
export function columnValues(task: Task) {
  return {
    titleKey: task.title.toLowerCase(),
    id: task.id,
    userId: task.userId,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    priorityRank: PRIORITY_RANK[task.priority],
    tags: task.tags,
    dueAt: task.dueAt,
    allDay: task.allDay,
    timeZone: task.timeZone,
    overdueAt: overdueAt(task),
    recurrenceRule: task.recurrence?.rule ?? null,
    recurrenceBasis: task.recurrence?.basis ?? null,
    seriesId: task.seriesId,
    seriesStart: task.seriesStart,
    occurrenceIndex: task.occurrenceIndex,
    spawnedFrom: task.spawnedFrom,
    completedAt: task.completedAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    version: task.version,
  };
}

export function reminderRows(task: Task) {
  return task.reminders.map((r, position) => ({
    id: r.id,
    taskId: task.id,
    userId: task.userId,
    position,
    offsetMinutes: r.offsetMinutes,
    at: r.at,
    remindAt: r.remindAt,
    state: r.state,
  }));
}

/** A task's reminders as JSON, in their order: a correlated subquery on the tasks row. */
const remindersJson = sql<ReminderJson[]>`coalesce((
  SELECT json_agg(json_build_object('id', r.id, 'offsetMinutes', r.offset_minutes, 'at', r.at,
    'remindAt', r.remind_at, 'state', r.state) ORDER BY r.position)
  FROM ${reminders} r WHERE r.task_id = "tasks"."id"), '[]'::json)`.as('reminders');

interface ReminderJson {
  id: string;
  offsetMinutes: number | null;
  at: string | null;
  remindAt: string | null;
  state: Reminder['state'];
}

export const taskColumns = {
  id: tasks.id,
  userId: tasks.userId,
  title: tasks.title,
  description: tasks.description,
  status: tasks.status,
  priority: tasks.priority,
  priorityRank: tasks.priorityRank,
  tags: tasks.tags,
  dueAt: tasks.dueAt,
  allDay: tasks.allDay,
  timeZone: tasks.timeZone,
  overdueAt: tasks.overdueAt,
  recurrenceRule: tasks.recurrenceRule,
  recurrenceBasis: tasks.recurrenceBasis,
  seriesId: tasks.seriesId,
  seriesStart: tasks.seriesStart,
  occurrenceIndex: tasks.occurrenceIndex,
  spawnedFrom: tasks.spawnedFrom,
  completedAt: tasks.completedAt,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
  deletedAt: tasks.deletedAt,
  version: tasks.version,
  titleKey: tasks.titleKey,
  reminders: remindersJson,
};

/** What `select(taskColumns)` returns. */
export type TaskRow = Omit<typeof tasks.$inferSelect, 'search'> & { reminders: ReminderJson[] };

/**
 * One row of `select(taskColumns)` as the driver returns it (by column name, timestamps as text)
 * mapped as Drizzle maps it, without Drizzle's per-field type checks: a page of 51 rows through
 * Drizzle's mapping cost as much server CPU as the rest of the list request's own code.
 */
export const decodeTaskRow: (row: Record<string, unknown>) => TaskRow = (() => {
  const fields = Object.entries(taskColumns).map(([key, field]) =>
    is(field, Column)
      ? { key, name: field.name, decode: (value: unknown) => field.mapFromDriverValue(value) }
      : { key, name: field.fieldAlias, decode: (value: unknown) => value },
  );
  return (row) => {
    const decoded: Record<string, unknown> = {};
    for (const { key, name, decode } of fields) {
      const value = row[name];
      decoded[key] = value === null || value === undefined ? null : decode(value);
    }
    return decoded as TaskRow;
  };
})();

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function fromRow(row: TaskRow): Task {
  return {
    id: row.id,
    userId: row.userId,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    tags: row.tags,
    dueAt: row.dueAt,
    allDay: row.allDay,
    timeZone: row.timeZone,
    recurrence:
      row.recurrenceRule && row.recurrenceBasis
        ? { rule: row.recurrenceRule, basis: row.recurrenceBasis }
        : null,
    reminders: row.reminders.map(
      (r): Reminder => ({
        id: r.id,
        offsetMinutes: r.offsetMinutes,
        at: date(r.at),
        remindAt: date(r.remindAt),
        state: r.state,
      }),
    ),
    seriesId: row.seriesId,
    seriesStart: row.seriesStart,
    occurrenceIndex: row.occurrenceIndex,
    spawnedFrom: row.spawnedFrom,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
