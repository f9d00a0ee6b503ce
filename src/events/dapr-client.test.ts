// The Dapr building-block clients against a fake sidecar (a plain HTTP server answering as daprd
// 1.18.3 was seen to answer): secrets, state with ETags, invocation, Jobs, the conversation store
// and the series service on top. What the real sidecar does is covered by test/dapr.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../ports/conversations.ts';
import { DaprClient, DaprError } from './dapr-client.ts';
import { DaprConversationStore } from './dapr-conversations.ts';
import { DaprSeriesService } from './dapr-series.ts';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  token: string | undefined;
  body: any;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
let seen: Seen[] = [];
let answer: (request: Seen) => Answer = () => ({ status: 204 });
let sidecar: Server;
let client: DaprClient;

beforeAll(async () => {
  sidecar = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      const entry: Seen = {
        method: request.method ?? '',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        token: request.headers['dapr-api-token'] as string | undefined,
        body: text ? JSON.parse(text) : null,
      };
      seen.push(entry);
      const { status, body, headers } = answer(entry);
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => sidecar.listen(0, '127.0.0.1', resolve));
  client = new DaprClient({ httpPort: (sidecar.address() as { port: number }).port, apiToken: 'tok' });
});
afterAll(() => new Promise<void>((resolve) => sidecar.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answer = () => ({ status: 204 });
});

describe('DaprClient', () => {
  it('reads a secret, sending the API token', async () => {
    answer = () => ({ status: 200, body: { DATABASE_URL: 'postgres://x' } });
    expect(await client.secret('secretstore', 'DATABASE_URL')).toBe('postgres://x');
    expect(seen[0]).toMatchObject({
      method: 'GET',
      path: '/v1.0/secrets/secretstore/DATABASE_URL',
      token: 'tok',
    });
  });

  it('answers undefined for a secret the store does not have, and throws for other failures', async () => {
    answer = () => ({
      status: 500,
      body: {
        errorCode: 'ERR_SECRET_GET',
        message: 'failed getting secret: secret OPENAI_API_KEY not found',
      },
    });
    expect(await client.secret('secretstore', 'OPENAI_API_KEY')).toBeUndefined();
    answer = () => ({ status: 401, body: { errorCode: 'ERR_SECRET_STORE_NOT_FOUND', message: 'no store' } });
    await expect(client.secret('nostore', 'X')).rejects.toMatchObject({
      name: 'DaprError',
      status: 401,
      code: 'ERR_SECRET_STORE_NOT_FOUND',
    });
    answer = () => ({ status: 401, body: 'invalid api token' });
    await expect(client.secret('secretstore', 'X')).rejects.toBeInstanceOf(DaprError);
  });

  it('reads state with its ETag, strongly consistent; absent keys are null', async () => {
    answer = () => ({ status: 200, body: { a: 1 }, headers: { etag: 'e1' } });
    expect(await client.getState('statestore', 'k:1')).toEqual({ value: { a: 1 }, etag: 'e1' });
    expect(seen[0]!.path).toBe('/v1.0/state/statestore/k:1');
    expect(seen[0]!.query.get('consistency')).toBe('strong');
    answer = () => ({ status: 204 });
    expect(await client.getState('statestore', 'nope')).toBeNull();
  });

  it('saves state with first-write concurrency: an ETag guard, a create-only guard, or none', async () => {
    expect(await client.saveState('statestore', 'k', { v: 1 }, { etag: 'e1' })).toBe(true);
    expect(seen[0]!.body).toEqual([
      {
        key: 'k',
        value: { v: 1 },
        etag: 'e1',
        options: { consistency: 'strong', concurrency: 'first-write' },
      },
    ]);
    await client.saveState('statestore', 'k', { v: 1 }, { create: true });
    expect(seen[1]!.body[0]).not.toHaveProperty('etag');
    expect(seen[1]!.body[0].options.concurrency).toBe('first-write');
    await client.saveState('statestore', 'k', { v: 1 }, null);
    expect(seen[2]!.body[0].options).toEqual({ consistency: 'strong' });
  });

  it('reports a lost race as false, and any other failure as an error', async () => {
    answer = () => ({
      status: 409,
      body: { errorCode: 'ERR_STATE_SAVE', message: 'possible etag mismatch' },
    });
    expect(await client.saveState('statestore', 'k', 1, { etag: 'old' })).toBe(false);
    answer = () => ({
      status: 500,
      body: { errorCode: 'ERR_STATE_SAVE', message: 'failed: no item was updated' },
    });
    expect(await client.saveState('statestore', 'k', 1, { create: true })).toBe(false);
    await expect(client.saveState('statestore', 'k', 1, null)).rejects.toThrow(/no item was updated/);
    answer = () => ({ status: 500, body: { errorCode: 'ERR_STATE_STORE_NOT_FOUND', message: 'no store' } });
    await expect(client.saveState('statestore', 'k', 1, { create: true })).rejects.toThrow(DaprError);
  });

  it('deletes state', async () => {
    await client.deleteState('statestore', 'k');
    expect(seen[0]).toMatchObject({ method: 'DELETE', path: '/v1.0/state/statestore/k' });
  });

  it('invokes a method of another app and returns its JSON answer', async () => {
    answer = () => ({ status: 200, body: { nextId: 'n1' } });
    expect(await client.invoke('api', 'internal/series/advance', { a: 1 })).toEqual({ nextId: 'n1' });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/v1.0/invoke/api/method/internal/series/advance',
    });
    answer = () => ({ status: 500, body: { errorCode: 'ERR_DIRECT_INVOKE', message: 'app unreachable' } });
    await expect(client.invoke('api', 'x', {})).rejects.toThrow(/ERR_DIRECT_INVOKE/);
  });

  it('schedules a one-shot job that replaces one of the same name', async () => {
    await client.scheduleJob('reminders-next', new Date('2026-11-22T10:00:05Z'));
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/v1.0-alpha1/jobs/reminders-next',
      body: { dueTime: '2026-11-22T10:00:05.000Z', data: {}, overwrite: true },
    });
    answer = () => ({ status: 500, body: { errorCode: 'DAPR_SCHEDULER_SCHEDULE_JOB', message: 'down' } });
    await expect(client.scheduleJob('x', new Date())).rejects.toThrow(/DAPR_SCHEDULER_SCHEDULE_JOB/);
  });

  it('waits for the sidecar to have loaded its components', async () => {
    let calls = 0;
    answer = (request) => ({ status: request.path === '/v1.0/healthz/outbound' && ++calls > 2 ? 204 : 500 });
    await client.waitOutbound(5_000);
    expect(calls).toBe(3);
    answer = () => ({ status: 500 });
    await expect(client.waitOutbound(300)).rejects.toThrow(/not ready within 300 ms/);
  });
});

