// `npm run bench:api`: Taskstream's HTTP API under load on real Postgres, next to a bare Fastify + pg
// baseline measured in the same run, plus the embedded shape's cold start and idle memory.
// Writes bench/results/api.json and prints a summary table. Everything targets 127.0.0.1.
//
// Environment (all optional):
//   BENCH_DATABASE_URL  admin URL of a real Postgres whose role may CREATE DATABASE
//                       (default: TEST_DATABASE_URL, else scripts/infra/postgres-up's URL)
//   BENCH_ROUNDS (2)  BENCH_DURATION (10 s)  BENCH_WARMUP (3 s)  BENCH_CONNECTIONS (100)
//   BENCH_TASKS (10000)  BENCH_STARTS (3 embedded start repetitions; 0 skips)  BENCH_OUT (result path)
//   BENCH_SCENARIOS (create,list,listSortOnly)  BENCH_SERVERS (baseline,taskstream): to profile one part
//   BENCH_FIXED_SHARE (0.6: the fixed-rate phase offers both this share of the slower server's saturated req/s; 0 skips)
//   BENCH_CPU_PROF (a directory: Taskstream's process writes a V8 CPU profile of the whole run there)
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { measureEmbedded } from './lib/api-embedded.ts';
import { runRounds } from './lib/api-load.ts';
import { explainStatements, type LoadRequest, type Scenario, type Server } from './lib/api-measure.ts';
import { writeReport } from './lib/api-report.ts';
import {
  captureListStatements,
  checkServersAgree,
  type ServerUnderTest,
  signUp,
  startBaselineProcess,
  startTaskstream,
} from './lib/api-servers.ts';
import { type ListParams, listStatement } from './lib/baseline.ts';
import { killEmbedded } from './lib/embedded.ts';
import { killServers } from './lib/live-servers.ts';
import { killLoadGenerators } from './lib/load-runner.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-db.ts';
import { seedTasks } from './lib/seed.ts';
import { adminUrl, int } from './lib/settings.ts';
import { log, round } from './lib/stats.ts';

const env = process.env;
const SETTINGS = {
  adminUrl: adminUrl(),
  rounds: int('BENCH_ROUNDS', 2),
  durationSeconds: int('BENCH_DURATION', 10),
  warmupSeconds: int('BENCH_WARMUP', 3),
  connections: int('BENCH_CONNECTIONS', 100),
  tasks: int('BENCH_TASKS', 10_000),
  starts: int('BENCH_STARTS', 3),
  /** For profiling one part: e.g. BENCH_SCENARIOS=list BENCH_SERVERS=taskstream. */
  scenarios: (env.BENCH_SCENARIOS || 'create,list,listSortOnly').split(','),
  servers: (env.BENCH_SERVERS || 'baseline,taskstream').split(','),
  fixedRateShare: Number(env.BENCH_FIXED_SHARE ?? 0.6),
  cpuProfileDir: env.BENCH_CPU_PROF || undefined,
  out: env.BENCH_OUT || fileURLToPath(new URL('./results/api.json', import.meta.url)),
};

const TARGETS = {
  ratio: 0.6,
  createP99Ms: 50,
  listP99Ms: 75,
  coldStartMs: 3000,
};

/** The list page the issue asks for: filter + sort + search, chosen to match a realistic share. */
const LIST_FILTERED: ListParams = {
  status: 'pending',
  priority: 'high,urgent',
  tags: 'work',
  q: 'report',
  sort: '-priority',
  limit: '50',
};
const LIST_SORT_ONLY: ListParams = { sort: '-priority', limit: '50' };
const qs = (params: ListParams) => new URLSearchParams(params as Record<string, string>).toString();

const CREATE_BODY = JSON.stringify({
  title: 'Water the plants on the balcony',
  tags: ['home', 'garden'],
  priority: 'medium',
  dueAt: new Date(Date.now() + 86_400_000).toISOString().replace(/T.*/, 'T09:00:00Z'),
  reminders: [{ offsetMinutes: 30 }],
});

