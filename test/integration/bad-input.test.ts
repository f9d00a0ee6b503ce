// Bad input never reaches the data and never becomes a 500: arbitrary and near-miss bodies and query
// strings (fast-check) answer 4xx problem+json, every 400 names the offending field, and a rejected
// request leaves the user's data exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../contract/problem.ts';
import { PutTagBody } from '../../contract/tag.ts';
import { CreateTaskBody, PatchTaskBody, type TaskDto, TaskPageSchema } from '../../contract/task.ts';
import { PatchMeBody } from '../../contract/user.ts';
import { type ApiClient, type Reply, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

const RUNS = 100;
const PROPERTY_TIMEOUT = 120_000;

let t: TestApp;
let ann: ApiClient;
let target: TaskDto;
const clock = new FakeClock('2026-11-22T10:00:00Z');

const TASK_FIELDS = [
  'title',
  'description',
  'priority',
  'tags',
  'dueAt',
  'allDay',
  'timeZone',
  'recurrence',
  'reminders',
];
const LIST_PARAMS = [
  'status',
  'priority',
  'tags',
  'q',
  'dueFrom',
  'dueTo',
  'overdue',
  'sort',
  'limit',
  'cursor',
];
const ACTIVITY_PARAMS = ['taskId', 'type', 'limit', 'cursor'];

/** What Ann can see: her tasks (with versions), tags, profile and activity. */
async function annState(): Promise<string> {
  const [tasks, tags, me] = await Promise.all([
    ann.get('/api/tasks?status=all&limit=200&sort=createdAt'),
    ann.get('/api/tags'),
    ann.get('/api/me'),
  ]);
  return JSON.stringify([tasks.body, tags.body, me.body]);
}
async function activityCount(): Promise<number> {
  await t.app.settle();
  return (await ann.get('/api/activity?limit=200')).body.items.length;
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  const created = await ann.post('/api/tasks', {
    title: 'Target',
    description: 'the task every PATCH and PUT aims at',
    priority: 'medium',
    tags: ['home', 'work'],
    dueAt: '2026-12-01T09:00:00',
    reminders: [{ offsetMinutes: 60 }, { at: '2026-11-30T18:00:00Z' }],
    recurrence: { rule: 'FREQ=WEEKLY;BYDAY=TU' },
  });
  expect(created.status).toBe(201);
  target = created.body;
  expect((await ann.post('/api/tasks', { title: 'Bystander', tags: ['home'] })).status).toBe(201);
  expect((await ann.put('/api/tags/home', { color: 'green' })).status).toBe(200);
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// What every rejection looks like.

interface Expectation {
  /** Where the error paths must point: body, query or params. */
  where: readonly ('body' | 'query' | 'params' | 'header')[];
  /** A path that must be among the errors (the offending field). */
  path?: string | undefined;
  status?: number;
}

function expectRejected(res: Reply, expectation: Expectation, what: string): void {
  const label = `${what} → ${res.status} ${res.text.slice(0, 400)}`;
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  if (expectation.status !== undefined) expect(res.status, label).toBe(expectation.status);
  expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(res.body);
  expect(problem.status, label).toBe(res.status);
  if (res.status !== 400) return;
  expect(problem.errors?.length ?? 0, label).toBeGreaterThan(0);
  for (const error of problem.errors ?? []) {
    const located = expectation.where.some((w) => error.path === w || error.path.startsWith(`${w}.`));
    expect(located, `${label}\n${error.path} is not under ${expectation.where.join(' or ')}`).toBe(true);
    expect(error.message.length, label).toBeGreaterThan(0);
  }
  if (expectation.path !== undefined) {
    const expected = expectation.path;
    expect(
      problem.errors?.some((e) => e.path === expected),
      `${label}\nexpected an error at ${expected}`,
    ).toBe(true);
  }
}

/** Sends a JSON text as is (the client helper would send a JS string unquoted). */
const sendJson = (method: string, url: string, value: unknown) =>
  ann.request(method, url, JSON.stringify(value) ?? 'null');

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates included, which encodeURIComponent refuses). */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
const queryOf = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');

// ---------------------------------------------------------------------------------------------
// Generators.

/** Any JSON value, strings over the whole UTF-16 range (NUL and lone surrogates included). */
const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 });
const anyString = fc.string({ unit: 'binary', maxLength: 40 });
const wrongType = (except: 'string' | 'array' | 'object' | 'boolean' | 'number'): fc.Arbitrary<unknown> => {
  const kinds: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string({ maxLength: 5 })],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 2 })],
    ['object', fc.constant({ nested: 1 })],
    ['null', fc.constant(null)],
  ];
  return fc.oneof(...kinds.filter(([kind]) => kind !== except).map(([, arbitrary]) => arbitrary));
};

