// GET /api/tasks: every filter × every sort against a reference computed here (test/support/reference.ts),
// walking every page with a small limit; limits; cursors; pagination while tasks are being inserted.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../contract/problem.ts';
import { type TaskDto, TaskPageSchema, TaskSchema } from '../../contract/task.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';
import {
  ALL_SORTS,
  collationOrder,
  comparatorFor,
  isOverdue,
  type ListParams,
  referenceList,
  seededRandom,
  type TitleOrder,
} from '../support/reference.ts';

const ZONE = 'America/New_York';
/** The server's "now" while lists are checked: 05:30 in New York, 19:30 in Tokyo, 00:30 in Honolulu. */
const NOW = '2026-11-22T10:30:00.000Z';
const MINUTE = 60_000;

let t: TestApp;
let ann: ApiClient;
const clock = new FakeClock('2026-11-01T08:00:00Z');
/** Ann's live tasks as GET /api/tasks/{id} answers after seeding: the input of the reference. */
let tasks: TaskDto[] = [];
let deletedId: string;
/** How the test database orders lower-cased titles (code points under C / C.UTF-8). */
let titleOrder: TitleOrder;
const byTitle = (title: string): TaskDto => {
  const found = tasks.find((task) => task.title === title);
  if (!found) throw new Error(`no seeded task titled ${title}`);
  return found;
};

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null) search.set(key, String(value));
  return search.toString();
}

interface Walk {
  items: TaskDto[];
  pages: number;
}

/** Follows nextCursor to the end, checking the shape of every page. */
async function walk(client: ApiClient, params: ListParams, limit: number): Promise<Walk> {
  const items: TaskDto[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await client.get(`/api/tasks?${query({ ...params, limit, cursor })}`);
    expect(res.status, res.text).toBe(200);
    const page = TaskPageSchema.parse(res.body);
    pages += 1;
    if (page.nextCursor !== null) expect(page.items, 'a page with a next cursor is full').toHaveLength(limit);
    else expect(page.items.length).toBeLessThanOrEqual(limit);
    // In a list nobody changes, a cursor is only handed out when something follows it.
    if (pages > 1) expect(page.items.length, 'a cursor led to an empty page').toBeGreaterThan(0);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (pages > 1000) throw new Error('pagination does not end');
  } while (cursor !== null);
  return { items, pages };
}

/** Readable failure: where the listed order first leaves the expected one. */
function describeMismatch(actual: TaskDto[], expected: TaskDto[]): string {
  const show = (task: TaskDto | undefined) =>
    task
      ? `${task.id} "${task.title}" ${task.status} ${task.priority} due=${task.dueAt} created=${task.createdAt} updated=${task.updatedAt}`
      : '(nothing)';
  const i = actual.findIndex((task, index) => task.id !== expected[index]?.id);
  const at = i === -1 ? Math.min(actual.length, expected.length) : i;
  return `listed ${actual.length}, expected ${expected.length}; first difference at ${at}:\n  listed:   ${show(actual[at])}\n  expected: ${show(expected[at])}`;
}

// ---------------------------------------------------------------------------------------------
// Seed: one user, ~150 varied tasks, created and changed at known (fake) times.

interface Seed {
  title: string;
  description?: string;
  priority?: TaskDto['priority'];
  tags?: string[];
  dueAt?: string | null;
  timeZone?: string;
  reminders?: ({ offsetMinutes: number } | { at: string })[];
}

