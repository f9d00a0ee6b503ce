// Publishing while the broker is down (issue 4): a Taskstream app with the real relay and outbox
// keeps taking writes (2xx) while its broker is stopped, and every event reaches the consumers
// once the broker is back. The kafka and dapr cases stop a dedicated broker (brokers.ts), never
// the shared one; the in-process bus simulates the outage by failing its publish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleOutboxStore } from '../../src/repositories/outbox-repository.ts';
import { startTestApp } from '../support/app.ts';
import { outageBroker } from './brokers.ts';
import { ADAPTERS, FACTORIES } from './fixtures.ts';
import { type Harness, sleep, waitFor } from './harness.ts';

const needsBroker = ADAPTERS.some((adapter) => adapter !== 'memory');
let outageReady: Promise<unknown> = Promise.resolve();

beforeAll(() => {
  // The dedicated broker takes seconds to start: start it now, await it in the cases.
  if (needsBroker) outageReady = outageBroker.up();
  outageReady.catch(() => {});
});

afterAll(async () => {
  if (needsBroker)
    await outageReady.then(
      () => outageBroker.wipe(),
      () => {},
    );
});

describe.each(ADAPTERS)('%s bus', (adapter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await FACTORIES[adapter]();
  });
  afterAll(() => h?.close());

  it('takes writes while the broker is down and delivers them after it returns (outbox + relay)', async () => {
    await outageReady;
    const outage = h.outage();
    const t = await startTestApp({ manualRelay: false, env: await outage.env() });
    try {
      await outage.attach(t);
      const user = await t.signUp();
      const titles = async () => {
        const log = await user.get('/api/activity?type=todo.task.created&limit=200');
        return (log.body.items as { data: { task: { title: string } } }[]).map((e) => e.data.task.title);
      };
      expect((await user.post('/api/tasks', { title: 'before' })).status).toBe(201);
      await waitFor(
        async () => (await titles()).includes('before') || null,
        'delivery before the outage',
        60_000,
      );
      await outage.down(t);
      const written: string[] = [];
      for (let i = 0; i < 6; i++) {
        expect((await user.post('/api/tasks', { title: `during ${i}` })).status).toBe(201);
        written.push(`during ${i}`);
        await sleep(250);
      }
      expect((await new DrizzleOutboxStore(t.app.database.db).lag(new Date())).count).toBeGreaterThan(0);
      await outage.up(t);
      expect((await user.post('/api/tasks', { title: 'after' })).status).toBe(201);
      const all = ['before', ...written, 'after'];
      const delivered = await waitFor(
        async () => {
          const seen = await titles();
          return all.every((x) => seen.includes(x)) ? seen : null;
        },
        'every write after the broker returned',
        90_000,
      );
      for (const x of all) expect(delivered.filter((y) => y === x)).toHaveLength(1);
    } finally {
      await outage.detach();
      await t.close();
    }
  });
});
