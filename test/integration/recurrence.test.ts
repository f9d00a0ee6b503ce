import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

interface Vector {
  id: string;
  dtstart: string;
  value_type: string;
  tzid: string;
  rrule: string;
  exdate: string[];
  expected: string[];
  expected_utc: string[];
  expected_is_prefix: boolean;
}
const vectors: Vector[] = JSON.parse(
  readFileSync(
    new URL('../../src/domain/recurrence/testdata/rfc5545-recurrence.json', import.meta.url),
    'utf8',
  ),
);

let t: TestApp;
let ann: ApiClient;
const clock = new FakeClock('2026-11-22T10:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
});
afterAll(() => t.close());

describe('POST /api/recurrence/preview', () => {
  it(`passes all ${vectors.length} RFC 5545 vectors (process TZ ${process.env.TZ})`, async () => {
    expect(vectors).toHaveLength(42);
    for (const v of vectors) {
      const count = v.expected_is_prefix ? v.expected.length : v.expected.length + 3;
      const res = await ann.post('/api/recurrence/preview', {
        rule: v.rrule,
        start: v.dtstart,
        timeZone: v.tzid,
        count,
        ...(v.exdate.length ? { exdates: v.exdate } : {}),
      });
      expect(res.status, v.id).toBe(200);
      expect(res.body.occurrences, v.id).toEqual(v.expected);
      expect(res.body.utc, v.id).toEqual(v.value_type === 'DATE' ? [] : v.expected_utc);
    }
  });

  it('defaults to 10 occurrences in the user zone and describes the rule', async () => {
    const res = await ann.post('/api/recurrence/preview', {
      rule: 'FREQ=WEEKLY;BYDAY=MO,WE',
      start: '2026-03-23T09:00:00',
    });
    expect(res.body.occurrences).toHaveLength(10);
    expect(res.body.occurrences[0]).toBe('2026-03-23T09:00:00');
    // Berlin changes to summer time on 2026-03-29: 09:00 stays 09:00, the UTC instant moves.
    expect(res.body.utc.slice(0, 3)).toEqual([
      '2026-03-23T08:00:00Z',
      '2026-03-25T08:00:00Z',
      '2026-03-30T07:00:00Z',
    ]);
    expect(res.body.description).toMatch(/Monday and Wednesday/);
  });

  it('answers 400 naming the problem', async () => {
    const bad = await ann.post('/api/recurrence/preview', {
      rule: 'FREQ=WEEKLY;BYDAY=XX',
      start: '2026-03-23T09:00:00',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.rule');
    const zone = await ann.post('/api/recurrence/preview', {
      rule: 'FREQ=DAILY',
      start: '2026-03-23',
      timeZone: 'Nowhere/City',
    });
    expect(zone.status).toBe(400);
    expect(zone.body.errors[0].path).toBe('body.timeZone');
    const start = await ann.post('/api/recurrence/preview', { rule: 'FREQ=DAILY', start: '2026-02-30' });
    expect(start.status).toBe(400);
    expect(start.body.errors[0].path).toBe('body.start');
    const many = await ann.post('/api/recurrence/preview', {
      rule: 'FREQ=DAILY',
      start: '2026-02-03',
      count: 1001,
    });
    expect(many.status).toBe(400);
  });
});

describe('recurring tasks', () => {
  const complete = async (id: string) => {
    const res = await ann.post(`/api/tasks/${id}/complete`);
    await t.app.settle();
    return res;
  };
  const series = async (seriesId: string) =>
    (await ann.get('/api/tasks?status=all&limit=200')).body.items.filter(
      (x: { seriesId: string }) => x.seriesId === seriesId,
    );

  it('completing an occurrence creates the next one exactly once, with reminders re-timed', async () => {
    const { body: first } = await ann.post('/api/tasks', {
      title: 'Water plants',
      description: 'the big ones',
      priority: 'high',
      tags: ['home'],
      dueAt: '2026-11-23T09:00:00',
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO,TH' },
      reminders: [{ offsetMinutes: 15 }, { at: '2026-11-23T07:00:00Z' }],
    });
    await complete(first.id);
    const [done, next] = (await series(first.id)).sort((a: { dueAt: string }, b: { dueAt: string }) =>
      a.dueAt.localeCompare(b.dueAt),
    );
    expect(done).toMatchObject({ id: first.id, status: 'completed' });
    expect(next).toMatchObject({
      status: 'pending',
      title: 'Water plants',
      description: 'the big ones',
      priority: 'high',
      tags: ['home'],
      timeZone: 'Europe/Berlin',
      recurrence: first.recurrence,
      seriesId: first.id,
      dueAt: '2026-11-26T08:00:00.000Z',
      version: 1,
    });
    expect(next.reminders.map((r: { remindAt: string; state: string }) => [r.remindAt, r.state])).toEqual([
      ['2026-11-26T07:45:00.000Z', 'pending'],
      ['2026-11-26T07:00:00.000Z', 'pending'],
    ]);
    // Redelivery, a reopen and a second completion: still one next occurrence.
    await t.app.database.db.execute(sql`UPDATE outbox SET published_at = NULL`);
    await t.app.settle();
    await ann.post(`/api/tasks/${first.id}/reopen`);
    await complete(first.id);
    expect(await series(first.id)).toHaveLength(2);
  });

  it('reopening a completion takes back the occurrence it created while untouched, and only then', async () => {
    const pending = async (seriesId: string) =>
      (await series(seriesId)).filter((x: { status: string }) => x.status === 'pending');
    const { body: first } = await ann.post('/api/tasks', {
      title: 'Undo me',
      dueAt: '2026-11-23T09:00:00',
      recurrence: { rule: 'FREQ=DAILY' },
      reminders: [{ offsetMinutes: 10 }],
    });
    await complete(first.id);
    const [next] = (await pending(first.id)).filter((x: { id: string }) => x.id !== first.id);
    expect(next.dueAt).toBe('2026-11-24T08:00:00.000Z');

    expect((await ann.post(`/api/tasks/${first.id}/reopen`)).body.status).toBe('pending');
    await t.app.settle();
    expect((await pending(first.id)).map((x: { id: string }) => x.id)).toEqual([first.id]);
    expect((await ann.get(`/api/tasks/${next.id}`)).status).toBe(404);
    const history = (await ann.get(`/api/activity?taskId=${next.id}`)).body.items;
    expect(history.map((x: { type: string }) => x.type)).toContain('todo.task.deleted');

    // Completing again brings the next occurrence back: the taken-back one no longer holds its key.
    await complete(first.id);
    const [again] = await pending(first.id);
    expect(again).toMatchObject({ dueAt: '2026-11-24T08:00:00.000Z', version: 1 });
    expect(again.id).not.toBe(next.id);

    // Once touched, the next occurrence is the person's own: a reopen leaves it.
    await ann.patch(`/api/tasks/${again.id}`, { title: 'Undo me, moved' }, { 'if-match': '"1"' });
    await ann.post(`/api/tasks/${first.id}/reopen`);
    await t.app.settle();
    expect((await pending(first.id)).map((x: { title: string }) => x.title).sort()).toEqual([
      'Undo me',
      'Undo me, moved',
    ]);

    // Reopened before its completion reached `recurrence`: no occurrence appears at all.
    const { body: quick } = await ann.post('/api/tasks', {
      title: 'Quick undo',
      dueAt: '2026-11-23T09:00:00',
      recurrence: { rule: 'FREQ=DAILY' },
    });
    await ann.post(`/api/tasks/${quick.id}/complete`);
    await ann.post(`/api/tasks/${quick.id}/reopen`);
    await t.app.settle();
    expect((await series(quick.id)).map((x: { id: string }) => x.id)).toEqual([quick.id]);
  });

  it('skips missed occurrences (basis due) and counts from completion (basis completion)', async () => {
    const { body: daily } = await ann.post('/api/tasks', {
      title: 'Stretch',
      dueAt: '2026-11-20T08:00:00',
      recurrence: { rule: 'FREQ=DAILY' },
    });
    clock.set('2026-11-22T10:00:00Z'); // Nov 20, 21 and 22 (08:00) are past
    await complete(daily.id);
    const next = (await series(daily.id)).find((x: { status: string }) => x.status === 'pending');
    expect(next.dueAt).toBe('2026-11-23T07:00:00.000Z');

    const { body: filter } = await ann.post('/api/tasks', {
      title: 'Change filter',
      dueAt: '2026-11-20T09:00:00',
      recurrence: { rule: 'FREQ=DAILY;INTERVAL=3', basis: 'completion' },
    });
    clock.set('2026-11-24T17:00:00Z'); // done on Tuesday evening
    await complete(filter.id);
    const after = (await series(filter.id)).find((x: { status: string }) => x.status === 'pending');
    expect(after.dueAt).toBe('2026-11-27T08:00:00.000Z'); // Friday 09:00 Berlin
    clock.set('2026-11-22T10:00:00Z');
  });

  it('COUNT ends the series; deleting the pending occurrence ends it too', async () => {
    const { body: twice } = await ann.post('/api/tasks', {
      title: 'Twice',
      dueAt: '2026-11-23',
      recurrence: { rule: 'FREQ=DAILY;COUNT=2' },
    });
    await complete(twice.id);
    const second = (await series(twice.id)).find((x: { status: string }) => x.status === 'pending');
    expect(second).toMatchObject({ dueAt: '2026-11-23T23:00:00.000Z', allDay: true });
    await complete(second.id);
    expect((await series(twice.id)).every((x: { status: string }) => x.status === 'completed')).toBe(true);

    const { body: weekly } = await ann.post('/api/tasks', {
      title: 'Weekly',
      dueAt: '2026-11-23',
      recurrence: { rule: 'FREQ=WEEKLY' },
    });
    expect((await ann.delete(`/api/tasks/${weekly.id}`)).status).toBe(204);
    await t.app.settle();
    expect(await series(weekly.id)).toEqual([]);
  });

  it('an edited rule applies from the pending occurrence on', async () => {
    const { body: task } = await ann.post('/api/tasks', {
      title: 'Review',
      dueAt: '2026-11-23T10:00:00',
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO' },
    });
    await ann.patch(`/api/tasks/${task.id}`, { recurrence: { rule: 'FREQ=MONTHLY;BYDAY=-1FR' } });
    await complete(task.id);
    const next = (await series(task.id)).find((x: { status: string }) => x.status === 'pending');
    expect(next.dueAt).toBe('2026-11-27T09:00:00.000Z'); // last Friday of November, 10:00 Berlin
  });
});

describe('quick add', () => {
  it('creates the task a sentence describes', async () => {
    const res = await ann.post('/api/tasks/quick', {
      text: 'Pay rent every month on the 1st at 9am #home !high remind 1 day before',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Pay rent',
      priority: 'high',
      tags: ['home'],
      recurrence: { rule: 'FREQ=MONTHLY;BYMONTHDAY=1', basis: 'due' },
      dueAt: '2026-12-01T08:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    expect(res.body.reminders[0]).toMatchObject({
      offsetMinutes: 1440,
      remindAt: '2026-11-30T08:00:00.000Z',
    });
  });

  it('shows what it understood without saving', async () => {
    const before = (await ann.get('/api/tasks?limit=200')).body.items.length;
    const res = await ann.post('/api/tasks/quick/parse', { text: 'Call mom tomorrow at 5pm' });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ title: 'Call mom', dueAt: '2026-11-23T17:00:00', allDay: false });
    expect(res.body.understood).toEqual([{ kind: 'date', text: 'tomorrow at 5pm', start: 9, end: 24 }]);
    expect((await ann.get('/api/tasks?limit=200')).body.items.length).toBe(before);
  });

  it('rejects empty text and a title that would be too long', async () => {
    expect((await ann.post('/api/tasks/quick', { text: '   ' })).status).toBe(400);
    const long = await ann.post('/api/tasks/quick', { text: 'x'.repeat(600) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].path).toBe('body.text');
  });
});
