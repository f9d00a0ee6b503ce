// Reminder lateness of the `scheduler` role with its built-in timer against the Dapr Jobs API
// driver (REMINDER_SCHEDULER=dapr-jobs): the same reminders, due at random within a window,
// fired by a server process of each kind; lateness = sent_at − remind_at as the store records
// them (the claim's clock reading, the same machine's clock as remind_at's).
import type pg from 'pg';
import { type Distribution, distribution } from './latency.ts';
import { resetReminders, verify } from './reminder-seed.ts';

export interface LatenessRun {
  reminders: number;
  windowMs: number;
  lateness: Distribution;
  lost: number;
  doubled: number;
}

export async function measureLateness(
  client: pg.Client,
  windowMs: number,
  leadMs = 3_000,
): Promise<LatenessRun> {
  const from = new Date(Date.now() + leadMs);
  await resetReminders(client, from, windowMs);
  const deadline = from.getTime() + windowMs + 30_000;
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reminders WHERE state <> 'sent'`,
    );
    if (rows[0]!.n === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const { rows } = await client.query<{ ms: number }>(
    `SELECT extract(epoch FROM (sent_at - remind_at)) * 1000 AS ms FROM reminders WHERE state = 'sent'`,
  );
  const verdict = await verify(client);
  return {
    reminders: rows.length,
    windowMs,
    lateness: distribution(rows.map((r) => Number(r.ms))),
    lost: verdict.lost,
    doubled: verdict.doubled,
  };
}
