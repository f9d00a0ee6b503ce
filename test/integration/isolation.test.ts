// A user sees and touches only their own data: another user's ids answer exactly like unknown ids,
// and every /api route needs a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityPageSchema } from '../../contract/activity.ts';
import { ProblemSchema } from '../../contract/problem.ts';
import { TagSchema } from '../../contract/tag.ts';
import { type TaskDto, TaskPageSchema, TaskSchema } from '../../contract/task.ts';
import { MeSchema } from '../../contract/user.ts';
import { type ApiClient, type Reply, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;
const clock = new FakeClock('2026-11-22T10:00:00Z');

/** Ann's tasks: one pending with everything set, one completed. */
let pending: TaskDto;
let done: TaskDto;
/** Ids nobody has: a well-formed UUIDv7 and a malformed one. */
const UNKNOWN_ID = '019a0000-0000-7000-8000-000000000000';
const MALFORMED_ID = 'not-a-task-id';

interface Snapshot {
  tasks: unknown[];
  list: unknown;
  tags: unknown;
  activity: unknown;
  me: unknown;
}

/** Everything Ann can see of her own data, after the audit consumer has caught up. */
async function annSees(): Promise<Snapshot> {
  await t.app.settle();
  const tasks = [];
  for (const id of [pending.id, done.id]) {
    const res = await ann.get(`/api/tasks/${id}`);
    expect(res.status).toBe(200);
    tasks.push(res.body);
  }
  const list = await ann.get('/api/tasks?status=all&limit=200');
  const tags = await ann.get('/api/tags');
  const activity = await ann.get('/api/activity?limit=200');
  const me = await ann.get('/api/me');
  for (const res of [list, tags, activity, me]) expect(res.status).toBe(200);
  return { tasks, list: list.body, tags: tags.body, activity: activity.body, me: me.body };
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  bob = await t.signUp({ name: 'Bob', timeZone: 'America/Chicago' });

  const created = await ann.post('/api/tasks', {
    title: 'Annsecret quarterly report',
    description: 'only Ann may read this',
    priority: 'high',
    tags: ['work', 'shared'],
    dueAt: '2026-11-25T09:00:00',
    reminders: [{ offsetMinutes: 30 }],
    recurrence: { rule: 'FREQ=WEEKLY;BYDAY=WE' },
  });
  expect(created.status).toBe(201);
  clock.advance(60_000);
  const edited = await ann.patch(`/api/tasks/${created.body.id}`, { description: 'only Ann may read this!' });
  expect(edited.body.version).toBe(2);
  pending = TaskSchema.parse(edited.body);

  const other = await ann.post('/api/tasks', { title: 'Annsecret finished thing', tags: ['shared'] });
  const completed = await ann.post(`/api/tasks/${other.body.id}/complete`);
  done = TaskSchema.parse(completed.body);
  expect((await ann.put('/api/tags/work', { color: 'red' })).status).toBe(200);
  expect((await ann.put('/api/tags/shared', { color: '#112233' })).status).toBe(200);

  // Bob has a tag of the same name, and tasks of his own.
  expect((await bob.post('/api/tasks', { title: 'Bob groceries', tags: ['shared'] })).status).toBe(201);
  expect((await bob.post('/api/tasks', { title: 'Bob laundry' })).status).toBe(201);
  await t.app.settle();
});
afterAll(() => t?.close());