const validTitle = fc
  .string({ minLength: 1, maxLength: 40 })
  .filter((s) => s.trim().length > 0 && !s.includes(','));
const validBody = fc.record({
  title: validTitle,
  description: fc.string({ maxLength: 30 }),
  priority: fc.constantFrom('none', 'low', 'medium', 'high', 'urgent'),
  tags: fc.uniqueArray(fc.constantFrom('home', 'work', 'later'), { maxLength: 3 }),
  dueAt: fc.constantFrom('2026-12-01', '2026-12-01T09:00:00Z', '2026-12-01T09:00', null),
});

const BAD_DATES = [
  '2026-02-30',
  '2026-02-29',
  '2026-13-01',
  '2026-1-1',
  '2026-03-01T25:00:00Z',
  '2026-03-01T09:60',
  '2026-03-01T09:00:00+25:00',
  '2026-03-01 09:00',
  'tomorrow',
  '',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:00:00-05:00',
  '10000-01-01',
];
const BAD_ZONES = ['Mars/Olympus', '+05:00', 'UTC+1', '', 'Europe/Berlin ', 'Europe', '../etc/passwd'];
const BAD_RULES = [
  'FREQ=SOMETIMES',
  'FREQ=DAILY;INTERVAL=0',
  'FREQ=WEEKLY;BYDAY=XX',
  'COUNT=3',
  'FREQ=DAILY;COUNT=-1',
];
const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];

