import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect((await t.request('GET', '/health')).body).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: true, bus: true } });
  });

  it('exposes Prometheus metrics with request latency and outbox lag', async () => {
    const user = await t.signUp();
    await user.post('/api/tasks', { title: 'counted' });
    const res = await t.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/taskstream_http_request_duration_seconds_bucket\{.*route="\/api\/tasks".*\}/);
    expect(res.text).toMatch(/taskstream_outbox_pending 1/);
    // The tests run the TypeScript sources; the server bundle reports code="bundle" (test/deploy).
    expect(res.text).toMatch(/^taskstream_build_info\{code="sources"\} 1$/m);
    await t.app.settle();
    expect((await t.request('GET', '/metrics')).text).toMatch(/taskstream_outbox_pending 0/);
  });

  it('serves OpenAPI 3.1 describing every route, and rendered docs', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/api/tasks',
      '/api/tasks/{id}',
      '/api/tasks/{id}/complete',
      '/api/tasks/{id}/reopen',
      '/api/tags',
      '/api/tags/{name}',
      '/api/me',
      '/api/activity',
    ])
      expect(paths).toContain(path);
    const create = res.body.paths['/api/tasks'].post;
    expect(create.requestBody.content['application/json'].schema.required).toContain('title');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401']));
    const docs = await t.request('GET', '/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
  });

  it('keeps no planner statistics on columns never filtered or sorted on (ANALYZE skips them)', async () => {
    const result = (await t.app.database.db.execute(sql`
      SELECT c.relname || '.' || a.attname AS col, a.attstattarget AS target
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relname IN ('outbox', 'activity', 'tasks')
        AND a.attname IN ('payload', 'data', 'description', 'search', 'title_key')
      ORDER BY 1`)) as { rows: { col: string; target: number | null }[] };
    const targets = Object.fromEntries(result.rows.map((r) => [r.col, r.target]));
    expect(targets['outbox.payload']).toBe(0);
    expect(targets['activity.data']).toBe(0);
    expect(targets['tasks.description']).toBe(0);
    // The list's search and title sort still need theirs: the default target (-1, or null from PG 17).
    expect([-1, null]).toContain(targets['tasks.search']);
    expect([-1, null]).toContain(targets['tasks.title_key']);
  });

  it('answers unknown routes with a problem', async () => {
    const res = await t.request('GET', '/api/nothing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
