// `npm run bench:live`: GET /api/stream under load, against a bare node:http SSE server.
//   1. scale: streams opened in steps (1k, 2k, 5k, 10k) against one `taskstream serve` process (all
//      roles, real Postgres): RSS and heap per stream, and whether memory stays steady over an idle
//      period with heartbeats (RSS growth < 5%). Target: ≥ 5,000 streams held steadily.
//   2. latency: a write through the HTTP API → the event on another connected stream of that user,
//      with 1,000 streams open: (a) 999 streams of 99 other users, (b) 999 more streams of the same
//      user (every write fans out to 1,000; also timed until the last of them has it). Target p95 < 100 ms.
// Both again on the bare server (no auth, database, resume or bounds): the floor to compare with.
// Streams are held by client processes (bench/lib/live-clients.ts); all on loopback.
// Writes bench/results/live.json. A scratch database is created and dropped, even on failure.
//
// Environment (optional): BENCH_DATABASE_URL (admin URL; default TEST_DATABASE_URL, else the local
// scripts/infra Postgres), BENCH_STEPS (1000,2000,5000,10000), BENCH_LATENCY_STREAMS (1000),
// BENCH_SAMPLES (300), BENCH_USERS (100), BENCH_WORKERS (4), BENCH_HEARTBEAT_MS (2000),
// BENCH_IDLE_MS (10000), BENCH_OUT.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { percentile } from './lib/latency.ts';
import type { StreamSpec } from './lib/live-clients.ts';
import { measureLatency, Observer } from './lib/live-observer.ts';
import { ClientPool } from './lib/live-pool.ts';
import {
  type LatencyResult,
  report,
  type ScaleResult,
  type ScaleStep,
  type Summary,
} from './lib/live-report.ts';
import { killServers, type ServerRun, startBare, startTaskstream } from './lib/live-servers.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-db.ts';
import { adminUrl, int } from './lib/settings.ts';
import { log, round } from './lib/stats.ts';

const env = process.env;
const SETTINGS = {
  adminUrl: adminUrl(),
  steps: (env.BENCH_STEPS ?? '1000,2000,5000,10000').split(',').map(Number),
  latencyStreams: int('BENCH_LATENCY_STREAMS', 1000),
  samples: int('BENCH_SAMPLES', 300),
  warmup: 20,
  gapMs: 10,
  users: int('BENCH_USERS', 100),
  workers: int('BENCH_WORKERS', 4),
  heartbeatMs: int('BENCH_HEARTBEAT_MS', 2000),
  idleMs: int('BENCH_IDLE_MS', 10_000),
  settleMs: 3000,
  out: env.BENCH_OUT || fileURLToPath(new URL('./results/live.json', import.meta.url)),
};
const TARGETS = { p95Ms: 100, streams: 5000, idleGrowthPercent: 5 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

/** How a benchmark talks to one of the two servers. */
interface Target {
  server: ServerRun;
  spec(user: number, tracked?: boolean): StreamSpec;
  observe(user: number): Promise<Observer>;
  write(user: number, seq: number): Promise<void>;
}

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function taskstreamTarget(server: ServerRun): Promise<Target> {
  const tokens: string[] = [];
  const stamp = Date.now();
  for (let i = 0; i < SETTINGS.users; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, SETTINGS.users - i) }, async (_, j) => {
        const { status, body } = await post(`${server.url}/api/auth/sign-up/email`, {
          name: `live ${i + j}`,
          email: `live-${i + j}-${stamp}@bench.example`,
          password: 'correct horse battery',
        });
        if (status !== 200) throw new Error(`sign-up failed: ${status} ${JSON.stringify(body)}`);
        return body.token as string;
      }),
    );
    tokens.push(...batch);
  }
  return {
    server,
    spec: (user, tracked) => ({ path: '/api/stream', token: tokens[user]!, tracked }),
    observe: (user) => Observer.open(server.url, '/api/stream', tokens[user]),
    async write(user, seq) {
      const { status } = await post(`${server.url}/api/tasks`, { title: `live ${seq}` }, tokens[user]);
      if (status !== 201) throw new Error(`POST /api/tasks answered ${status}`);
    },
  };
}

