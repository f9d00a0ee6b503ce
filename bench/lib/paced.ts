// An open-loop load: requests leave at evenly spaced instants (rate per second over all
// connections), whatever the server's answers do, and each latency runs from the instant its
// request was due, so time spent waiting for a free connection counts (no coordinated omission).
// autocannon's overallRate cannot do this: each connection sends its whole per-second budget at the
// start of every second, and the bursts, not the server, make its p99.
// A minimal HTTP/1.1 keep-alive client over net sockets: the servers under test answer with
// Content-Length, and a lighter client leaves more of the shared cores to them.
// The connections are opened once, before the warm-up, and kept for the measurement: opening 100
// at the start of the measured run put a burst of accepts and teardowns into its first 100 ms,
// which is the load generator's doing, not the server's steady state.
import net from 'node:net';

export interface PacedSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Open keep-alive connections (`openConnections`), shared by consecutive runs. */
  pool: ConnectionPool;
  rate: number;
  seconds: number;
  onSecond?: (second: number, completed: number) => void;
}

export interface PacedResult {
  /** Latencies from each request's due instant to its full response, ms, ascending. */
  latencies: Float64Array;
  /** The slowest requests: when each was due (ms into the run) and its latency; shows whether a tail is one stall or spread out. */
  slowest: { dueMs: number; ms: number; at: string }[];
  statusCodes: Record<string, number>;
  errors: number;
  durationSeconds: number;
}

class Connection {
  busy = false;
  private buffer: Buffer = Buffer.alloc(0);
  readonly socket: net.Socket;
  private current: { dueAt: number; done: (status: number | null) => void } | null = null;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => this.fail());
    this.socket.on('close', () => this.fail());
  }

  /** Free for a request: not waiting for an answer, and not closed or broken. */
  get free(): boolean {
    return !this.busy && !this.socket.destroyed;
  }

  send(request: Buffer, done: (status: number | null) => void, dueAt: number): void {
    this.busy = true;
    this.current = { dueAt, done };
    this.socket.write(request);
  }

  close(): void {
    this.socket.destroy();
  }

  private fail(): void {
    const current = this.current;
    this.current = null;
    this.busy = false;
    current?.done(null);
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.subarray(0, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? Number.NaN);
    if (Number.isNaN(length)) {
      this.socket.destroy(new Error('response without Content-Length'));
      return;
    }
    if (this.buffer.length < headEnd + 4 + length) return;
    this.buffer = this.buffer.subarray(headEnd + 4 + length);
    const status = Number(head.slice(9, 12));
    const current = this.current;
    this.current = null;
    this.busy = false;
    current?.done(status);
  }
}

export interface ConnectionPool {
  connections: Connection[];
  close(): void;
}

/** Opens `count` keep-alive connections to the URL's host and resolves once all are connected. */
export async function openConnections(urlText: string, count: number): Promise<ConnectionPool> {
  const url = new URL(urlText);
  const pool: ConnectionPool = {
    connections: [],
    close() {
      for (const c of pool.connections) c.close();
    },
  };
  for (let i = 0; i < count; i++) pool.connections.push(new Connection(url.hostname, Number(url.port)));
  await Promise.all(
    pool.connections.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          c.socket.once('connect', () => resolve());
          c.socket.once('error', reject);
        }),
    ),
  );
  return pool;
}

export async function runPaced(spec: PacedSpec): Promise<PacedResult> {
  const url = new URL(spec.url);
  const headers = { host: url.host, connection: 'keep-alive', ...spec.headers };
  const body = spec.body === undefined ? '' : spec.body;
  if (spec.body !== undefined)
    (headers as Record<string, string>)['content-length'] = String(Buffer.byteLength(body));
  const request = Buffer.from(
    `${spec.method} ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}`,
  );

  const total = Math.round(spec.rate * spec.seconds);
  const latencies = new Float64Array(total);
  const dues = new Float64Array(total);
  const statusCodes: Record<string, number> = {};
  let completed = 0;
  let errors = 0;
  const { connections } = spec.pool;

  const waiting: number[] = []; // due instants of requests no connection was free for
  const t0 = performance.now() + 20;
  const interval = 1000 / spec.rate;
  let sent = 0;

  return new Promise((resolve) => {
    let second = 0;
    let completedAtSecond = 0;
    const dispatch = (dueAt: number) => {
      const free = connections.find((c) => c.free);
      if (!free) {
        waiting.push(dueAt);
        return;
      }
      free.send(
        request,
        (status) => {
          const end = performance.now();
          if (status === null) errors++;
          else {
            statusCodes[status] = (statusCodes[status] ?? 0) + 1;
            dues[completed] = dueAt;
            latencies[completed++] = end - dueAt;
          }
          const next = waiting.shift();
          if (next !== undefined) dispatch(next);
          else if (completed + errors >= total) finish();
        },
        dueAt,
      );
    };
    const finish = () => {
      clearInterval(timer);
      const order = Array.from({ length: completed }, (_, i) => i)
        .sort((a, b) => (latencies[b] ?? 0) - (latencies[a] ?? 0))
        .slice(0, 10);
      const slowest = order.map((i) => ({
        dueMs: Math.round((dues[i] ?? 0) - t0),
        ms: Math.round((latencies[i] ?? 0) * 10) / 10,
        at: new Date(performance.timeOrigin + (dues[i] ?? 0)).toISOString(),
      }));
      const measured = latencies.subarray(0, completed).sort();
      resolve({ latencies: measured, slowest, statusCodes, errors, durationSeconds: spec.seconds });
    };
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) dispatch(t0 + interval * sent++);
      const elapsed = Math.floor((now - t0) / 1000);
      if (elapsed > second && second < spec.seconds) {
        second = elapsed;
        spec.onSecond?.(second, completed - completedAtSecond);
        completedAtSecond = completed;
      }
      // Answers still missing 10 s after the last was due count as errors (timeouts).
      if (sent >= total && now > t0 + spec.seconds * 1000 + 10_000) {
        errors += total - completed - errors;
        finish();
      }
    }, 1);
  });
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? Number.NaN) * 10) / 10;
}
