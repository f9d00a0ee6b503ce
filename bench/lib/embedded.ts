// The embedded shape: `node bin/taskstream.js serve` on PGlite in a temporary DATA_DIR. Measures
// spawn → "ready" line on stdout, spawn → first 200 from GET /ready, and resident memory.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { templatePath } from '../../src/db/pglite-template.ts';

const bin = fileURLToPath(new URL('../../bin/taskstream.js', import.meta.url));
const children = new Set<ChildProcess>();

const runScript = (what: string, script: string, args: string[] = []): string => {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`building ${what} failed: ${build.stderr}`);
  return build.stdout.trim();
};

/**
 * What `npm start` runs after `npm ci` (whose `prepare` builds both): the server bundle, rebuilt
 * first if the sources changed, and the PGlite template, built if the migrations changed.
 * Returns the build scripts' output, one line each.
 */
export function ensurePrepared(): string {
  const bundle = runScript('the server bundle', '../../scripts/build-server.mjs', ['--if-stale']);
  if (existsSync(templatePath())) return bundle;
  return `${bundle}\n  ${runScript('the PGlite template', '../../src/db/build-template.ts')}`;
}

export function killEmbedded(): void {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
}

export interface StartTiming {
  readyLineMs: number;
  firstReadyMs: number;
  /** CPU the process had used when /ready first answered 200: robust to a busy machine. */
  cpuMsAtReady: number | null;
}

export interface EmbeddedRun extends StartTiming {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** user + system CPU of a process so far, from /proc (Linux); null elsewhere. */
export async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Spawns `node bin/taskstream.js serve` on PGlite in `dataDir` (or on `databaseUrl` when given)
 * and waits for the ready line and the first 200 from GET /ready.
 */
export async function startEmbedded(
  dataDir: string,
  options: { databaseUrl?: string; timeoutMs?: number } = {},
): Promise<EmbeddedRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  delete env.ROLES;
  Object.assign(env, {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  });
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;

  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const readyLine = await new Promise<{ url: string; ms: number }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no ready line after ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/ready at (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, ms: performance.now() - t0 });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`taskstream exited with ${code} before ready: ${stderr}`));
    });
  });

  let firstReadyMs = Number.NaN;
  while (performance.now() - t0 < timeoutMs) {
    const response = await fetch(`${readyLine.url}/ready`).catch(() => null);
    if (response?.status === 200) {
      firstReadyMs = performance.now() - t0;
      await response.arrayBuffer();
      break;
    }
    await response?.arrayBuffer();
    await sleep(10);
  }
  if (Number.isNaN(firstReadyMs)) throw new Error('GET /ready never answered 200');
  const cpuMsAtReady = await processCpuMs(child.pid!);

  return {
    url: readyLine.url,
    pid: child.pid!,
    readyLineMs: readyLine.ms,
    firstReadyMs,
    cpuMsAtReady,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

export interface MemoryReading {
  /** What the process runs (taskstream_build_info): "bundle" (dist/, ADR 010) or "sources". */
  code: string | null;
  /** taskstream_process_resident_memory_bytes from /metrics. */
  metricsRssBytes: number | null;
  /** VmRSS of the process from /proc (Linux), as ps would show it. */
  procRssBytes: number | null;
  heapUsedBytes: number | null;
  heapTotalBytes: number | null;
  /** Memory outside the JS heap that V8 knows of (for PGlite: its WASM memory). */
  externalBytes: number | null;
}

export async function readMemory(run: EmbeddedRun): Promise<MemoryReading> {
  const text = await fetch(`${run.url}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const metric = (name: string) => {
    const m = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm'));
    return m ? Number(m[1]) : null;
  };
  let procRssBytes: number | null = null;
  try {
    const status = await readFile(`/proc/${run.pid}/status`, 'utf8');
    const m = status.match(/^VmRSS:\s+(\d+) kB/m);
    procRssBytes = m ? Number(m[1]) * 1024 : null;
  } catch {
    procRssBytes = null;
  }
  return {
    code: text.match(/^taskstream_build_info\{code="(\w+)"\} 1$/m)?.[1] ?? null,
    metricsRssBytes: metric('taskstream_process_resident_memory_bytes'),
    procRssBytes,
    heapUsedBytes: metric('taskstream_nodejs_heap_size_used_bytes'),
    heapTotalBytes: metric('taskstream_nodejs_heap_size_total_bytes'),
    externalBytes: metric('taskstream_nodejs_external_memory_bytes'),
  };
}