function bareTarget(server: ServerRun): Target {
  return {
    server,
    spec: (user, tracked) => ({ path: `/stream?user=u${user}`, tracked }),
    observe: (user) => Observer.open(server.url, `/stream?user=u${user}`),
    async write(user, seq) {
      // The same shape and size as a todo.task.created CloudEvent.
      const event = {
        specversion: '1.0',
        id: crypto.randomUUID(),
        source: 'bench/bare',
        type: 'todo.task.created',
        subject: crypto.randomUUID(),
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        partitionkey: `u${user}`,
        data: {
          userId: `u${user}`,
          task: { id: crypto.randomUUID(), title: `live ${seq}`, description: '' },
        },
      };
      await post(`${server.url}/publish?user=u${user}`, event);
    },
  };
}

async function waitOpen(pool: ClientPool, expected: number): Promise<number> {
  const { open } = await pool.stats();
  if (open !== expected) log(`  ! ${open} of ${expected} streams open`);
  return open;
}

async function scale(target: Target, pool: ClientPool): Promise<ScaleResult> {
  await sleep(SETTINGS.settleMs);
  const base = await target.server.memory();
  log(`  ${target.server.name}: ${round(base.rssBytes / MB)} MB RSS with no stream`);
  const steps: ScaleStep[] = [];
  let opened = 0;
  for (const step of SETTINGS.steps) {
    const specs = Array.from({ length: step - opened }, (_, i) => target.spec((opened + i) % SETTINGS.users));
    const t0 = performance.now();
    await pool.open(target.server.url, specs);
    const openSeconds = (performance.now() - t0) / 1000;
    opened = await waitOpen(pool, step);
    await sleep(SETTINGS.settleMs);
    const m = await target.server.memory();
    const result: ScaleStep = {
      streams: opened,
      openSeconds: round(openSeconds, 1),
      rssMB: round(m.rssBytes / MB),
      heapMB: round(m.heapUsedBytes / MB),
      rssPerStreamKB: round((m.rssBytes - base.rssBytes) / opened / 1024, 2),
      heapPerStreamKB: round((m.heapUsedBytes - base.heapUsedBytes) / opened / 1024, 2),
    };
    if (step >= TARGETS.streams || step === SETTINGS.steps.at(-1)) {
      const before = await pool.stats();
      await sleep(SETTINGS.idleMs);
      const after = await pool.stats();
      const m2 = await target.server.memory();
      result.idle = {
        seconds: SETTINGS.idleMs / 1000,
        rssGrowthPercent: round(((m2.rssBytes - m.rssBytes) / m.rssBytes) * 100, 2),
        heapGrowthPercent: round(((m2.heapUsedBytes - m.heapUsedBytes) / m.heapUsedBytes) * 100, 2),
        pings: after.pings - before.pings,
        dropped: after.ended,
        rssPerStreamKB: round((m2.rssBytes - base.rssBytes) / opened / 1024, 2),
        heapPerStreamKB: round((m2.heapUsedBytes - base.heapUsedBytes) / opened / 1024, 2),
      };
    }
    steps.push(result);
    const idle = result.idle
      ? `; idle ${result.idle.seconds} s: RSS ${result.idle.rssGrowthPercent}%, ${result.idle.pings} pings, ${result.idle.dropped} dropped`
      : '';
    log(
      `  ${opened} streams (opened in ${result.openSeconds} s): RSS ${result.rssMB} MB, ${result.rssPerStreamKB} KB/stream, heap ${result.heapPerStreamKB} KB/stream${idle}`,
    );
  }
  await pool.closeAll();
  return { baseRssMB: round(base.rssBytes / MB), steps };
}

const summary = (values: number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(percentile(sorted, p), 1);
  return {
    count: values.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: round(sorted.at(-1) ?? Number.NaN, 1),
  };
};

