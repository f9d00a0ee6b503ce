// The dedicated connections beside the pool: LISTEN (relay, scheduler, delivery worker wake-ups)
// and the relay's leadership lock. On real Postgres a broken connection must not silently end
// wake-ups (they come back, with one poke for what was missed) nor leave a relay believing it still
// leads once the server has released its lock.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, wantsRealPostgres } from '../support/database.ts';

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('dedicated connections', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const notify = (channel: string) => t.database.db.execute(`NOTIFY ${channel}` as never);

  it('LISTEN wakes the listener on each notification until it unsubscribes', async () => {
    let pokes = 0;
    const stop = await t.database.listen('conn_basic', () => pokes++);
    await notify('conn_basic');
    await waitFor('the first notification', () => pokes === 1);
    await stop();
    await notify('conn_basic');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pokes).toBe(1);
  });

  if (wantsRealPostgres()) {
    // Ends every other backend of this database whose query is `sql` (ours are idle in LISTEN or
    // holding the lock); the role may end its own backends.
    const terminate = async (like: string) => {
      const admin = new pg.Client({ connectionString: t.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ n: string }>(
          `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE $1`,
          [like],
        );
        return Number(rows[0]!.n);
      } finally {
        await admin.end();
      }
    };

    it('LISTEN comes back after its connection is killed, with one poke for what was missed', async () => {
      let pokes = 0;
      const stop = await t.database.listen('conn_reconnect', () => pokes++);
      try {
        expect(await terminate('LISTEN%conn_reconnect%')).toBe(1);
        await waitFor('the poke after reconnecting', () => pokes >= 1);
        const before = pokes;
        await notify('conn_reconnect');
        await waitFor('a notification on the new connection', () => pokes === before + 1);
      } finally {
        await stop();
      }
    });

    it('the leadership lock reports its loss, and another holder can take it', async () => {
      let lost = 0;
      const release = await t.database.tryLock(4242, () => lost++);
      expect(release).not.toBeNull();
      expect(await t.database.tryLock(4243)).not.toBeNull(); // another key is free
      expect(await t.database.tryLock(4242)).toBeNull(); // held
      expect(await terminate('%pg_try_advisory_lock%')).toBeGreaterThanOrEqual(1);
      await waitFor('the loss to be reported', () => lost === 1);
      const again = await t.database.tryLock(4242);
      expect(again).not.toBeNull();
      await again!();
      await release!(); // releasing a lost lock is harmless
      expect(lost).toBe(1);
    });
  }
});
