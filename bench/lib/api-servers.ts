// The servers under test of bench/api.ts, each in a process of its own (so one's garbage collection
// or stall cannot land in the other's measurement: when both ran inside the bench process, major
// GCs of the shared heap fell into whichever run was being measured):
//   - Taskstream: `taskstream serve`, every role, as `npm start` runs it (the server bundle when it
//     matches the sources);
//   - the bare baseline: bench/lib/baseline-server.ts.
// Also: the users, the list statements Taskstream sends, and the check that both servers agree.
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_POOL_MAX } from '../../src/db/client.ts';
import { createTaskstream } from '../../src/main/taskstream.ts';
import { captureTasksSelect, postJson } from './api-measure.ts';
import type { Statement } from './baseline.ts';
import { ensurePrepared } from './embedded.ts';
import { launch, startTaskstream as startTaskstreamProcess } from './live-servers.ts';
import { log } from './stats.ts';

/** Counters of a server process, read before and after a measured run. */
export interface ServerStats {
  /** The longest event-loop delay since the previous reading, ms. */
  eventLoopMaxMs: number;
  /** Garbage collections so far, and their total pause, ms. */
  gcMajor: number;
  gcMinor: number;
  gcMs: number;
}

export interface ServerUnderTest {
  url: string;
  pid: number;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const metric = (text: string, name: string): number =>
  Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? 0);

/** `cpuProfileDir`: Taskstream writes a V8 CPU profile there when it is stopped. */
export async function startTaskstream(
  databaseUrl: string,
  cpuProfileDir?: string,
): Promise<ServerUnderTest & { poolMax: number }> {
  const t0 = performance.now();
  ensurePrepared();
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const server = await startTaskstreamProcess(databaseUrl, undefined, profiling);
  const stats = async (): Promise<ServerStats> => {
    // prom-client's event-loop gauges cover the time since the previous scrape.
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return {
      eventLoopMaxMs: metric(text, 'taskstream_nodejs_eventloop_lag_max_seconds') * 1000,
      gcMajor: metric(text, 'taskstream_nodejs_gc_duration_seconds_count\\{kind="major"\\}'),
      gcMinor: metric(text, 'taskstream_nodejs_gc_duration_seconds_count\\{kind="minor"\\}'),
      gcMs:
        (metric(text, 'taskstream_nodejs_gc_duration_seconds_sum\\{kind="major"\\}') +
          metric(text, 'taskstream_nodejs_gc_duration_seconds_sum\\{kind="minor"\\}') +
          metric(text, 'taskstream_nodejs_gc_duration_seconds_sum\\{kind="incremental"\\}')) *
        1000,
    };
  };
  const code = (await (await fetch(`${server.url}/metrics`)).text()).match(
    /taskstream_build_info\{code="(\w+)"\}/,
  );
  log(
    `  taskstream (${code?.[1] ?? '?'}, pid ${server.pid}, pool max ${DEFAULT_POOL_MAX}) listening at ${server.url} in ${Math.round(performance.now() - t0)} ms`,
  );
  return { url: server.url, pid: server.pid, poolMax: DEFAULT_POOL_MAX, stats, stop: server.stop };
}

export async function startBaselineProcess(options: {
  databaseUrl: string;
  poolMax: number;
  userId: string;
  listStatements?: Map<string, Statement>;
}): Promise<ServerUnderTest> {
  const script = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));
  const spec = { ...options, listStatements: [...(options.listStatements ?? new Map())] };
  const { child, match, stop } = launch([script, JSON.stringify(spec)], {}, /baseline listening at (\S+)/);
  const url = (await match)[1]!;
  return {
    url,
    pid: child.pid!,
    stats: async () => (await (await fetch(`${url}/stats`)).json()) as ServerStats,
    stop,
  };
}

/**
 * The list statements Taskstream's repository sends for `queries`, captured from an api-only
 * Taskstream in this process on the same database (the servers under test run elsewhere).
 */
export async function captureListStatements(
  databaseUrl: string,
  token: string,
  queries: string[],
): Promise<Map<string, Statement>> {
  const app = await createTaskstream(
    loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ROLES: 'api' }),
  );
  try {
    const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
    const pool = (app.database.db as unknown as { $client: pg.Pool }).$client;
    const statements = new Map<string, Statement>();
    for (const query of queries)
      statements.set(
        query,
        await captureTasksSelect(pool, async () => {
          const response = await fetch(`${url}/api/tasks?${query}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (response.status !== 200)
            throw new Error(`list answered ${response.status}: ${await response.text()}`);
          await response.arrayBuffer();
        }),
      );
    return statements;
  } finally {
    await app.close();
  }
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
