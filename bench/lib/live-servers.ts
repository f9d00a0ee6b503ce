// Servers under test as processes of their own, so each one's memory, heap and event loop are its
// own: Taskstream (`taskstream serve`, every role, on a scratch Postgres database; bench:live,
// bench:web and bench:api) and the bare node:http SSE baseline of bench:live (live-bare-server.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface ServerMemory {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface ServerRun {
  name: string;
  url: string;
  pid: number;
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
export function killServers(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}

export async function procRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? Number.NaN) * 1024;
}

export function launch(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 60_000) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env } as Record<string, string>,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const match = new Promise<RegExpMatchArray>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`not ready after ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before ready: ${stderr}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  return { child, match, stop };
}

/**
 * `nodeArgs` go before the script: e.g. `--cpu-prof`, whose profile Node writes when the server
 * exits on the SIGTERM `stop` sends (not on the SIGKILL of `killServers`).
 */
export async function startTaskstream(
  databaseUrl: string,
  heartbeatMs?: number,
  nodeArgs: string[] = [],
): Promise<ServerRun> {
  const bin = fileURLToPath(new URL('../../bin/taskstream.js', import.meta.url));
  const { child, match, stop } = launch(
    [...nodeArgs, bin, 'serve'],
    {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ROLES: 'all',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      ...(heartbeatMs === undefined ? {} : { SSE_HEARTBEAT_MS: String(heartbeatMs) }),
    },
    /ready at (http:\/\/\S+)/,
  );
  const url = (await match)[1]!;
  return {
    name: 'taskstream',
    url,
    pid: child.pid!,
    async memory() {
      const text = await fetch(`${url}/metrics`).then((r) => r.text());
      const heap = text.match(/^taskstream_nodejs_heap_size_used_bytes (\S+)$/m);
      return { rssBytes: await procRss(child.pid!), heapUsedBytes: heap ? Number(heap[1]) : Number.NaN };
    },
    stop,
  };
}

export async function startBare(heartbeatMs: number): Promise<ServerRun> {
  const script = fileURLToPath(new URL('./live-bare-server.ts', import.meta.url));
  const { child, match, stop } = launch(
    [script],
    { SSE_HEARTBEAT_MS: String(heartbeatMs) },
    /listening (\d+)/,
  );
  const url = `http://127.0.0.1:${(await match)[1]}`;
  return {
    name: 'bare node:http',
    url,
    pid: child.pid!,
    async memory() {
      const usage = (await fetch(`${url}/memory`).then((r) => r.json())) as { heapUsed: number };
      return { rssBytes: await procRss(child.pid!), heapUsedBytes: usage.heapUsed };
    },
    stop,
  };
}
