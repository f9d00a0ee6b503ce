// Runs load.ts in a child process and shows its per-second progress on one line.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load.ts';

const script = fileURLToPath(new URL('./load.ts', import.meta.url));
const running = new Set<ChildProcess>();

/** Kills load generators still running (on failure or interrupt). */
export function killLoadGenerators(): void {
  for (const child of running) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
}

/** `onMeasureStart` is called when the warm-up ends and the measured run begins. */
export function runLoad(label: string, spec: LoadSpec, onMeasureStart?: () => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderrTail = '';
    let pending = '';
    const tty = process.stdout.isTTY;
    const show = (text: string) => {
      if (tty) process.stdout.write(`\r\x1b[K${text}`);
    };
    if (!tty)
      process.stdout.write(`  ${label}: warm-up ${spec.warmupSeconds}s, measure ${spec.durationSeconds}s …`);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const tick = JSON.parse(line) as { phase: string; second: number; requests: number };
          const total = tick.phase === 'warmup' ? spec.warmupSeconds : spec.durationSeconds;
          if (tick.phase === 'measure' && tick.second === 0) {
            onMeasureStart?.();
            continue;
          }
          show(`  ${label}: ${tick.phase} ${tick.second}/${total}s  ${tick.requests} req/s`);
          if (!tty && tick.phase === 'measure') process.stdout.write('.');
        } catch {
          stderrTail = `${stderrTail}${line}\n`.slice(-2000);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      running.delete(child);
      show('');
      if (!tty) process.stdout.write('\n');
      const last = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !last) {
        reject(new Error(`load generator for ${label} exited with ${code}: ${stderrTail}`));
        return;
      }
      resolve(JSON.parse(last) as LoadResult);
    });
  });
}
