// The routes a Dapr sidecar calls on the app beyond pub/sub (ADR 008), through the whole app on a
// test database, with a fake sidecar where the app calls out: the internal series route `recurrence`
// invokes on `api`, the Jobs API callback and the cron binding of the `scheduler` role.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

let sidecar: Server;
let sidecarPort = 0;
const jobs: { name: string; dueTime: string }[] = [];

beforeAll(async () => {
  sidecar = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/v1.0-alpha1/jobs/'))
        jobs.push({ name: path.split('/').pop()!, dueTime: JSON.parse(text).dueTime });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => sidecar.listen(0, '127.0.0.1', resolve));
  sidecarPort = (sidecar.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => sidecar.close(() => resolve())));

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const TOKEN = 'app-token-for-the-sidecar';
const fromSidecar = { 'dapr-api-token': TOKEN, 'dapr-caller-app-id': 'recurrence' };

describe('POST /internal/series/advance (service invocation from recurrence)', () => {
  it('creates the next occurrence once, and only for the sidecar', async () => {
    app = await startTestApp({
      env: { EVENT_BUS: 'dapr', DAPR_HTTP_PORT: String(sidecarPort), APP_API_TOKEN: TOKEN, ROLES: 'api' },
    });
    const user = await app.signUp();
    const created = await user.post('/api/tasks', {
      title: 'Stretch',
      dueAt: '2030-01-07T08:00:00Z',
      recurrence: { rule: 'FREQ=WEEKLY', basis: 'due' },
    });
    expect(created.status).toBe(201);
    expect((await user.post(`/api/tasks/${created.body.id}/complete`)).status).toBe(200);
    const body = { userId: user.userId, completedId: created.body.id };

    expect((await app.request('POST', '/internal/series/advance', body)).status).toBe(401);
    expect(
      (
        await app.request('POST', '/internal/series/advance', body, {
          'dapr-api-token': 'wrong-token-wrong-token!!',
        })
      ).status,
    ).toBe(401);
    // A session does not open it either: it is not part of the public API.
    expect(
      (await app.request('POST', '/internal/series/advance', body, { authorization: `Bearer ${user.token}` }))
        .status,
    ).toBe(401);
    expect((await app.request('POST', '/internal/series/advance', { userId: 'x' }, fromSidecar)).status).toBe(
      400,
    );

    const first = await app.request('POST', '/internal/series/advance', body, fromSidecar);
    expect(first.status).toBe(200);
    expect(first.body.nextId).toEqual(expect.any(String));
    const next = await user.get(`/api/tasks/${first.body.nextId}`);
    expect(next.body).toMatchObject({ seriesId: created.body.seriesId, dueAt: '2030-01-14T08:00:00.000Z' });
    // Redelivered: nothing more.
    const again = await app.request('POST', '/internal/series/advance', body, fromSidecar);
    expect(again.body).toEqual({ nextId: null });
    const all = await user.get('/api/tasks?status=all');
    expect(all.body.items).toHaveLength(2);
  });

  it('is not mounted without an app API token, nor off Dapr', async () => {
    app = await startTestApp({
      env: { EVENT_BUS: 'dapr', DAPR_HTTP_PORT: String(sidecarPort), ROLES: 'api' },
    });
    expect((await app.request('POST', '/internal/series/advance', {})).status).toBe(404);
    await app.close();
    app = await startTestApp({ env: { APP_API_TOKEN: TOKEN } });
    expect((await app.request('POST', '/internal/series/advance', {}, fromSidecar)).status).toBe(404);
  });
});

describe('the scheduler role on Dapr: Jobs API callback and cron binding', () => {
  it('fires due reminders on POST /job/reminders-next and arms the job for the next one', async () => {
    const clock = new FakeClock('2026-11-22T10:00:00Z');
    app = await startTestApp({
      clock,
      env: { DAPR_HTTP_PORT: String(sidecarPort), APP_API_TOKEN: TOKEN, REMINDER_SCHEDULER: 'dapr-jobs' },
    });
    const user = await app.signUp();
    const task = await user.post('/api/tasks', {
      title: 'Call the plumber',
      reminders: [{ at: '2026-11-22T10:01:00Z' }, { at: '2026-11-22T10:05:00Z' }],
    });
    expect(task.status).toBe(201);
    jobs.length = 0;

    expect((await app.request('POST', '/job/reminders-next')).status).toBe(401);
    clock.set('2026-11-22T10:01:00.000Z');
    const fired = await app.request('POST', '/job/reminders-next', undefined, { 'dapr-api-token': TOKEN });
    expect(fired.status).toBe(200);
    const after = await user.get(`/api/tasks/${task.body.id}`);
    expect(after.body.reminders.map((r: { state: string }) => r.state)).toEqual(['sent', 'pending']);
    // Armed again: for the next reminder, or a minute on at most (the scheduler's backstop, so the
    // Jobs API backs itself up even where no cron binding is configured).
    expect(jobs).toEqual([{ name: 'reminders-next', dueTime: '2026-11-22T10:02:00.000Z' }]);
    clock.set('2026-11-22T10:04:30.000Z');
    await app.request('POST', '/job/reminders-next', undefined, { 'dapr-api-token': TOKEN });
    // +1 ms: a job is never called before its time, and the reminder must be due by then.
    expect(jobs.at(-1)).toEqual({ name: 'reminders-next', dueTime: '2026-11-22T10:05:00.001Z' });
  });

  it('answers the binding’s OPTIONS probe and sweeps on POST /reminder-sweep', async () => {
    const clock = new FakeClock('2026-11-22T10:00:00Z');
    app = await startTestApp({
      clock,
      env: {
        EVENT_BUS: 'dapr',
        DAPR_HTTP_PORT: String(sidecarPort),
        APP_API_TOKEN: TOKEN,
        REMINDER_SCHEDULER: 'dapr-jobs',
      },
    });
    expect((await app.request('OPTIONS', '/reminder-sweep')).status).toBe(204);
    const user = await app.signUp();
    const task = await user.post('/api/tasks', {
      title: 'Bins out',
      reminders: [{ at: '2026-11-22T10:00:30Z' }],
    });
    clock.set('2026-11-22T10:01:00Z');
    expect(
      (await app.request('POST', '/reminder-sweep', undefined, { 'dapr-api-token': TOKEN })).status,
    ).toBe(200);
    const after = await user.get(`/api/tasks/${task.body.id}`);
    expect(after.body.reminders[0].state).toBe('sent');
  });

  it('mounts neither route for the built-in scheduler off Dapr', async () => {
    app = await startTestApp();
    expect((await app.request('POST', '/job/reminders-next')).status).toBe(404);
    expect((await app.request('POST', '/reminder-sweep')).status).toBe(404);
  });
});
