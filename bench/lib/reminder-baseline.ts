// The floor the scheduler is compared with: a bare loop on one connection doing the same work per
// batch (claim due rows with SKIP LOCKED, mark them sent, insert one CloudEvent each into the
// outbox, commit) with none of Taskstream's layers: no ORM, no per-user locks, no timer.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

interface FiredRow {
  id: string;
  task_id: string;
  user_id: string;
  remind_at: Date;
  title: string;
  due_at: Date | null;
}

/** Fires everything due, batch after batch; calls `onBatch` after each commit. Returns the count. */
export async function drainBare(
  client: pg.Client,
  batchSize: number,
  onBatch: (rows: { id: string; remindAt: Date }[], at: Date) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const now = new Date();
    await client.query('BEGIN');
    const { rows } = await client.query<FiredRow>(
      `UPDATE reminders r SET state = 'sent', sent_at = $1
       FROM tasks t
       WHERE r.id IN (SELECT id FROM reminders
                      WHERE state = 'pending' AND remind_at <= $1
                      ORDER BY remind_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         AND t.id = r.task_id AND t.deleted_at IS NULL AND t.status = 'pending'
       RETURNING r.id, r.task_id, r.user_id, r.remind_at, t.title, t.due_at`,
      [now, batchSize],
    );
    if (rows.length > 0) {
      const events = rows.map((r) => ({
        specversion: '1.0',
        id: randomUUID(),
        source: 'bench/baseline',
        type: 'todo.reminder.due',
        subject: r.task_id,
        time: now.toISOString(),
        datacontenttype: 'application/json',
        partitionkey: r.user_id,
        data: {
          reminderId: r.id,
          taskId: r.task_id,
          userId: r.user_id,
          title: r.title,
          dueAt: r.due_at?.toISOString() ?? null,
          remindAt: r.remind_at.toISOString(),
        },
      }));
      await client.query(
        `INSERT INTO outbox (event_id, topic, partition_key, type, payload, created_at)
         SELECT e.id, 'reminders', e.key, 'todo.reminder.due', e.payload, $4
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS e(id, key, payload)`,
        [
          events.map((e) => e.id),
          events.map((e) => e.partitionkey),
          events.map((e) => JSON.stringify(e)),
          now,
        ],
      );
    }
    await client.query('COMMIT');
    if (rows.length === 0) return total;
    total += rows.length;
    onBatch(
      rows.map((r) => ({ id: r.id, remindAt: r.remind_at })),
      new Date(),
    );
  }
}