const TITLES = [
  'Buy milk',
  'buy MILK',
  'Buy milkshake powder',
  'Book flights to Lisbon',
  'Bookshelf assembly',
  'Write quarterly report',
  'Report expenses',
  'Repair bike',
  'Replace water filter',
  'reply to Anna',
  'Call mom',
  'CALL plumber',
  'Pay rent',
  'Pay parking ticket',
  'Payroll review',
  'Überweisung prüfen',
  'über den Fluss',
  'Café with Zoë',
  'Renew passport',
  'Review pull request',
  'Plan garden',
  'plant tomatoes',
  'Clean garage',
  'Dentist appointment',
  'Email landlord',
  'Zebra crossing survey',
  'apple pie',
  'Apple support call',
  'Q4 planning',
  '2026 taxes',
  // Words that contain a searched word without starting with it: prefix search must skip them.
  'Prepare slides',
  'Buy buttermilk',
  'Café gegenüber',
];
const SUFFIXES = ['', '', ' soon', ' again', ' part 2', ' LATER', ' for Mom', ' (urgent?)'];
const DESCRIPTIONS = [
  '',
  '',
  'Remember the oat milk',
  'Ask about the quarterly numbers',
  'Before the weekend',
  'Needs the BLUE folder',
  'call back after lunch',
  'Rent is due on the first',
  'See report draft v2',
  'Lisbon trip, flights and hotel',
  'Prüfen und überweisen',
  'repeat every so often',
];
const TAGS = ['home', 'work', 'errand', 'health', 'finance', 'travel'];
const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
const TASK_ZONES = [undefined, undefined, 'Asia/Tokyo', 'Pacific/Honolulu', 'Europe/Berlin'];
/** Shared due times, so dueAt sorting has ties to break by id. */
const POPULAR_DUE = ['2026-11-25T09:00:00Z', '2026-11-18T14:00:00Z'];

/** Hand-picked cases at the edges of overdue, dueFrom and dueTo (NOW = 2026-11-22T10:30Z). */
const BOUNDARY: Seed[] = [
  { title: 'Due exactly now', dueAt: NOW, tags: ['work'] },
  { title: 'Due a minute ago', dueAt: new Date(Date.parse(NOW) - MINUTE).toISOString(), priority: 'high' },
  { title: 'All-day today New York', dueAt: '2026-11-22' },
  { title: 'All-day yesterday New York', dueAt: '2026-11-21', priority: 'urgent' },
  // Tokyo's 21st ended at 15:00Z on the 21st; its 22nd ends at 15:00Z on the 22nd.
  { title: 'All-day yesterday Tokyo', dueAt: '2026-11-21', timeZone: 'Asia/Tokyo' },
  { title: 'All-day today Tokyo', dueAt: '2026-11-22', timeZone: 'Asia/Tokyo' },
  // Honolulu's 21st ended at 10:00Z on the 22nd, half an hour before NOW.
  { title: 'All-day yesterday Honolulu', dueAt: '2026-11-21', timeZone: 'Pacific/Honolulu' },
  { title: 'All-day today Honolulu', dueAt: '2026-11-22', timeZone: 'Pacific/Honolulu' },
  // dueTo=2026-11-24 in New York ends at 2026-11-25T05:00Z.
  { title: 'Last second of the 24th in New York', dueAt: '2026-11-25T04:59:59Z' },
  { title: 'First second of the 25th in New York', dueAt: '2026-11-25T05:00:00Z' },
  // dueFrom=2026-11-20T12:00:00+05:30 is 06:30Z; dueTo=2026-11-28T00:00:00Z is exclusive.
  { title: 'Exactly at dueFrom', dueAt: '2026-11-20T06:30:00Z', tags: ['work', 'finance'] },
  { title: 'Exactly at dueTo', dueAt: '2026-11-28T00:00:00Z' },
  // Local midnight in New York = the start of dueFrom=2026-11-22.
  { title: 'Local midnight of the 22nd', dueAt: '2026-11-22T00:00' },
  { title: 'Just before the local dueTo', dueAt: '2026-11-30T17:59' },
  { title: 'Exactly the local dueTo', dueAt: '2026-11-30T18:00' },
];

