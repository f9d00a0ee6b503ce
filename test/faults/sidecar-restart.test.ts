// The daprd sidecar of one service stopped and started again (a sidecar container restart): that
// service resumes — the audit sidecar catches up on what was published meanwhile, and the relay,
// whose sidecar is its only way to Kafka, publishes the backlog it could not while it was gone.
import { describe, expect, it } from 'vitest';
import { call, createdInActivity, diff, outboxPending, signUp } from './client.ts';
import { baseUrl, restore, stopSidecar, waitUntil } from './deployment.ts';

async function createMany(url: string, token: string, n: number, title: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const answer = await call(url, 'POST', '/api/tasks', token, { title: `${title} ${i}` });
    expect(answer.status).toBe(201);
    ids.push(answer.body.id);
  }
  return ids;
}

describe('a sidecar restarted', () => {
  it.each(['audit', 'relay'])('%s resumes after its daprd comes back', async (role) => {
    const url = baseUrl();
    const token = await signUp(url, `${role}-sidecar`);
    const before = await createMany(url, token, 10, 'before');
    await waitUntil(
      'the first writes audited',
      async () => (await createdInActivity(url, token)).length >= 10,
    );
    await stopSidecar(role);
    const during = await createMany(url, token, 20, 'while the sidecar is down');
    if (role === 'relay') {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await outboxPending(url)).toBeGreaterThanOrEqual(20);
    }
    await restore();
    const after = await createMany(url, token, 10, 'after');
    const all = [...before, ...during, ...after];
    await waitUntil(
      'every write audited',
      async () => (await createdInActivity(url, token)).length >= all.length,
      120_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(diff(all, await createdInActivity(url, token))).toEqual({ missing: [], doubled: [], extra: [] });
  });
});
