// The MCP server as clients use it: the official SDK client over Streamable HTTP against a real
// listener, and over stdio through `taskstream mcp` (a real child process relaying to it).
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationListSchema } from '../../contract/notification.ts';
import { TaskPageSchema, TaskSchema } from '../../contract/task.ts';
import { ConfigError } from '../../src/config.ts';
import { relay, runMcpStdio } from '../../src/main/mcp-stdio.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

const bin = new URL('../../bin/taskstream.js', import.meta.url).pathname;
const TOOL_NAMES = [
  'add_task',
  'complete_task',
  'delete_task',
  'list_notifications',
  'list_tasks',
  'quick_add',
  'reopen_task',
  'search_tasks',
  'set_reminder',
  'update_task',
];

let t: TestApp;
let url: string;
let ann: ApiClient;
let bob: ApiClient;
const clients: Client[] = [];

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'taskstream-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

const textOf = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

beforeAll(async () => {
  t = await startTestApp({ clock: new FakeClock('2026-11-22T10:00:00Z') });
  url = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  bob = await t.signUp({ name: 'Bob', timeZone: 'America/New_York' });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await t.close();
});

describe('MCP over Streamable HTTP', () => {
  it('lists every tool with a JSON Schema input and a structured output schema', async () => {
    const client = await connect(ann.token);
    expect(client.getServerVersion()?.name).toBe('taskstream');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description).toBeTruthy();
    }
    const add = tools.find((tool) => tool.name === 'add_task')!;
    expect(add.inputSchema.required).toEqual(['title']);
    expect((add.inputSchema.properties as any).dueAt.description).toMatch(/YYYY-MM-DD/);
    expect(tools.find((tool) => tool.name === 'delete_task')!.annotations?.destructiveHint).toBe(true);
    expect(tools.find((tool) => tool.name === 'list_tasks')!.annotations?.readOnlyHint).toBe(true);
  });

  it('runs each tool through the use case the REST API uses', async () => {
    const client = await connect(ann.token);
    const quick = await call(client, 'quick_add', { text: 'Call mom every sunday at 6pm #family' });
    expect(quick.isError).toBeFalsy();
    const mom = TaskSchema.parse((quick.structuredContent as any).task);
    expect(mom).toMatchObject({
      title: 'Call mom',
      tags: ['family'],
      recurrence: { rule: 'FREQ=WEEKLY;BYDAY=SU', basis: 'due' },
      dueAt: '2026-11-22T17:00:00.000Z',
    });
    expect(JSON.parse(textOf(quick))).toEqual(quick.structuredContent);
    // The REST API sees exactly what the tool answered.
    expect((await ann.get(`/api/tasks/${mom.id}`)).body).toEqual(mom);

    const added = await call(client, 'add_task', { title: ' Dentist ', dueAt: '2026-11-27T15:00:00' });
    const dentist = TaskSchema.parse((added.structuredContent as any).task);
    expect(dentist).toMatchObject({ title: 'Dentist', dueAt: '2026-11-27T14:00:00.000Z', priority: 'none' });

    const listed = await call(client, 'list_tasks', { status: 'all', tags: ['family'] });
    expect(TaskPageSchema.parse(listed.structuredContent).items.map((x) => x.id)).toEqual([mom.id]);
    const overdue = await call(client, 'list_tasks', { overdue: true, priority: ['high', 'urgent'] });
    expect((overdue.structuredContent as any).items).toEqual([]);

    const found = await call(client, 'search_tasks', { query: 'dent' });
    expect(TaskPageSchema.parse(found.structuredContent).items.map((x) => x.id)).toEqual([dentist.id]);

    const moved = await call(client, 'update_task', {
      id: dentist.id,
      dueAt: '2026-11-28T10:00:00',
      priority: 'high',
    });
    expect((moved.structuredContent as any).task).toMatchObject({
      dueAt: '2026-11-28T09:00:00.000Z',
      priority: 'high',
      version: 2,
    });
    const stale = await call(client, 'update_task', { id: dentist.id, title: 'x', ifMatch: 1 });
    expect(stale.isError).toBe(true);
    expect(textOf(stale)).toMatch(/^Precondition failed: The task is at version 2/);

    const reminded = await call(client, 'set_reminder', { id: dentist.id, offsetMinutes: 60 });
    expect(reminded.structuredContent).toMatchObject({
      reminder: { offsetMinutes: 60, remindAt: '2026-11-28T08:00:00.000Z', state: 'pending' },
    });
    const again = await call(client, 'set_reminder', { id: dentist.id, offsetMinutes: 60 });
    expect((again.structuredContent as any).task.reminders).toHaveLength(1);
    const at = await call(client, 'set_reminder', { id: dentist.id, at: '2026-11-27T18:00:00+01:00' });
    expect((at.structuredContent as any).task.reminders.map((r: any) => r.remindAt)).toEqual([
      '2026-11-28T08:00:00.000Z',
      '2026-11-27T17:00:00.000Z',
    ]);

    const done = await call(client, 'complete_task', { id: dentist.id });
    expect((done.structuredContent as any).task.status).toBe('completed');
    const reopened = await call(client, 'reopen_task', { id: dentist.id });
    expect((reopened.structuredContent as any).task.status).toBe('pending');

    const deleted = await call(client, 'delete_task', { id: dentist.id });
    expect(deleted.structuredContent).toEqual({ id: dentist.id, deleted: true });
    expect((await ann.get(`/api/tasks/${dentist.id}`)).status).toBe(404);

    const notifications = await call(client, 'list_notifications', { unread: true });
    expect(NotificationListSchema.parse(notifications.structuredContent)).toEqual({
      items: [],
      unreadCount: 0,
    });
  });

  it('answers bad input with a tool error naming each field, and changes nothing', async () => {
    const client = await connect(ann.token);
    const before = (await ann.get('/api/tasks?status=all&limit=200')).body.items.length;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['add_task', { title: '   ' }, /title: must not be empty/],
      ['add_task', { title: 'x', colour: 'red' }, /colour: is not a known field/],
      ['add_task', { title: 'x', dueAt: 'next tuesday' }, /dueAt: must be an ISO 8601/],
      [
        'add_task',
        { title: 'x', recurrence: { rule: 'FREQ=DAILY' } },
        /recurrence: a recurring task needs dueAt/,
      ],
      ['quick_add', {}, /text/],
      ['list_tasks', { limit: 0 }, /limit/],
      ['list_tasks', { cursor: 'forged' }, /cursor/],
      ['search_tasks', { query: '' }, /query: must not be empty/],
      ['set_reminder', { id: 'x', offsetMinutes: 5, at: '2026-11-27T18:00:00Z' }, /either offsetMinutes/],
      ['set_reminder', { id: 'x', offsetMinutes: -5 }, /offsetMinutes: must not be negative/],
      ['update_task', { title: 'no id' }, /id/],
      ['list_notifications', { unread: 'yes' }, /unread/],
    ];
    for (const [name, args, message] of cases) {
      const result = await call(client, name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(result), name).toMatch(/^Invalid request: /);
      expect(textOf(result), name).toMatch(message);
      expect(result.structuredContent).toBeUndefined();
    }
    const bare = await call(client, 'add_task', { title: 'Due' });
    const task = (bare.structuredContent as any).task;
    const offset = await call(client, 'set_reminder', { id: task.id, offsetMinutes: 10 });
    expect(textOf(offset)).toMatch(/a reminder before the due time needs dueAt/);
    expect((await ann.get('/api/tasks?status=all&limit=200')).body.items.length).toBe(before + 1);
  });

  it("answers another user's id exactly like an unknown one", async () => {
    const annClient = await connect(ann.token);
    const bobClient = await connect(bob.token);
    const bobs = TaskSchema.parse(
      ((await call(bobClient, 'add_task', { title: 'Bob private' })).structuredContent as any).task,
    );
    const answers = new Set<string>();
    for (const id of [bobs.id, '0190b7a0-0000-7000-8000-000000000000', 'not-an-id']) {
      for (const [name, args] of [
        ['complete_task', { id }],
        ['delete_task', { id }],
        ['update_task', { id, title: 'mine now' }],
        ['set_reminder', { id, offsetMinutes: 5 }],
        ['reopen_task', { id }],
      ] as const) {
        const result = await call(annClient, name, args);
        expect(result.isError).toBe(true);
        answers.add(textOf(result));
      }
    }
    expect([...answers]).toEqual(['Not found: No such task.']);
    expect((await call(annClient, 'search_tasks', { query: 'Bob private' })).structuredContent).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await bob.get(`/api/tasks/${bobs.id}`)).body).toEqual(bobs);
  });

  it('refuses an unknown tool as a protocol error', async () => {
    const client = await connect(ann.token);
    await expect(call(client, 'drop_database', {})).rejects.toThrow(/Unknown tool: drop_database/);
  });

  it('needs a session, keeps no session of its own, and refuses other origins', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await anonymous.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    expect((await post({ authorization: 'Bearer forged' })).status).toBe(401);
    await expect(connect('forged')).rejects.toThrow();

    const auth = { authorization: `Bearer ${ann.token}` };
    const listed = await post(auth);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('mcp-session-id')).toBeNull();
    expect(((await listed.json()) as any).result.tools).toHaveLength(TOOL_NAMES.length);

    const stream = await fetch(`${url}/mcp`, { headers: { ...auth, accept: 'text/event-stream' } });
    expect(stream.status).toBe(405);
    expect(stream.headers.get('allow')).toBe('POST, DELETE');
    expect((await fetch(`${url}/mcp`, { method: 'DELETE', headers: auth })).status).toBe(200);

    const foreign = await post({ ...auth, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const broken = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{"jsonrpc":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: -32700 } });
  });
});

