// A new task, its reminders and its events written by ONE statement: atomic without a
// transaction, and one round trip instead of eight (each round trip costs a syscall pair). Its text
// is fixed, so Postgres plans it once per connection (src/db/fixed-statement.ts).
import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type FixedStatement, runFixed } from '../db/fixed-statement.ts';
import { tasks } from '../db/schema.ts';
import { type AnyCloudEvent, EVENT_TOPIC } from '../domain/events.ts';
import type { Task } from '../domain/task.ts';
import { type CommitSignals, earliestPending } from './commit-signals.ts';
import { OUTBOX_CHANNEL } from './outbox-repository.ts';
import { REMINDERS_CHANNEL } from './reminder-repository.ts';
import { columnValues, reminderRows, searchText, type toRow } from './task-rows.ts';

type RowKey = keyof ReturnType<typeof toRow>;
const taskColumns = getTableColumns(tasks);
/** Every key toRow writes, in one order for the text and the values (checked by its test). */
export const TASK_KEYS = [
  'id',
  'userId',
  'title',
  'titleKey',
  'search',
  'description',
  'status',
  'priority',
  'priorityRank',
  'tags',
  'dueAt',
  'allDay',
  'timeZone',
  'overdueAt',
  'recurrenceRule',
  'recurrenceBasis',
  'seriesId',
  'seriesStart',
  'occurrenceIndex',
  'spawnedFrom',
  'completedAt',
  'createdAt',
  'updatedAt',
  'version',
] as const satisfies readonly RowKey[];

const n = TASK_KEYS.length;
const taskValues = TASK_KEYS.map((key, i) =>
  key === 'search' ? `to_tsvector('simple', $${i + 1})` : `$${i + 1}`,
);

/**
 * The outbox rows are selected FROM the lock's CTE, so the user lock is taken before any outbox
 * position is drawn (and held to commit): that user's outbox order stays their commit order
 * (ADR 003). The reminders' foreign key is checked at the end of the statement, when the task row
 * exists. NOTIFY goes only to whom CommitSignals says needs it.
 */
export const CREATE_TASK: FixedStatement = {
  name: 'taskstream_create_task_v1',
  text: `WITH
    new_task AS (
      INSERT INTO tasks (${TASK_KEYS.map((key) => `"${taskColumns[key].name}"`).join(', ')})
      VALUES (${taskValues.join(', ')}) RETURNING id),
    new_reminders AS (
      INSERT INTO reminders (id, task_id, user_id, position, offset_minutes, at, remind_at, state)
      SELECT id, task_id, user_id, position, offset_minutes, at, remind_at, state
      FROM jsonb_to_recordset($${n + 1}::jsonb) AS r(id uuid, task_id uuid, user_id text,
        position smallint, offset_minutes integer, at timestamptz, remind_at timestamptz, state text)
      RETURNING 1),
    user_lock AS (SELECT pg_advisory_xact_lock(hashtextextended($${n + 2}::text, 0)) AS held),
    new_events AS (
      INSERT INTO outbox (event_id, topic, partition_key, type, payload, created_at)
      SELECT e.event_id, e.topic, e.partition_key, e.type, e.payload, e.created_at
      FROM user_lock, jsonb_to_recordset($${n + 3}::jsonb) AS e(event_id uuid, topic text,
        partition_key text, type text, payload jsonb, created_at timestamptz)
      RETURNING 1)
    SELECT (SELECT count(*) FROM new_task) AS tasks, (SELECT count(*) FROM new_reminders) AS reminders,
      (SELECT count(*) FROM new_events) AS events,
      CASE WHEN $${n + 4}::boolean THEN pg_notify('${OUTBOX_CHANNEL}', '') END,
      CASE WHEN $${n + 5}::boolean THEN pg_notify('${REMINDERS_CHANNEL}', '') END`,
};

/** The values of CREATE_TASK, in the driver's form (what Drizzle would send for each column). */
export function createValues(
  task: Task,
  events: AnyCloudEvent[],
  notify: { outbox: boolean; reminders: boolean },
): unknown[] {
  const row = columnValues(task);
  const values: unknown[] = TASK_KEYS.map((key) => {
    if (key === 'search') return searchText(task);
    const value = row[key];
    return value === null ? null : taskColumns[key].mapToDriverValue(value);
  });
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
  values.push(
    JSON.stringify(reminders),
    task.userId,
    JSON.stringify(outboxRows),
    notify.outbox,
    notify.reminders,
  );
  return values;
}

export async function insertWithEvents(
  db: Db,
  signals: CommitSignals,
  task: Task,
  events: AnyCloudEvent[],
): Promise<void> {
  const notify = {
    outbox: events.length > 0 && signals.outboxWritten(),
    reminders: signals.remindersWritten(earliestPending(task.reminders)),
  };
  await runFixed(db, CREATE_TASK, createValues(task, events, notify));
  signals.statementDone();
}
