// The measuring end of bench/live.ts: one SSE stream read in the benchmark process, and the
// write → received loop that times each write until the observer (and, for fan-out, every
// tracked stream in the client processes) has the event.
import http from 'node:http';
import type { ClientPool } from './live-pool.ts';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Observer {
  /** Receipt time (epoch ms) by sequence number, as parsed from each event's task title. */
  readonly received = new Map<number, number>();
  private request: http.ClientRequest | null = null;

  static open(base: string, path: string, token?: string): Promise<Observer> {
    const observer = new Observer();
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (token) headers.authorization = `Bearer ${token}`;
      const request = http.get(new URL(path, base), { headers, agent: false }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`observer: status ${response.statusCode}`));
        response.setEncoding('utf8');
        let carry = '';
        response.on('data', (chunk: string) => {
          const at = now();
          const lines = (carry + chunk).split('\n');
          carry = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.startsWith('data: ')) continue;
            const title = (JSON.parse(line.slice(6)) as { data?: { task?: { title?: string } } }).data?.task
              ?.title;
            const seq = title?.match(/^live (\d+)$/)?.[1];
            if (seq !== undefined && !observer.received.has(Number(seq)))
              observer.received.set(Number(seq), at);
          }
          resolve(observer);
        });
      });
      request.on('error', reject);
      observer.request = request;
    });
  }

  close(): void {
    this.request?.destroy();
  }
}

export interface LatencyRun {
  /** write → the observer stream has the event, ms. */
  observer: number[];
  /** write → every tracked stream has it, ms (when the pool tracks streams). */
  fanOut: number[];
  /** How long the write itself took (the HTTP request to its answer), ms: part of the above. */
  write: number[];
  lost: number;
}

/**
 * Writes `warmup + samples` events one after another, `gapMs` apart; event number s is the k = s+1-th
 * event on every tracked stream, which is how fan-out completion is matched.
 */
export async function measureLatency(options: {
  observer: Observer;
  write: (seq: number) => Promise<void>;
  samples: number;
  warmup: number;
  gapMs: number;
  pool?: ClientPool;
  timeoutMs?: number;
}): Promise<LatencyRun> {
  const run: LatencyRun = { observer: [], fanOut: [], write: [], lost: 0 };
  const timeoutMs = options.timeoutMs ?? 5000;
  for (let seq = 0; seq < options.warmup + options.samples; seq++) {
    const started = now();
    await options.write(seq);
    const written = now();
    const deadline = Date.now() + timeoutMs;
    while (!options.observer.received.has(seq) && Date.now() < deadline) await sleep(1);
    const fanOut = () => options.pool?.fanOutAt(seq + 1) ?? null;
    while (options.pool && fanOut() === null && Date.now() < deadline) await sleep(1);
    const fanOutAt = fanOut();
    const at = options.observer.received.get(seq);
    if (seq < options.warmup) continue;
    if (at === undefined || (options.pool && fanOutAt === null)) run.lost++;
    run.write.push(written - started);
    if (at !== undefined) run.observer.push(at - started);
    if (fanOutAt !== null) run.fanOut.push(fanOutAt - started);
    await sleep(options.gapMs);
  }
  return run;
}
