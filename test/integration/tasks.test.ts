import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../contract/problem.ts';
import { TaskSchema } from '../../contract/task.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

let t: TestApp;
let ann: ApiClient;
const clock = new FakeClock('2026-11-22T10:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
});
afterAll(() => t.close());

describe('task lifecycle', () => {
  it('creates a task with defaults, Location and ETag', async () => {
    const res = await ann.post('/api/tasks', { title: '  Write report  ' });
    expect(res.status).toBe(201);
    const task = TaskSchema.parse(res.body);
    expect(task).toMatchObject({
      title: 'Write report',
      description: '',
      status: 'pending',
      priority: 'none',
      tags: [],
      dueAt: null,
      allDay: false,
      timeZone: 'Europe/Berlin',
      recurrence: null,
      reminders: [],
      seriesId: null,
      completedAt: null,
      version: 1,
      createdAt: '2026-11-22T10:00:00.000Z',
    });
    expect(res.headers.location).toBe(`/api/tasks/${task.id}`);
    expect(res.headers.etag).toBe('"1"');
    const again = await ann.get(`/api/tasks/${task.id}`);
    expect(again.body).toEqual(res.body);
  });

  it('reads local times in the task zone and keeps all-day dates', async () => {
    const timed = await ann.post('/api/tasks', {
      title: 'Call',
      dueAt: '2026-11-25T09:00:00',
      timeZone: 'America/New_York',
    });
    expect(timed.body.dueAt).toBe('2026-11-25T14:00:00.000Z');
    const allDay = await ann.post('/api/tasks', { title: 'Birthday', dueAt: '2026-12-01' });
    expect(allDay.body).toMatchObject({
      allDay: true,
      dueAt: '2026-11-30T23:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    const instant = await ann.post('/api/tasks', { title: 'Deploy', dueAt: '2026-11-25T09:00:00+05:30' });
    expect(instant.body.dueAt).toBe('2026-11-25T03:30:00.000Z');
  });

  it('computes reminder times and re-times offset reminders when the due time moves', async () => {
    const created = await ann.post('/api/tasks', {
      title: 'Dentist',
      dueAt: '2026-11-26T15:00:00Z',
      reminders: [{ offsetMinutes: 60 }, { at: '2026-11-26T08:00:00Z' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.reminders.map((r: { remindAt: string }) => r.remindAt)).toEqual([
      '2026-11-26T14:00:00.000Z',
      '2026-11-26T08:00:00.000Z',
    ]);
    const moved = await ann.patch(`/api/tasks/${created.body.id}`, { dueAt: '2026-11-27T15:00:00Z' });
    expect(moved.body.reminders.map((r: { remindAt: string }) => r.remindAt)).toEqual([
      '2026-11-27T14:00:00.000Z',
      '2026-11-26T08:00:00.000Z',
    ]);
    expect(moved.body.reminders[0].id).toBe(created.body.reminders[0].id);
  });

  it('patches only given fields, bumps the version and honours If-Match', async () => {
    const { body: task } = await ann.post('/api/tasks', { title: 'Plan trip', tags: ['travel'] });
    const patched = await ann.patch(
      `/api/tasks/${task.id}`,
      { priority: 'high', description: 'Lisbon' },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Plan trip',
      priority: 'high',
      description: 'Lisbon',
      tags: ['travel'],
      version: 2,
    });
    const stale = await ann.patch(`/api/tasks/${task.id}`, { priority: 'low' }, { 'if-match': '1' });
    expect(stale.status).toBe(412);
    expect(ProblemSchema.parse(stale.body).status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    const same = await ann.patch(`/api/tasks/${task.id}`, { priority: 'high' });
    expect(same.body.version).toBe(2);
    const badHeader = await ann.patch(`/api/tasks/${task.id}`, { priority: 'low' }, { 'if-match': 'abc' });
    expect(badHeader.status).toBe(400);
    expect(badHeader.body.errors[0].path).toBe('header.if-match');
  });

  it('replaces every editable field with PUT', async () => {
    const { body: task } = await ann.post('/api/tasks', {
      title: 'Old',
      description: 'old text',
      priority: 'urgent',
      tags: ['a'],
      dueAt: '2026-11-30',
    });
    const replaced = await ann.put(`/api/tasks/${task.id}`, { title: 'New' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      title: 'New',
      description: '',
      priority: 'none',
      tags: [],
      dueAt: null,
      allDay: false,
    });
    const stale = await ann.put(`/api/tasks/${task.id}`, { title: 'Newer' }, { 'if-match': '1' });
    expect(stale.status).toBe(412);
  });

  it('completes idempotently, cancels pending reminders, and reopens', async () => {
    const { body: task } = await ann.post('/api/tasks', {
      title: 'Pay rent',
      dueAt: '2026-12-01T09:00:00Z',
      reminders: [{ offsetMinutes: 30 }],
    });
    clock.advance(1000);
    const done = await ann.post(`/api/tasks/${task.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      completedAt: clock.now().toISOString(),
      version: 2,
    });
    expect(done.body.reminders[0].state).toBe('cancelled');
    const twice = await ann.post(`/api/tasks/${task.id}/complete`);
    expect(twice.body).toEqual(done.body);
    const reopened = await ann.post(`/api/tasks/${task.id}/reopen`);
    expect(reopened.body).toMatchObject({ status: 'pending', completedAt: null, version: 3 });
    expect(reopened.body.reminders[0].state).toBe('pending');

    await t.app.settle();
    const log = await ann.get(`/api/activity?taskId=${task.id}`);
    expect(log.body.items.map((e: { type: string }) => e.type)).toEqual([
      'todo.task.reopened',
      'todo.task.completed',
      'todo.task.created',
    ]);
  });

  it('deletes, then answers 404', async () => {
    const { body: task } = await ann.post('/api/tasks', { title: 'Temporary' });
    expect((await ann.delete(`/api/tasks/${task.id}`)).status).toBe(204);
    expect((await ann.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await ann.delete(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await ann.get('/api/tasks/not-a-uuid')).status).toBe(404);
  });

  it('uses the user time zone set with PATCH /api/me as the default', async () => {
    const me = await ann.patch('/api/me', { timeZone: 'Asia/Kolkata', name: 'Ann B' });
    expect(me.body).toMatchObject({ name: 'Ann B', timeZone: 'Asia/Kolkata', email: ann.email });
    const task = await ann.post('/api/tasks', { title: 'Chai', dueAt: '2026-11-23T17:00:00' });
    expect(task.body).toMatchObject({ timeZone: 'Asia/Kolkata', dueAt: '2026-11-23T11:30:00.000Z' });
    const bad = await ann.patch('/api/me', { timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.timeZone');
    await ann.patch('/api/me', { timeZone: 'Europe/Berlin' });
  });

  it('validates recurrence and reminders against dueAt', async () => {
    const noDue = await ann.post('/api/tasks', { title: 'x', recurrence: { rule: 'FREQ=DAILY' } });
    expect(noDue.status).toBe(400);
    expect(noDue.body.errors).toContainEqual({
      path: 'body.recurrence',
      message: 'a recurring task needs dueAt',
    });
    const badRule = await ann.post('/api/tasks', {
      title: 'x',
      dueAt: '2026-12-01',
      recurrence: { rule: 'FREQ=SOMETIMES' },
    });
    expect(badRule.status).toBe(400);
    expect(badRule.body.errors[0].path).toBe('body.recurrence.rule');
    const offsetNoDue = await ann.post('/api/tasks', { title: 'x', reminders: [{ offsetMinutes: 5 }] });
    expect(offsetNoDue.status).toBe(400);
    const ok = await ann.post('/api/tasks', {
      title: 'Standup',
      dueAt: '2026-11-23T09:00:00',
      recurrence: { rule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.recurrence).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', basis: 'due' });
    expect(ok.body.seriesId).toBe(ok.body.id);
  });
});

describe('search', () => {
  it('finds words inside file names, e-mail addresses, decimals and non-ASCII text', async () => {
    const sam = await t.signUp({ name: 'Sam' });
    await sam.post('/api/tasks', { title: 'Send report.pdf', description: 'to ann@example.com' });
    await sam.post('/api/tasks', { title: 'Round π to 3.14' });
    await sam.post('/api/tasks', { title: 'Über Änderungen sprechen' });
    const titles = async (q: string) =>
      (await sam.get(`/api/tasks?q=${encodeURIComponent(q)}`)).body.items.map(
        (x: { title: string }) => x.title,
      );
    expect(await titles('pdf')).toEqual(['Send report.pdf']);
    expect(await titles('exam')).toEqual(['Send report.pdf']);
    expect(await titles('14')).toEqual(['Round π to 3.14']);
    expect(await titles('über änd')).toEqual(['Über Änderungen sprechen']);
    expect(await titles('ÜBER')).toEqual(['Über Änderungen sprechen']);
    expect(await titles('report nothing')).toEqual([]);
  });
});

describe('tags', () => {
  it('counts pending tasks per tag, stores colours, and removes a tag everywhere', async () => {
    const bob = await t.signUp({ name: 'Bob' });
    await bob.post('/api/tasks', { title: 'a', tags: ['home', 'urgent-ish'] });
    const { body: done } = await bob.post('/api/tasks', { title: 'b', tags: ['home'] });
    await bob.post(`/api/tasks/${done.id}/complete`);
    const colored = await bob.put('/api/tags/home', { color: 'green' });
    expect(colored.body).toEqual({ name: 'home', color: 'green', taskCount: 1 });
    await bob.put('/api/tags/later', { color: '#aabbcc' });
    const list = await bob.get('/api/tags');
    expect(list.body).toEqual([
      { name: 'home', color: 'green', taskCount: 1 },
      { name: 'later', color: '#aabbcc', taskCount: 0 },
      { name: 'urgent-ish', color: null, taskCount: 1 },
    ]);
    expect((await bob.put('/api/tags/home', { color: 'chartreuse' })).status).toBe(400);
    expect((await bob.delete('/api/tags/home')).status).toBe(204);
    const tasks = await bob.get('/api/tasks?status=all');
    expect(tasks.body.items.every((task: { tags: string[] }) => !task.tags.includes('home'))).toBe(true);
    expect((await bob.delete('/api/tags/nothing-here')).status).toBe(404);
  });
});