function generated(random: () => number, count: number): Seed[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = Date.parse(NOW);
  const seeds: Seed[] = [];
  for (let i = 0; i < count; i++) {
    const title = i < TITLES.length ? (TITLES[i] as string) : pick(TITLES) + pick(SUFFIXES);
    const tags = TAGS.filter(() => random() < 0.28);
    const kind = random();
    let dueAt: string | null = null;
    let timeZone: string | undefined;
    if (kind < 0.2) dueAt = null;
    else if (kind < 0.45) {
      dueAt = Temporal.PlainDate.from('2026-11-22')
        .add({ days: Math.floor(random() * 25) - 12 })
        .toString();
      timeZone = pick(TASK_ZONES);
    } else if (kind < 0.55) dueAt = pick(POPULAR_DUE);
    else if (kind < 0.8) {
      const at = now + (Math.floor(random() * 30 * 24 * 60) - 15 * 24 * 60) * MINUTE;
      // Some instants carry an offset other than Z: the server must read them as the same instant.
      dueAt =
        random() < 0.5
          ? new Date(at).toISOString()
          : Temporal.Instant.fromEpochMilliseconds(at).toString({ timeZone: 'Asia/Kolkata' });
    } else {
      timeZone = pick(TASK_ZONES);
      const at = now + (Math.floor(random() * 30 * 24) - 15 * 24) * 60 * MINUTE;
      dueAt = Temporal.Instant.fromEpochMilliseconds(at)
        .toZonedDateTimeISO(timeZone ?? ZONE)
        .toPlainDateTime()
        .toString({ smallestUnit: 'minute' });
    }
    seeds.push({
      title,
      description: pick(DESCRIPTIONS),
      priority: pick(PRIORITIES),
      tags,
      dueAt,
      ...(timeZone ? { timeZone } : {}),
      // Reminders, relative and absolute, so listed items are checked against GET with them too.
      ...(dueAt && i % 6 === 0 ? { reminders: [{ offsetMinutes: 30 }, { at: '2026-12-24T17:00:00Z' }] } : {}),
    });
  }
  return seeds;
}

async function create(client: ApiClient, seed: Seed): Promise<TaskDto> {
  const res = await client.post('/api/tasks', seed);
  expect(res.status, res.text).toBe(201);
  return TaskSchema.parse(res.body);
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: ZONE });
  const random = seededRandom(20261122);
  const seeds = [...BOUNDARY, ...generated(random, 135)];
  const ids: string[] = [];
  for (const [i, seed] of seeds.entries()) {
    ids.push((await create(ann, seed)).id);
    // Three tasks per minute: createdAt has ties that only the id can order.
    if (i % 3 === 2) clock.advance(MINUTE);
  }

  // Later edits at known times, some at the same instant, so updatedAt differs from createdAt.
  clock.set('2026-11-10T09:00:00Z');
  for (const [i, id] of ids.entries()) {
    if (random() < 0.25) {
      const patch = random() < 0.5 ? { priority: PRIORITIES[i % 5] } : { description: `edited ${i} Report` };
      const res = await ann.patch(`/api/tasks/${id}`, patch);
      expect(res.status, res.text).toBe(200);
      if (random() < 0.6) clock.advance(MINUTE);
    }
  }
  // Completed tasks (never listed by default, never overdue), and a few completed then reopened.
  clock.set('2026-11-15T12:00:00Z');
  const completed = ids.filter((_, i) => i >= BOUNDARY.length && random() < 0.22);
  completed.push(byIdOf(ids, 'Due a minute ago', seeds));
  for (const id of completed) {
    expect((await ann.post(`/api/tasks/${id}/complete`)).status).toBe(200);
    clock.advance(MINUTE);
  }
  for (const id of completed.slice(0, 3))
    expect((await ann.post(`/api/tasks/${id}/reopen`)).status).toBe(200);
  // A deleted task that would match almost every filter: it must never be listed.
  const doomed = await create(ann, {
    title: 'Buy milk report',
    description: 'Überweisung',
    priority: 'high',
    tags: ['work', 'finance'],
    dueAt: '2026-11-21T09:00:00Z',
  });
  expect((await ann.delete(`/api/tasks/${doomed.id}`)).status).toBe(204);
  deletedId = doomed.id;

  clock.set(NOW);
  tasks = [];
  for (const id of ids) {
    const res = await ann.get(`/api/tasks/${id}`);
    expect(res.status).toBe(200);
    tasks.push(TaskSchema.parse(res.body));
  }
  expect((await ann.get(`/api/tasks/${deletedId}`)).status).toBe(404);
  titleOrder = await collationOrder(
    t.db.database.db,
    tasks.map((task) => task.title.toLowerCase()),
  );
}, 120_000);
afterAll(() => t?.close());

