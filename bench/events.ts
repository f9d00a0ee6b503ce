// `npm run bench:events`: the event backbone end to end — a committed write's outbox row → relay →
// bus → consumer effect (the audit role's activity entry) — on each bus, in a server process of
// its own (`taskstream serve --roles api,relay,audit`) on a scratch Postgres database:
//   1. sustained: events/s kept up for BENCH_EVENTS_SECONDS (60) with a steady backlog waiting;
//   2. latency at 1,000 events/s (open loop, BENCH_EVENTS_LATENCY_SECONDS = 20): p50/p99 of
//      outbox commit → effect;
//   3. through the API: POST /api/tasks from 50 connections for 10 s, the writes and their effects.
// Then the bare baseline (raw producer → consumer on the same Kafka, same client and message size)
// and the ratio, and reminder lateness of the built-in scheduler against the Dapr Jobs API driver.
// Targets: ≥ 5,000 events/s on kafka; p99 < 100 ms at 1,000/s. Writes bench/results/events.json.
//
// Environment: BENCH_DATABASE_URL (admin URL; default TEST_DATABASE_URL or the local Postgres),
// KAFKA_BROKERS (127.0.0.1:9092), BENCH_EVENTS_BUSES (memory,kafka,dapr), BENCH_EVENTS_SECONDS (60),
// BENCH_EVENTS_LATENCY_SECONDS (20), BENCH_EVENTS_API_SECONDS (10), BENCH_EVENTS_BASELINE (200000),
// BENCH_EVENTS_JOBS (200 reminders over BENCH_EVENTS_JOBS_WINDOW_MS = 20000; 0 skips), BENCH_OUT.
// Needs Kafka and the Dapr build for kafka/dapr (eval "$(scripts/infra/up-all)").
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { consumerFloor } from './lib/consumer-floor.ts';
import {
  audited,
  fedRows,
  feed,
  latencies,
  recordEffects,
  steadyRate,
  sustain,
  waitAudited,
} from './lib/event-feed.ts';
import { type EventServer, killEventServers, startEventServer } from './lib/event-server.ts';
import { measureLateness } from './lib/jobs-lateness.ts';
import { kafkaBaseline } from './lib/kafka-baseline.ts';
import { distribution } from './lib/latency.ts';
import { killLoadGenerators, runLoad } from './lib/load-runner.ts';
import { seedReminders } from './lib/reminder-seed.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-db.ts';
import { adminUrl, int } from './lib/settings.ts';
import { log, median, round, table } from './lib/stats.ts';

const env = process.env;
const SETTINGS = {
  adminUrl: adminUrl(),
  brokers: env.KAFKA_BROKERS || '127.0.0.1:9092',
  buses: (env.BENCH_EVENTS_BUSES ?? 'memory,kafka,dapr').split(',').filter(Boolean) as (
    | 'memory'
    | 'kafka'
    | 'dapr'
  )[],
  seconds: int('BENCH_EVENTS_SECONDS', 60),
  latencySeconds: int('BENCH_EVENTS_LATENCY_SECONDS', 20),
  latencyRate: 1_000,
  apiSeconds: int('BENCH_EVENTS_API_SECONDS', 10),
  apiConnections: 50,
  backlog: 10_000,
  batch: 500,
  baselineMessages: int('BENCH_EVENTS_BASELINE', 200_000),
  jobsReminders: int('BENCH_EVENTS_JOBS', 200),
  jobsWindowMs: int('BENCH_EVENTS_JOBS_WINDOW_MS', 20_000),
  port: 23_100,
  out: env.BENCH_OUT || fileURLToPath(new URL('./results/events.json', import.meta.url)),
};
const TARGETS = { kafkaEventsPerSecond: 5_000, p99MsAt1000: 100 };

async function withDatabase<T>(work: (db: ScratchDatabase, client: pg.Client) => Promise<T>): Promise<T> {
  const db = await createScratchDatabase(SETTINGS.adminUrl);
  const client = new pg.Client({ connectionString: db.url });
  try {
    return await work(db, client);
  } finally {
    await client.end().catch(() => {});
    await db.drop();
  }
}