type Mutation = [body: Record<string, unknown>, path: string];
const withField = (body: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> => ({
  ...body,
  ...Object.fromEntries([[key, value]]),
});

/** Near misses of a task body: one field wrong in one way, and where the error must point. */
function nearMissTask(options: { titleRequired: boolean }): fc.Arbitrary<Mutation> {
  const field = (key: string, value: fc.Arbitrary<unknown>, path = `body.${key}`) =>
    fc.tuple(validBody, value).map(([body, v]): Mutation => [withField(body, key, v), path]);
  const due = (body: Record<string, unknown>) => ({ ...body, dueAt: '2026-12-01T09:00:00Z' });
  const cases: fc.Arbitrary<Mutation>[] = [
    field('title', fc.constant('')),
    field('title', fc.stringMatching(/^[ \t\n\r]{1,8}$/)),
    field(
      'title',
      fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) => `${' '.repeat(a)}${'x'.repeat(501)}${' '.repeat(b)}`),
    ),
    field('title', wrongType('string')),
    field('title', fc.constantFrom('a\u0000b', 'half \ud800 pair')),
    field('description', fc.constant('d'.repeat(10_001))),
    field('description', wrongType('string')),
    field('description', fc.constant('nul \u0000 inside')),
    field(
      'priority',
      fc.oneof(
        anyString.filter((s) => !PRIORITIES.includes(s)),
        fc.constant('HIGH'),
      ),
    ),
    field('priority', wrongType('string')),
    field('tags', fc.constant(Array.from({ length: 21 }, (_, i) => `tag${i}`))),
    field(
      'tags',
      wrongType('array').filter((v) => v !== null),
    ),
    fc
      .tuple(
        validBody,
        fc.nat(3),
        fc.constantFrom('t'.repeat(51), 'a,b', '', '   ', '#', 'tab\there', 'nul\u0000'),
      )
      .map(([body, i, bad]): Mutation => {
        const tags = ['ok1', 'ok2', 'ok3'].slice(0, i);
        return [{ ...body, tags: [...tags, bad] }, `body.tags.${tags.length}`];
      }),
    fc.tuple(validBody, fc.nat(2)).map(([body, i]): Mutation => {
      const tags = ['ok1', 'ok2'].slice(0, i);
      return [{ ...body, tags: [...tags, 7] }, `body.tags.${tags.length}`];
    }),
    field('dueAt', fc.constantFrom(...BAD_DATES)),
    field(
      'dueAt',
      wrongType('string').filter((v) => v !== null),
    ),
    field('timeZone', fc.constantFrom(...BAD_ZONES)),
    field('timeZone', wrongType('string')),
    field('allDay', fc.constantFrom('yes', 1, 0, 'true')),
    // Reminders: too many, both kinds at once, negative / fractional / too large offsets, bad instants.
    fc
      .tuple(validBody, fc.integer({ min: 11, max: 15 }))
      .map(
        ([body, n]): Mutation => [
          due({ ...body, reminders: Array.from({ length: n }, (_, i) => ({ offsetMinutes: i })) }),
          'body.reminders',
        ],
      ),
    fc.tuple(validBody, fc.nat(2)).map(
      ([body, i]): Mutation => [
        due({
          ...body,
          reminders: [
            ...Array.from({ length: i }, (_, k) => ({ offsetMinutes: k })),
            { offsetMinutes: 15, at: '2026-11-30T08:00:00Z' },
          ],
        }),
        `body.reminders.${i}`,
      ],
    ),
    fc
      .tuple(
        validBody,
        fc.oneof(
          fc.integer({ min: -1_000_000, max: -1 }),
          fc.double({ min: 0.01, max: 1000, noNaN: true }).filter((x) => !Number.isInteger(x)),
          fc.integer({ min: 366 * 24 * 60 + 1, max: 10_000_000 }),
          fc.constantFrom('15', null, true),
        ),
      )
      .map(
        ([body, offset]): Mutation => [
          due({ ...body, reminders: [{ offsetMinutes: offset }] }),
          'body.reminders.0.offsetMinutes',
        ],
      ),
    fc
      .tuple(validBody, fc.constantFrom('2026-11-30', '2026-11-30T08:00', 'soon', '0000-06-01T00:00:00Z', 5))
      .map(([body, at]): Mutation => [due({ ...body, reminders: [{ at }] }), 'body.reminders.0.at']),
    validBody.map((body): Mutation => [due({ ...body, reminders: [{}] }), 'body.reminders.0']),
    validBody.map(
      (body): Mutation => [
        due({ ...body, reminders: [{ offsetMinutes: 5, when: 'early' }] }),
        'body.reminders.0.when',
      ],
    ),
    validBody.map(
      (body): Mutation => [
        { ...body, dueAt: null, reminders: [{ offsetMinutes: 5 }] },
        'body.reminders.0.offsetMinutes',
      ],
    ),
    field(
      'reminders',
      wrongType('array').filter((v) => v !== null),
    ),
    // Recurrence: without a rule, empty or invalid rules, bad basis, without dueAt, wrong shapes.
    validBody.map(
      (body): Mutation => [due({ ...body, recurrence: { basis: 'due' } }), 'body.recurrence.rule'],
    ),
    fc
      .tuple(validBody, fc.constantFrom('', '   ', 'x'.repeat(501)))
      .map(([body, rule]): Mutation => [due({ ...body, recurrence: { rule } }), 'body.recurrence.rule']),
    fc
      .tuple(validBody, fc.constantFrom(...BAD_RULES))
      .map(([body, rule]): Mutation => [due({ ...body, recurrence: { rule } }), 'body.recurrence.rule']),
    validBody.map(
      (body): Mutation => [
        due({ ...body, recurrence: { rule: 'FREQ=DAILY', basis: 'sometimes' } }),
        'body.recurrence.basis',
      ],
    ),
    validBody.map(
      (body): Mutation => [
        due({ ...body, recurrence: { rule: 'FREQ=DAILY', every: 2 } }),
        'body.recurrence.every',
      ],
    ),
    validBody.map(
      (body): Mutation => [{ ...body, dueAt: null, recurrence: { rule: 'FREQ=DAILY' } }, 'body.recurrence'],
    ),
    field('recurrence', fc.constantFrom('FREQ=DAILY', 1, true, [])),
    // Fields the API does not have (including ones of the Task it answers with).
    fc
      .tuple(
        validBody,
        fc.oneof(
          fc.constantFrom(
            'id',
            'status',
            'version',
            'createdAt',
            'userId',
            'completedAt',
            'seriesId',
            '__proto__',
          ),
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !TASK_FIELDS.includes(k)),
        ),
        anyJson,
      )
      .map(([body, key, value]): Mutation => [withField(body, key, value), `body.${key}`]),
  ];
  if (options.titleRequired)
    cases.push(
      validBody.map((body): Mutation => {
        const { title: _title, ...rest } = body;
        return [rest, 'body.title'];
      }),
    );
  return fc.oneof(...cases);
}

