// The webhooks API: create (secret once), list (never secrets), delete, validation and limits.
// Delivery itself is tested in webhooks.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatedWebhookSchema, WebhookListSchema } from '../../contract/webhook.ts';
import { newId } from '../../src/domain/ids.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;
const clock = new FakeClock('2026-11-22T10:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann' });
  bob = await t.signUp({ name: 'Bob' });
});
afterAll(() => t.close());

async function hook(client: ApiClient, url: string, events: string[] = ['*']) {
  const res = await client.post('/api/webhooks', { url, events });
  expect(res.status, res.text).toBe(201);
  return CreatedWebhookSchema.parse(res.body);
}

describe('the webhooks API', () => {
  it('creates with the secret shown once, lists without secrets, deletes', async () => {
    const created = await ann.post('/api/webhooks', {
      url: 'https://example.com/hooks/taskstream',
      events: ['todo.task.completed', 'todo.task.*', 'todo.task.completed'],
    });
    expect(created.status).toBe(201);
    const body = CreatedWebhookSchema.parse(created.body);
    expect(body).toMatchObject({
      url: 'https://example.com/hooks/taskstream',
      events: ['todo.task.completed', 'todo.task.*'],
      createdAt: clock.now().toISOString(),
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.headers.location).toBe(`/api/webhooks/${body.id}`);

    const list = await ann.get('/api/webhooks');
    expect(WebhookListSchema.parse(list.body).items).toEqual([
      { id: body.id, url: body.url, events: body.events, createdAt: body.createdAt },
    ]);
    expect(list.text).not.toContain(body.secret);
    expect(list.text).not.toContain('secret');
    expect((await bob.get('/api/webhooks')).body.items).toEqual([]);

    expect((await bob.delete(`/api/webhooks/${body.id}`)).status).toBe(404);
    expect((await bob.get(`/api/webhooks/${body.id}/deliveries`)).status).toBe(404);
    expect((await ann.get(`/api/webhooks/${body.id}/deliveries`)).body.items).toEqual([]);
    expect((await ann.delete(`/api/webhooks/${body.id}`)).status).toBe(204);
    expect((await ann.delete(`/api/webhooks/${body.id}`)).status).toBe(404);
    expect((await ann.delete(`/api/webhooks/${newId()}`)).status).toBe(404);
    expect((await ann.delete('/api/webhooks/not-a-uuid')).status).toBe(404);
    expect((await ann.get('/api/webhooks')).body.items).toEqual([]);
    expect((await t.request('GET', '/api/webhooks')).status).toBe(401);
  });

  it('answers 400 with errors for bad URLs and event names', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/x', events: ['*'] }, 'body.url'],
      [{ url: 'javascript:alert(1)', events: ['*'] }, 'body.url'],
      [{ url: 'not a url', events: ['*'] }, 'body.url'],
      [{ url: `https://example.com/${'x'.repeat(2000)}`, events: ['*'] }, 'body.url'],
      [{ events: ['*'] }, 'body.url'],
      [{ url: 'https://example.com', events: [] }, 'body.events'],
      [{ url: 'https://example.com' }, 'body.events'],
      [{ url: 'https://example.com', events: ['todo.task.created', 'todo.task.exploded'] }, 'body.events.1'],
      [{ url: 'https://example.com', events: ['todo.nothing.*'] }, 'body.events.0'],
      [{ url: 'https://example.com', events: [42] }, 'body.events.0'],
      [{ url: 'https://example.com', events: ['*'], secret: 'mine' }, 'body.secret'],
    ];
    for (const [body, path] of cases) {
      const res = await ann.post('/api/webhooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await ann.get('/api/webhooks')).body.items).toEqual([]);
  });

  it('allows 20 webhooks per user (409 beyond), counted per user', async () => {
    const dana = await t.signUp({ name: 'Dana' });
    for (let i = 0; i < 20; i++) await hook(dana, `https://example.com/${i}`);
    const over = await dana.post('/api/webhooks', { url: 'https://example.com/21', events: ['*'] });
    expect(over.status).toBe(409);
    expect(over.body.detail).toMatch(/20 webhooks/);
    await hook(bob, 'https://example.com/bob').then((h) => bob.delete(`/api/webhooks/${h.id}`));
  });
});
