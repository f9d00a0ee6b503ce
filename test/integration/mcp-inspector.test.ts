// The published MCP Inspector CLI (@modelcontextprotocol/inspector-cli, a devDependency: nothing
// is downloaded at run time) driven against the running server, as a third-party client would:
// list the tools, then call each one.
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';

const run = promisify(execFile);
const inspector = fileURLToPath(
  new URL('../../node_modules/@modelcontextprotocol/inspector-cli/build/cli.js', import.meta.url),
);

let t: TestApp;
let url: string;
let ann: ApiClient;

beforeAll(async () => {
  t = await startTestApp();
  url = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
});
afterAll(() => t.close());

/** Runs the inspector in CLI mode and parses the JSON it prints. */
async function inspect(method: string, extra: string[] = []): Promise<any> {
  const { stdout } = await run(
    process.execPath,
    [
      inspector,
      '--cli',
      `${url}/mcp`,
      '--transport',
      'http',
      '--header',
      `Authorization: Bearer ${ann.token}`,
      '--method',
      method,
      ...extra,
    ],
    {
      // The CLI starts its worker with `node` from PATH: make that this Node.
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
      // Its worker checks for "../package.json" relative to the working directory but imports it
      // relative to itself (inspector-cli 1.0.3): from its build/ folder both name its own.
      cwd: dirname(inspector),
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout);
}

const callTool = (name: string, args: Record<string, string | number | boolean>) =>
  inspect('tools/call', [
    '--tool-name',
    name,
    ...Object.entries(args).flatMap(([key, value]) => ['--tool-arg', `${key}=${value}`]),
  ]);

describe('MCP Inspector CLI against the running server', () => {
  it('lists the tools', async () => {
    const listed = await inspect('tools/list');
    expect(listed.tools.map((tool: { name: string }) => tool.name).sort()).toEqual([
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
    ]);
  }, 60_000);

  it('calls each tool', async () => {
    const make = async (title: string) =>
      (await ann.post('/api/tasks', { title, dueAt: '2030-05-01T09:00:00' })).body.id as string;
    const [toUpdate, toRemind, toComplete, toReopen, toDelete] = await Promise.all(
      ['Inspect update', 'Inspect remind', 'Inspect complete', 'Inspect reopen', 'Inspect delete'].map(make),
    );
    await ann.post(`/api/tasks/${toReopen}/complete`);

    const calls: [string, Record<string, string | number | boolean>, (out: any) => void][] = [
      ['add_task', { title: 'Inspector added', priority: 'low' }, (o) => expect(o.task.priority).toBe('low')],
      [
        'quick_add',
        { text: 'Inspector quick tomorrow 5pm #cli' },
        (o) => expect(o.task).toMatchObject({ title: 'Inspector quick', tags: ['cli'] }),
      ],
      ['list_tasks', { status: 'all', limit: 100 }, (o) => expect(o.items.length).toBeGreaterThanOrEqual(5)],
      [
        'search_tasks',
        { query: 'inspect remind' },
        (o) => expect(o.items.map((x: any) => x.id)).toEqual([toRemind]),
      ],
      ['update_task', { id: toUpdate!, priority: 'urgent' }, (o) => expect(o.task.priority).toBe('urgent')],
      [
        'set_reminder',
        { id: toRemind!, offsetMinutes: 30 },
        (o) => expect(o.reminder.offsetMinutes).toBe(30),
      ],
      ['complete_task', { id: toComplete! }, (o) => expect(o.task.status).toBe('completed')],
      ['reopen_task', { id: toReopen! }, (o) => expect(o.task.status).toBe('pending')],
      ['delete_task', { id: toDelete! }, (o) => expect(o).toEqual({ id: toDelete, deleted: true })],
      ['list_notifications', { unread: true }, (o) => expect(o).toEqual({ items: [], unreadCount: 0 })],
    ];
    // Each call touches its own task, so they can run at once.
    const results = await Promise.all(calls.map(([name, args]) => callTool(name, args)));
    calls.forEach(([name, , check], i) => {
      const result = results[i];
      expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
      check(result.structuredContent);
    });

    const refused = await callTool('complete_task', { id: 'not-a-task' });
    expect(refused).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'Not found: No such task.' }],
    });
  }, 120_000);
});