/** Near misses of PATCH /api/me. */
const nearMissMe: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom<Mutation>(
    [{ name: '' }, 'body.name'],
    [{ name: '   ' }, 'body.name'],
    [{ name: 'n'.repeat(201) }, 'body.name'],
    [{ name: 42 }, 'body.name'],
    [{ name: null }, 'body.name'],
    [{ timeZone: 7 }, 'body.timeZone'],
    [{ email: 'other@example.com' }, 'body.email'],
    [{ id: 'someone-else' }, 'body.id'],
    [{ name: 'Ann', password: 'x' }, 'body.password'],
  ),
  fc.constantFrom(...BAD_ZONES).map((zone): Mutation => [{ timeZone: zone }, 'body.timeZone']),
);

/** Near misses of PUT /api/tags/{name}. */
const nearMissTag: fc.Arbitrary<[string, unknown, string]> = fc.oneof(
  fc
    .constantFrom('chartreuse', 'RED', '#12345', '#1234567', '#gggggg', 'rgb(1,2,3)', '', 'red ')
    .map((color): [string, unknown, string] => ['home', { color }, 'body.color']),
  wrongType('string').map((color): [string, unknown, string] => ['home', { color }, 'body.color']),
  fc.constant<[string, unknown, string]>(['home', {}, 'body.color']),
  fc.constant<[string, unknown, string]>(['home', { color: 'red', name: 'x' }, 'body.name']),
  fc
    .constantFrom('t'.repeat(51), 'a,b', '%20', 'a%09b', '%00', 'a%7Fb')
    .map((name): [string, unknown, string] => [name, { color: 'red' }, 'params.name']),
);

// ---------------------------------------------------------------------------------------------