async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function busRun(bus: 'memory' | 'kafka' | 'dapr') {
  return withDatabase(async (db, client) => {
    const prefix = `bench${randomBytes(3).toString('hex')}.`;
    let server: EventServer | null = null;
    try {
      server = await startEventServer({
        bus,
        databaseUrl: db.url,
        roles: 'api,relay,audit',
        kafkaBrokers: SETTINGS.brokers,
        topicPrefix: prefix,
        port: SETTINGS.port,
      });
      await client.connect();
      await recordEffects(client);
      log(`\n${bus}: warm-up`);
      await feed(client, 2_000);
      if (!(await waitAudited(client, 2_000, 120_000))) throw new Error(`${bus}: warm-up not audited`);

      log(`${bus}: sustained ${SETTINGS.seconds}s (backlog ${SETTINGS.backlog})`);
      const cpu0 = await cpuMs(server.pid);
      const sustained = await sustain(client, {
        seconds: SETTINGS.seconds,
        backlog: SETTINGS.backlog,
        batch: SETTINGS.batch,
        onSecond: (s, rate) => process.stdout.write(s % 10 === 0 ? ` ${rate}\n` : ` ${rate}`),
      });
      const cpuPerEventMs = ((await cpuMs(server.pid)) - cpu0) / Math.max(1, sustained.total);
      const perSecond = Math.round(sustained.total / sustained.seconds);
      log(`${bus}: ${perSecond} events/s; draining`);
      // Counting audited + unpublished would count twice the rows audited but not yet marked.
      await waitAudited(client, await fedRows(client), 600_000);

      log(`${bus}: ${SETTINGS.latencyRate}/s for ${SETTINGS.latencySeconds}s (latency)`);
      const source = `bench/latency/${bus}`;
      const before = await audited(client);
      const rate = await steadyRate(client, {
        rate: SETTINGS.latencyRate,
        seconds: SETTINGS.latencySeconds,
        source,
      });
      const kept = await waitAudited(client, before + rate.sent, 300_000);
      const lat = distribution(await latencies(client, source));

      log(`${bus}: POST /api/tasks, ${SETTINGS.apiConnections} connections, ${SETTINGS.apiSeconds}s`);
      const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Bench',
          email: `bench-${bus}@example.com`,
          password: 'bench password 123',
        }),
      });
      const token = ((await signUp.json()) as { token: string }).token;
      const apiBefore = await audited(client);
      let measureStart = 0;
      let measureStartCount = 0;
      const load = await runLoad(
        `${bus} create`,
        {
          url: `${server.url}/api/tasks`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ title: 'Water the plants', tags: ['home'], priority: 'medium' }),
          connections: SETTINGS.apiConnections,
          warmupSeconds: 2,
          durationSeconds: SETTINGS.apiSeconds,
        },
        () => {
          measureStart = Date.now();
          void audited(client).then((n) => {
            measureStartCount = n;
          });
        },
      );
      const effectsDuring = (await audited(client)) - measureStartCount;
      const apiSeconds = (Date.now() - measureStart) / 1_000;
      // Every acknowledged write's event reaches the consumer (after the load, within a minute).
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks');
      const apiEventsAudited = await waitAudited(client, apiBefore + rows[0]!.n, 60_000);
      return {
        sustained: {
          eventsPerSecond: perSecond,
          seconds: round(sustained.seconds, 1),
          events: sustained.total,
          perSecondMedian: median(sustained.perSecond),
          perSecondMin: Math.min(...sustained.perSecond),
          serverCpuMsPerEvent: round(cpuPerEventMs, 3),
        },
        latencyAt1000: {
          sent: rate.sent,
          feederBehindMaxMs: rate.behindMs,
          keptUp: kept,
          p50Ms: round(lat.p50, 1),
          p90Ms: round(lat.p90, 1),
          p99Ms: round(lat.p99, 1),
          maxMs: round(lat.max, 1),
        },
        api: {
          createReqPerSec: Math.round(load.reqPerSec),
          createP99Ms: load.latencyMs.p99,
          non2xx: load.non2xx,
          eventsAppliedPerSecDuringLoad: Math.round(effectsDuring / Math.max(1, apiSeconds)),
          everyWriteAudited: apiEventsAudited,
        },
      };
    } finally {
      await server?.stop();
    }
  });
}

