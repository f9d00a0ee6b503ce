// A consumer process killed with SIGKILL in the middle of a stream of events, then started again:
// its effects are neither lost nor doubled. The audit role (an activity entry per event) and the
// notifier (a notification per due reminder) each record the event id in their inbox in the same
// transaction as the effect, and Kafka redelivers from the last committed offset.
import { describe, expect, it } from 'vitest';
import { call, createdInActivity, diff, signUp, writeStream } from './client.ts';
import { baseUrl, killApp, restore, waitUntil } from './deployment.ts';

describe('a consumer killed mid-stream', () => {
  it('audit: every write is in the activity log exactly once after the restart', async () => {
    const url = baseUrl();
    const token = await signUp(url, 'audit-crash');
    const writes = writeStream(url, token, { workers: 3, pauseMs: 20, title: 'audit crash' });
    try {
      await waitUntil('audit to be busy', async () => (await createdInActivity(url, token)).length >= 30);
      await killApp('audit');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await restore();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } finally {
      await writes.stop();
    }
    const { acked, failed } = writes.log;
    expect(failed).toEqual([]);
    await waitUntil(
      'every write audited',
      async () => (await createdInActivity(url, token)).length >= acked.length,
      120_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const seen = await createdInActivity(url, token);
    expect(diff(acked, seen)).toEqual({ missing: [], doubled: [], extra: [] });
  });

  it('notifier: every reminder that came due becomes exactly one notification', async () => {
    const url = baseUrl();
    const token = await signUp(url, 'notifier-crash');
    const start = Date.now() + 3_000;
    const tasks: string[] = [];
    // 60 reminders due over 12 s; the notifier dies a few seconds in and is back a few later.
    for (let i = 0; i < 60; i++) {
      const at = new Date(start + i * 200).toISOString();
      const created = await call(url, 'POST', '/api/tasks', token, {
        title: `reminder ${i}`,
        reminders: [{ at }],
      });
      expect(created.status).toBe(201);
      tasks.push(created.body.id);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + 4_000 - Date.now())));
    await killApp('notifier');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await restore();
    const notifications = async () =>
      (await call(url, 'GET', '/api/notifications?limit=100', token)).body.items.map(
        (n: { taskId: string }) => n.taskId,
      );
    await waitUntil(
      'a notification per reminder',
      async () => (await notifications()).length >= tasks.length,
      120_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(diff(tasks, await notifications())).toEqual({ missing: [], doubled: [], extra: [] });
  });
});