describe('DaprSeriesService', () => {
  it('asks the api app to advance the series through service invocation', async () => {
    answer = () => ({ status: 200, body: { nextId: 'next-1' } });
    const series = new DaprSeriesService(client, 'api');
    expect(await series.advance('u1', 't1')).toEqual({ nextId: 'next-1' });
    expect(seen[0]).toMatchObject({
      path: '/v1.0/invoke/api/method/internal/series/advance',
      body: { userId: 'u1', completedId: 't1' },
    });
  });
});

describe('DaprConversationStore', () => {
  const id = '01a204df-2285-7027-9ac5-08cd8552fabf';
  const conversation = (version: number, userId = 'u1'): Conversation => ({
    id,
    userId,
    messages: [{ role: 'user', content: 'hi', at: '2026-11-22T10:00:00.000Z' }],
    createdAt: new Date('2026-11-22T10:00:00Z'),
    updatedAt: new Date('2026-11-22T10:00:01Z'),
    version,
  });
  /** A tiny state store: key → value + ETag, first-write semantics like state.postgresql v2. */
  function fakeStore() {
    const rows = new Map<string, { value: any; etag: string }>();
    let n = 0;
    answer = (request) => {
      if (request.method === 'GET') {
        const key = request.path.split('/').pop()!;
        const row = rows.get(key);
        return row ? { status: 200, body: row.value, headers: { etag: row.etag } } : { status: 204 };
      }
      const [item] = request.body;
      const row = rows.get(item.key);
      if (item.etag !== undefined && row?.etag !== item.etag)
        return { status: 409, body: { errorCode: 'ERR_STATE_SAVE', message: 'possible etag mismatch' } };
      if (item.etag === undefined && row)
        return { status: 500, body: { errorCode: 'ERR_STATE_SAVE', message: 'no item was updated' } };
      rows.set(item.key, { value: item.value, etag: `e${++n}` });
      return { status: 204 };
    };
    return rows;
  }

  it('creates, reads and updates a conversation under optimistic concurrency', async () => {
    const rows = fakeStore();
    const store = new DaprConversationStore(client, 'statestore');
    expect(await store.save(conversation(0), 0)).toBe(true);
    expect(rows.get(`conversation:${id}`)?.value.version).toBe(1);
    expect(await store.save(conversation(0), 0)).toBe(false); // created twice: the second loses
    const read = await store.get('u1', id);
    expect(read).toEqual(conversation(1));
    expect(await store.save({ ...read!, messages: [] }, 1)).toBe(true);
    expect((await store.get('u1', id))?.version).toBe(2);
  });

  it('lets only one of two writers of the same version win', async () => {
    fakeStore();
    const a = new DaprConversationStore(client, 'statestore');
    const b = new DaprConversationStore(client, 'statestore');
    await a.save(conversation(0), 0);
    const fromA = await a.get('u1', id);
    const fromB = await b.get('u1', id);
    expect(await a.save(fromA!, 1)).toBe(true);
    expect(await b.save(fromB!, 1)).toBe(false); // its ETag is stale
    expect(await b.save(fromB!, 1)).toBe(false); // re-read: the stored version is 2 now
    expect(await b.save(fromB!, 2)).toBe(true);
  });

  it('hides other users’ conversations and ignores ids that are not conversation ids', async () => {
    fakeStore();
    const store = new DaprConversationStore(client, 'statestore');
    await store.save(conversation(0), 0);
    expect(await store.get('u2', id)).toBeNull();
    expect(await store.save(conversation(1, 'u2'), 1)).toBe(false);
    seen = [];
    expect(await store.get('u1', 'not-a-uuid')).toBeNull();
    expect(seen).toEqual([]);
  });
});
