// `npm run bench:reminders`: the `scheduler` role on real Postgres, in-process with its real timer.
// "Fired" means: the reminder is marked sent and its todo.reminder.due event is committed to the
// outbox (the relay is not running; publishing is the relay's benchmark, not this one).
//   1. drain: 100,000 reminders already due (what a start after downtime catches up on), fired by
//      the scheduler and by a bare SQL loop doing the same batches; throughput and ratio.
//   2. window: 100,000 reminders due at random within one minute: lateness p50/p99/max, lost (not
//      fired 5 s after the minute), doubled (more than one event), throughput.
//   3. single: 50 reminders one after the other, each created through the create-task use case
//      a moment before it is due: lateness p99 (the NOTIFY → re-arm → timer path).
// Writes bench/results/reminders.json. A scratch database is created and dropped, even on failure.
//
// Environment (all optional): BENCH_DATABASE_URL (admin URL; default TEST_DATABASE_URL, else the
// local scripts/infra Postgres), BENCH_REMINDERS (100000), BENCH_USERS (1000), BENCH_WINDOW_MS
// (60000), BENCH_DRAIN_ROUNDS (2), BENCH_SINGLES (50), BENCH_OUT.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { CreateTaskBody } from '../contract/task.ts';
import { createTask } from '../src/app/create-task.ts';
import { loadConfig } from '../src/config.ts';
import { createTaskstream, type Taskstream } from '../src/main/taskstream.ts';
import { distribution, FiringRecorder } from './lib/latency.ts';
import { drainBare } from './lib/reminder-baseline.ts';
import { BENCH_USER_PREFIX, resetReminders, seedReminders, verify } from './lib/reminder-seed.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-db.ts';
import { adminUrl, int } from './lib/settings.ts';
import { log, median, round, table } from './lib/stats.ts';

const env = process.env;
const SETTINGS = {
  adminUrl: adminUrl(),
  reminders: int('BENCH_REMINDERS', 100_000),
  users: int('BENCH_USERS', 1_000),
  windowMs: int('BENCH_WINDOW_MS', 60_000),
  graceMs: 5_000,
  drainRounds: int('BENCH_DRAIN_ROUNDS', 2),
  singles: int('BENCH_SINGLES', 50),
  singleLeadMs: 300,
  baselineBatch: 1_000,
  out: env.BENCH_OUT || fileURLToPath(new URL('./results/reminders.json', import.meta.url)),
};
const TARGETS = { p99Ms: 1_000, lost: 0, doubled: 0, singleP99Ms: 250 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(done: () => boolean, timeoutMs: number, progress?: () => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let nextReport = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) return false;
    if (progress && Date.now() >= nextReport) {
      progress();
      nextReport += 5_000;
    }
    await sleep(5);
  }
  return true;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

