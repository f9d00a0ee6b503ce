// Feeding the pipeline of the events benchmark and reading what came out of it, in SQL.
// Events enter through the outbox, as a committed write leaves them (the same row, the same NOTIFY
// the relay wakes on): `todo.task.created` CloudEvents of many users, so every partition works.
// The consumer effect measured is the audit role's activity entry. The activity table has no time
// of its own, so the scratch database gets a statement trigger noting, for every inserted row,
// the database clock at insert (bench_effects): the same small cost for every bus.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export const FEED_USERS = 200;

function taskEvent(userId: string, source: string) {
  const id = randomUUID();
  const taskId = randomUUID();
  const now = new Date().toISOString();
  return {
    specversion: '1.0',
    id,
    source,
    type: 'todo.task.created',
    subject: taskId,
    time: now,
    datacontenttype: 'application/json',
    partitionkey: userId,
    data: {
      userId,
      task: {
        id: taskId,
        title: 'Water the plants on the balcony',
        description: '',
        status: 'pending',
        priority: 'medium',
        tags: ['home', 'garden'],
        dueAt: null,
        allDay: false,
        timeZone: 'UTC',
        recurrence: null,
        reminders: [],
        seriesId: null,
        completedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
    },
  };
}

let counter = 0;

/** Commits `count` events to the outbox in one transaction (created_at = the database clock). */
export async function feed(client: pg.Client, count: number, source = 'bench/events'): Promise<void> {
  const events = Array.from({ length: count }, () =>
    taskEvent(`bench-user-${counter++ % FEED_USERS}`, source),
  );
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO outbox (event_id, topic, partition_key, type, payload, created_at)
     SELECT e.id, 'task-events', e.key, 'todo.task.created', e.payload, clock_timestamp()
     FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS e(id, key, payload)`,
    [events.map((e) => e.id), events.map((e) => e.partitionkey), events.map((e) => JSON.stringify(e))],
  );
  await client.query(`SELECT pg_notify('taskstream_outbox', '')`);
  await client.query('COMMIT');
}

/** Installs the effect-time trigger on the (migrated) scratch database. */
export async function recordEffects(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS bench_effects (
      event_id uuid PRIMARY KEY, at timestamptz NOT NULL, n bigserial NOT NULL);
    CREATE OR REPLACE FUNCTION bench_effect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO bench_effects (event_id, at) SELECT event_id, clock_timestamp() FROM inserted;
        RETURN NULL;
      END $$;
    DROP TRIGGER IF EXISTS bench_effect ON activity;
    CREATE TRIGGER bench_effect AFTER INSERT ON activity REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION bench_effect();`);
}

/**
 * Events the audit role has applied so far: the serial's position, read in O(1) (a count(*) of a
 * table growing by thousands of rows a second, ten times a second, would load the database under
 * test). Activity rows are never rolled back nor repeated (ON CONFLICT DO NOTHING inserts nothing),
 * so no number is skipped.
 */
export async function audited(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM bench_effects_n_seq',
  );
  return Number(rows[0]!.n);
}

/** Every outbox row written so far: each becomes one audited effect. */
export async function fedRows(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  return rows[0]!.n;
}

export async function waitAudited(client: pg.Client, total: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await audited(client)) < total) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

/**
 * Sustained throughput: keeps `backlog` events waiting (fed in transactions of `batch`) for
 * `seconds`, and counts effects per second. The pipeline never starves nor has to catch up
 * on an unbounded pile, so the rate is what it sustains.
 */
export async function sustain(
  client: pg.Client,
  options: {
    seconds: number;
    backlog: number;
    batch: number;
    onSecond?: (second: number, rate: number) => void;
  },
): Promise<{ perSecond: number[]; total: number; seconds: number; fed: number }> {
  let fed = await audited(client);
  const startCount = fed;
  const perSecond: number[] = [];
  const started = Date.now();
  let previous = startCount;
  let nextTick = started + 1_000;
  let done = startCount;
  while (Date.now() - started < options.seconds * 1_000) {
    done = await audited(client);
    while (fed - done < options.backlog) {
      await feed(client, options.batch);
      fed += options.batch;
    }
    if (Date.now() >= nextTick) {
      perSecond.push(done - previous);
      options.onSecond?.(perSecond.length, done - previous);
      previous = done;
      nextTick += 1_000;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const elapsed = (Date.now() - started) / 1_000;
  done = await audited(client);
  return { perSecond, total: done - startCount, seconds: elapsed, fed: fed - startCount };
}

/**
 * Open loop at `rate` events/s for `seconds` (a transaction every 10 ms, on an absolute schedule
 * so a slow one does not lower the rate), tagged with `source` so latency can find them.
 */
export async function steadyRate(
  client: pg.Client,
  options: { rate: number; seconds: number; source: string },
): Promise<{ sent: number; behindMs: number }> {
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((options.rate * tickMs) / 1_000));
  const ticks = Math.round((options.seconds * 1_000) / tickMs);
  const start = Date.now();
  let behindMs = 0;
  for (let i = 0; i < ticks; i++) {
    const due = start + i * tickMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else behindMs = Math.max(behindMs, -wait);
    await feed(client, perTick, options.source);
  }
  return { sent: ticks * perTick, behindMs };
}

/** Outbox commit → audit effect, in ms, of every event tagged `source` (database clock both ends). */
export async function latencies(client: pg.Client, source: string): Promise<number[]> {
  const { rows } = await client.query<{ ms: number }>(
    `SELECT extract(epoch FROM (e.at - o.created_at)) * 1000 AS ms
     FROM outbox o JOIN bench_effects e ON e.event_id = o.event_id
     WHERE o.payload->>'source' = $1`,
    [source],
  );
  return rows.map((r) => Number(r.ms));
}
