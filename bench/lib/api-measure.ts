// Measurement helpers of bench/api.ts: a load run with CPU accounting, buffers, outbox, statements, plans.
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type pg from 'pg';
import type { ServerStats, ServerUnderTest } from './api-servers.ts';
import type { Statement } from './baseline.ts';
import { processCpuMs } from './embedded.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { runLoad } from './load-runner.ts';
import { log, round } from './stats.ts';

/** POST JSON with node:http, as a plain API client (curl, a script) does: no fetch metadata headers. */
export function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: text });
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Busy and total jiffies of the whole machine (Linux), to show how saturated the 2 cores are. */
async function machineTimes(): Promise<{ busy: number; total: number } | null> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by Postgres on behalf of this run (Linux): the backends connected to the
 * scratch database plus the shared writer processes. Other databases' backends are left out.
 */
async function postgresCpuSeconds(database: string): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return result;
  }
  const shared = /postgres: .*(walwriter|background writer|checkpointer|autovacuum worker)/;
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) return;
        const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
        if (!cmdline.includes(` ${database} `) && !shared.test(cmdline)) return;
        const fields = stat.slice(close + 2).split(' ');
        result.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {}
    }),
  );
  return result;
}

function postgresCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, s] of after) seconds += s - (before.get(pid) ?? 0);
  return seconds;
}

export type Server = 'taskstream' | 'baseline';
export type Scenario = 'create' | 'list' | 'listSortOnly';

export interface RunRecord extends LoadResult {
  scenario: Scenario;
  server: Server;
  round: number;
  /** saturation: each connection sends again as soon as answered; fixedRate: `offeredRate` req/s. */
  phase: 'saturation' | 'fixedRate';
  offeredRate?: number;
  /** CPU of the server process under test while measuring, % of one core. */
  serverCpuPercent: number;
  /** Postgres (scratch database backends + writers) while measuring, % of one core. */
  postgresCpuPercent: number | null;
  /** Whole machine, % of all cores (server + Postgres + load generator + anything else running). */
  machineBusyPercent: number | null;
  /** CPU cost per request (including deferred work such as the outbox relay): robust to a noisy box. */
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number | null;
  /** Shared-buffer hits and misses (reads from the OS) per request in the scratch database. */
  blocksHitPerRequest: number;
  blocksReadPerRequest: number;
  outboxPendingAtEnd?: number;
  outboxDrainMs?: number;
}

interface Snapshot {
  at: number;
  /** user + system CPU of the server process so far, ms. */
  cpuMs: number;
  machine: { busy: number; total: number } | null;
  postgres: Map<number, number>;
}

async function snapshot(database: string, serverPid: number): Promise<Snapshot> {
  const [machine, postgres, cpuMs] = await Promise.all([
    machineTimes(),
    postgresCpuSeconds(database),
    processCpuMs(serverPid),
  ]);
  if (cpuMs === null) throw new Error(`cannot read the CPU of process ${serverPid} (/proc)`);
  return { at: performance.now(), cpuMs, machine, postgres };
}

export type LoadRequest = Omit<LoadSpec, 'connections' | 'warmupSeconds' | 'durationSeconds'>;
export type LoadShape = Pick<LoadSpec, 'connections' | 'warmupSeconds' | 'durationSeconds' | 'rate'>;

export interface Measured extends LoadResult {
  serverCpuPercent: number;
  postgresCpuPercent: number | null;
  machineBusyPercent: number | null;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number | null;
  /** The server process while measuring: its longest event-loop delay and its garbage collections. */
  serverStats: ServerStats;
}

/**
 * One load run (warm-up, then measurement) with CPU accounting over the measurement window.
 * `settle` runs after the load (e.g. until the outbox is drained): the CPU it takes still counts
 * in the per-request cost, since it is work the requests caused.
 */
