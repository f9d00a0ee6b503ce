// The start-up secret resolver (and config.ts's missingSecrets/withSecrets under it) against a
// fake sidecar answering as daprd's local.file secret store does.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, missingSecrets, withSecrets } from '../config.ts';
import { DaprClient } from '../events/dapr-client.ts';
import { resolveSecrets } from './secrets.ts';

let store: Record<string, string> = {};
let storeName = 'secretstore';
let asked: string[] = [];
let sidecar: Server;
let client: DaprClient;

beforeAll(async () => {
  sidecar = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    response.setHeader('content-type', 'application/json');
    if (path === '/v1.0/healthz/outbound') return response.writeHead(204).end();
    const [, , , name, key] = path.split('/');
    asked.push(key ?? '');
    if (name !== storeName)
      return response
        .writeHead(401)
        .end(JSON.stringify({ errorCode: 'ERR_SECRET_STORE_NOT_FOUND', message: `no store ${name}` }));
    const value = store[key ?? ''];
    if (value === undefined)
      return response
        .writeHead(500)
        .end(JSON.stringify({ errorCode: 'ERR_SECRET_GET', message: `secret ${key} not found` }));
    response.writeHead(200).end(JSON.stringify({ [key!]: value }));
  });
  await new Promise<void>((resolve) => sidecar.listen(0, '127.0.0.1', resolve));
  client = new DaprClient({ httpPort: (sidecar.address() as { port: number }).port });
});
afterAll(() => new Promise<void>((resolve) => sidecar.close(() => resolve())));
beforeEach(() => {
  store = {};
  storeName = 'secretstore';
  asked = [];
});

const SECRET = 'a-secret-of-at-least-thirty-two-chars!';

describe('missingSecrets / withSecrets', () => {
  it('names the secrets the environment did not give', () => {
    expect(missingSecrets(loadConfig({}))).toEqual(['DATABASE_URL', 'AUTH_SECRET', 'OPENAI_API_KEY']);
    expect(missingSecrets(loadConfig({ DATABASE_URL: 'postgres://h/d', OPENAI_API_KEY: 'k' }))).toEqual([
      'AUTH_SECRET',
    ]);
  });

  it('fills only the gaps, validated like the environment', () => {
    const config = withSecrets(loadConfig({ OPENAI_API_KEY: 'from-env' }), {
      DATABASE_URL: 'postgres://h/d',
      AUTH_SECRET: SECRET,
      OPENAI_API_KEY: 'from-store',
    });
    expect(config.databaseUrl).toBe('postgres://h/d');
    expect(config.authSecret).toBe(SECRET);
    expect(config.openai.apiKey).toBe('from-env');
    expect(() => withSecrets(loadConfig({}), { DATABASE_URL: 'mysql://nope' })).toThrow(ConfigError);
    expect(() => withSecrets(loadConfig({}), { AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
  });
});

describe('resolveSecrets', () => {
  const dapr = (env: Record<string, string> = {}) => loadConfig({ EVENT_BUS: 'dapr', ...env });

  it('reads what is missing from the sidecar’s store and leaves absent ones unset', async () => {
    store = { DATABASE_URL: 'postgres://db/taskstream', AUTH_SECRET: SECRET };
    const { config, resolved } = await resolveSecrets(dapr(), client);
    expect(resolved).toEqual(['DATABASE_URL', 'AUTH_SECRET']);
    expect(config.databaseUrl).toBe('postgres://db/taskstream');
    expect(config.authSecret).toBe(SECRET);
    expect(config.openai.apiKey).toBeUndefined();
    expect(asked).toEqual(['DATABASE_URL', 'AUTH_SECRET', 'OPENAI_API_KEY']);
  });

  it('never asks for what the environment gives, nor off Dapr, nor with the store turned off', async () => {
    const given = { DATABASE_URL: 'postgres://env/db', AUTH_SECRET: SECRET, OPENAI_API_KEY: 'k' };
    expect((await resolveSecrets(dapr(given), client)).resolved).toEqual([]);
    expect((await resolveSecrets(loadConfig({}), client)).resolved).toEqual([]);
    expect((await resolveSecrets(dapr({ DAPR_SECRET_STORE: '' }), client)).resolved).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('fails with a clear message when the sidecar has no such store', async () => {
    storeName = 'other';
    await expect(resolveSecrets(dapr(), client)).rejects.toThrow(/no secret store "secretstore"/);
  });

  it('fails when the sidecar never becomes ready', async () => {
    const nobody = new DaprClient({ httpPort: 1 });
    await expect(resolveSecrets(dapr(), nobody, { timeoutMs: 300 })).rejects.toThrow(/not ready/);
  });
});
