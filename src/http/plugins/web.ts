// Serves the built web app (web/dist, `npm run build:web`) at `/`: files as they are, hashed
// assets cached for a year, index.html revalidated every time (no-cache + ETag), and index.html for
// every other path that is not an API (the app routes in the browser). Assets are precompressed at
// build time (.br, .gz next to each file) and sent in the encoding the client accepts. Without a
// build, `/` answers a short page saying how to make one.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEB_DIST_DIR } from '../../paths.ts';

export interface WebOptions {
  /** The built app; default web/dist of this package. */
  dir?: string;
}

/** Paths the app never answers with index.html: unknown ones there are API 404s. */
const NOT_THE_APP = /^\/(api|mcp|docs|dapr|job|health|ready|metrics)(\/|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the page may load: only this origin (nothing external), inline style attributes for React. */
const HTML_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

interface Asset {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

interface Loaded {
  assets: Map<string, Asset>;
  index: Asset;
  indexMtimeMs: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function load(dir: string): Promise<Loaded | null> {
  const indexPath = join(dir, 'index.html');
  let indexMtimeMs: number;
  try {
    indexMtimeMs = (await stat(indexPath)).mtimeMs;
  } catch {
    return null;
  }
  const files = await listFiles(dir);
  const present = new Set(files);
  const assets = new Map<string, Asset>();
  await Promise.all(
    files
      .filter((file) => !file.endsWith('.br') && !file.endsWith('.gz'))
      .map(async (file) => {
        const path = `/${relative(dir, file).split(sep).join('/')}`;
        const body = await readFile(file);
        const asset: Asset = {
          body,
          type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          // Vite names built assets by their content hash: they never change under one name.
          cacheControl: path.startsWith('/assets/')
            ? 'public, max-age=31536000, immutable'
            : path === '/index.html'
              ? 'no-cache'
              : 'public, max-age=3600',
        };
        if (present.has(`${file}.br`)) asset.br = await readFile(`${file}.br`);
        if (present.has(`${file}.gz`)) asset.gzip = await readFile(`${file}.gz`);
        assets.set(path, asset);
      }),
  );
  const index = assets.get('/index.html');
  if (!index) return null;
  return { assets, index, indexMtimeMs };
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Taskstream: web app not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#8882;padding:.1em .3em;border-radius:4px}</style>
</head><body>
<h1>Taskstream is running, but its web app is not built</h1>
<p>Build it with <code>npm run build:web</code> (<code>npm ci</code> does this too), then reload this page.</p>
<p>The API works without it: see <a href="/docs">/docs</a>.</p>
</body></html>
`;

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: Asset,
  extra: Record<string, string> = {},
) {
  reply
    .header('cache-control', asset.cacheControl)
    .header('etag', asset.etag)
    .header('vary', 'accept-encoding');
  for (const [name, value] of Object.entries(extra)) reply.header(name, value);
  const match = request.headers['if-none-match'];
  if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag))
    return reply.code(304).send();
  const accepts = String(request.headers['accept-encoding'] ?? '');
  reply.type(asset.type);
  if (asset.br && /\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(asset.br);
  if (asset.gzip && /\bgzip\b/.test(accepts))
    return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

export async function registerWeb(app: FastifyInstance, options: WebOptions = {}): Promise<void> {
  const dir = options.dir ?? WEB_DIST_DIR;
  let loaded: Promise<Loaded | null> | null = null;

  /**
   * The build, loaded at the first request. With `recheck` (a page, or a file it does not have),
   * index.html's mtime is compared first, so a new build is picked up without a restart.
   */
  async function current(recheck: boolean): Promise<Loaded | null> {
    loaded ??= load(dir);
    const now = await loaded;
    if (!recheck && now) return now;
    const mtime = await stat(join(dir, 'index.html')).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (mtime === (now?.indexMtimeMs ?? null)) return now;
    loaded = load(dir);
    return loaded;
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(path)) return reply.callNotFound();
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {}
    const cached = await current(false);
    const asset = decoded === '/index.html' ? undefined : cached?.assets.get(decoded);
    if (asset) return send(request, reply, asset);
    const build = await current(true);
    if (!build)
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT);
    const file = decoded === '/index.html' ? undefined : build.assets.get(decoded);
    if (file) return send(request, reply, file);
    // A missing file (the last segment has an extension) is a 404; any other path is a page of the app.
    if (decoded !== '/index.html' && /\.[a-z0-9]+$/i.test(decoded.split('/').pop() ?? ''))
      return reply.callNotFound();
    return send(request, reply, build.index, HTML_HEADERS);
  });
}