describe('bodies (property-based)', () => {
  /** What a request to the route could change, read after every run (the full state after all runs). */
  const tasksNow = async () =>
    JSON.stringify((await ann.get('/api/tasks?status=all&limit=200&sort=createdAt')).body);
  const tagsNow = async () => JSON.stringify((await ann.get('/api/tags')).body);
  const meNow = async () => JSON.stringify((await ann.get('/api/me')).body);

  async function checkProperty<T>(
    arbitrary: fc.Arbitrary<T>,
    affected: () => Promise<string>,
    send: (value: T) => Promise<{ res: Reply; expectation: Expectation; what: string }>,
  ): Promise<void> {
    const before = await annState();
    const events = await activityCount();
    const start = await affected();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        const { res, expectation, what } = await send(value);
        expectRejected(res, expectation, what);
        // A half-written change never happens.
        expect(await affected(), `${what} changed Ann's data`).toBe(start);
      }),
      { numRuns: RUNS },
    );
    expect(await annState(), "Ann's data changed").toBe(before);
    expect(await activityCount(), 'a rejected request emitted an event').toBe(events);
  }

  it(
    'POST /api/tasks rejects arbitrary JSON',
    () =>
      checkProperty(
        anyJson.filter((v) => !CreateTaskBody.safeParse(v).success),
        tasksNow,
        async (value) => ({
          res: await sendJson('POST', '/api/tasks', value),
          expectation: { where: ['body'], path: unknownKeyOf(value, TASK_FIELDS) },
          what: `POST ${JSON.stringify(value)}`,
        }),
      ),
    PROPERTY_TIMEOUT,
  );

  it(
    'POST /api/tasks rejects near-miss bodies, naming the field',
    () =>
      checkProperty(nearMissTask({ titleRequired: true }), tasksNow, async ([body, path]) => ({
        res: await sendJson('POST', '/api/tasks', body),
        expectation: { where: ['body'], path, status: 400 },
        what: `POST ${JSON.stringify(body).slice(0, 200)}`,
      })),
    PROPERTY_TIMEOUT,
  );

  it(
    'PATCH /api/tasks/{id} rejects arbitrary JSON and near-miss bodies',
    () =>
      checkProperty(
        fc.oneof(
          anyJson
            .filter((v) => !PatchTaskBody.safeParse(v).success)
            .map((v): [unknown, string | undefined] => [v, unknownKeyOf(v, TASK_FIELDS)]),
          nearMissTask({ titleRequired: false }),
          // Valid for the schema, impossible for this task: it recurs and has an offset reminder.
          fc.constant<[unknown, string]>([{ dueAt: null }, 'body.recurrence']),
        ),
        tasksNow,
        async ([body, path]) => ({
          res: await sendJson('PATCH', `/api/tasks/${target.id}`, body),
          expectation: { where: ['body'], path },
          what: `PATCH ${JSON.stringify(body)?.slice(0, 200)}`,
        }),
      ),
    PROPERTY_TIMEOUT,
  );

  it(
    'PUT /api/tasks/{id} rejects arbitrary JSON and near-miss bodies',
    () =>
      checkProperty(
        fc.oneof(
          anyJson
            .filter((v) => !CreateTaskBody.safeParse(v).success)
            .map((v): [unknown, string | undefined] => [v, unknownKeyOf(v, TASK_FIELDS)]),
          nearMissTask({ titleRequired: true }),
        ),
        tasksNow,
        async ([body, path]) => ({
          res: await sendJson('PUT', `/api/tasks/${target.id}`, body),
          expectation: { where: ['body'], path },
          what: `PUT ${JSON.stringify(body)?.slice(0, 200)}`,
        }),
      ),
    PROPERTY_TIMEOUT,
  );

  it(
    'PUT /api/tags/{name} rejects arbitrary JSON, bad colours and bad names',
    () =>
      checkProperty(
        fc.oneof(
          fc
            .tuple(fc.constantFrom('home', 'brand-new', 'Ümlaut tag'), anyJson)
            .filter(([, v]) => !PutTagBody.safeParse(v).success)
            .map(([name, v]): [string, unknown, string | undefined] => [name, v, unknownKeyOf(v, ['color'])]),
          nearMissTag,
        ),
        tagsNow,
        async ([name, body, path]) => {
          const url = `/api/tags/${name.includes('%') ? name : encodeURIComponent(name)}`;
          return {
            res: await sendJson('PUT', url, body),
            expectation: { where: ['params', 'body'], path },
            what: `PUT ${url} ${JSON.stringify(body)?.slice(0, 200)}`,
          };
        },
      ),
    PROPERTY_TIMEOUT,
  );

  it(
    'PATCH /api/me rejects arbitrary JSON and near-miss bodies',
    () =>
      checkProperty(
        fc.oneof(
          fc
            .jsonValue({ maxDepth: 3 })
            .filter((v) => !PatchMeBody.safeParse(v).success)
            .map((v): [unknown, string | undefined] => [v, unknownKeyOf(v, ['name', 'timeZone'])]),
          nearMissMe,
        ),
        meNow,
        async ([body, path]) => ({
          res: await sendJson('PATCH', '/api/me', body),
          expectation: { where: ['body'], path },
          what: `PATCH /api/me ${JSON.stringify(body)?.slice(0, 200)}`,
        }),
      ),
    PROPERTY_TIMEOUT,
  );
});

/** The first key of an object the schema does not know: the error must name it. */
function unknownKeyOf(value: unknown, known: string[]): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const key = Object.keys(value).find((k) => !known.includes(k));
  return key === undefined ? undefined : `body.${key}`;
}

// ---------------------------------------------------------------------------------------------

