import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

let t: TestApp;
let ann: ApiClient;
// Starts at the real time: inbox rows are stamped by the database's clock.
const clock = new FakeClock(new Date());

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp();
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number(
    (
      await queryRows<{ n: number }>(t.app.database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`))
    )[0]!.n,
  );

describe('cleanup', () => {
  it('keeps what is still useful and prunes what expired, in batches', async () => {
    for (let i = 0; i < 7; i++) await ann.post('/api/tasks', { title: `t${i}` });
    await t.app.settle();
    const outboxBefore = await count('outbox');
    const inboxBefore = await count('inbox');
    expect(outboxBefore).toBeGreaterThanOrEqual(7);
    const job = t.app.cleanup!;

    // A day later nothing has expired.
    clock.advance(86_400_000);
    expect(await job.runOnce()).toMatchObject({ outbox: 0, inbox: 0 });
    expect(await count('outbox')).toBe(outboxBefore);

    // Eight days later published outbox rows are gone (unpublished ones would stay), the inbox not yet.
    await ann.post('/api/tasks', { title: 'fresh and unpublished' });
    clock.advance(7 * 86_400_000);
    const removed = await job.runOnce();
    expect(removed.outbox).toBe(outboxBefore);
    expect(await count('outbox')).toBe(1);
    expect(await count('inbox')).toBe(inboxBefore);

    // Past two weeks the inbox goes too; the activity log and the tasks stay forever.
    clock.advance(7 * 86_400_000);
    expect((await job.runOnce()).inbox).toBe(inboxBefore);
    expect(await count('activity')).toBeGreaterThanOrEqual(7);
    expect(await count('tasks')).toBe(8);
    // The session expired (Better Auth's 7 days) in this fake future, so it was pruned too.
    expect(await count('sessions')).toBe(0);
  });
});
