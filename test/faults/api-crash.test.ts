// The api process killed with SIGKILL while writes are in flight: every write it acknowledged
// (2xx) survives, and so do its events (outbox, same transaction): after the restart each such
// task exists and its `todo.task.created` reached the activity log. Writes cut off mid-request may
// or may not have committed; those that did show up too, once, and nothing appears twice.
import { describe, expect, it } from 'vitest';
import { call, createdInActivity, diff, signUp, writeStream } from './client.ts';
import { baseUrl, killApp, restore, waitUntil } from './deployment.ts';

describe('the api process killed during writes', () => {
  it('keeps every acknowledged write and its events', async () => {
    const url = baseUrl();
    const token = await signUp(url, 'api-crash');
    const writes = writeStream(url, token, { workers: 4, pauseMs: 10, title: 'api crash' });
    try {
      await waitUntil('writes to flow', async () => writes.log.acked.length >= 50);
      await killApp('api');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await restore();
      await waitUntil('writes to be acknowledged again', async () => {
        const before = writes.log.acked.length;
        await new Promise((resolve) => setTimeout(resolve, 500));
        return writes.log.acked.length > before;
      });
    } finally {
      await writes.stop();
    }
    const { acked, failed } = writes.log;
    expect(failed.length, 'some writes were cut off by the crash').toBeGreaterThan(0);
    for (const id of acked) expect((await call(url, 'GET', `/api/tasks/${id}`, token)).status, id).toBe(200);
    await waitUntil(
      'every acknowledged write audited',
      async () => {
        const seen = new Set(await createdInActivity(url, token));
        return acked.every((id) => seen.has(id));
      },
      120_000,
    );
    const seen = await createdInActivity(url, token);
    const { missing, doubled, extra } = diff(acked, seen);
    expect({ missing, doubled }).toEqual({ missing: [], doubled: [] });
    // Committed but unacknowledged writes (at most the ones in flight at the crash) are real tasks.
    expect(extra.length).toBeLessThanOrEqual(failed.length);
    for (const id of extra) expect((await call(url, 'GET', `/api/tasks/${id}`, token)).status).toBe(200);
  });
});
