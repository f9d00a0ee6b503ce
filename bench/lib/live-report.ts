// The figures of bench/live.ts: shapes, verdicts against the targets, the printed summary and
// bench/results/live.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { log, round, table } from './stats.ts';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ScaleStep {
  streams: number;
  openSeconds: number;
  rssMB: number;
  heapMB: number;
  rssPerStreamKB: number;
  heapPerStreamKB: number;
  /** Memory again after an idle period with heartbeats; per-stream figures from that reading. */
  idle?: {
    seconds: number;
    rssGrowthPercent: number;
    heapGrowthPercent: number;
    pings: number;
    dropped: number;
    rssPerStreamKB: number;
    heapPerStreamKB: number;
  };
}

export interface ScaleResult {
  baseRssMB: number;
  steps: ScaleStep[];
}

export interface LatencyScenario {
  observer: Summary;
  fanOut?: Summary;
  write: Summary;
  lost: number;
}

export interface LatencyResult {
  otherUsers: LatencyScenario;
  sameUser: LatencyScenario;
}

export interface Targets {
  p95Ms: number;
  streams: number;
  idleGrowthPercent: number;
}

interface Runs {
  tsScale: ScaleResult;
  tsLatency: LatencyResult;
  bareScale: ScaleResult;
  bareLatency: LatencyResult;
  seconds: number;
}

/** Per-stream RSS of a step: after the idle period when there was one (steadier), else at settle. */
const perStream = (s: ScaleStep) => s.idle?.rssPerStreamKB ?? s.rssPerStreamKB;

export async function report(r: Runs, settings: object, targets: Targets, out: string): Promise<void> {
  const top = r.tsScale.steps.at(-1)!;
  const bareTop = r.bareScale.steps.find((s) => s.streams === top.streams) ?? r.bareScale.steps.at(-1)!;
  const steady = r.tsScale.steps.filter(
    (s) => s.idle && s.idle.rssGrowthPercent < targets.idleGrowthPercent && s.idle.dropped === 0,
  );
  const held = Math.max(0, ...steady.map((s) => s.streams));
  const verdict = {
    p95:
      r.tsLatency.otherUsers.observer.p95 < targets.p95Ms &&
      r.tsLatency.sameUser.observer.p95 < targets.p95Ms,
    streams: held >= targets.streams,
    lost: r.tsLatency.otherUsers.lost + r.tsLatency.sameUser.lost,
  };
  const ratio = round(perStream(top) / perStream(bareTop), 2);
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    },
    settings,
    targets,
    taskstream: { scale: r.tsScale, latency: r.tsLatency },
    bare: { scale: r.bareScale, latency: r.bareLatency },
    steadyStreams: held,
    memoryPerStreamRatio: ratio,
    verdict,
    seconds: r.seconds,
  };

  log('\nlatency, write → event on another stream (ms)');
  const row = (name: string, x: Summary | undefined) => [
    name,
    x?.p50 ?? '',
    x?.p95 ?? '',
    x?.p99 ?? '',
    x?.max ?? '',
  ];
  log(
    table([
      ['', 'p50', 'p95', 'p99', 'max'],
      row('taskstream, 999 other users', r.tsLatency.otherUsers.observer),
      row('taskstream, same user (observer)', r.tsLatency.sameUser.observer),
      row('taskstream, same user (all 1000)', r.tsLatency.sameUser.fanOut),
      row('taskstream, the HTTP write alone', r.tsLatency.otherUsers.write),
      row('bare, 999 other users', r.bareLatency.otherUsers.observer),
      row('bare, same user (all 1000)', r.bareLatency.sameUser.fanOut),
    ]),
  );
  log('\nstreams held by one process (per stream: after the idle period where there was one)');
  log(
    table([
      ['streams', 'RSS MB', 'RSS KB/stream', 'heap KB/stream', 'idle RSS Δ%', 'bare RSS KB/stream'],
      ...r.tsScale.steps.map((s) => {
        const bare = r.bareScale.steps.find((b) => b.streams === s.streams);
        return [
          s.streams,
          s.rssMB,
          perStream(s),
          s.idle?.heapPerStreamKB ?? s.heapPerStreamKB,
          s.idle ? s.idle.rssGrowthPercent : '',
          bare ? perStream(bare) : '',
        ];
      }),
    ]),
  );
  log(
    `\np95 < ${targets.p95Ms} ms: ${verdict.p95 ? 'yes' : 'NO'}; lost events: ${verdict.lost}; ` +
      `streams held steadily: ${held} (target ≥ ${targets.streams}: ${verdict.streams ? 'yes' : 'NO'}); ` +
      `memory per stream ${ratio}× the bare server's; ${r.seconds} s`,
  );
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${out}`);
}
