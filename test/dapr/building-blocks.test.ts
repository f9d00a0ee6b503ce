// The Dapr building blocks beyond pub/sub against a real daprd (scripts/infra/daprd-run) loading
// deploy/dapr/components as deploy/local does, on a scratch database of the real Postgres:
// secrets from the local file store, conversations in state.postgresql v2 with ETag concurrency,
// and a Jobs API job calling the app back at its time, never earlier. (Service invocation and the
// whole shape run in the e2e suite against deploy/local/up.) Missing infrastructure fails.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DaprClient } from '../../src/events/dapr-client.ts';
import { DaprConversationStore } from '../../src/events/dapr-conversations.ts';
import { daprAppRoutes } from '../../src/http/routes/dapr-app.ts';
import { resolveSecrets } from '../../src/main/secrets.ts';
import { infra, ROOT, requireKafka, SHARED_BROKERS } from '../bus/brokers.ts';
import { freePort } from '../bus/harness.ts';
import { createRealDatabase } from '../support/database.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskstream-dapr-blocks-'));
const APP_TOKEN = 'app-token-app-token-app-token';
const DAPR_TOKEN = 'dapr-token-dapr-token-dapr-token';
const AUTH = 'auth-secret-of-at-least-thirty-two-characters';
let db: { url: string; drop(): Promise<void> };
let app: FastifyInstance;
let client: DaprClient;
let httpPort = 0;
const jobCalls: { name: string; at: number }[] = [];

beforeAll(async () => {
  await requireKafka(SHARED_BROKERS);
  db = await createRealDatabase();
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ DATABASE_URL: db.url, AUTH_SECRET: AUTH }));
  const appPort = await freePort();
  httpPort = await freePort();
  app = Fastify();
  await daprAppRoutes(app, {
    appApiToken: APP_TOKEN,
    onJob: async (name) => {
      jobCalls.push({ name, at: Date.now() });
    },
  });
  await app.listen({ port: appPort, host: '127.0.0.1' });
  await infra(
    'daprd-run',
    [
      '--background',
      ...['--app-id', 'taskstream', '--app-port', String(appPort)],
      ...['--dapr-http-port', String(httpPort), '--dapr-grpc-port', String(await freePort())],
      ...['--resources-path', `${ROOT}deploy/dapr/components`],
    ],
    {
      DAPR_RUN_DIR: dir,
      KAFKA_BROKERS: SHARED_BROKERS.join(','),
      TASKSTREAM_SECRETS_FILE: join(dir, 'secrets.json'),
      NAMESPACE: `blocks${process.pid}`,
      APP_API_TOKEN: APP_TOKEN,
      DAPR_API_TOKEN: DAPR_TOKEN,
    },
  );
  client = new DaprClient({ httpPort, apiToken: DAPR_TOKEN });
}, 120_000);

afterAll(async () => {
  await infra('daprd-run', ['--stop', '--app-id', 'taskstream'], { DAPR_RUN_DIR: dir }).catch(() => {});
  await app?.close();
  await db?.drop();
});

describe('secrets through the sidecar', () => {
  it('fills DATABASE_URL and AUTH_SECRET from the local file store; an absent key stays unset', async () => {
    const config = loadConfig({
      EVENT_BUS: 'dapr',
      DAPR_HTTP_PORT: String(httpPort),
      DAPR_API_TOKEN: DAPR_TOKEN,
    });
    const { config: resolved, resolved: names } = await resolveSecrets(config);
    expect(names).toEqual(['DATABASE_URL', 'AUTH_SECRET']);
    expect(resolved.databaseUrl).toBe(db.url);
    expect(resolved.authSecret).toBe(AUTH);
    expect(resolved.openai.apiKey).toBeUndefined();
  });

  it('refuses a caller without the sidecar’s API token', async () => {
    const anonymous = new DaprClient({ httpPort });
    await expect(anonymous.secret('secretstore', 'DATABASE_URL')).rejects.toMatchObject({ status: 401 });
  });
});

describe('conversations in state.postgresql v2', () => {
  const id = '01a204df-2285-7027-9ac5-08cd8552fab0';
  const base = {
    id,
    userId: 'user-1',
    messages: [{ role: 'user' as const, content: 'add milk', at: '2026-11-22T10:00:00.000Z' }],
    createdAt: new Date('2026-11-22T10:00:00Z'),
    updatedAt: new Date('2026-11-22T10:00:00Z'),
    version: 0,
  };

  it('creates once, reads back, and lets exactly one of two racing writers win', async () => {
    const a = new DaprConversationStore(client, 'statestore');
    const b = new DaprConversationStore(client, 'statestore');
    expect(await a.save(base, 0)).toBe(true);
    expect(await b.save(base, 0)).toBe(false);
    const fromA = await a.get('user-1', id);
    const fromB = await b.get('user-1', id);
    expect(fromA).toMatchObject({ id, userId: 'user-1', version: 1, messages: base.messages });
    const reply = { role: 'assistant' as const, content: 'Added.', at: '2026-11-22T10:00:01.000Z' };
    const results = await Promise.all([
      a.save({ ...fromA!, messages: [...fromA!.messages, reply] }, 1),
      b.save({ ...fromB!, messages: [...fromB!.messages, { ...reply, content: 'Other' }] }, 1),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await new DaprConversationStore(client, 'statestore').get('user-1', id);
    expect(stored?.version).toBe(2);
    expect(stored?.messages).toHaveLength(2);
    expect(await a.get('user-2', id)).toBeNull();
  });
});

describe('a Jobs API job', () => {
  it('calls POST /job/<name> on the app at its due time, never before', async () => {
    const due = new Date(Date.now() + 1_500);
    await client.scheduleJob('reminders-next', due);
    // Re-arming replaces it (overwrite): one call, at the second time.
    const later = new Date(due.getTime() + 500);
    await client.scheduleJob('reminders-next', later);
    const deadline = Date.now() + 15_000;
    while (jobCalls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(jobCalls.map((c) => c.name)).toEqual(['reminders-next']);
    expect(jobCalls[0]!.at).toBeGreaterThanOrEqual(later.getTime());
    expect(jobCalls[0]!.at - later.getTime()).toBeLessThan(2_000);
  });
});