function byIdOf(ids: string[], title: string, seeds: Seed[]): string {
  const index = seeds.findIndex((seed) => seed.title === title);
  return ids[index] as string;
}

// ---------------------------------------------------------------------------------------------

const ctx = () => ({ now: new Date(NOW), userTimeZone: ZONE, titleOrder });

describe('the seed and the reference', () => {
  it('has the variety the filter checks rely on', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(145);
    const count = (predicate: (task: TaskDto) => boolean) => tasks.filter(predicate).length;
    expect(count((task) => task.status === 'completed')).toBeGreaterThanOrEqual(15);
    expect(count((task) => task.dueAt === null)).toBeGreaterThanOrEqual(15);
    expect(count((task) => task.allDay)).toBeGreaterThanOrEqual(20);
    expect(count((task) => task.tags.length >= 2)).toBeGreaterThanOrEqual(15);
    expect(count((task) => task.createdAt !== task.updatedAt)).toBeGreaterThanOrEqual(30);
    expect(new Set(tasks.map((task) => task.timeZone)).size).toBeGreaterThanOrEqual(4);
    expect(count((task) => task.reminders.length === 2)).toBeGreaterThanOrEqual(10);
    for (const priority of PRIORITIES) expect(count((task) => task.priority === priority)).toBeGreaterThan(5);
  });

  it('agrees with hand-checked overdue cases (so it is not merely a copy of the server)', () => {
    const overdue = (title: string) => isOverdue(byTitle(title), new Date(NOW));
    expect(overdue('Due exactly now')).toBe(false);
    expect(overdue('All-day today New York')).toBe(false);
    expect(overdue('All-day yesterday New York')).toBe(true);
    expect(overdue('All-day yesterday Tokyo')).toBe(true);
    expect(overdue('All-day today Tokyo')).toBe(false);
    expect(overdue('All-day yesterday Honolulu')).toBe(true);
    expect(overdue('All-day today Honolulu')).toBe(false);
    // Completed: never overdue, however late.
    expect(byTitle('Due a minute ago').status).toBe('completed');
    expect(overdue('Due a minute ago')).toBe(false);
    // All-day values are stored as the start of the local day in the task's zone.
    expect(byTitle('All-day today Tokyo')).toMatchObject({ allDay: true, dueAt: '2026-11-21T15:00:00.000Z' });
    expect(byTitle('Local midnight of the 22nd').dueAt).toBe('2026-11-22T05:00:00.000Z');
  });
});

