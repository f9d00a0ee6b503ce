// Starts the whole application on a fresh test database and gives tests signed-in API clients
// that talk to it through fastify.inject (no sockets).
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createTaskstream, type Taskstream } from '../../src/main/taskstream.ts';
import type { Clock } from '../../src/ports/index.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';

export interface Reply<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

export interface ApiClient {
  token: string;
  userId: string;
  email: string;
  request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Reply<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<Reply<T>>;
}

export interface TestApp {
  app: Taskstream;
  db: TestDatabase;
  /** An anonymous request (no session). */
  request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  signUp(options?: { name?: string; timeZone?: string }): Promise<ApiClient>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(
  options: { clock?: Clock; manualRelay?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0',
    ...options.env,
  });
  const app = await createTaskstream(config, {
    database: db.database,
    logger: pino({ level: 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
    manualRelay: options.manualRelay ?? true,
  });

  async function request<T>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await app.http.inject({
      method: method as 'GET',
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    let parsed: unknown = null;
    try {
      parsed = response.body ? JSON.parse(response.body) : null;
    } catch {
      parsed = null;
    }
    return { status: response.statusCode, headers: response.headers, body: parsed as T, text: response.body };
  }

  return {
    app,
    db,
    request,
    async signUp({ name = 'Test User', timeZone } = {}) {
      const email = `user${++counter}-${Date.now()}@example.com`;
      const signUp = await request<{ token: string; user: { id: string } }>(
        'POST',
        '/api/auth/sign-up/email',
        {
          name,
          email,
          password: 'correct horse battery',
          ...(timeZone ? { timeZone } : {}),
        },
      );
      if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status} ${signUp.text}`);
      const token = signUp.body.token;
      const auth = { authorization: `Bearer ${token}` };
      const as =
        (method: string) =>
        <T>(url: string, body?: unknown, headers: Record<string, string> = {}) =>
          request<T>(method, url, body, { ...auth, ...headers });
      return {
        token,
        userId: signUp.body.user.id,
        email,
        request: <T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
          request<T>(method, url, body, { ...auth, ...headers }),
        get: <T>(url: string, headers: Record<string, string> = {}) =>
          request<T>('GET', url, undefined, { ...auth, ...headers }),
        post: as('POST'),
        patch: as('PATCH'),
        put: as('PUT'),
        delete: <T>(url: string, headers: Record<string, string> = {}) =>
          request<T>('DELETE', url, undefined, { ...auth, ...headers }),
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