interface DrainRun {
  ms: number;
  perSecond: number;
  lost: number;
  doubled: number;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  log(`bench:reminders — ${SETTINGS.reminders} reminders, ${SETTINGS.users} users, ${os.cpus().length} CPUs`);
  let scratch: ScratchDatabase | null = null;
  let app: Taskstream | null = null;
  const client = { current: null as pg.Client | null };
  const cleanup = async () => {
    await app?.close().catch(() => {});
    await client.current?.end().catch(() => {});
    // drop() waits out an autovacuum worker still busy with the seeded tables.
    const database = scratch;
    if (database) await database.drop().catch((error) => log(`could not drop ${database.name}: ${error}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  try {
    scratch = await createScratchDatabase(SETTINGS.adminUrl);
    log(`scratch database ${scratch.name}`);
    const config = loadConfig({
      DATABASE_URL: scratch.url,
      ROLES: 'scheduler',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-00',
    });
    app = await createTaskstream(config, { logger: pino({ level: 'warn' }), manualScheduler: true });
    const scheduler = app.scheduler!;
    const db = new pg.Client({ connectionString: scratch.url });
    client.current = db;
    await db.connect();
    const [, seedMs] = await timed(() => seedReminders(db, SETTINGS));
    log(`seeded ${SETTINGS.reminders} tasks and reminders in ${round(seedMs / 1000, 1)} s`);

    let recorder = new FiringRecorder();
    scheduler.onFired((fired, at) =>
      recorder.add(
        fired.map((r) => ({ id: r.reminderId, remindAt: r.remindAt })),
        at,
      ),
    );
    const N = SETTINGS.reminders;

    // 1. Drain a backlog: bare loop vs the scheduler's first round at start, alternating.
    const drains: { baseline: DrainRun; scheduler: DrainRun }[] = [];
    const resetMs: number[] = [];
    const drainOnce = async (label: string, run: () => Promise<void>): Promise<DrainRun> => {
      const [, ms0] = await timed(() => resetReminders(db, new Date(Date.now() - 60_000), 60_000));
      resetMs.push(ms0);
      recorder = new FiringRecorder();
      const [, ms] = await timed(run);
      const verdict = await verify(db);
      const result = { ms: round(ms, 0), perSecond: round((N / ms) * 1000, 0), ...verdict };
      log(
        `  ${label.padEnd(9)} ${result.perSecond} reminders/s (${result.ms} ms), lost ${verdict.lost}, doubled ${verdict.doubled}`,
      );
      return { ms: result.ms, perSecond: result.perSecond, lost: verdict.lost, doubled: verdict.doubled };
    };
    log('drain: all due at once');
    for (let i = 0; i < SETTINGS.drainRounds; i++) {
      const baseline = await drainOnce('baseline', async () => {
        await drainBare(db, SETTINGS.baselineBatch, (rows, at) => recorder.add(rows, at));
      });
      const viaScheduler = await drainOnce('scheduler', async () => {
        await scheduler.start();
        const done = await waitFor(() => recorder.distinct >= N, 180_000);
        await scheduler.stop();
        if (!done) throw new Error(`the scheduler drained only ${recorder.distinct} of ${N}`);
      });
      drains.push({ baseline, scheduler: viaScheduler });
    }

    // 2. A minute of reminders, fired by the live timer (re-armed by the reset's NOTIFY).
    await scheduler.start();
    const leadMs = Math.max(3_000, Math.ceil(1.5 * Math.max(...resetMs)) + 1_000);
    const windowStart = Date.now() + leadMs;
    recorder = new FiringRecorder();
    await resetReminders(db, new Date(windowStart), SETTINGS.windowMs);
    const overrunMs = Math.max(0, Date.now() - windowStart);
    log(`window: ${N} reminders due within ${SETTINGS.windowMs / 1000} s, starting in ${leadMs} ms`);
    if (overrunMs > 0) log(`  warning: the reset committed ${overrunMs} ms after the window opened`);
    const windowEnd = windowStart + SETTINGS.windowMs;
    await waitFor(
      () => Date.now() >= windowEnd + SETTINGS.graceMs,
      SETTINGS.windowMs + leadMs + SETTINGS.graceMs + 5_000,
      () => {
        if (recorder.distinct === 0) return log('  waiting for the window to open');
        const p99 = distribution(recorder.lateness.slice(-5_000)).p99;
        log(`  ${recorder.distinct} fired, lateness p99 of the last 5,000: ${round(p99, 0)} ms`);
      },
    );
    const windowRecorder = recorder;
    const windowVerdict = await verify(db);
    const lateness = distribution(windowRecorder.lateness);
    const window = {
      leadMs,
      overrunMs,
      lateness: roundAll(lateness),
      lost: Math.max(windowVerdict.lost, N - windowRecorder.distinct),
      doubled: Math.max(windowVerdict.doubled, windowRecorder.repeats),
      events: windowVerdict.events,
      throughput: {
        achievedPerSecond: round(
          (windowRecorder.distinct / (windowRecorder.last - windowRecorder.first)) * 1000,
          0,
        ),
        peakPerSecond: windowRecorder.peakPerSecond,
      },
    };

    // 3. Single reminders, each on its own, through the use case (and its NOTIFY).
    log(`single: ${SETTINGS.singles} reminders, one at a time`);
    const actor = { userId: `${BENCH_USER_PREFIX}0`, timeZone: 'UTC' };
    const singles = new FiringRecorder();
    recorder = singles;
    for (let i = 0; i < SETTINGS.singles; i++) {
      const at = new Date(Date.now() + SETTINGS.singleLeadMs).toISOString();
      const task = await createTask(
        app.deps,
        actor,
        CreateTaskBody.parse({ title: `single ${i}`, reminders: [{ at }] }),
      );
      const id = task.reminders[0]!.id;
      if (!(await waitFor(() => singles.has(id), 5_000))) throw new Error(`single reminder ${i} never fired`);
    }
    await scheduler.stop();
    const single = roundAll(distribution(singles.lateness));

    const ratios = drains.map((d) => d.scheduler.perSecond / d.baseline.perSecond);
    const result = {
      settings: { ...SETTINGS, adminUrl: undefined, out: undefined },
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadavgBefore: loadBefore.map((l) => round(l, 2)),
        loadavgAfter: os.loadavg().map((l) => round(l, 2)),
      },
      seedMs: round(seedMs, 0),
      drain: {
        rounds: drains,
        schedulerPerSecond: median(drains.map((d) => d.scheduler.perSecond)),
        baselinePerSecond: median(drains.map((d) => d.baseline.perSecond)),
        ratio: round(median(ratios), 2),
      },
      window,
      single,
      targets: TARGETS,
      pass: {
        p99: lateness.p99 < TARGETS.p99Ms,
        lost: window.lost === TARGETS.lost,
        doubled: window.doubled === TARGETS.doubled && drains.every((d) => d.scheduler.doubled === 0),
        singleP99: single.p99 < TARGETS.singleP99Ms,
      },
    };
    await writeFile(SETTINGS.out, `${JSON.stringify(result, null, 2)}\n`);
    log('');
    log(
      table([
        ['measure', 'value', 'target'],
        ['window lateness p50 (ms)', lateness.p50.toFixed(0), ''],
        ['window lateness p99 (ms)', lateness.p99.toFixed(0), `< ${TARGETS.p99Ms}`],
        ['window lateness max (ms)', lateness.max.toFixed(0), ''],
        ['lost', window.lost, '0'],
        ['doubled', window.doubled, '0'],
        ['window throughput (reminders/s)', window.throughput.achievedPerSecond, ''],
        ['drain throughput, scheduler (reminders/s)', result.drain.schedulerPerSecond, ''],
        ['drain throughput, bare loop (reminders/s)', result.drain.baselinePerSecond, ''],
        ['scheduler / bare loop', result.drain.ratio, ''],
        ['single reminder lateness p50 (ms)', single.p50, ''],
        ['single reminder lateness p99 (ms)', single.p99, `< ${TARGETS.singleP99Ms}`],
      ]),
    );
    log(`\n${Object.values(result.pass).every(Boolean) ? 'PASS' : 'FAIL'}: ${JSON.stringify(result.pass)}`);
    log(`wrote ${SETTINGS.out}`);
  } finally {
    await cleanup();
  }
}

function roundAll<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v as number, 1)])) as T;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
