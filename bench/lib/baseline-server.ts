// The bare baseline of bench/api.ts as a process of its own (see api-servers.ts for why):
//   node bench/lib/baseline-server.ts '<options as JSON>'
// Prints "baseline listening at <url>". GET /stats answers its event-loop delay since the previous
// call and its garbage collections so far.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { type Statement, startBaseline } from './baseline.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  databaseUrl: string;
  poolMax: number;
  userId: string;
  listStatements: [string, Statement][];
};

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const gc = { gcMajor: 0, gcMinor: 0, gcMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.gcMajor++;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.gcMinor++;
    gc.gcMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

const baseline = await startBaseline({
  databaseUrl: options.databaseUrl,
  poolMax: options.poolMax,
  userId: options.userId,
  listStatements: new Map(options.listStatements),
  stats: () => {
    const eventLoopMaxMs = delay.max / 1e6;
    delay.reset();
    return { eventLoopMaxMs, ...gc };
  },
});
console.log(`baseline listening at ${baseline.url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    void baseline.close().finally(() => process.exit(0));
  });
