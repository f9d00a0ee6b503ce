// `npm run bench:web`: the web app's weight and how fast its list view becomes usable.
//   1. bundle: what the first page load fetches (index.html's script, modulepreloads and styles),
//      raw and gzip, and every asset of web/dist for comparison (lazy chunks load on demand);
//   2. time to interactive on the list view of a user with 1,000 tasks, in Debian's Chromium with a
//      cold cache: navigation → first task row painted → a `j` keypress selects a row (the app's
//      handlers are live). Against a bare page measured in the same run: a static HTML page whose
//      inline script fetches the same first page of tasks as JSON and renders the same rows, the
//      floor any client-rendered list pays. Reports the ratio.
// The server is `taskstream serve` (every role) on a scratch Postgres database; the app is rebuilt
// for production first (scripts/build-web.mjs). Writes bench/results/web.json.
//
// Environment (optional): BENCH_DATABASE_URL (admin URL; default TEST_DATABASE_URL, else the local
// scripts/infra Postgres), BENCH_WEB_TASKS (1000), BENCH_WEB_RUNS (5), CHROMIUM_PATH, BENCH_OUT.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/e2e/support/browser.ts';
import { killServers, startTaskstream } from './lib/live-servers.ts';
import { createScratchDatabase } from './lib/scratch-db.ts';
import { seedTasks } from './lib/seed.ts';
import { adminUrl, int } from './lib/settings.ts';
import { log, median, round, table } from './lib/stats.ts';

const env = process.env;
const SETTINGS = {
  adminUrl: adminUrl(),
  tasks: int('BENCH_WEB_TASKS', 1_000),
  runs: int('BENCH_WEB_RUNS', 5),
  out: env.BENCH_OUT ?? fileURLToPath(new URL('./results/web.json', import.meta.url)),
};
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'web/dist');

interface Asset {
  path: string;
  bytes: number;
  gzipBytes: number;
}

function asset(path: string): Asset {
  const body = readFileSync(join(DIST, path));
  return { path, bytes: statSync(join(DIST, path)).size, gzipBytes: gzipSync(body, { level: 9 }).length };
}

/** What the first load fetches: index.html plus the assets it references. */
function bundle() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const initial = ['index.html', ...referenced].map(asset);
  const all = (
    spawnSync('find', ['assets', '-type', 'f', '-regex', '.*\\.\\(js\\|css\\)'], { cwd: DIST })
      .stdout.toString()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(asset) as Asset[]
  ).sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (list: Asset[], key: 'bytes' | 'gzipBytes') => list.reduce((s, a) => s + a[key], 0);
  const devBuild = all.some((a) => a.path.includes('jsx-dev-runtime'));
  if (devBuild) throw new Error('web/dist holds a development build (jsx-dev-runtime); rebuild failed?');
  return {
    initial,
    initialBytes: sum(initial, 'bytes'),
    initialGzipBytes: sum(initial, 'gzipBytes'),
    allAssets: all,
    allGzipBytes: sum(all, 'gzipBytes'),
  };
}

