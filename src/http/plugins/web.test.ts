import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerProblemHandlers } from './problem.ts';
import { registerWeb } from './web.ts';

let dir: string;
let app: FastifyInstance;

async function start() {
  app = Fastify();
  registerProblemHandlers(app);
  app.get('/api/known', async () => ({ ok: true }));
  await registerWeb(app, { dir });
  await app.ready();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taskstream-web-'));
});
afterEach(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const INDEX =
  '<!doctype html><title>Taskstream</title><script type="module" src="/assets/index-abc123.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

async function build(index = INDEX) {
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), index);
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(dir, 'assets/index-abc123.js'), SCRIPT);
  await writeFile(join(dir, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
  await writeFile(join(dir, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
}

describe('the web app at /', () => {
  it('without a build, tells how to make one, and API paths still 404 as problems', async () => {
    await start();
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('npm run build:web');
    const api = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    expect((await app.inject({ method: 'GET', url: '/api/known' })).json()).toEqual({ ok: true });
  });

  it('serves index.html for every page of the app, revalidated each time', async () => {
    await build();
    await start();
    for (const url of ['/', '/today', '/settings?x=1', '/index.html']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toBe(INDEX);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    }
    const first = await app.inject({ method: 'GET', url: '/' });
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const head = await app.inject({ method: 'HEAD', url: '/upcoming' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('serves hashed assets for a year, in the encoding the client takes', async () => {
    await build();
    await start();
    const url = '/assets/index-abc123.js';
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/text\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers 404 for missing files and unknown API paths, never index.html', async () => {
    await build();
    await start();
    for (const url of ['/assets/gone-123.js', '/robots.txt', '/api/nothing', '/mcp/x', '/docs/nothing.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
    }
  });

  it('picks up a new build without a restart', async () => {
    await build();
    await start();
    expect((await app.inject({ method: 'GET', url: '/' })).body).toBe(INDEX);
    await build('<!doctype html><title>new</title>');
    const later = new Date(Date.now() + 5000);
    await utimes(join(dir, 'index.html'), later, later);
    expect((await app.inject({ method: 'GET', url: '/today' })).body).toBe(
      '<!doctype html><title>new</title>',
    );
  });
});