export async function measure(
  database: string,
  label: string,
  spec: LoadRequest,
  shape: LoadShape,
  target: ServerUnderTest,
  settle?: () => Promise<void>,
): Promise<Measured> {
  let start: Promise<[Snapshot, ServerStats]> | null = null;
  const result = await runLoad(
    label,
    {
      ...spec,
      connections: shape.connections,
      ...(shape.rate === undefined ? {} : { rate: shape.rate }),
      warmupSeconds: shape.warmupSeconds,
      durationSeconds: shape.durationSeconds,
    },
    () => {
      start ??= Promise.all([snapshot(database, target.pid), target.stats()]);
    },
  );
  const [end, stats1] = await Promise.all([snapshot(database, target.pid), target.stats()]);
  const [begin, stats0] = await (start ?? Promise.all([snapshot(database, target.pid), target.stats()]));
  await settle?.();
  const settled = settle ? await snapshot(database, target.pid) : end;
  const seconds = (end.at - begin.at) / 1000;
  const cpuMs = (a: Snapshot, b: Snapshot) => b.cpuMs - a.cpuMs;
  const pgMs = (a: Snapshot, b: Snapshot) => postgresCpuDelta(a.postgres, b.postgres) * 1000;
  const havePg = end.postgres.size > 0;
  return {
    ...result,
    serverCpuPercent: round((cpuMs(begin, end) / 1000 / seconds) * 100, 0),
    postgresCpuPercent: havePg ? round((pgMs(begin, end) / 1000 / seconds) * 100, 0) : null,
    machineBusyPercent:
      begin.machine && end.machine
        ? round(
            ((end.machine.busy - begin.machine.busy) / (end.machine.total - begin.machine.total)) * 100,
            0,
          )
        : null,
    serverCpuMsPerRequest: round(cpuMs(begin, settled) / Math.max(1, result.requests), 2),
    postgresCpuMsPerRequest: havePg ? round(pgMs(begin, settled) / Math.max(1, result.requests), 2) : null,
    serverStats: {
      eventLoopMaxMs: round(stats1.eventLoopMaxMs, 1),
      gcMajor: stats1.gcMajor - stats0.gcMajor,
      gcMinor: stats1.gcMinor - stats0.gcMinor,
      gcMs: round(stats1.gcMs - stats0.gcMs, 0),
    },
  };
}

/**
 * Runs `request` while watching Taskstream's pool and returns the first SELECT … FROM "tasks" it
 * sends: the list statement as the repository builds it today.
 */
export async function captureTasksSelect(pool: pg.Pool, request: () => Promise<void>): Promise<Statement> {
  const target = pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = target.query;
  let captured: Statement | null = null;
  target.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    const text = typeof config === 'string' ? config : config?.text;
    if (!captured && text && /^select\b[\s\S]* from "tasks" /i.test(text))
      captured = {
        text,
        values: (Array.isArray(args[1]) ? args[1] : (config as { values?: unknown[] }).values) ?? [],
      };
    return original.apply(this, args);
  };
  try {
    await request();
  } finally {
    target.query = original;
  }
  if (!captured) throw new Error('could not capture the list statement from Taskstream');
  return captured;
}

/** Block hits and reads of the current database so far (pg_stat_database). */
export async function sharedBlocks(pool: pg.Pool): Promise<{ hit: number; read: number }> {
  const row = (
    await pool.query(
      'select blks_hit::float8 as hit, blks_read::float8 as read from pg_stat_database where datname = current_database()',
    )
  ).rows[0] as { hit: number; read: number };
  return row;
}

export async function waitForOutbox(
  pool: pg.Pool,
  timeoutMs: number,
): Promise<{ pendingAtEnd: number; drainMs: number }> {
  const t0 = performance.now();
  const count = async () =>
    Number((await pool.query('select count(*)::int as n from outbox where published_at is null')).rows[0].n);
  const pendingAtEnd = await count();
  let pending = pendingAtEnd;
  while (pending > 0 && performance.now() - t0 < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    pending = await count();
  }
  return { pendingAtEnd, drainMs: pending > 0 ? Number.NaN : Math.round(performance.now() - t0) };
}

export type Plan = { executionMs: number; planningMs: number; plan: string[] };

export async function explainStatements(
  pool: pg.Pool,
  statements: [name: string, statement: Statement][],
  when: string,
): Promise<Record<string, Plan>> {
  const plans: Record<string, Plan> = {};
  for (const [name, statement] of statements) {
    await pool.query(statement.text, statement.values); // warm
    const rows = (
      await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values)
    ).rows.map((r) => r['QUERY PLAN'] as string);
    const ms = (label: string) =>
      Number(rows.find((l) => l.startsWith(label))?.match(/([\d.]+) ms/)?.[1] ?? Number.NaN);
    const plan = { executionMs: ms('Execution Time'), planningMs: ms('Planning Time'), plan: rows };
    plans[name] = plan;
    const scan = rows
      .find((l) => /Scan/.test(l))
      ?.trim()
      .replace(/\s+\(cost.*/, '');
    log(`  EXPLAIN ANALYZE ${name} ${when}: ${plan.executionMs} ms, ${scan}`);
  }
  return plans;
}