describe('taskstream mcp (stdio)', () => {
  it('relays a desktop client to the running server with the token', async () => {
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp'],
      env: {
        ...(process.env as Record<string, string>),
        TASKSTREAM_URL: url,
        TASKSTREAM_TOKEN: ann.token,
        LOG_LEVEL: 'silent',
      },
      stderr: 'pipe',
    });
    await client.connect(transport);
    clients.push(client);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES);
      const added = await call(client, 'quick_add', { text: 'Water plants tomorrow 9am !high' });
      const task = TaskSchema.parse((added.structuredContent as any).task);
      expect(task).toMatchObject({
        title: 'Water plants',
        priority: 'high',
        dueAt: '2026-11-23T08:00:00.000Z',
      });
      expect((await ann.get(`/api/tasks/${task.id}`)).status).toBe(200);
      const bad = await call(client, 'complete_task', { id: 'nope' });
      expect(textOf(bad)).toBe('Not found: No such task.');
    } finally {
      await client.close();
    }
  }, 30_000);

  it('fails fast with one clear line when the token is missing or wrong', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, 'mcp'], {
          env: { ...(process.env as Record<string, string>), TASKSTREAM_TOKEN: '', ...env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const [missing, wrong, down] = await Promise.all([
      run({ TASKSTREAM_URL: url }),
      run({ TASKSTREAM_URL: url, TASKSTREAM_TOKEN: 'forged' }),
      run({ TASKSTREAM_URL: 'http://127.0.0.1:9', TASKSTREAM_TOKEN: 'x' }),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/TASKSTREAM_TOKEN is not set/);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/TASKSTREAM_TOKEN is not a valid session/);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/Cannot reach Taskstream at http:\/\/127\.0\.0\.1:9/);
  }, 30_000);
});