async function latency(target: Target, pool: ClientPool): Promise<LatencyResult> {
  const others = SETTINGS.latencyStreams - 1;
  const run = async (label: string, specs: StreamSpec[], tracked: boolean) => {
    await pool.open(target.server.url, specs);
    await waitOpen(pool, specs.length);
    const observer = await target.observe(0);
    await sleep(500);
    const result = await measureLatency({
      observer,
      write: (seq) => target.write(0, seq),
      samples: SETTINGS.samples,
      warmup: SETTINGS.warmup,
      gapMs: SETTINGS.gapMs,
      ...(tracked ? { pool } : {}),
    });
    observer.close();
    await pool.closeAll();
    const o = summary(result.observer);
    const f = tracked ? summary(result.fanOut) : null;
    const w = summary(result.write);
    log(
      `  ${label}: observer p50 ${o.p50} ms, p95 ${o.p95} ms, p99 ${o.p99} ms${f ? `; all ${specs.length + 1} streams p50 ${f.p50} ms, p95 ${f.p95} ms` : ''}; the write itself p50 ${w.p50} ms; lost ${result.lost}`,
    );
    return { observer: o, ...(f ? { fanOut: f } : {}), write: w, lost: result.lost };
  };
  const otherUsers = Array.from({ length: others }, (_, i) => target.spec(1 + (i % (SETTINGS.users - 1))));
  const sameUser = Array.from({ length: others }, () => target.spec(0, true));
  return {
    otherUsers: await run(`${others} other users' streams`, otherUsers, false),
    sameUser: await run(`${others} more streams of the same user`, sameUser, true),
  };
}

function fileLimit(): Promise<number> {
  return readFile('/proc/self/limits', 'utf8')
    .then((text) => Number(text.match(/^Max open files\s+(\d+)/m)?.[1] ?? Number.POSITIVE_INFINITY))
    .catch(() => Number.POSITIVE_INFINITY);
}

async function main(): Promise<void> {
  // Node cannot raise its own limit; the servers and client processes inherit this one.
  const limit = await fileLimit();
  const usable = SETTINGS.steps.filter((s) => s + 200 <= limit && s / SETTINGS.workers + 200 <= limit);
  if (usable.length < SETTINGS.steps.length)
    log(`open files limited to ${limit} (ulimit -n): steps beyond ${usable.at(-1)} skipped`);
  SETTINGS.steps = usable;
  log(
    `bench:live — steps ${SETTINGS.steps.join(', ')} streams, ${SETTINGS.latencyStreams} for latency, ` +
      `${SETTINGS.users} users, ${SETTINGS.workers} client processes, ${os.cpus().length} CPUs, open files ${limit}`,
  );
  let scratch: ScratchDatabase | null = null;
  const pool = new ClientPool(SETTINGS.workers);
  const cleanup = async () => {
    pool.stop();
    killServers();
    await scratch?.drop().catch(() => {});
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  const started = Date.now();
  try {
    scratch = await createScratchDatabase(SETTINGS.adminUrl);
    log(`taskstream (scratch database ${scratch.name}, heartbeat ${SETTINGS.heartbeatMs} ms)`);
    const ts = await startTaskstream(scratch.url, SETTINGS.heartbeatMs);
    const tsTarget = await taskstreamTarget(ts);
    const tsScale = await scale(tsTarget, pool);
    const tsLatency = await latency(tsTarget, pool);
    await ts.stop();

    log('bare node:http SSE server');
    const bare = await startBare(SETTINGS.heartbeatMs);
    const bareTargetRun = bareTarget(bare);
    const bareScale = await scale(bareTargetRun, pool);
    const bareLatency = await latency(bareTargetRun, pool);
    await bare.stop();

    const { adminUrl: _, ...settings } = SETTINGS;
    const seconds = round((Date.now() - started) / 1000, 0);
    await report({ tsScale, tsLatency, bareScale, bareLatency, seconds }, settings, TARGETS, SETTINGS.out);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