/** Filter combinations: each with the fewest tasks it must match, so no check passes vacuously. */
const FILTERS: { name: string; params: ListParams; atLeast: number; limit?: number }[] = [
  { name: 'no filter (pending by default)', params: {}, atLeast: 100 },
  { name: 'status=all', params: { status: 'all' }, atLeast: 140 },
  { name: 'status=completed', params: { status: 'completed' }, atLeast: 15 },
  { name: 'status=pending, one priority', params: { status: 'pending', priority: 'none' }, atLeast: 10 },
  { name: 'priority any of two', params: { priority: 'high,urgent' }, atLeast: 30 },
  { name: 'one tag', params: { tags: 'work' }, atLeast: 20 },
  { name: 'two tags (has all)', params: { tags: 'work,finance' }, atLeast: 3 },
  { name: 'q: one word prefix', params: { q: 'rep' }, atLeast: 10, limit: 3 },
  { name: 'q: two word prefixes, mixed case', params: { q: 'BUY mil' }, atLeast: 4, limit: 1 },
  { name: 'q: non-ASCII, mixed case', params: { q: 'ÜBER' }, atLeast: 3 },
  { name: 'q: nothing matches', params: { q: 'xylophone' }, atLeast: 0 },
  {
    name: 'dueFrom and dueTo as instants with offsets',
    params: { dueFrom: '2026-11-20T12:00:00+05:30', dueTo: '2026-11-28T00:00:00Z' },
    atLeast: 25,
  },
  { name: 'dueTo as a date (the whole day)', params: { dueTo: '2026-11-24' }, atLeast: 30 },
  {
    name: 'dueFrom as a date, dueTo as a local time',
    params: { status: 'all', dueFrom: '2026-11-22', dueTo: '2026-11-30T18:00' },
    atLeast: 20,
  },
  { name: 'overdue=true', params: { overdue: 'true' }, atLeast: 20 },
  { name: 'overdue=true with status=all', params: { status: 'all', overdue: 'true' }, atLeast: 20 },
  {
    name: 'combined: status, priority, tags, q and a due range',
    params: {
      status: 'all',
      priority: 'low,medium,high,urgent',
      tags: 'work',
      q: 'r',
      dueFrom: '2026-11-10',
      dueTo: '2026-12-05',
    },
    atLeast: 3,
  },
  { name: 'one page holds everything', params: { status: 'all', tags: 'home' }, atLeast: 20, limit: 200 },
];

for (const filter of FILTERS) {
  describe(`GET /api/tasks, ${filter.name}`, () => {
    for (const sort of ALL_SORTS) {
      it(`sort=${sort}: every page, in order, as the reference says`, async () => {
        const params = { ...filter.params, sort };
        const expected = referenceList(tasks, params, ctx());
        expect(expected.length).toBeGreaterThanOrEqual(filter.atLeast);
        const limit = filter.limit ?? 7;
        const { items, pages } = await walk(ann, params, limit);
        const ids = items.map((task) => task.id);
        expect(new Set(ids).size, 'a task was listed twice').toBe(ids.length);
        expect(ids, describeMismatch(items, expected)).toEqual(expected.map((task) => task.id));
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
        expect(ids).not.toContain(deletedId);
      });
    }
  });
}