async function jobsRun() {
  return withDatabase(async (db, client) => {
    const results: Record<string, unknown> = {};
    for (const scheduler of ['builtin', 'dapr-jobs'] as const) {
      const server = await startEventServer({
        bus: 'memory',
        databaseUrl: db.url,
        roles: 'scheduler',
        kafkaBrokers: SETTINGS.brokers,
        topicPrefix: `benchjobs${randomBytes(3).toString('hex')}.`,
        reminderScheduler: scheduler,
        port: SETTINGS.port,
      });
      try {
        if (scheduler === 'builtin') {
          await client.connect();
          await seedReminders(client, { reminders: SETTINGS.jobsReminders, users: 20 });
        }
        log(`\nreminders: ${scheduler}, ${SETTINGS.jobsReminders} due within ${SETTINGS.jobsWindowMs} ms`);
        results[scheduler] = await measureLateness(client, SETTINGS.jobsWindowMs);
      } finally {
        await server.stop();
      }
    }
    return results;
  });
}

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg().map((v) => round(v, 2));
  const results: Record<string, Awaited<ReturnType<typeof busRun>>> = {};
  for (const bus of SETTINGS.buses) results[bus] = await busRun(bus);

  log('\nbaseline: raw producer → consumer on the same Kafka');
  const sample = Buffer.from(JSON.stringify({ pad: 'x'.repeat(760) }));
  const baseline = await kafkaBaseline(SETTINGS.brokers.split(','), SETTINGS.baselineMessages, sample);
  const jobs = SETTINGS.jobsReminders > 0 ? await jobsRun() : null;
  log('\nbottleneck: the audit effect without any bus, per-event transactions vs batched');
  const floor = await withDatabase((db) => consumerFloor(db.url, 20_000));

  const kafka = results.kafka?.sustained.eventsPerSecond ?? null;
  const report = {
    benchmark: 'events',
    timestamp: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1_000),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((v) => round(v, 2)),
      note: 'server, sidecar, Kafka, Postgres and the feeder share the same cores',
    },
    settings: { ...SETTINGS, adminUrl: undefined },
    targets: TARGETS,
    results,
    baseline: { ...baseline, ratio: kafka ? round(kafka / baseline.endToEndPerSecond, 3) : null },
    jobs,
    consumerFloor: floor,
    verdict: {
      kafkaThroughput: kafka !== null && kafka >= TARGETS.kafkaEventsPerSecond,
      p99At1000: Object.fromEntries(
        Object.entries(results).map(([bus, r]) => [bus, r.latencyAt1000.p99Ms < TARGETS.p99MsAt1000]),
      ),
    },
  };
  await writeFile(SETTINGS.out, `${JSON.stringify(report, null, 2)}\n`);

  log(
    `\n${table([
      ['bus', 'events/s (sustained)', 'cpu ms/event', 'p50 ms @1000/s', 'p99 ms @1000/s', 'API creates/s'],
      ...Object.entries(results).map(([bus, r]) => [
        bus,
        r.sustained.eventsPerSecond,
        r.sustained.serverCpuMsPerEvent,
        r.latencyAt1000.p50Ms,
        r.latencyAt1000.p99Ms,
        r.api.createReqPerSec,
      ]),
    ])}`,
  );
  log(`baseline (raw Kafka): ${baseline.endToEndPerSecond} msg/s; kafka/baseline = ${report.baseline.ratio}`);
  log(`consumer floor (no bus): ${JSON.stringify(floor)}`);
  if (jobs) log(`reminder lateness: ${JSON.stringify(jobs)}`);
  log(`wrote ${SETTINGS.out}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    killEventServers();
    killLoadGenerators();
    process.exit(130);
  });
main().catch((error) => {
  killEventServers();
  killLoadGenerators();
  console.error(error);
  process.exit(1);
});
