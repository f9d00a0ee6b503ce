// The benchmark's side of bench/lib/live-clients.ts: forks a few client processes, spreads streams
// over them, and collects their counts and fan-out reports.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command, Reply, StreamSpec } from './live-clients.ts';

const script = fileURLToPath(new URL('./live-clients.ts', import.meta.url));

export interface PoolStats {
  open: number;
  events: number;
  pings: number;
  ended: number;
}

export class ClientPool {
  private readonly workers: ChildProcess[];
  private next = 0;
  /** Per event index k: how many workers reported all their tracked streams have it, and when. */
  private readonly reached = new Map<number, { workers: number; at: number }>();
  private trackingWorkers = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => {
      const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (reply: Reply) => {
        if (reply.type !== 'reached') return;
        const seen = this.reached.get(reply.k) ?? { workers: 0, at: 0 };
        this.reached.set(reply.k, { workers: seen.workers + 1, at: Math.max(seen.at, reply.at) });
      });
      return child;
    });
  }

  /** Opens the streams, round-robin over the workers; resolves once each has sent its first bytes. */
  async open(base: string, specs: StreamSpec[], concurrency = 64): Promise<{ ok: number; failed: number }> {
    const shares: StreamSpec[][] = this.workers.map(() => []);
    for (const spec of specs) shares[this.next++ % this.workers.length]!.push(spec);
    if (specs.some((s) => s.tracked))
      this.trackingWorkers = shares.filter((share) => share.some((s) => s.tracked)).length;
    const replies = await Promise.all(
      this.workers.map((w, i) =>
        shares[i]!.length === 0
          ? Promise.resolve({ type: 'opened' as const, ok: 0, failed: 0, firstError: null })
          : this.ask(w, { type: 'open', base, streams: shares[i]!, concurrency }, 'opened'),
      ),
    );
    const failed = replies.reduce((n, r) => n + r.failed, 0);
    const error = replies.find((r) => r.firstError)?.firstError;
    if (failed > 0) process.stdout.write(`  ! ${failed} streams failed to open (first: ${error})\n`);
    return { ok: replies.reduce((n, r) => n + r.ok, 0), failed };
  }

  async stats(): Promise<PoolStats> {
    const replies = await Promise.all(this.workers.map((w) => this.ask(w, { type: 'stats' }, 'stats')));
    return {
      open: replies.reduce((n, r) => n + r.open, 0),
      events: replies.reduce((n, r) => n + r.events, 0),
      pings: replies.reduce((n, r) => n + r.pings, 0),
      ended: replies.reduce((n, r) => n + r.ended, 0),
    };
  }

  /** When every tracked stream had received its k-th event (epoch ms), once all workers said so. */
  fanOutAt(k: number): number | null {
    const seen = this.reached.get(k);
    return seen && seen.workers === this.trackingWorkers ? seen.at : null;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, { type: 'closeAll' }, 'closed')));
    this.reached.clear();
    this.trackingWorkers = 0;
  }

  stop(): void {
    for (const w of this.workers) if (w.exitCode === null) w.kill('SIGKILL');
  }

  private ask<T extends Reply['type']>(
    worker: ChildProcess,
    command: Command,
    answer: T,
  ): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.type !== answer) return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(reply as Extract<Reply, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.send(command);
    });
  }
}