/** The bare page: fetch the first page of tasks, render the same rows, select on `j`. */
function barePage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body><ul id="rows"></ul>
<script type="module">
const { items } = await (await fetch('/tasks.json')).json();
const ul = document.getElementById('rows');
for (const task of items) {
  const li = document.createElement('li');
  li.className = 'task-row';
  const box = document.createElement('input'); box.type = 'checkbox'; box.checked = task.status === 'completed';
  const button = document.createElement('button'); button.textContent = task.title;
  const meta = document.createElement('span'); meta.textContent = (task.tags || []).join(' ') + ' ' + (task.dueAt || '');
  li.append(box, button, meta);
  ul.append(li);
}
let i = -1;
addEventListener('keydown', (e) => {
  if (e.key !== 'j') return;
  ul.children[i]?.classList.remove('selected');
  i = Math.min(i + 1, ul.children.length - 1);
  ul.children[i].classList.add('selected');
});
</script></body></html>`;
}

async function startBare(tasksJson: string) {
  const page = barePage();
  const server = createServer((req, res) => {
    if (req.url === '/tasks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(tasksJson);
    } else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

// Runs in the page before any of its scripts: notes when the first row appears and when a row
// first becomes selected, in the page's own clock (ms since navigation start).
const OBSERVE = `
  const marks = (window.__marks = {});
  new MutationObserver(() => {
    if (marks.firstRow === undefined && document.querySelector('.task-row')) marks.firstRow = performance.now();
    if (marks.selected === undefined && document.querySelector('.task-row.selected')) marks.selected = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });`;

// Read back in the page (a string: this file is type-checked without the DOM library).
const READ = `(() => {
  const marks = window.__marks;
  const resources = performance.getEntriesByType('resource');
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    firstRowMs: marks.firstRow ?? NaN,
    interactiveMs: marks.selected ?? NaN,
    rows: document.querySelectorAll('.task-row').length,
    transferredBytes: resources.reduce((s, r) => s + r.transferSize, nav ? nav.transferSize : 0),
    jsHeapBytes: performance.memory ? performance.memory.usedJSHeapSize : NaN,
  };
})()`;

interface Load {
  firstRowMs: number;
  interactiveMs: number;
  rows: number;
  transferredBytes: number;
  jsHeapBytes: number;
}

async function load(
  browser: Browser,
  url: string,
  cookies: { name: string; value: string }[],
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    if (cookies.length > 0) await context.addCookies(cookies.map((c) => ({ ...c, url })));
    const page = await context.newPage();
    await page.addInitScript({ content: OBSERVE });
    await page.goto(`${url}/`, { waitUntil: 'commit' });
    await page.locator('.task-row').first().waitFor({ timeout: 60_000 });
    // Keys go to the document, not a text field (the app ignores shortcuts while typing).
    await page.keyboard.press('j');
    await page.locator('.task-row.selected').first().waitFor({ timeout: 30_000 });
    return (await page.evaluate(READ)) as Load;
  } finally {
    await context.close();
  }
}

async function measure(browser: Browser, url: string, cookies: { name: string; value: string }[]) {
  await load(browser, url, cookies); // warm the server and the browser process, not the page cache
  const loads: Load[] = [];
  for (let i = 0; i < SETTINGS.runs; i++) loads.push(await load(browser, url, cookies));
  const med = (key: keyof Load) => round(median(loads.map((l) => l[key])));
  return {
    firstRowMs: med('firstRowMs'),
    interactiveMs: med('interactiveMs'),
    rows: loads[0]!.rows,
    transferredBytes: med('transferredBytes'),
    jsHeapBytes: med('jsHeapBytes'),
    runs: loads,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  log('bench:web — building web/dist for production');
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:web failed');
  const weight = bundle();
  log(
    `  first load: ${weight.initial.length} files, ${round(weight.initialBytes / 1024)} KiB raw, ${round(weight.initialGzipBytes / 1024)} KiB gzip; all assets ${round(weight.allGzipBytes / 1024)} KiB gzip`,
  );

  const scratch = await createScratchDatabase(SETTINGS.adminUrl);
  const cleanup = async () => {
    killServers();
    await scratch.drop().catch(() => {});
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  let browser: Browser | undefined;
  try {
    const server = await startTaskstream(scratch.url, 15_000);
    const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench',
        email: `web-${Date.now()}@bench.example`,
        password: 'correct horse battery',
      }),
    });
    if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
    const { token, user } = (await signUp.json()) as { token: string; user: { id: string } };
    const cookies = signUp.headers.getSetCookie().map((line) => {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      return { name: pair!.slice(0, at), value: pair!.slice(at + 1) };
    });
    const admin = new pg.Pool({ connectionString: scratch.url, max: 2 });
    const seeded = await seedTasks(admin, { userId: user.id, count: SETTINGS.tasks });
    await admin.query('ANALYZE');
    await admin.end();
    log(`  seeded ${seeded.tasks} tasks (${seeded.reminders} reminders) in ${seeded.ms} ms`);
    // The app's list view asks for pending tasks first; the bare page gets that same first page.
    const firstPage = await fetch(`${server.url}/api/tasks?status=pending&limit=50`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.text());
    const bare = await startBare(firstPage);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 60_000 });
    log(`  measuring ${SETTINGS.runs} cold loads each (plus one warm-up) in ${CHROMIUM}`);
    const baseline = await measure(browser, bare.url, []);
    const app = await measure(browser, server.url, cookies);
    await bare.close();

    const ratio = round(app.interactiveMs / baseline.interactiveMs, 2);
    log(
      `\n${table([
        [
          'list view, 1,000 tasks',
          'first row ms',
          'interactive ms',
          'rows',
          'transferred KiB',
          'JS heap MiB',
        ],
        ...[
          ['bare page (floor)', baseline],
          ['Taskstream web app', app],
        ].map(([name, r]) => {
          const m = r as typeof app;
          return [
            name as string,
            m.firstRowMs,
            m.interactiveMs,
            m.rows,
            round(m.transferredBytes / 1024),
            round(m.jsHeapBytes / 2 ** 20),
          ];
        }),
      ])}\n\n  time to interactive: ${app.interactiveMs} ms, ${ratio}× the bare page`,
    );

    const result = {
      benchmark: 'web',
      timestamp: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverage: os.loadavg().map((l) => round(l, 2)),
      },
      settings: { tasks: SETTINGS.tasks, runs: SETTINGS.runs, chromium: CHROMIUM, viewport: '1280x900' },
      bundle: weight,
      listView: { baseline, app, interactiveRatio: ratio },
    };
    await writeFile(SETTINGS.out, `${JSON.stringify(result, null, 2)}\n`);
    log(`  wrote ${SETTINGS.out}`);
  } finally {
    await browser?.close().catch(() => {});
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  killServers();
  process.exit(1);
});
