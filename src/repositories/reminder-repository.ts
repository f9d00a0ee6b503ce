// The scheduler's view of the reminders table. Firing claims due rows with FOR UPDATE SKIP LOCKED,
// so schedulers sharing a database split the work instead of firing a reminder twice, and marks
// them sent in the transaction that appends their events to the outbox.
import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { reminders, tasks } from '../db/schema.ts';
import { type AnyCloudEvent, EVENT_TOPIC } from '../domain/events.ts';
import type { DueReminder, ReminderStore } from '../ports/reminders.ts';
import { OUTBOX_CHANNEL } from './outbox-repository.ts';

/** NOTIFY channel of commits that add or re-time pending reminders: schedulers re-arm on it. */
export const REMINDERS_CHANNEL = 'taskstream_reminders';

/** Pending reminders of live, pending tasks: the only ones that may fire. */
const firable = and(
  eq(reminders.state, 'pending'),
  isNotNull(reminders.remindAt),
  isNull(tasks.deletedAt),
  eq(tasks.status, 'pending'),
);

/**
 * The outbox rows DrizzleOutbox.append would write, in one statement with one parameter: the ORM's
 * multi-row insert spends 0.1-0.2 ms of JavaScript per row building parameters, which was most of a
 * 1,000-reminder batch. Positions follow the order of `events`.
 */
async function appendToOutbox(tx: Db, events: AnyCloudEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(events.map((event) => ({ topic: EVENT_TOPIC[event.type], event })));
  await tx.execute(sql`
    INSERT INTO outbox (event_id, topic, partition_key, type, payload, created_at)
    SELECT (r.x->'event'->>'id')::uuid, r.x->>'topic', r.x->'event'->>'partitionkey',
           r.x->'event'->>'type', r.x->'event', (r.x->'event'->>'time')::timestamptz
    FROM jsonb_array_elements(${rows}::jsonb) WITH ORDINALITY AS r(x, n)
    ORDER BY r.n`);
  // As DrizzleOutbox does: delivered at commit, wakes relays without polling delay.
  await tx.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
}

export class DrizzleReminderStore implements ReminderStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async nextDueAt(): Promise<Date | null> {
    const [row] = await this.db
      .select({ remindAt: reminders.remindAt })
      .from(reminders)
      .innerJoin(tasks, eq(tasks.id, reminders.taskId))
      .where(firable)
      .orderBy(asc(reminders.remindAt))
      .limit(1);
    return row?.remindAt ?? null;
  }

  fireDue(
    now: Date,
    limit: number,
    toEvents: (fired: DueReminder[]) => AnyCloudEvent[],
  ): Promise<DueReminder[]> {
    // Due means due to the millisecond, as the caller's clock and nextDueAt see it: a remind_at
    // with microseconds (written by SQL) would otherwise look due to the caller yet not fire.
    const due = lt(reminders.remindAt, new Date(now.getTime() + 1));
    return this.db.transaction(async (txn) => {
      const tx = txn as unknown as Db;
      // 1. Claim: rows another scheduler (or a user's write) holds are skipped, not waited for.
      const claimed = await tx
        .select({ id: reminders.id, userId: reminders.userId })
        .from(reminders)
        .innerJoin(tasks, eq(tasks.id, reminders.taskId))
        .where(and(firable, due))
        .orderBy(asc(reminders.remindAt))
        .limit(limit)
        .for('update', { of: reminders, skipLocked: true });
      if (claimed.length === 0) return [];

      // 2. Take each owner's write lock (the one every task use case takes, without waiting): a
      // user's edit in flight could otherwise write back the reminder as pending after we mark it
      // sent, and our outbox rows keep the order of that user's commits. Owners busy now: next round.
      const owners = [...new Set(claimed.map((r) => r.userId))];
      const locked = await queryRows<{ user_id: string }>(
        tx,
        sql`SELECT u AS user_id FROM unnest(${sql.param(owners)}::text[]) AS u
            WHERE pg_try_advisory_xact_lock(hashtextextended(u, 0))`,
      );
      if (locked.length === 0) return [];
      const lockedOwners = new Set(locked.map((r) => r.user_id));
      const ids = claimed.filter((r) => lockedOwners.has(r.userId)).map((r) => r.id);

      // 3. Mark sent, re-checking every condition with a snapshot taken after the locks: only rows
      // this statement really moves from pending to sent produce an event.
      const rows = await tx
        .update(reminders)
        .set({ state: 'sent', sentAt: now })
        .from(tasks)
        .where(
          and(
            eq(tasks.id, reminders.taskId),
            sql`${reminders.id} = ANY(${sql.param(ids)}::uuid[])`,
            firable,
            due,
          ),
        )
        .returning({
          reminderId: reminders.id,
          taskId: reminders.taskId,
          userId: reminders.userId,
          remindAt: reminders.remindAt,
          title: tasks.title,
          dueAt: tasks.dueAt,
        });
      const fired: DueReminder[] = rows
        .map((r) => ({ ...r, remindAt: r.remindAt as Date }))
        .sort(
          (a, b) => a.remindAt.getTime() - b.remindAt.getTime() || a.reminderId.localeCompare(b.reminderId),
        );
      await appendToOutbox(tx, toEvents(fired));
      return fired;
    });
  }
}
