// The server under test of the events benchmark: `node bin/taskstream.js serve` on a scratch
// Postgres database with one bus (memory | kafka | dapr), as its own process. For dapr it also
// starts a daprd sidecar (scripts/infra/daprd-run) with deploy/dapr/components, app id
// `taskstream` (the one-process shape on Dapr) and its own namespace, so its Jobs stay its own.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const children = new Set<ChildProcess>();

export function killEventServers(): void {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
}

export interface EventServerOptions {
  bus: 'memory' | 'kafka' | 'dapr';
  databaseUrl: string;
  roles: string;
  kafkaBrokers: string;
  /** Topic (and Kafka consumer group) prefix: each run its own. */
  topicPrefix: string;
  reminderScheduler?: 'builtin' | 'dapr-jobs';
  port: number;
}

export interface EventServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function infra(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      `${root}scripts/infra/${script}`,
      args,
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} failed: ${stderr.slice(-3000)}`));
        else resolve(stdout.trim());
      },
    );
  });
}

export async function startEventServer(options: EventServerOptions): Promise<EventServer> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const name of ['ROLES', 'AUTH_SECRET', 'PUBLIC_URL', 'DAPR_HTTP_PORT']) delete env[name];
  Object.assign(env, {
    DATABASE_URL: options.databaseUrl,
    EVENT_BUS: options.bus,
    KAFKA_BROKERS: options.kafkaBrokers,
    EVENT_TOPIC_PREFIX: options.topicPrefix,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    AUTH_SECRET: 'bench-events-secret-bench-events-secret',
    REMINDER_SCHEDULER: options.reminderScheduler ?? 'builtin',
  });
  let sidecar: { dir: string; appId: string } | null = null;
  if (options.bus === 'dapr' || options.reminderScheduler === 'dapr-jobs') {
    const dir = await mkdtemp(join(tmpdir(), 'taskstream-bench-dapr-'));
    const secrets = join(dir, 'secrets.json');
    // On Dapr the database URL reaches the app through the secret store, as in deploy/local.
    await writeFile(secrets, JSON.stringify({ DATABASE_URL: options.databaseUrl }), { mode: 0o600 });
    if (options.bus === 'dapr') delete env.DATABASE_URL;
    const httpPort = options.port + 1;
    await infra(
      'daprd-run',
      [
        '--background',
        ...['--app-id', 'taskstream', '--app-port', String(options.port)],
        ...['--dapr-http-port', String(httpPort), '--dapr-grpc-port', String(options.port + 2)],
        ...['--resources-path', `${root}deploy/dapr/components`],
      ],
      {
        DAPR_RUN_DIR: dir,
        KAFKA_BROKERS: options.kafkaBrokers,
        TASKSTREAM_SECRETS_FILE: secrets,
        NAMESPACE: `bench${randomBytes(3).toString('hex')}`,
      },
    );
    env.DAPR_HTTP_PORT = String(httpPort);
    sidecar = { dir, appId: 'taskstream' };
  }
  const child = spawn(process.execPath, [`${root}bin/taskstream.js`, 'serve', '--roles', options.roles], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready:\n${output.join('')}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = output.join('').match(/Taskstream ready at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('').slice(-3000)}`));
    });
  });
  // The sidecar reads the subscriptions once the port is open; wait until it can deliver.
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      if (sidecar) {
        await infra('daprd-run', ['--stop', '--app-id', sidecar.appId], { DAPR_RUN_DIR: sidecar.dir });
        await rm(sidecar.dir, { recursive: true, force: true });
      }
    },
  };
}