describe('query strings (property-based)', () => {
  const anyValue = fc.oneof(
    anyString,
    fc.constantFrom(
      '',
      'all',
      'pending',
      'true',
      'false',
      'maybe',
      '0',
      '1',
      '50',
      '200',
      '201',
      'abc',
      '-1',
    ),
    fc.constantFrom(
      'dueAt',
      '-title',
      'due',
      '--dueAt',
      'high,urgent',
      'high,meh',
      'work,',
      '2026-02-30',
      '2026-12-01',
    ),
  );
  const params = (known: string[]) =>
    fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...known), fc.string({ unit: 'binary', minLength: 1, maxLength: 10 })),
        anyValue,
      ),
      { maxLength: 5 },
    );

  /** Unknown parameters make a 400; a plainly spelled one must be named in the errors. */
  function unknownParam(pairs: [string, string][], known: string[]): { any: boolean; path?: string } {
    const unknown = pairs.filter(([k]) => !known.includes(k));
    const plain = unknown.find(([k]) => /^[A-Za-z][A-Za-z0-9]*$/.test(k));
    return { any: unknown.length > 0, ...(plain ? { path: `query.${plain[0]}` } : {}) };
  }

  it(
    'GET /api/tasks answers 200 or a 400 naming a query parameter, whatever the query string',
    async () => {
      await fc.assert(
        fc.asyncProperty(params(LIST_PARAMS), async (pairs) => {
          const url = `/api/tasks?${queryOf(pairs)}`;
          const res = await ann.get(url);
          const unknown = unknownParam(pairs, LIST_PARAMS);
          if (res.status === 200 && !unknown.any) {
            TaskPageSchema.parse(res.body);
            return;
          }
          expectRejected(res, { where: ['query'], path: unknown.path, status: 400 }, `GET ${url}`);
        }),
        { numRuns: RUNS + RUNS / 2 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'GET /api/activity answers 200 or a 400 naming a query parameter, whatever the query string',
    async () => {
      const activityParams = params(ACTIVITY_PARAMS);
      await fc.assert(
        fc.asyncProperty(activityParams, async (pairs) => {
          const url = `/api/activity?${queryOf(pairs)}`;
          const res = await ann.get(url);
          const unknown = unknownParam(pairs, ACTIVITY_PARAMS);
          if (res.status === 200 && !unknown.any) {
            expect(Array.isArray(res.body.items)).toBe(true);
            return;
          }
          expectRejected(res, { where: ['query'], path: unknown.path, status: 400 }, `GET ${url}`);
        }),
        { numRuns: RUNS + RUNS / 2 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  const nearMissList: [string, string][] = [
    ['status=done', 'query.status'],
    ['status=ALL', 'query.status'],
    ['status=', 'query.status'],
    ['status=all&status=pending', 'query.status'],
    ['priority=meh', 'query.priority.0'],
    ['priority=high,meh', 'query.priority.1'],
    [`tags=${'t'.repeat(51)}`, 'query.tags.0'],
    [`tags=ok,${encode('bad\u0001tag')}`, 'query.tags.1'],
    [`q=${'q'.repeat(201)}`, 'query.q'],
    ...BAD_DATES.filter(Boolean).flatMap((d): [string, string][] => [
      [`dueFrom=${encode(d)}`, 'query.dueFrom'],
      [`dueTo=${encode(d)}`, 'query.dueTo'],
    ]),
    ['overdue=maybe', 'query.overdue'],
    ['overdue=TRUE', 'query.overdue'],
    ['overdue=1', 'query.overdue'],
    ['sort=due', 'query.sort'],
    ['sort=--dueAt', 'query.sort'],
    ['sort=dueAt,title', 'query.sort'],
    ['sort=id', 'query.sort'],
    ['sort=%2Btitle', 'query.sort'],
    ...['0', '201', 'abc', '-5', '1.5', '1e3', '', '%20'].map((l): [string, string] => [
      `limit=${l}`,
      'query.limit',
    ]),
    ['limit=5&limit=6', 'query.limit'],
    ['cursor=garbage', 'query.cursor'],
    [`cursor=${'c'.repeat(1001)}`, 'query.cursor'],
    ['page=2', 'query.page'],
    ['offset=10', 'query.offset'],
    ['Status=all', 'query.Status'],
    ['__proto__=1', 'query.__proto__'],
  ];
  it('GET /api/tasks rejects each near-miss parameter, naming it', async () => {
    for (const [q, path] of nearMissList) {
      // With otherwise valid parameters around it.
      const url = `/api/tasks?sort=-priority&${q}`;
      expectRejected(await ann.get(url), { where: ['query'], path, status: 400 }, `GET ${url}`);
    }
  });

  const nearMissActivity: [string, string][] = [
    ...['0', '201', 'abc', '-1', '2.5', ''].map((l): [string, string] => [`limit=${l}`, 'query.limit']),
    [`taskId=${'a'.repeat(101)}`, 'query.taskId'],
    [`type=${'t'.repeat(101)}`, 'query.type'],
    ['cursor=garbage', 'query.cursor'],
    [`cursor=${Buffer.from('{"t":"soon","i":"x"}').toString('base64url')}`, 'query.cursor'],
    ['since=2026-01-01', 'query.since'],
    ['sort=time', 'query.sort'],
  ];
  it('GET /api/activity rejects each near-miss parameter, naming it', async () => {
    for (const [q, path] of nearMissActivity) {
      const url = `/api/activity?limit=5&${q}`;
      expectRejected(await ann.get(url), { where: ['query'], path, status: 400 }, `GET ${url}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('fixed cases', () => {
  const bodyRoutes = () =>
    [
      ['POST', '/api/tasks'],
      ['PATCH', `/api/tasks/${target.id}`],
      ['PUT', `/api/tasks/${target.id}`],
      ['PUT', '/api/tags/home'],
      ['PATCH', '/api/me'],
    ] as const;

  let before: string;
  beforeAll(async () => {
    before = await annState();
  });
  const unchanged = async (what: string) =>
    expect(await annState(), `${what} changed Ann's data`).toBe(before);

  it('malformed JSON → 400 naming the body', async () => {
    for (const [method, url] of bodyRoutes())
      for (const text of [
        '{"title":',
        '{title: "x"}',
        "{'title':'x'}",
        '{"title":"x",}',
        'nul',
        '[1,2',
        '{"a":1}}',
      ]) {
        const res = await ann.request(method, url, text);
        expectRejected(res, { where: ['body'], path: 'body', status: 400 }, `${method} ${url} ${text}`);
        await unchanged(`${method} ${url} ${text}`);
      }
  });

  it('a body of the wrong JSON type (array, string, number, boolean, null) → 400 naming the body', async () => {
    for (const [method, url] of bodyRoutes())
      for (const text of ['[]', '[{"title":"x"}]', '"title"', '42', 'true', 'null']) {
        const res = await ann.request(method, url, text);
        expectRejected(res, { where: ['body'], path: 'body', status: 400 }, `${method} ${url} ${text}`);
        await unchanged(`${method} ${url} ${text}`);
      }
  });

  it('every wrong field of one body is named', async () => {
    const res = await sendJson('POST', '/api/tasks', {
      title: '   ',
      priority: 'meh',
      tags: 'home',
      dueAt: '2026-02-30',
      reminders: [{ offsetMinutes: -1 }],
      colour: 'red',
    });
    expectRejected(res, { where: ['body'], status: 400 }, 'several wrong fields');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual([
      'body.colour',
      'body.dueAt',
      'body.priority',
      'body.reminders.0.offsetMinutes',
      'body.tags',
      'body.title',
    ]);
    await unchanged('several wrong fields');
  });

  it('a 2 MiB body → 413 problem+json', async () => {
    // The transport refuses a body over the 1 MiB limit before reading it all, so there is no JSON
    // to validate and no field to name: 413 (Content Too Large) says what is wrong, and a client
    // can tell it from a 400 about a field. A 10,001-character description is a 400 (above).
    const big = JSON.stringify({ title: 'big', description: 'x'.repeat(2 * 1024 * 1024) });
    for (const [method, url] of bodyRoutes()) {
      const res = await ann.request(method, url, big);
      expectRejected(res, { where: ['body'], status: 413 }, `${method} ${url} 2 MiB`);
      await unchanged(`${method} ${url} 2 MiB`);
    }
  });

  it('a body that is not JSON (text, form, multipart, none declared) → 415 problem+json', async () => {
    const types: [string, string][] = [
      ['text/plain', '{"title":"x"}'],
      ['text/plain; charset=utf-8', 'title=x'],
      ['application/x-www-form-urlencoded', 'title=x'],
      [
        'multipart/form-data; boundary=XyZ',
        '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--XyZ--\r\n',
      ],
      ['application/xml', '<task><title>x</title></task>'],
      ['application/octet-stream', '{"title":"x"}'],
    ];
    for (const [method, url] of bodyRoutes())
      for (const [type, text] of types) {
        const res = await ann.request(method, url, text, { 'content-type': type });
        expectRejected(res, { where: ['body'], status: 415 }, `${method} ${url} as ${type}`);
        await unchanged(`${method} ${url} as ${type}`);
      }
  });

  it('rejects a stale If-Match with 412 and a malformed one with 400, changing nothing', async () => {
    const events = await activityCount();
    const stale = await ann.patch(`/api/tasks/${target.id}`, { title: 'changed' }, { 'if-match': '"99"' });
    expectRejected(stale, { where: ['body'], status: 412 }, 'stale If-Match');
    const malformed = await ann.put(
      `/api/tasks/${target.id}`,
      { title: 'changed' },
      { 'if-match': 'yesterday' },
    );
    expectRejected(malformed, { where: ['header'], path: 'header.if-match', status: 400 }, 'bad If-Match');
    await unchanged('If-Match');
    expect(await activityCount()).toBe(events);
  });

  it('accepts the limits themselves (so the rejections above are not off by one)', async () => {
    const edge = await ann.post('/api/tasks', {
      title: `  ${'t'.repeat(500)}  `,
      description: 'd'.repeat(10_000),
      tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, 'x')),
      dueAt: '2026-12-01T09:00:00Z',
      reminders: [
        ...Array.from({ length: 9 }, (_, i) => ({ offsetMinutes: i * 60 })),
        { offsetMinutes: 366 * 24 * 60 },
      ],
    });
    expect(edge.status, edge.text.slice(0, 300)).toBe(201);
    expect(edge.body.title).toHaveLength(500);
    expect(edge.body.tags).toHaveLength(20);
    expect(edge.body.reminders).toHaveLength(10);
    const minimal = await ann.patch('/api/me', { timeZone: 'Europe/Berlin' });
    expect(minimal.status).toBe(200);
    expect((await ann.delete(`/api/tasks/${edge.body.id}`)).status).toBe(204);
  });
});

describe('text Postgres cannot store, forged activity cursors, malformed URLs', () => {
  const problem = (res: Reply, status: number) => {
    expect(res.status, res.text.slice(0, 200)).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    return ProblemSchema.parse(res.body);
  };

  it('refuses NUL in a name and in the activity type filter', async () => {
    expect(problem(await ann.patch('/api/me', { name: 'a\u0000b' }), 400).errors?.[0]?.path).toBe(
      'body.name',
    );
    expect(problem(await ann.get('/api/activity?type=%00'), 400).errors?.[0]?.path).toBe('query.type');
  });

  it('refuses activity cursors it did not write', async () => {
    const forged = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');
    for (const cursor of [
      forged({ t: '0000-01-01T00:00:00.000Z', i: target.id }),
      forged({ t: '2026-01-01', i: target.id }),
      forged({ t: '+275760-09-13T00:00:00.000Z', i: target.id }),
    ])
      expect(problem(await ann.get(`/api/activity?cursor=${cursor}`), 400).errors?.[0]?.path).toBe(
        'query.cursor',
      );
  });

  it('answers bad percent-encoding and over-long paths with problems', async () => {
    problem(await ann.put('/api/tags/a%zzb', { color: 'red' }), 400);
    const long = await ann.get(`/api/tasks/${'x'.repeat(300)}`);
    expect(long.status).toBeGreaterThanOrEqual(400);
    expect(long.status).toBeLessThan(500);
    expect(long.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
