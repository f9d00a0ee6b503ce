// The load generator, run as its own process so it does not share an event loop with the server
// under test (it still shares the machine's cores). Usage, from load-runner.ts:
//   node bench/lib/load.ts '<LoadSpec as JSON>'
// Prints one progress line per second on stderr and the measured result as JSON on stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { openConnections, percentile, runPaced } from './paced.ts';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Requests per second over all connections; absent: as fast as answers come (closed loop). */
  rate?: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  reqPerSec: number;
  latencyMs: {
    mean: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    max: number;
  };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU the load generator itself used while measuring, % of one core. */
  loadGeneratorCpuPercent: number;
  /** At a fixed rate: the slowest requests, when each was due (ms into the measurement) and its latency. */
  slowest?: { dueMs: number; ms: number; at: string }[];
  /** At a fixed rate: the load generator's own event-loop delay, p99 and max (ms): its stalls delay sends too. */
  loadGeneratorDelayMs?: { p99: number; max: number };
}

function run(spec: LoadSpec, seconds: number, phase: string): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: spec.method,
        headers: spec.headers ?? {},
        ...(spec.body === undefined ? {} : { body: spec.body }),
        connections: spec.connections,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    let second = 0;
    let previous = 0;
    // The tick event carries the running request counter (the type declarations omit it).
    (instance as unknown as NodeJS.EventEmitter).on('tick', ({ counter }: { counter: number }) => {
      second++;
      if (second <= seconds)
        process.stderr.write(`${JSON.stringify({ phase, second, requests: counter - previous })}\n`);
      previous = counter;
    });
  });
}

/** A fixed rate: our own open-loop pacer (see paced.ts for why not autocannon's overallRate). */
async function runAtRate(spec: LoadSpec & { rate: number }): Promise<void> {
  // One set of connections for the warm-up and the measurement (see paced.ts).
  const pool = await openConnections(spec.url, spec.connections);
  const paced = (seconds: number, phase: string) =>
    runPaced({
      url: spec.url,
      method: spec.method,
      headers: spec.headers ?? {},
      ...(spec.body === undefined ? {} : { body: spec.body }),
      pool,
      rate: spec.rate,
      seconds,
      onSecond: (second, requests) =>
        process.stderr.write(`${JSON.stringify({ phase, second, requests })}\n`),
    });
  if (spec.warmupSeconds > 0) await paced(spec.warmupSeconds, 'warmup');
  process.stderr.write(`${JSON.stringify({ phase: 'measure', second: 0, requests: 0 })}\n`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const r = await paced(spec.durationSeconds, 'measure');
  delay.disable();
  pool.close();
  const cpu = process.cpuUsage(cpu0);
  const lat = r.latencies;
  const non2xx = Object.entries(r.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((a, [, n]) => a + n, 0);
  const mean = lat.length === 0 ? Number.NaN : lat.reduce((a, b) => a + b, 0) / lat.length;
  const result: LoadResult = {
    requests: lat.length,
    durationSeconds: r.durationSeconds,
    reqPerSec: lat.length / r.durationSeconds,
    latencyMs: {
      mean: Math.round(mean * 100) / 100,
      p50: percentile(lat, 50),
      p90: percentile(lat, 90),
      p97_5: percentile(lat, 97.5),
      p99: percentile(lat, 99),
      p99_9: percentile(lat, 99.9),
      max: percentile(lat, 100),
    },
    non2xx,
    errors: r.errors,
    timeouts: 0,
    statusCodes: r.statusCodes,
    loadGeneratorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100),
    slowest: r.slowest,
    loadGeneratorDelayMs: {
      p99: Math.round(delay.percentile(99) / 1e5) / 10,
      max: Math.round(delay.max / 1e5) / 10,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  if (spec.rate !== undefined) return runAtRate({ ...spec, rate: spec.rate });
  if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds, 'warmup');
  process.stderr.write(`${JSON.stringify({ phase: 'measure', second: 0, requests: 0 })}\n`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await run(spec, spec.durationSeconds, 'measure');
  const cpu = process.cpuUsage(cpu0);
  const loadGeneratorCpuPercent = Math.round(
    ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100,
  );
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  const result: LoadResult = {
    requests: r.requests.total,
    durationSeconds: r.duration,
    reqPerSec: r.requests.total / r.duration,
    latencyMs: {
      mean: r.latency.mean,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      p99_9: r.latency.p99_9,
      max: r.latency.max,
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    loadGeneratorCpuPercent,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
