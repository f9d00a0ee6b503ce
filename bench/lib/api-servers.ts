// The servers under test of bench/api.ts: Taskstream in-process, its users, the baseline agreement check.
import type pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createTaskstream, type Taskstream } from '../../src/main/taskstream.ts';
import { postJson } from './api-measure.ts';
import { log } from './stats.ts';

export async function startTaskstream(
  databaseUrl: string,
  onCleanup: (name: string, run: () => Promise<unknown>) => void,
): Promise<{ url: string; pool: pg.Pool; poolMax: number }> {
  const t0 = performance.now();
  const app: Taskstream = await createTaskstream(
    loadConfig({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    }),
  );
  onCleanup('close taskstream', () => app.close());
  const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
  const pool = (app.database.db as unknown as { $client: pg.Pool }).$client;
  const poolMax = (pool as unknown as { options: { max: number } }).options.max;
  log(
    `  taskstream listening at ${url} (pool max ${poolMax}, roles ${app.config.roles.join(',')}) in ${Math.round(performance.now() - t0)} ms`,
  );
  return { url, pool, poolMax };
}

export async function signUp(tsUrl: string, name: string): Promise<{ token: string; userId: string }> {
  const { status, body } = await postJson(`${tsUrl}/api/auth/sign-up/email`, {
    name,
    email: `${name}-${Date.now()}@bench.example`,
    password: 'correct horse battery',
  });
  const answer = body as { token: string; user: { id: string } };
  if (status !== 200) throw new Error(`sign-up failed: ${status} ${JSON.stringify(body)}`);
  return { token: answer.token, userId: answer.user.id };
}

export async function checkServersAgree(options: {
  tsUrl: string;
  baselineUrl: string;
  writerBaselineUrl: string;
  readerAuth: Record<string, string>;
  writerAuth: Record<string, string>;
  listQueries: string[];
  createBody: string;
}): Promise<void> {
  const { tsUrl, baselineUrl, writerBaselineUrl, readerAuth, writerAuth } = options;
  for (const query of options.listQueries) {
    const a = (await (await fetch(`${tsUrl}/api/tasks?${query}`, { headers: readerAuth })).json()) as {
      items?: { id: string }[];
    };
    const b = (await (await fetch(`${baselineUrl}/tasks?${query}`)).json()) as {
      items?: { id: string }[];
    };
    if (!a.items || !b.items)
      throw new Error(
        `list failed: taskstream ${JSON.stringify(a).slice(0, 300)}; baseline ${JSON.stringify(b).slice(0, 300)}`,
      );
    const ids = a.items.map((t) => t.id).join();
    const baseIds = b.items
      .slice(0, 50)
      .map((t) => t.id)
      .join();
    if (ids !== baseIds || a.items.length === 0)
      throw new Error(`taskstream and baseline disagree on the page for ${query}`);
  }
  for (const [url, headers] of [
    [`${tsUrl}/api/tasks`, writerAuth],
    [`${writerBaselineUrl}/tasks`, {}],
  ] as const) {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: options.createBody,
    });
    if (r.status !== 201) throw new Error(`create answered ${r.status}: ${await r.text()}`);
    await r.arrayBuffer();
  }
}