// ---------------------------------------------------------------------------------------------
// Cleanup that runs on success, failure and interrupt.

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
const onCleanup = (name: string, run: () => Promise<unknown>) => cleanups.push({ name, run });
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killLoadGenerators();
    killEmbedded();
    // Servers stop gracefully first (a CPU profile is written on exit); whatever remains is killed.
    for (const { name, run } of cleanups.reverse()) {
      try {
        await Promise.race([
          run(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 15_000)),
        ]);
      } catch (error) {
        console.error(`cleanup "${name}" failed: ${(error as Error).message}`);
      }
    }
    killServers();
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = new Date();
  const wall0 = performance.now();
  const loadAverageAtStart = os.loadavg().map((l) => round(l, 2));
  log(`Taskstream API benchmark — ${startedAt.toISOString()}`);
  log(
    `machine: ${os.cpus().length} cpu (${os.cpus()[0]?.model.trim()}), node ${process.version}, load avg ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log(
    `note: the load generator, the servers under test (Taskstream and the baseline, each its own process) and Postgres ` +
      `share these ${os.cpus().length} cores; figures are relative to a baseline measured the same way.`,
  );
  log(
    `settings: ${SETTINGS.connections} connections, ${SETTINGS.warmupSeconds}s warm-up + ${SETTINGS.durationSeconds}s ` +
      `per run, ${SETTINGS.rounds} round(s) alternating baseline/taskstream order, ${SETTINGS.tasks} tasks; ` +
      `then create and list on both at ${SETTINGS.fixedRateShare} × the slower one's req/s`,
  );
  const loadSeconds =
    (SETTINGS.rounds * SETTINGS.scenarios.length + (SETTINGS.fixedRateShare > 0 ? 2 : 0)) *
      SETTINGS.servers.length *
      (SETTINGS.warmupSeconds + SETTINGS.durationSeconds + 2) +
    2 * SETTINGS.scenarios.length * SETTINGS.servers.length * (SETTINGS.warmupSeconds + 3); // the priming passes
  log(
    `expected duration: ~${Math.round((20 + loadSeconds + SETTINGS.starts * 25 + 15) / 10) * 10} s on a quiet machine`,
  );

  // 1. Scratch database, Taskstream in-process, users, data.
  const scratch: ScratchDatabase = await createScratchDatabase(SETTINGS.adminUrl);
  onCleanup('drop scratch database', () => scratch.drop());
  log(`\n[1/4] scratch database ${scratch.name}`);
  const serverVersion = await (async () => {
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    const v = (await c.query('show server_version')).rows[0].server_version as string;
    await c.end();
    return v;
  })();

  const taskstream = await startTaskstream(scratch.url, SETTINGS.cpuProfileDir);
  onCleanup('stop taskstream', () => taskstream.stop());
  const { url: tsUrl, poolMax } = taskstream;

  // The reader owns the 10,000 tasks; the writer receives the created ones, so the list data stays
  // exactly the same across rounds (its rows are deleted and vacuumed after every create run).
  const reader = await signUp(tsUrl, 'reader');
  const writer = await signUp(tsUrl, 'writer');

  const admin = new pg.Pool({ connectionString: scratch.url, max: 2 });
  onCleanup('close admin pool', () => admin.end());
  const seed = await seedTasks(admin, { userId: reader.userId, count: SETTINGS.tasks });
  const t1 = performance.now();
  await admin.query('ANALYZE');
  log(
    `  seeded ${seed.tasks} tasks + ${seed.reminders} reminders in ${seed.ms} ms (ANALYZE ${Math.round(performance.now() - t1)} ms); ` +
      `${seed.completed} completed, ${seed.withDueDate} with a due date`,
  );

  const countOf = async (params: ListParams) => {
    const statement = listStatement(reader.userId, { ...params, limit: '100000' });
    const text = `select count(*)::int as n from (${statement.text}) s`;
    return Number((await admin.query(text, statement.values)).rows[0].n);
  };
  const matching = {
    filtered: await countOf(LIST_FILTERED),
    sortOnly: await countOf(LIST_SORT_ONLY),
    pending: await countOf({ status: 'pending' }),
    highOrUrgentPending: await countOf({ status: 'pending', priority: 'high,urgent' }),
    tagWork: await countOf({ status: 'all', tags: 'work' }),
    searchReport: await countOf({ status: 'all', q: 'report' }),
  };
  log(
    `  list filter ${qs(LIST_FILTERED)} matches ${matching.filtered} rows ` +
      `(pending ${matching.pending}, of which high/urgent ${matching.highOrUrgentPending}; tag "work" ${matching.tagWork}; "report" ${matching.searchReport})`,
  );

  // 2. The baseline, on the same database and data, sending the statements Taskstream sends.
  const readerAuth = { authorization: `Bearer ${reader.token}` };
  const writerAuth = { authorization: `Bearer ${writer.token}` };
  const listStatements = await captureListStatements(scratch.url, reader.token, [
    qs(LIST_FILTERED),
    qs(LIST_SORT_ONLY),
  ]);
  const baseline: ServerUnderTest = await startBaselineProcess({
    databaseUrl: scratch.url,
    poolMax,
    userId: reader.userId,
    listStatements,
  });
  onCleanup('stop baseline', () => baseline.stop());
  const writerBaseline: ServerUnderTest = await startBaselineProcess({
    databaseUrl: scratch.url,
    poolMax,
    userId: writer.userId,
  });
  onCleanup('stop writer baseline', () => writerBaseline.stop());
  log(
    `  baseline (Fastify + pg, pool max ${poolMax}) at ${baseline.url}, writer baseline at ${writerBaseline.url}`,
  );

  // Sanity: both servers answer the same page and accept the same body.
  await checkServersAgree({
    tsUrl,
    baselineUrl: baseline.url,
    writerBaselineUrl: writerBaseline.url,
    readerAuth,
    writerAuth,
    listQueries: [qs(LIST_FILTERED), qs(LIST_SORT_ONLY)],
    createBody: CREATE_BODY,
  });
  log('  sanity: both servers return the same page of 50 ids; both create with 201');

  // Plans of the list statement (the one the repository issues; the baseline sends the same SQL),
  // before the load and again after it: the plan must not change under the measurement.
  const explainList = (when: string) =>
    explainStatements(
      admin,
      [
        ['filtered', listStatements.get(qs(LIST_FILTERED))!],
        ['sortOnly', listStatements.get(qs(LIST_SORT_ONLY))!],
      ],
      when,
    );
  const explain = await explainList('before load');

  // 3. Load: rounds alternate which server goes first, each run with its own warm-up.
  log(
    `\n[2/4] load (${SETTINGS.rounds} rounds × 3 scenarios × 2 servers at saturation, then 2 scenarios at a fixed rate)`,
  );
  const specs: Record<Scenario, Record<Server, LoadRequest>> = {
    create: {
      taskstream: {
        url: `${tsUrl}/api/tasks`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...writerAuth },
        body: CREATE_BODY,
      },
      baseline: {
        url: `${writerBaseline.url}/tasks`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: CREATE_BODY,
      },
    },
    list: {
      taskstream: { url: `${tsUrl}/api/tasks?${qs(LIST_FILTERED)}`, method: 'GET', headers: readerAuth },
      baseline: { url: `${baseline.url}/tasks?${qs(LIST_FILTERED)}`, method: 'GET' },
    },
    listSortOnly: {
      taskstream: { url: `${tsUrl}/api/tasks?${qs(LIST_SORT_ONLY)}`, method: 'GET', headers: readerAuth },
      baseline: { url: `${baseline.url}/tasks?${qs(LIST_SORT_ONLY)}`, method: 'GET' },
    },
  };
  const runs = await runRounds({
    database: scratch.name,
    admin,
    writerUserId: writer.userId,
    specs,
    targets: {
      create: { taskstream, baseline: writerBaseline },
      list: { taskstream, baseline },
      listSortOnly: { taskstream, baseline },
    },
    settings: SETTINGS,
  });

  const explainAfterLoad = await explainList('after load');

  // 4. Embedded cold start and idle memory.
  log(
    `\n[3/4] embedded shape: ${SETTINGS.starts} × (cold start on an empty DATA_DIR, 5 s idle, warm restart)`,
  );
  const embeddedRuns = await measureEmbedded(SETTINGS, onCleanup);

  // 5. Summary.
  log('\n[4/4] summary');
  await writeReport({
    settings: SETTINGS,
    targets: TARGETS,
    startedAt,
    wall0,
    loadAverageAtStart,
    serverVersion,
    poolMax,
    dataset: {
      seed,
      listFiltered: `?${qs(LIST_FILTERED)}`,
      listSortOnly: `?${qs(LIST_SORT_ONLY)}`,
      matching,
      createBody: JSON.parse(CREATE_BODY),
    },
    explain,
    explainAfterLoad,
    runs,
    embeddedRuns,
  });
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
