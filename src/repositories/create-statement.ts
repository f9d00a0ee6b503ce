// A new task, its reminders and its events written by ONE statement: atomic without a
// transaction, and one round trip instead of eight (each round trip costs a syscall pair, which
// dominated the CPU of a create in bench:api).
import { getTableColumns, SQL, sql } from 'drizzle-orm';
import { outbox, tasks } from '../db/schema.ts';
import { type AnyCloudEvent, EVENT_TOPIC } from '../domain/events.ts';
import type { Task } from '../domain/task.ts';
import { OUTBOX_CHANNEL } from './outbox-repository.ts';
import { REMINDERS_CHANNEL } from './reminder-repository.ts';
import { reminderRows, toRow } from './task-rows.ts';

const taskColumns = getTableColumns(tasks);

function taskInsert(task: Task): SQL {
  const row = toRow(task) as Record<string, unknown>;
  const keys = Object.keys(row) as (keyof typeof taskColumns)[];
  const names = keys.map((key) => sql.identifier(taskColumns[key].name));
  const values = keys.map((key) => {
    const value = row[key];
    return value instanceof SQL ? value : sql.param(value, taskColumns[key]);
  });
  return sql`INSERT INTO ${tasks} (${sql.join(names, sql`, `)}) VALUES (${sql.join(values, sql`, `)})`;
}

/**
 * The statement. The outbox rows are selected FROM the lock's CTE, so the user lock is taken
 * before any outbox position is drawn (and held to commit): that user's outbox order stays their
 * commit order (ADR 003). The reminders' foreign key is checked at the end of the statement, when
 * the task row exists.
 */
export function createStatement(task: Task, events: AnyCloudEvent[]): SQL {
  const reminders = reminderRows(task).map((r) => ({
    id: r.id,
    task_id: r.taskId,
    user_id: r.userId,
    position: r.position,
    offset_minutes: r.offsetMinutes,
    at: r.at?.toISOString() ?? null,
    remind_at: r.remindAt?.toISOString() ?? null,
    state: r.state,
  }));
  const outboxRows = events.map((event) => ({
    event_id: event.id,
    topic: EVENT_TOPIC[event.type],
    partition_key: event.partitionkey,
    type: event.type,
    payload: event,
    created_at: event.time,
  }));
  const wakeSchedulers = task.reminders.some((r) => r.state === 'pending' && r.remindAt);
  return sql`WITH
    new_task AS (${taskInsert(task)} RETURNING id),
    new_reminders AS (
      INSERT INTO reminders (id, task_id, user_id, position, offset_minutes, at, remind_at, state)
      SELECT id, task_id, user_id, position, offset_minutes, at, remind_at, state
      FROM jsonb_to_recordset(${JSON.stringify(reminders)}::jsonb) AS r(id uuid, task_id uuid, user_id text,
        position smallint, offset_minutes integer, at timestamptz, remind_at timestamptz, state text)
      RETURNING 1),
    user_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(${task.userId}, 0)) AS held),
    new_events AS (
      INSERT INTO ${outbox} (event_id, topic, partition_key, type, payload, created_at)
      SELECT e.event_id, e.topic, e.partition_key, e.type, e.payload, e.created_at
      FROM user_lock, jsonb_to_recordset(${JSON.stringify(outboxRows)}::jsonb) AS e(event_id uuid, topic text,
        partition_key text, type text, payload jsonb, created_at timestamptz)
      RETURNING 1)
    SELECT (SELECT count(*) FROM new_task) AS tasks, (SELECT count(*) FROM new_reminders) AS reminders,
      (SELECT count(*) FROM new_events) AS events, pg_notify(${OUTBOX_CHANNEL}, ''),
      ${wakeSchedulers ? sql`pg_notify(${REMINDERS_CHANNEL}, '')` : sql`NULL`}`;
}
