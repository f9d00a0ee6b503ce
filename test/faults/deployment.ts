// The fault suite's handle on its distributed shape: where it runs, and the faults it can cause —
// stop and start its Kafka broker, SIGKILL a role's process, stop a role's sidecar — and bring it
// back the way an operator (or Kubernetes) would: deploy/local/up again starts what is missing.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const FAULTS_PORT = process.env.FAULTS_LOCAL_PORT ?? '26000';
export const FAULTS_KAFKA_PORT = process.env.FAULTS_KAFKA_PORT ?? '19592';
export const RUN_DIR = process.env.FAULTS_LOCAL_DIR ?? `/tmp/taskstream/faults-${FAULTS_PORT}`;
export const FAULTS_ENV: Record<string, string> = {
  TASKSTREAM_LOCAL_PORT: FAULTS_PORT,
  TASKSTREAM_LOCAL_DIR: RUN_DIR,
  KAFKA_PORT: FAULTS_KAFKA_PORT,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

function exec(file: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: { ...process.env, ...FAULTS_ENV, ...env }, timeout: 600_000, maxBuffer: 8 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${file} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stderr.slice(-6_000)}`,
            ),
          );
        else resolve(stdout.trim().split('\n').at(-1) ?? '');
      },
    );
  });
}

/** deploy/local/<script> for the fault suite's deployment; resolves to its last stdout line. */
export function runLocal(script: 'up' | 'down', args: string[] = []): Promise<string> {
  return exec(`${root}deploy/local/${script}`, args);
}

export function baseUrl(): string {
  return inject('faultsUrl');
}

export const kafka = {
  stop: () => exec(`${root}scripts/infra/kafka-down`, []),
  start: () => exec(`${root}scripts/infra/kafka-up`, []),
};

async function pidOf(file: string): Promise<number> {
  return Number((await readFile(file, 'utf8')).trim());
}

/** SIGKILL of a role's app process: no shutdown hook runs, in-flight work is cut off. */
export async function killApp(role: string): Promise<void> {
  const pid = await pidOf(`${RUN_DIR}/pids/${role}.pid`);
  process.kill(pid, 'SIGKILL');
  await waitUntil(`${role} (pid ${pid}) to die`, async () => !alive(pid));
}

/** Stops a role's daprd (SIGTERM, as a restarting sidecar container would be stopped). */
export function stopSidecar(role: string): Promise<string> {
  return exec(`${root}scripts/infra/daprd-run`, ['--stop', '--app-id', role], {
    DAPR_RUN_DIR: `${RUN_DIR}/dapr`,
  });
}

/** Starts whatever is not running and waits until every role is ready again. */
export function restore(): Promise<string> {
  return runLocal('up');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
