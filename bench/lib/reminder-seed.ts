// Data for the reminders benchmark, written with plain SQL: users, one task per reminder, and the
// resets between phases (every reminder pending again, due at chosen times, outbox emptied).
import type pg from 'pg';

export const BENCH_USER_PREFIX = 'bench-user-';

export async function seedReminders(
  client: pg.Client,
  options: { reminders: number; users: number },
): Promise<void> {
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO users (id, name, email, time_zone)
     SELECT $1 || g, 'Bench user ' || g, 'bench' || g || '@example.com', 'UTC'
     FROM generate_series(0, $2 - 1) AS g`,
    [BENCH_USER_PREFIX, options.users],
  );
  // The sort and search keys are columns the application fills in, unless the schema generates them.
  const { rows: generated } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_name = 'tasks' AND column_name IN ('title_key', 'search') AND is_generated = 'ALWAYS'`,
  );
  const keys =
    generated.length === 2 ? ['', ''] : [', title_key, search', `, lower(t), to_tsvector('simple', t)`];
  // Absolute reminders ("at"), so their instants can move between phases without touching tasks.
  await client.query(
    `INSERT INTO tasks (id, user_id, title, status, priority, priority_rank, time_zone, created_at,
                        updated_at, version${keys[0]})
     SELECT gen_random_uuid(), $1 || (g % $2), t, 'pending', 'none', 0, 'UTC', now(), now(), 1${keys[1]}
     FROM generate_series(0, $3 - 1) AS g, LATERAL (SELECT 'Reminder task ' || g AS t) AS title`,
    [BENCH_USER_PREFIX, options.users, options.reminders],
  );
  await client.query(
    `INSERT INTO reminders (id, task_id, user_id, position, at, remind_at, state)
     SELECT gen_random_uuid(), id, user_id, 0, now(), now(), 'cancelled' FROM tasks`,
  );
  await client.query('COMMIT');
  // The benchmark vacuums between phases itself: autovacuum would only add noise, and a worker still
  // running at the end makes DROP DATABASE … WITH (FORCE) fail for a role that is not superuser.
  for (const table of ['tasks', 'reminders', 'outbox'])
    await client.query(`ALTER TABLE ${table} SET (autovacuum_enabled = off)`);
  await client.query('ANALYZE users, tasks, reminders');
}

/**
 * Makes every reminder pending again, due uniformly at random in [from, from + spreadMs), and
 * empties the outbox; wakes schedulers like a task write does. Same random sequence every run.
 */
export async function resetReminders(client: pg.Client, from: Date, spreadMs: number): Promise<void> {
  await client.query('BEGIN');
  await client.query('TRUNCATE outbox');
  await client.query('SELECT setseed(0.42)');
  await client.query(
    `UPDATE reminders r SET state = 'pending', sent_at = NULL, remind_at = x.t, at = x.t
     FROM (SELECT id, $1::timestamptz + random() * $2 * interval '1 millisecond' AS t FROM reminders) AS x
     WHERE x.id = r.id`,
    [from.toISOString(), spreadMs],
  );
  await client.query(`SELECT pg_notify('taskstream_reminders', '')`);
  await client.query('COMMIT');
  // Every phase starts from the same table state: without it, dead rows of earlier phases pile up
  // in the due index and whichever run comes later is slower.
  await client.query('VACUUM ANALYZE reminders, outbox');
}

export interface Verdict {
  /** Reminders not sent, or sent without an event in the outbox. */
  lost: number;
  /** Reminders with more than one todo.reminder.due event. */
  doubled: number;
  events: number;
}

/** What the database says after a phase: the reference for lost and doubled. */
export async function verify(client: pg.Client): Promise<Verdict> {
  const { rows } = await client.query<{ lost: number; doubled: number; events: number }>(
    `WITH fired AS (
       SELECT (payload->'data'->>'reminderId')::uuid AS id, count(*) AS n
       FROM outbox WHERE type = 'todo.reminder.due' GROUP BY 1)
     SELECT
       (SELECT count(*) FROM reminders r LEFT JOIN fired f ON f.id = r.id
        WHERE r.state <> 'sent' OR f.id IS NULL)::int AS lost,
       (SELECT count(*) FROM fired WHERE n > 1)::int AS doubled,
       (SELECT coalesce(sum(n), 0) FROM fired)::int AS events`,
  );
  return rows[0]!;
}
