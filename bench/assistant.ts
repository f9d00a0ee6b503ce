// npm run bench:assistant — the assistant and the MCP endpoint over real HTTP, each against a
// baseline measured in the same run:
//   1. the built-in interpreter behind POST /api/chat (requests/s and latency at a fixed
//      concurrency) vs the bare REST call of the same use case for the same intent;
//   2. MCP tools/call round trips over Streamable HTTP (SDK client) vs the same REST call;
//   3. the interpreter alone (rules + quick-add parser, no I/O) over the corpus.
// Real Postgres when TEST_DATABASE_URL is set, else PGlite in memory. Writes
// bench/results/assistant.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CORPUS } from '../src/assistant/corpus/index.ts';
import { understand } from '../src/assistant/intents.ts';
import { normalize } from '../src/assistant/phrases.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { createTaskstream } from '../src/main/taskstream.ts';
import { distribution, percentile } from './lib/latency.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-db.ts';
import { log, round, table } from './lib/stats.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const MCP_CALLS = Number(process.env.BENCH_MCP_CALLS ?? 400);
const SEED_TASKS = 300;

/** Each chat message and the REST call that does the same through the same use case. */
const MIX: { say: (i: number) => string; rest: (i: number) => [string, string, unknown?] }[] = [
  { say: () => "what's overdue?", rest: () => ['GET', '/api/tasks?overdue=true&limit=20'] },
  {
    say: () => 'what is due this week',
    rest: () => ['GET', '/api/tasks?dueFrom=2020-01-01&dueTo=2030-12-31&limit=20'],
  },
  {
    say: (i) => `find report ${i % 50}`,
    rest: (i) => ['GET', `/api/tasks?status=all&q=report%20${i % 50}&limit=20`],
  },
  {
    say: (i) => `add bench call ${i} tomorrow at 9am #bench`,
    rest: (i) => ['POST', '/api/tasks/quick', { text: `bench call ${i} tomorrow at 9am #bench` }],
  },
];

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const scratch: ScratchDatabase | null = adminUrl ? await createScratchDatabase(adminUrl) : null;
  const memory = scratch ? null : await openDatabase({});
  const app = await createTaskstream(
    loadConfig({
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-00',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    }),
    memory ? { database: memory } : {},
  );
  try {
    const base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench',
        email: 'bench@example.com',
        password: 'bench password 1',
        timeZone: 'Europe/Berlin',
      }),
    });
    const token = ((await signUp.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, {
        method,
        headers: auth,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text;
    };
    log(`seeding ${SEED_TASKS} tasks (${scratch ? 'Postgres' : 'PGlite'})`);
    for (let i = 0; i < SEED_TASKS; i++)
      await call('POST', '/api/tasks', {
        title: `Write report ${i % 50} part ${i}`,
        dueAt: `2026-0${1 + (i % 9)}-1${i % 10}T09:00:00`,
      });

    /** `count` requests at `CONCURRENCY`: the rate and the latencies in ms. */
    const load = async (count: number, one: (i: number) => Promise<unknown>) => {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < count) {
            const i = next++;
            const t0 = performance.now();
            await one(i);
            latencies.push(performance.now() - t0);
          }
        }),
      );
      return { perSecond: count / ((performance.now() - started) / 1000), latencies };
    };

    const chat = (i: number) => call('POST', '/api/chat', { message: MIX[i % MIX.length]!.say(i) });
    const rest = (i: number) => call(...MIX[i % MIX.length]!.rest(i));
    log(
      `warm-up, then ${REQUESTS} chat requests and ${REQUESTS} REST requests at concurrency ${CONCURRENCY}`,
    );
    await load(60, chat);
    await load(60, rest);
    const chatRun = await load(REQUESTS, (i) => chat(i + 1000));
    const restRun = await load(REQUESTS, (i) => rest(i + 1000));

    log(`${MCP_CALLS} sequential MCP tools/call round trips and REST calls`);
    const client = new Client({ name: 'bench', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', base), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    const mcpLatencies: number[] = [];
    const mcpRestLatencies: number[] = [];
    for (let i = 0; i < MCP_CALLS + 30; i++) {
      const q = `report ${i % 50}`;
      const t0 = performance.now();
      const result = await client.callTool({ name: 'search_tasks', arguments: { query: q, limit: 20 } });
      const t1 = performance.now();
      await call('GET', `/api/tasks?status=all&q=${encodeURIComponent(q)}&limit=20`);
      const t2 = performance.now();
      if (result.isError) throw new Error(JSON.stringify(result.content));
      if (i >= 30) {
        mcpLatencies.push(t1 - t0);
        mcpRestLatencies.push(t2 - t1);
      }
    }
    await client.close();

    const utterances = CORPUS.map((c) => c.say);
    const ctx = { now: new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Berlin' };
    const t0 = performance.now();
    let parsed = 0;
    while (performance.now() - t0 < 3000)
      for (const say of utterances) {
        understand(normalize(say), ctx, say.endsWith('?'));
        parsed++;
      }
    const interpretPerSecond = parsed / ((performance.now() - t0) / 1000);

    const figures = (latencies: number[], perSecond?: number) => {
      const d = distribution(latencies);
      const sorted = [...latencies].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      return {
        ...(perSecond === undefined ? {} : { perSecond: round(perSecond, 1) }),
        p50: round(d.p50, 2),
        p95: round(p95, 2),
        p99: round(d.p99, 2),
      };
    };
    const summary = {
      chat: figures(chatRun.latencies, chatRun.perSecond),
      restBaseline: figures(restRun.latencies, restRun.perSecond),
      mcpToolsCall: figures(mcpLatencies),
      mcpRestBaseline: figures(mcpRestLatencies),
      interpreterOnly: { utterancesPerSecond: round(interpretPerSecond, 0) },
    };
    const row = (name: string, f: { perSecond?: number; p50: number; p95: number; p99: number }) => [
      name,
      f.perSecond ?? '—',
      f.p50,
      f.p95,
      f.p99,
    ];
    log(
      table([
        ['measurement', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms'],
        row(`POST /api/chat (interpreter), ${CONCURRENCY} at once`, summary.chat),
        row('baseline: the same intents as REST calls', summary.restBaseline),
        row('MCP tools/call search_tasks, one at a time', summary.mcpToolsCall),
        row('baseline: GET /api/tasks?q=, one at a time', summary.mcpRestBaseline),
      ]),
    );
    log(
      `ratios (p95): chat / REST ${round(summary.chat.p95 / summary.restBaseline.p95, 2)}×, ` +
        `MCP / REST ${round(summary.mcpToolsCall.p95 / summary.mcpRestBaseline.p95, 2)}×; ` +
        `interpreter alone (no I/O): ${summary.interpreterOnly.utterancesPerSecond} utterances/s`,
    );
    await writeFile(
      new URL('./results/assistant.json', import.meta.url),
      `${JSON.stringify(
        {
          when: new Date().toISOString(),
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
          database: scratch ? 'postgres' : 'pglite',
          settings: {
            requests: REQUESTS,
            concurrency: CONCURRENCY,
            mcpCalls: MCP_CALLS,
            seededTasks: SEED_TASKS,
          },
          ...summary,
        },
        null,
        2,
      )}\n`,
    );
    log('wrote bench/results/assistant.json');
  } finally {
    await app.close();
    await memory?.close();
    await scratch?.drop();
  }
}

await main();