describe('the stdio relay, in process', () => {
  /** Runs the relay on in-memory stdin/stdout; `ask` writes one message and reads the answer. */
  function start(target: string, token: string) {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const notes: string[] = [];
    const lines: any[] = [];
    let wake: () => void = () => {};
    stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      wake();
    });
    const running = relay({ url: target, token, stdin, stdout, log: (line) => notes.push(line) });
    const ask = async (message: Record<string, unknown>) => {
      stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
      if (!('id' in message)) return null;
      while (!lines.some((l) => l.id === message.id)) await new Promise<void>((resolve) => (wake = resolve));
      return lines.find((l) => l.id === message.id);
    };
    const stop = () => {
      stdin.end();
      return running;
    };
    return { ask, notes, stop };
  }

  const initialize = {
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } },
  };

  it('forwards messages both ways, untouched', async () => {
    const pipe = start(url, ann.token);
    expect((await pipe.ask(initialize)).result.serverInfo.name).toBe('taskstream');
    await pipe.ask({ method: 'notifications/initialized' });
    const listed = await pipe.ask({ id: 2, method: 'tools/list', params: {} });
    expect(listed.result.tools).toHaveLength(TOOL_NAMES.length);
    const called = await pipe.ask({
      id: 'x',
      method: 'tools/call',
      params: { name: 'complete_task', arguments: { id: 'no' } },
    });
    expect(called.result).toMatchObject({ isError: true, content: [{ text: 'Not found: No such task.' }] });
    await pipe.stop();
  });

  it('answers a request itself when the server stops answering', async () => {
    const pipe = start('http://127.0.0.1:9', ann.token);
    const answer = await pipe.ask(initialize);
    expect(answer.error.message).toMatch(/^Taskstream at http:\/\/127\.0\.0\.1:9 did not answer/);
    await pipe.ask({ method: 'notifications/initialized' });
    await pipe.stop();
    expect(pipe.notes.join('\n')).toMatch(/taskstream mcp:/);
  });

  it('checks the configuration before relaying', async () => {
    const run = (token: string | undefined, target = url) =>
      runMcpStdio({ mcpRelay: { url: target, token } });
    await expect(run(undefined)).rejects.toThrow(ConfigError);
    await expect(run('forged')).rejects.toThrow(/TASKSTREAM_TOKEN is not a valid session/);
    await expect(run('x', 'http://127.0.0.1:9')).rejects.toThrow(/Cannot reach Taskstream/);
    await expect(run('x', `${url}/nowhere/`)).rejects.toThrow(ConfigError);
  });
});
