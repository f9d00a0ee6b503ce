// npm run bench:recurrence — completion of a recurring task → its next occurrence visible through the
// API, on real Postgres with the real relay and recurrence consumer. Baseline in the same run: the
// round trip of one plain API write (POST /api/tasks), the floor any event-driven effect sits on.
// Writes bench/results/recurrence.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { createTaskstream } from '../src/main/taskstream.ts';
import { createScratchDatabase } from './lib/scratch-db.ts';
import { log, round, table } from './lib/stats.ts';

const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://taskstream:taskstream@127.0.0.1:5432/taskstream';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const TARGET_P95_MS = 250;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function main() {
  const scratch = await createScratchDatabase(ADMIN_URL);
  const app = await createTaskstream(
    loadConfig({
      DATABASE_URL: scratch.url,
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-00',
    }),
  );
  try {
    const base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const response = await fetch(base + path, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const signUp = await call('POST', '/api/auth/sign-up/email', {
      name: 'Bench',
      email: 'bench@example.com',
      password: 'bench password 1',
      timeZone: 'Europe/Berlin',
    });
    if (signUp.status !== 200)
      throw new Error(`sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
    const token: string = signUp.body.token;

    log(`warming up, then ${SAMPLES} samples of each measurement`);
    const writeMs: number[] = [];
    const nextMs: number[] = [];
    for (let i = 0; i < SAMPLES + 10; i++) {
      const t0 = performance.now();
      const plain = await call('POST', '/api/tasks', { title: `plain ${i}` }, token);
      const t1 = performance.now();
      if (plain.status !== 201) throw new Error(`create failed: ${plain.status}`);

      const created = await call(
        'POST',
        '/api/tasks',
        { title: `daily ${i}`, dueAt: '2030-01-01T09:00:00', recurrence: { rule: 'FREQ=DAILY' } },
        token,
      );
      const t2 = performance.now();
      await call('POST', `/api/tasks/${created.body.id}/complete`, undefined, token);
      // Visible = the list of the series (what a client refreshing its view would see) has the next one.
      let visible = false;
      while (!visible) {
        const list = await call('GET', `/api/tasks?q=daily&limit=200&dueFrom=2030-01-02`, undefined, token);
        visible = list.body.items.some((t: { seriesId: string }) => t.seriesId === created.body.id);
        if (performance.now() - t2 > 10_000) throw new Error('next occurrence never appeared');
      }
      const t3 = performance.now();
      if (i >= 10) {
        writeMs.push(t1 - t0);
        nextMs.push(t3 - t2);
      }
      if ((i + 1) % 50 === 0) log(`  ${i + 1}/${SAMPLES + 10}`);
    }

    const summary = {
      write: {
        p50: round(percentile(writeMs, 50)),
        p95: round(percentile(writeMs, 95)),
        p99: round(percentile(writeMs, 99)),
      },
      completionToNext: {
        p50: round(percentile(nextMs, 50)),
        p95: round(percentile(nextMs, 95)),
        p99: round(percentile(nextMs, 99)),
        max: round(Math.max(...nextMs)),
      },
    };
    const ratio = round(summary.completionToNext.p95 / summary.write.p95, 2);
    log(
      table([
        ['measurement (ms)', 'p50', 'p95', 'p99'],
        ['baseline: one API write', summary.write.p50, summary.write.p95, summary.write.p99],
        [
          'complete → next visible',
          summary.completionToNext.p50,
          summary.completionToNext.p95,
          summary.completionToNext.p99,
        ],
      ]),
    );
    const pass = summary.completionToNext.p95 < TARGET_P95_MS;
    log(
      `completion → next occurrence p95 ${summary.completionToNext.p95} ms (target < ${TARGET_P95_MS}): ${pass ? 'PASS' : 'FAIL'}`,
    );
    log(`ratio to one plain write (p95): ${ratio}×`);
    await writeFile(
      new URL('./results/recurrence.json', import.meta.url),
      `${JSON.stringify(
        {
          benchmark: 'recurrence',
          timestamp: new Date().toISOString(),
          machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
          samples: SAMPLES,
          ...summary,
          ratioToPlainWriteP95: ratio,
          targets: { completionToNextP95Ms: TARGET_P95_MS },
          pass,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await app.close();
    await scratch.drop();
  }
}

await main();