describe('GET /api/tasks, list items and defaults', () => {
  it('lists exactly what GET /api/tasks/{id} answers', async () => {
    const { items } = await walk(ann, { status: 'all', sort: 'createdAt' }, 50);
    const byId = new Map(tasks.map((task) => [task.id, task]));
    for (const item of items) expect(item).toEqual(byId.get(item.id));
  });

  it('sorts by dueAt (nulls last) when no sort is given', async () => {
    const { items } = await walk(ann, {}, 40);
    expect(items.map((task) => task.id)).toEqual(
      referenceList(tasks, { sort: 'dueAt' }, ctx()).map((task) => task.id),
    );
    expect(items.at(-1)?.dueAt).toBeNull();
  });

  it('answers 50 tasks when no limit is given', async () => {
    const res = await ann.get('/api/tasks?status=all');
    expect(res.status).toBe(200);
    const page = TaskPageSchema.parse(res.body);
    expect(page.items.map((task) => task.id)).toEqual(
      referenceList(tasks, { status: 'all' }, ctx())
        .slice(0, 50)
        .map((task) => task.id),
    );
    expect(page.nextCursor).not.toBeNull();
  });

  it('accepts limit=200 (one page of 200 when more exist) and rejects 0 and 201', async () => {
    // A second user with more than 200 tasks, so the limit itself is what stops the page.
    const dee = await t.signUp({ name: 'Dee' });
    for (let i = 0; i < 203; i++) await create(dee, { title: `Task ${i}` });
    const full = await dee.get('/api/tasks?limit=200&sort=createdAt');
    expect(full.status).toBe(200);
    expect(full.body.items).toHaveLength(200);
    expect(full.body.nextCursor).not.toBeNull();
    const rest = await dee.get(
      `/api/tasks?${query({ limit: 200, sort: 'createdAt', cursor: full.body.nextCursor })}`,
    );
    expect(rest.body.items).toHaveLength(3);
    expect(rest.body.nextCursor).toBeNull();

    for (const limit of ['0', '201', '-1', '1.5', 'abc', '']) {
      const res = await ann.get(`/api/tasks?limit=${limit}`);
      expect(res.status, `limit=${limit}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ProblemSchema.parse(res.body).errors?.map((e) => e.path)).toEqual(['query.limit']);
    }
  });
});

describe('GET /api/tasks, search words', () => {
  it('requires every word (up to 10) and refuses more rather than dropping some', async () => {
    const eve = await t.signUp({ name: 'Eve' });
    const task = await create(eve, { title: 'one two three four five six seven eight nine ten' });
    const ids = async (q: string) => {
      const res = await eve.get(`/api/tasks?${query({ q })}`);
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((item: TaskDto) => item.id);
    };
    expect(await ids('one two three four five six seven eight nine ten')).toEqual([task.id]);
    expect(await ids('one two three four five six seven eight nine zzz')).toEqual([]);
    // Repeating a word does not count twice.
    expect(await ids(Array(15).fill('Seven').join(' '))).toEqual([task.id]);
    const tooMany = await eve.get(
      `/api/tasks?${query({ q: 'one two three four five six seven eight nine ten zzz' })}`,
    );
    expect(tooMany.status).toBe(400);
    expect(ProblemSchema.parse(tooMany.body).errors?.map((e) => e.path)).toEqual(['query.q']);
  });
});

describe('GET /api/tasks, cursors', () => {
  async function firstCursor(sort: string): Promise<string> {
    const res = await ann.get(`/api/tasks?${query({ status: 'all', sort, limit: 5 })}`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    return res.body.nextCursor;
  }

  async function expectBadCursor(params: ListParams & { cursor: string }) {
    const res = await ann.get(`/api/tasks?${query({ status: 'all', ...params })}`);
    expect(res.status, `${JSON.stringify(params)} → ${res.text}`).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = ProblemSchema.parse(res.body);
    expect(problem.errors?.map((e) => e.path)).toEqual(['query.cursor']);
  }

  it('rejects a cursor made for another sort', async () => {
    for (const [from, to] of [
      ['dueAt', '-dueAt'],
      ['dueAt', 'createdAt'],
      ['title', '-title'],
      ['priority', 'title'],
      ['-updatedAt', 'updatedAt'],
      ['createdAt', 'updatedAt'],
    ] as const) {
      const cursor = await firstCursor(from);
      await expectBadCursor({ sort: to, cursor });
      // The same cursor still works with its own sort.
      expect((await ann.get(`/api/tasks?${query({ status: 'all', sort: from, cursor })}`)).status).toBe(200);
    }
  });

  it('rejects garbled and forged cursors with 400, never 500', async () => {
    const real = await firstCursor('createdAt');
    const forge = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');
    const id = tasks[0]?.id;
    const cases: [string, string][] = [
      ['createdAt', 'garbage!!'],
      ['createdAt', 'Zm9v'],
      ['createdAt', real.slice(0, -3)],
      ['createdAt', `${real.slice(0, 10)}A${real.slice(11)}`],
      ['createdAt', 'x'.repeat(1001)],
      ['createdAt', forge(null)],
      ['createdAt', forge([1, 2])],
      ['createdAt', forge({ s: 'createdAt' })],
      ['createdAt', forge({ s: 'createdAt', v: '2026-11-01T08:00:00.000Z', i: 'not-a-uuid' })],
      ['createdAt', forge({ s: 'createdAt', v: 'yesterday', i: id })],
      ['createdAt', forge({ s: 'createdAt', v: null, i: id })],
      // Values the database cannot take: they must be refused before they reach it.
      ['createdAt', forge({ s: 'createdAt', v: '0000-01-01T00:00:00.000Z', i: id })],
      ['createdAt', forge({ s: 'createdAt', v: '20000', i: id })],
      ['-updatedAt', forge({ s: '-updatedAt', v: '+010000-01-01T00:00:00.000Z', i: id })],
      ['priority', forge({ s: 'priority', v: 1e10, i: id })],
      ['priority', forge({ s: 'priority', v: 'high', i: id })],
      ['title', forge({ s: 'title', v: 'a\u0000b', i: id })],
      ['title', forge({ s: 'title', v: 42, i: id })],
      ['dueAt', forge({ s: 'dueAt', v: 17, i: id })],
    ];
    for (const [sort, cursor] of cases) await expectBadCursor({ sort, cursor });
  });
});

describe('GET /api/tasks, pagination while tasks are being inserted', () => {
  const random = seededRandom(7);
  let cy: ApiClient;
  const SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'title', '-title', 'createdAt', '-updatedAt'];

  /** A task whose sort keys land anywhere: before, at or after the page being read. */
  function arbitrarySeed(n: number): Seed {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const due = random();
    return {
      title: `${pick(TITLES)} ${n}`,
      priority: pick(PRIORITIES),
      dueAt:
        due < 0.2
          ? null
          : due < 0.3
            ? pick(POPULAR_DUE)
            : new Date(Date.parse(NOW) + (Math.floor(random() * 40) - 20) * 86_400_000).toISOString(),
    };
  }

  /** Creates tasks with createdAt/updatedAt anywhere in the last month (the fake clock jumps around). */
  async function insertSome(count: number, n: number) {
    for (let i = 0; i < count; i++) {
      clock.set(new Date(Date.parse(NOW) - Math.floor(random() * 30 * 86_400_000)));
      await create(cy, arbitrarySeed(n * 10 + i));
    }
  }

  afterAll(() => clock.set(NOW));

  for (const sort of SORTS) {
    it(`sort=${sort}: every task that existed before the walk appears exactly once`, async () => {
      // A user of its own per sort, so each walk starts from the same 30 tasks.
      cy = await t.signUp({ name: 'Cy', timeZone: ZONE });
      await insertSome(30, 0);
      const before = await walk(cy, { status: 'all', sort }, 200);
      const existing = new Set(before.items.map((task) => task.id));
      const seen: TaskDto[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        page += 1;
        const request = cy.get(`/api/tasks?${query({ status: 'all', sort, limit: 5, cursor })}`);
        // Inserts race the page read (odd pages) or land between two reads (even pages).
        const [res] = await Promise.all([request, page % 2 === 1 ? insertSome(2, page) : Promise.resolve()]);
        if (page % 2 === 0) await insertSome(2, page);
        expect(res.status, res.text).toBe(200);
        const body = TaskPageSchema.parse(res.body);
        seen.push(...body.items);
        cursor = body.nextCursor;
        if (page > 200) throw new Error('pagination does not end');
      } while (cursor !== null);

      const ids = seen.map((task) => task.id);
      expect(new Set(ids).size, 'a task was listed twice').toBe(ids.length);
      const missing = [...existing].filter((id) => !ids.includes(id));
      expect(missing, 'tasks that existed before the walk were skipped').toEqual([]);
      // What was listed is in the order of the sort, new tasks included.
      const order = comparatorFor(
        sort,
        await collationOrder(
          t.db.database.db,
          seen.map((task) => task.title.toLowerCase()),
        ),
      );
      for (let i = 1; i < seen.length; i++)
        expect(order(seen[i - 1] as TaskDto, seen[i] as TaskDto), `order broken at ${i}`).toBeLessThan(0);
      // And the list did grow while it was read: the walk raced real inserts.
      const after = await walk(cy, { status: 'all', sort }, 200);
      expect(after.items.length).toBeGreaterThan(existing.size);
    });
  }
});