/** The answer to Bob for an id must be indistinguishable from the answer for an id nobody has. */
function expectSameNotFound(foreign: Reply, unknown: Reply, what: string) {
  expect(foreign.status, `${what}: ${foreign.text}`).toBe(404);
  expect(unknown.status, what).toBe(404);
  expect(foreign.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  expect(foreign.headers['content-type'], what).toBe(unknown.headers['content-type']);
  const problem = ProblemSchema.parse(foreign.body);
  expect(problem.status).toBe(404);
  // Same type, title, detail: nothing hints that the id exists for someone else.
  expect(foreign.body, what).toEqual(unknown.body);
  expect(foreign.headers.etag, what).toBeUndefined();
  expect(foreign.headers.location, what).toBeUndefined();
}

describe("another user's task ids", () => {
  const attempts: { name: string; send: (client: ApiClient, id: string) => Promise<Reply> }[] = [
    { name: 'GET /api/tasks/{id}', send: (c, id) => c.get(`/api/tasks/${id}`) },
    { name: 'HEAD /api/tasks/{id}', send: (c, id) => c.request('HEAD', `/api/tasks/${id}`) },
    { name: 'PATCH /api/tasks/{id}', send: (c, id) => c.patch(`/api/tasks/${id}`, { priority: 'low' }) },
    {
      name: 'PATCH /api/tasks/{id} with a matching If-Match',
      send: (c, id) =>
        c.patch(`/api/tasks/${id}`, { title: 'hijacked' }, { 'if-match': `"${pending.version}"` }),
    },
    {
      // A 412 here would tell Bob that the task exists at another version.
      name: 'PATCH /api/tasks/{id} with a stale If-Match',
      send: (c, id) => c.patch(`/api/tasks/${id}`, { title: 'hijacked' }, { 'if-match': '"1"' }),
    },
    {
      name: 'PUT /api/tasks/{id}',
      send: (c, id) => c.put(`/api/tasks/${id}`, { title: 'hijacked', tags: ['bob'] }),
    },
    {
      name: 'PUT /api/tasks/{id} with a stale If-Match',
      send: (c, id) => c.put(`/api/tasks/${id}`, { title: 'hijacked' }, { 'if-match': '1' }),
    },
    { name: 'DELETE /api/tasks/{id}', send: (c, id) => c.delete(`/api/tasks/${id}`) },
    { name: 'POST /api/tasks/{id}/complete', send: (c, id) => c.post(`/api/tasks/${id}/complete`) },
    { name: 'POST /api/tasks/{id}/reopen', send: (c, id) => c.post(`/api/tasks/${id}/reopen`) },
  ];

  for (const attempt of attempts) {
    it(`${attempt.name} answers 404 like an unknown id and changes nothing`, async () => {
      const before = await annSees();
      for (const target of [pending, done]) {
        const foreign = await attempt.send(bob, target.id);
        const unknown = await attempt.send(bob, UNKNOWN_ID);
        const malformed = await attempt.send(bob, MALFORMED_ID);
        if (attempt.name.startsWith('HEAD')) {
          expect(foreign.status).toBe(404);
          expect(foreign.headers['content-type']).toBe(unknown.headers['content-type']);
          expect(unknown.status).toBe(404);
        } else {
          expectSameNotFound(foreign, unknown, `${attempt.name} on ${target.status} task`);
          expectSameNotFound(malformed, unknown, `${attempt.name} with a malformed id`);
        }
      }
      expect(await annSees(), "Ann's data changed").toEqual(before);
    });
  }

  it("keeps Ann's tasks exactly as they were (fields and versions)", async () => {
    const now = await annSees();
    expect(now.tasks).toEqual([pending, done]);
    expect(pending.version).toBe(2);
    expect(done).toMatchObject({ status: 'completed', version: 2 });
  });
});

describe("another user's lists, tags, activity and profile", () => {
  it('GET /api/tasks lists only the signed-in user’s tasks, whatever the filter', async () => {
    const all = await bob.get('/api/tasks?status=all&limit=200');
    const titles = TaskPageSchema.parse(all.body).items.map((task) => task.title);
    expect(titles.sort()).toEqual(['Bob groceries', 'Bob laundry']);
    for (const q of [
      'q=annsecret',
      'tags=work',
      'tags=shared&status=all',
      'priority=high',
      'status=completed',
      'overdue=true&status=all',
      'dueFrom=2026-11-01&dueTo=2026-12-31&status=all',
    ]) {
      const res = await bob.get(`/api/tasks?${q}`);
      expect(res.status, q).toBe(200);
      const ids = TaskPageSchema.parse(res.body).items.map((task) => task.id);
      expect(ids, q).not.toContain(pending.id);
      expect(ids, q).not.toContain(done.id);
    }
    expect((await bob.get('/api/tasks?tags=shared')).body.items.map((x: TaskDto) => x.title)).toEqual([
      'Bob groceries',
    ]);
    // Ann still finds hers with the same query.
    expect((await ann.get('/api/tasks?q=annsecret&status=all')).body.items).toHaveLength(2);
  });

  it('GET /api/tags counts and colours only the user’s own tags', async () => {
    const bobs = (await bob.get('/api/tags')).body.map((tag: unknown) => TagSchema.parse(tag));
    expect(bobs).toEqual([{ name: 'shared', color: null, taskCount: 1 }]);
    const anns = (await ann.get('/api/tags')).body;
    expect(anns).toEqual([
      { name: 'shared', color: '#112233', taskCount: 1 },
      { name: 'work', color: 'red', taskCount: 1 },
    ]);
  });

  it('PUT /api/tags/{name} colours the user’s own tag, never the other user’s', async () => {
    const before = await annSees();
    const res = await bob.put('/api/tags/shared', { color: 'blue' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'shared', color: 'blue', taskCount: 1 });
    const prepared = await bob.put('/api/tags/work', { color: 'green' });
    expect(prepared.body).toEqual({ name: 'work', color: 'green', taskCount: 0 });
    expect(await annSees()).toEqual(before);
  });

  it('DELETE /api/tags/{name} removes the tag from the user’s own tasks only', async () => {
    const before = await annSees();
    // Bob's "work" is only a colour (set above); deleting it twice: the second is a 404.
    expect((await bob.delete('/api/tags/work')).status).toBe(204);
    const again = await bob.delete('/api/tags/work');
    const never = await bob.delete('/api/tags/never-used-anywhere');
    expectSameNotFound(again, never, 'DELETE /api/tags/work after Bob removed his');
    expect((await bob.delete('/api/tags/shared')).status).toBe(204);
    expect((await bob.get('/api/tags')).body).toEqual([]);
    const after = await annSees();
    // Ann's activity gained nothing, her tasks kept both tags, her colours stayed.
    expect(after).toEqual(before);
    expect((after.tasks[0] as TaskDto).tags).toEqual(['work', 'shared']);
  });

  it('GET /api/activity shows only the user’s own events, with or without taskId', async () => {
    await t.app.settle();
    const anns = ActivityPageSchema.parse((await ann.get(`/api/activity?taskId=${pending.id}`)).body);
    expect(anns.items.map((e) => e.type)).toEqual(['todo.task.updated', 'todo.task.created']);

    const bobs = ActivityPageSchema.parse((await bob.get('/api/activity?limit=200')).body);
    expect(bobs.items.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(bobs);
    expect(text).not.toContain(pending.id);
    expect(text).not.toContain(done.id);
    expect(text.toLowerCase()).not.toContain('annsecret');

    for (const id of [pending.id, done.id]) {
      const foreign = await bob.get(`/api/activity?taskId=${id}`);
      const unknown = await bob.get(`/api/activity?taskId=${UNKNOWN_ID}`);
      expect(foreign.status).toBe(200);
      expect(foreign.body).toEqual({ items: [], nextCursor: null });
      expect(foreign.body).toEqual(unknown.body);
    }
    for (const type of ['todo.task.created', 'todo.task.completed']) {
      const res = await bob.get(`/api/activity?type=${type}&limit=200`);
      expect(JSON.stringify(res.body)).not.toContain('Annsecret');
    }
    // Ann's own cursor in Bob's hands still only pages through Bob's log.
    const annPage = await ann.get('/api/activity?limit=1');
    expect(annPage.body.nextCursor).toEqual(expect.any(String));
    const viaCursor = await bob.get(`/api/activity?cursor=${annPage.body.nextCursor}&limit=200`);
    expect(viaCursor.status).toBe(200);
    expect(JSON.stringify(viaCursor.body)).not.toContain('Annsecret');
  });

  it('GET and PATCH /api/me are about the signed-in user only', async () => {
    const before = await annSees();
    const me = MeSchema.parse((await bob.get('/api/me')).body);
    expect(me).toMatchObject({ id: bob.userId, email: bob.email, name: 'Bob', timeZone: 'America/Chicago' });
    const changed = await bob.patch('/api/me', { name: 'Robert', timeZone: 'Asia/Tokyo' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: bob.userId, name: 'Robert', timeZone: 'Asia/Tokyo' });
    const after = await annSees();
    expect(after).toEqual(before);
    expect(after.me).toMatchObject({ id: ann.userId, name: 'Ann', timeZone: 'Europe/Berlin' });
    // Bob's new zone applies to Bob's new tasks, not Ann's.
    const bobs = await bob.post('/api/tasks', { title: 'Bob in Tokyo' });
    expect(bobs.body.timeZone).toBe('Asia/Tokyo');
    const anns = await ann.post('/api/tasks', { title: 'Ann in Berlin' });
    expect(anns.body.timeZone).toBe('Europe/Berlin');
    expect((await ann.delete(`/api/tasks/${anns.body.id}`)).status).toBe(204);
  });
});

describe('without a session', () => {
  /** Every route this suite knows; the OpenAPI document adds any route added later. */
  const KNOWN: [string, string][] = [
    ['GET', '/api/tasks'],
    ['POST', '/api/tasks'],
    ['GET', '/api/tasks/{id}'],
    ['PATCH', '/api/tasks/{id}'],
    ['PUT', '/api/tasks/{id}'],
    ['DELETE', '/api/tasks/{id}'],
    ['POST', '/api/tasks/{id}/complete'],
    ['POST', '/api/tasks/{id}/reopen'],
    ['GET', '/api/tags'],
    ['PUT', '/api/tags/{name}'],
    ['DELETE', '/api/tags/{name}'],
    ['GET', '/api/activity'],
    ['GET', '/api/me'],
    ['PATCH', '/api/me'],
  ];
  /** Public on purpose: signing in, and the API description. */
  const isPublic = (path: string) => path.startsWith('/api/auth/') || path === '/api/openapi.json';

  async function everyRoute(): Promise<[string, string][]> {
    const doc = await t.request('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const routes = new Map(
      KNOWN.map(([method, path]) => [`${method} ${path}`, [method, path] as [string, string]]),
    );
    for (const [path, operations] of Object.entries(doc.body.paths as Record<string, object>)) {
      if (!path.startsWith('/api/') || isPublic(path)) continue;
      for (const method of Object.keys(operations)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        routes.set(`${method.toUpperCase()} ${path}`, [method.toUpperCase(), path]);
      }
    }
    // The document must describe at least the routes above, or this check proves little.
    const documented = Object.keys(doc.body.paths);
    for (const [, path] of KNOWN) expect(documented).toContain(path);
    return [...routes.values()];
  }

  const concrete = (path: string) =>
    path
      .replace('{id}', pending.id)
      .replace('{name}', 'work')
      .replace(/\{[^}]+\}/g, 'x');
  const bodyFor = (method: string) =>
    ['POST', 'PUT', 'PATCH'].includes(method) ? { title: 'x' } : undefined;

  async function expectUnauthorized(res: Reply, what: string) {
    expect(res.status, `${what}: ${res.text}`).toBe(401);
    expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    const problem = ProblemSchema.parse(res.body);
    expect(problem.status, what).toBe(401);
    expect(problem.errors, what).toBeUndefined();
  }

  it('every /api route answers 401 problem+json without credentials', async () => {
    const routes = await everyRoute();
    expect(routes.length).toBeGreaterThanOrEqual(KNOWN.length);
    for (const [method, path] of routes) {
      await expectUnauthorized(await t.request(method, concrete(path), bodyFor(method)), `${method} ${path}`);
    }
  });

  it('every /api route answers 401 to a garbage, tampered or revoked token and a forged cookie', async () => {
    const routes = await everyRoute();
    const tampered = `${bob.token.slice(0, -2)}${bob.token.endsWith('xx') ? 'yy' : 'xx'}`;
    // A session that existed and was ended.
    const leaver = await t.signUp({ name: 'Leaver' });
    expect((await leaver.post('/api/auth/sign-out', {})).status).toBe(200);
    const credentials: [string, Record<string, string>][] = [
      ['garbage bearer', { authorization: 'Bearer garbage-token' }],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['tampered bearer', { authorization: `Bearer ${tampered}` }],
      ['revoked bearer', { authorization: `Bearer ${leaver.token}` }],
      ['wrong scheme', { authorization: `Basic ${Buffer.from('ann:pw').toString('base64')}` }],
      ['forged cookie', { cookie: 'better-auth.session_token=forged.value' }],
    ];
    for (const [name, headers] of credentials)
      for (const [method, path] of routes)
        await expectUnauthorized(
          await t.request(method, concrete(path), bodyFor(method), headers),
          `${name}: ${method} ${path}`,
        );
  });

  it('answers 401 before looking at the body or the id (no validation or existence hints)', async () => {
    await expectUnauthorized(await t.request('POST', '/api/tasks', { nonsense: true }), 'invalid body');
    await expectUnauthorized(await t.request('POST', '/api/tasks', '{"broken":'), 'malformed JSON');
    await expectUnauthorized(await t.request('GET', '/api/tasks?limit=9999'), 'invalid query');
    await expectUnauthorized(await t.request('GET', `/api/tasks/${UNKNOWN_ID}`), 'unknown id');
    await expectUnauthorized(await t.request('GET', `/api/tasks/${pending.id}`), 'existing id');
    const ok = await ann.get(`/api/tasks/${pending.id}`);
    expect(ok.status).toBe(200);
  });
});
