// The end-to-end journey over real HTTP, against whatever shape TASKSTREAM_URL (or the distributed
// global setup) names, else the embedded default started here. The same file passes against
// `npm start` and against deploy/local/up: only the base URL differs.
//   sign up → a recurring task with a reminder due in a few seconds → the reminder fires → an
//   in-app notification → the `todo.notification.created` event on the live stream (SSE) →
//   complete → the next occurrence appears, with its reminder re-timed → the activity log holds
//   the whole history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSse, type SseClient } from '../support/sse.ts';
import { openTarget, type Target } from './target.ts';

let target: Target;
beforeAll(async () => {
  target = await openTarget();
}, 120_000);
afterAll(() => target?.close());

interface Answer<T = any> {
  status: number;
  body: T;
}

async function call<T = any>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(target.url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Polls `probe` until it returns a value (not undefined), or fails naming `what`. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a person’s day with Taskstream, end to end over HTTP', () => {
  let token: string;
  let stream: SseClient | null = null;
  afterAll(() => stream?.close());

  it('answers health and readiness', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    const ready = await call('GET', '/ready');
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
  });

  it('says what code it runs: the server bundle when started here, as `npm start` after `npm ci`', async () => {
    const metrics = await (await fetch(`${target.url}/metrics`)).text();
    // Another shape runs what it was started with; the embedded one here has a fresh bundle.
    const code = target.shape.startsWith('embedded') ? 'bundle' : '(bundle|sources)';
    expect(metrics).toMatch(new RegExp(`^taskstream_build_info\\{code="${code}"\\} 1$`, 'm'));
  });

  it('signs up and gets a bearer token', async () => {
    const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const signUp = await call('POST', '/api/auth/sign-up/email', undefined, {
      name: 'End To End',
      email,
      password: 'a long enough password',
    });
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(200);
    token = signUp.body.token;
    expect(token).toEqual(expect.any(String));
    expect((await call('GET', '/api/me', token)).body.email).toBe(email);
    expect((await call('GET', '/api/tasks')).status).toBe(401);
  });

  it('fires the reminder of a recurring task as a notification, live on the stream, then advances the series', async () => {
    stream = await connectSse(target.url, { token });
    expect(stream.status).toBe(200);

    const remindAt = new Date(Date.now() + 4_000);
    const dueAt = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000);
    const created = await call('POST', '/api/tasks', token, {
      title: 'Water the plants',
      priority: 'medium',
      tags: ['home'],
      dueAt: dueAt.toISOString(),
      timeZone: 'UTC',
      recurrence: { rule: 'FREQ=DAILY', basis: 'due' },
      reminders: [{ at: remindAt.toISOString() }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const task = created.body;
    expect(task.seriesId).toEqual(expect.any(String));
    expect(task.reminders).toMatchObject([{ state: 'pending', remindAt: remindAt.toISOString() }]);

    // The reminder fires (scheduler) and becomes an in-app notification (notifier).
    const notification = await eventually('the reminder notification', async () => {
      const list = await call('GET', '/api/notifications', token);
      return list.body.items.find((n: { taskId: string }) => n.taskId === task.id);
    });
    expect(notification).toMatchObject({ kind: 'reminder', title: 'Water the plants', readAt: null });
    expect(new Date(notification.createdAt).getTime()).toBeGreaterThanOrEqual(remindAt.getTime());
    const afterFiring = await call('GET', `/api/tasks/${task.id}`, token);
    expect(afterFiring.body.reminders[0].state).toBe('sent');

    // The same notification arrives live on the stream (realtime).
    await stream.until(
      'todo.notification.created on the stream',
      (messages) =>
        messages.some(
          (m) =>
            m.event === 'todo.notification.created' &&
            JSON.parse(m.data).data.notification.id === notification.id,
        ),
      20_000,
    );

    // Completing it creates the next occurrence (recurrence), one day later, reminder re-timed.
    const completed = await call('POST', `/api/tasks/${task.id}/complete`, token);
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('completed');
    const next = await eventually('the next occurrence', async () => {
      const list = await call('GET', '/api/tasks?status=pending&limit=200', token);
      return list.body.items.find(
        (t: { seriesId: string; id: string }) => t.seriesId === task.seriesId && t.id !== task.id,
      );
    });
    expect(next).toMatchObject({
      title: 'Water the plants',
      status: 'pending',
      dueAt: new Date(dueAt.getTime() + 86_400_000).toISOString(),
      recurrence: { rule: 'FREQ=DAILY', basis: 'due' },
    });
    expect(next.reminders).toMatchObject([
      { state: 'pending', remindAt: new Date(remindAt.getTime() + 86_400_000).toISOString() },
    ]);
    await stream.until(
      'the next occurrence on the stream',
      (messages) =>
        messages.some((m) => m.event === 'todo.task.created' && JSON.parse(m.data).subject === next.id),
      20_000,
    );

    // Exactly one next occurrence, even after a moment for a doubled one to show up.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const all = await call('GET', '/api/tasks?status=all&limit=200', token);
    expect(all.body.items.filter((t: { seriesId: string }) => t.seriesId === task.seriesId)).toHaveLength(2);

    // The activity log (audit) holds the history, newest first.
    const history = await eventually('the full history in the activity log', async () => {
      const log = await call('GET', `/api/activity?taskId=${task.id}`, token);
      const types = log.body.items.map((e: { type: string }) => e.type);
      return types.length >= 4 ? types : undefined;
    });
    expect(history).toEqual([
      'todo.task.completed',
      'todo.notification.created',
      'todo.reminder.due',
      'todo.task.created',
    ]);
    const nextHistory = await eventually('the next occurrence in the activity log', async () => {
      const log = await call('GET', `/api/activity?taskId=${next.id}`, token);
      return log.body.items.length > 0 ? log.body.items : undefined;
    });
    expect(nextHistory.map((e: { type: string }) => e.type)).toEqual(['todo.task.created']);
  }, 90_000);
});
