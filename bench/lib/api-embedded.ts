// The embedded-shape step of bench/api.ts: cold and warm starts, idle memory, and their medians.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ensurePrepared,
  type MemoryReading,
  readMemory,
  type StartTiming,
  startEmbedded,
} from './embedded.ts';
import { createScratchDatabase } from './scratch-db.ts';
import { log, median, round } from './stats.ts';

export interface Starts {
  cold: StartTiming[];
  warm: StartTiming[];
  idle: MemoryReading[];
  atReady: MemoryReading[];
}

export interface EmbeddedRuns {
  starts: Starts;
  postgresShape: { start: StartTiming; idle: MemoryReading } | null;
}

const toStart = (run: StartTiming): StartTiming => ({
  readyLineMs: round(run.readyLineMs, 0),
  firstReadyMs: round(run.firstReadyMs, 0),
  cpuMsAtReady: run.cpuMsAtReady,
});
const mib = (bytes: number | null | undefined) => (bytes ? round(bytes / 2 ** 20) : null);
const describe = (kind: string, run: StartTiming) =>
  `${kind}: ready line ${round(run.readyLineMs, 0)} ms, GET /ready 200 at ${round(run.firstReadyMs, 0)} ms, ` +
  `${run.cpuMsAtReady ?? '?'} ms CPU`;

export async function measureEmbedded(
  settings: { starts: number; adminUrl: string },
  onCleanup: (name: string, run: () => Promise<unknown>) => void,
): Promise<EmbeddedRuns> {
  const starts: Starts = { cold: [], warm: [], idle: [], atReady: [] };
  log(`  ${ensurePrepared()}`);
  for (let i = 1; i <= settings.starts; i++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'taskstream-bench-'));
    onCleanup(`remove ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
    const cold = await startEmbedded(path.join(dataDir, 'data'));
    try {
      starts.cold.push(toStart(cold));
      const atReady = await readMemory(cold);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const idle = await readMemory(cold);
      starts.atReady.push(atReady);
      starts.idle.push(idle);
      log(
        `  #${i} ${describe('cold', cold)} (${atReady.code}); RSS ${mib(atReady.metricsRssBytes)} MiB at ready, ` +
          `${mib(idle.metricsRssBytes)} MiB after 5 s idle (JS heap ${mib(idle.heapUsedBytes)}/${mib(idle.heapTotalBytes)} MiB, external ${mib(idle.externalBytes)} MiB)`,
      );
    } finally {
      await cold.stop();
    }
    const warm = await startEmbedded(path.join(dataDir, 'data'));
    await warm.stop();
    starts.warm.push(toStart(warm));
    log(`  #${i} ${describe('warm', warm)}`);
    await rm(dataDir, { recursive: true, force: true });
  }
  // For scale: the same binary on the real Postgres (no PGlite in the process).
  let postgresShape: EmbeddedRuns['postgresShape'] = null;
  if (settings.starts > 0) {
    const shapeDb = await createScratchDatabase(settings.adminUrl);
    onCleanup('drop postgres-shape database', () => shapeDb.drop());
    const run = await startEmbedded(path.join(os.tmpdir(), 'unused'), { databaseUrl: shapeDb.url });
    try {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      postgresShape = { start: toStart(run), idle: await readMemory(run) };
      log(
        `  for scale, serve on real Postgres: ${describe('start', run)}; RSS ${mib(postgresShape.idle.metricsRssBytes)} MiB after 5 s idle`,
      );
    } finally {
      await run.stop();
      await shapeDb.drop();
    }
  }
  return { starts, postgresShape };
}

const medianOf = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? median(present) : null;
};

export function summariseEmbedded({ starts, postgresShape }: EmbeddedRuns) {
  return {
    coldReadyLineMs: medianOf(starts.cold.map((s) => s.readyLineMs)),
    coldFirstReadyMs: medianOf(starts.cold.map((s) => s.firstReadyMs)),
    coldCpuMsAtReady: medianOf(starts.cold.map((s) => s.cpuMsAtReady)),
    warmReadyLineMs: medianOf(starts.warm.map((s) => s.readyLineMs)),
    warmFirstReadyMs: medianOf(starts.warm.map((s) => s.firstReadyMs)),
    warmCpuMsAtReady: medianOf(starts.warm.map((s) => s.cpuMsAtReady)),
    code: starts.atReady[0]?.code ?? null,
    rssAtReadyMiB: mib(medianOf(starts.atReady.map((m) => m.metricsRssBytes))),
    rssIdleMiB: mib(medianOf(starts.idle.map((m) => m.metricsRssBytes))),
    procRssIdleMiB: mib(medianOf(starts.idle.map((m) => m.procRssBytes))),
    heapUsedIdleMiB: mib(medianOf(starts.idle.map((m) => m.heapUsedBytes))),
    heapTotalIdleMiB: mib(medianOf(starts.idle.map((m) => m.heapTotalBytes))),
    externalIdleMiB: mib(medianOf(starts.idle.map((m) => m.externalBytes))),
    postgresShape: postgresShape && {
      ...postgresShape.start,
      rssIdleMiB: mib(postgresShape.idle.metricsRssBytes),
      heapUsedIdleMiB: mib(postgresShape.idle.heapUsedBytes),
    },
    runs: starts,
  };
}
