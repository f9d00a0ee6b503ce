// The container image's contents, without Docker: deploy/docker/bundle.mjs assembles exactly what the
// Dockerfile copies into the image, `npm ci --omit=dev` installs production dependencies only into
// that clean directory, and `node bin/taskstream.js serve` must start there and answer /ready (on the
// real Postgres of TEST_DATABASE_URL when set, else on embedded PGlite from the bundled template).
// Bounded: npm ci has 4 minutes, the server 90 s to be ready, 10 s to stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealDatabase } from '../support/database.ts';
import { ROOT, run } from './tools.ts';

const work = mkdtempSync(join(tmpdir(), 'taskstream-bundle-'));
const bundle = join(work, 'app');
const dockerfile = readFileSync(join(ROOT, 'deploy/docker/Dockerfile'), 'utf8');
let db: { url: string; drop(): Promise<void> } | undefined;
let server: ChildProcess | undefined;

describe('Dockerfile', () => {
  it('runs `taskstream serve` as a non-root user from a Node 24 image, without HEALTHCHECK', () => {
    const lines = dockerfile.split('\n').filter((l) => !l.startsWith('#'));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]+-slim$/m);
    expect(lines.join('\n')).toMatch(/^ENTRYPOINT \["node", "bin\/taskstream\.js"\]$/m);
    expect(lines.join('\n')).toMatch(/^CMD \["serve"\]$/m);
    expect(lines.some((l) => /^HEALTHCHECK/.test(l))).toBe(false);
    const users = lines.filter((l) => l.startsWith('USER '));
    expect(users.at(-1)).toMatch(/^USER [1-9][0-9]*:[1-9][0-9]*$/); // numeric: runAsNonRoot can verify it
    // The runtime gets the bundle this test starts, and production dependencies only.
    expect(dockerfile).toContain('node deploy/docker/bundle.mjs /bundle');
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(dockerfile).not.toMatch(/^\s*(COPY|ADD)\s+[^\n]*\.env/m);
  });

  it('keeps secrets, dependencies and test files out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '**/node_modules', '.env', 'test', 'data', 'coverage'])
      expect(ignored).toContain(entry);
  });
});

describe('production bundle', () => {
  beforeAll(async () => {
    const result = await run(
      process.execPath,
      [join(ROOT, 'deploy/docker/bundle.mjs'), bundle, '--install'],
      {
        timeoutMs: 240_000,
      },
    );
    expect(
      result.code,
      `bundle.mjs --install failed (it runs npm ci --omit=dev, which needs package-lock.json in sync ` +
        `with package.json):\n${result.stderr
          .split('\n')
          .filter((l) => !/^npm error\s+(\[|--|-w|Usage|Options|npm ci|aliases|Run |Clean|$)/.test(l))
          .slice(0, 60)
          .join('\n')}`,
    ).toBe(0);
    if (process.env.TEST_DATABASE_URL) db = await createRealDatabase();
  }, 300_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('holds what the image runs and no development tool', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'bin/taskstream.js',
      'src/main/cli.ts',
      'contract',
      'dist/cli.mjs',
      'dist/manifest.json',
    ])
      expect(existsSync(join(bundle, path)), path).toBe(true);
    expect(existsSync(join(bundle, 'src/db/migrations'))).toBe(true);
    const files = readdirSync(join(bundle, 'src'), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    // Nothing the lock file marks as development-only (devDependencies and what only they need).
    const lock = JSON.parse(readFileSync(join(bundle, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages).filter(([path, p]) => path && p.dev === true);
    expect(devOnly.length).toBeGreaterThan(50);
    expect(devOnly.map(([path]) => path).filter((path) => existsSync(join(bundle, path)))).toEqual([]);
    for (const prod of ['fastify', 'pg', '@electric-sql/pglite', 'drizzle-orm'])
      expect(existsSync(join(bundle, 'node_modules', prod)), prod).toBe(true);
    // The PGlite template built by `prepare` (npm ci) travels with the bundle.
    expect(
      readdirSync(join(bundle, '.cache')).filter((f) => /^pglite-[0-9a-f]+\.tar\.gz$/.test(f)),
    ).toHaveLength(1);
    if (existsSync(join(ROOT, 'web/dist/index.html')))
      expect(existsSync(join(bundle, 'web/dist/index.html'))).toBe(true);
  });

  it('starts from the clean directory with production dependencies only and answers /ready', async () => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: work,
      TZ: 'UTC',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'bundle-test-auth-secret-of-at-least-32-chars',
      ...(db ? { DATABASE_URL: db.url } : { DATA_DIR: join(work, 'data') }),
    };
    if (db) {
      const migrated = await run(process.execPath, ['bin/taskstream.js', 'migrate'], {
        cwd: bundle,
        env,
        timeoutMs: 60_000,
      });
      expect(migrated.code, migrated.stderr).toBe(0);
    }
    const child = spawn(process.execPath, ['bin/taskstream.js', 'serve'], {
      cwd: bundle,
      env,
      stdio: 'pipe',
    });
    server = child;
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not ready within 90 s:\n${output.slice(-3_000)}`)),
        90_000,
      );
      const check = () => {
        const m = /Taskstream ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', check);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}:\n${output.slice(-3_000)}`));
      });
    });
    const status = async (path: string) => {
      const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      return response.status;
    };
    let ready = 0;
    for (let i = 0; i < 40 && ready !== 200; i++) {
      ready = await status('/ready');
      if (ready !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready).toBe(200);
    expect(await status('/health')).toBe(200);
    // It ran the server bundle that `prepare` built (ADR 010), not the sources beside it.
    const metrics = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    expect(metrics).toMatch(/^taskstream_build_info\{code="bundle"\} 1$/m);
    expect(output).not.toMatch(/dist\/cli\.mjs was built from other sources/);
    expect(await status('/api/openapi.json')).toBe(200);
    expect(await status('/api/tasks')).toBe(401);
    expect(await status('/metrics')).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    expect(code, `graceful stop:\n${output.slice(-2_000)}`).toBe(0);
  }, 180_000);
});
