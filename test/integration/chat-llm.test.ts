// POST /api/chat with OPENAI_API_KEY: the assistant plans with a "model" — here a local server
// speaking the Chat Completions protocol over real HTTP (test/support/fake-llm.ts) — and the
// server holds it to the tools: validated arguments, ids only from tool results, replies only
// from what the tools returned.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatAnswerSchema } from '../../contract/chat.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';
import { type FakeLlm, lastUserMessage, startFakeLlm, toolResults } from '../support/fake-llm.ts';

let llm: FakeLlm;
let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;

beforeAll(async () => {
  llm = await startFakeLlm();
  t = await startTestApp({
    clock: new FakeClock('2026-11-22T10:00:00Z'),
    env: { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: 'fake-model-1' },
  });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  bob = await t.signUp({ name: 'Bob', timeZone: 'Europe/Berlin' });
});
afterAll(async () => {
  await t.close();
  await llm.close();
});
beforeEach(() => {
  llm.requests.length = 0;
});

async function chat(client: ApiClient, message: string, conversationId?: string) {
  const res = await client.post('/api/chat', { message, ...(conversationId ? { conversationId } : {}) });
  expect(res.status, res.text).toBe(200);
  return ChatAnswerSchema.parse(res.body);
}

describe('the LLM path', () => {
  it('sends the tools and the context, searches, then acts on the id the search returned', async () => {
    const report = (await ann.post('/api/tasks', { title: 'Write the report', dueAt: '2026-11-24T17:00:00' }))
      .body;
    llm.script((request, turn) => {
      if (turn === 0) return { toolCalls: [{ name: 'search_tasks', arguments: { query: 'report' } }] };
      if (turn === 1) {
        const [found] = toolResults(request);
        return { toolCalls: [{ name: 'complete_task', arguments: { id: found.items[0].id } }] };
      }
      return { content: 'Done! I also moved your dentist appointment and bought milk.' };
    });
    const answer = await chat(ann, 'finished the report');
    // The reply comes from the tools, not from the model's (untrue) last sentence.
    expect(answer.reply).toBe('Marked “Write the report” as done.');
    expect(answer.toolCalls.map((c) => [c.tool, c.input])).toEqual([
      ['search_tasks', { query: 'report' }],
      ['complete_task', { id: report.id }],
    ]);
    expect((await ann.get(`/api/tasks/${report.id}`)).body.status).toBe('completed');

    const [first] = llm.requests;
    expect(first!.headers.authorization).toBe('Bearer sk-test-key');
    expect(first!.body.model).toBe('fake-model-1');
    expect(first!.body.tools!.map((tool) => tool.function.name).sort()).toEqual([
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
    const add = first!.body.tools!.find((tool) => tool.function.name === 'add_task')!;
    expect(add.function.parameters).toMatchObject({ type: 'object', required: ['title'] });
    expect(add.function.parameters.$schema).toBeUndefined();
    expect(first!.body.messages[0]).toMatchObject({ role: 'system' });
    expect(first!.body.messages[0]!.content).toMatch(/Europe\/Berlin/);
    expect(first!.body.messages[0]!.content).toMatch(/Sunday, 22 November 2026 at 11:00/);
    expect(lastUserMessage(first!.body)).toBe('finished the report');
    // Each later request carries the model's tool calls and the tools' answers.
    expect(llm.requests[2]!.body.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
  });

  it('refuses ids no tool returned — invented ones and other users’ alike — and runs nothing', async () => {
    const bobs = (await bob.post('/api/tasks', { title: 'Bob private task' })).body;
    llm.script((_request, turn) =>
      turn === 0
        ? {
            toolCalls: [
              { name: 'delete_task', arguments: { id: bobs.id } },
              { name: 'complete_task', arguments: { id: '0190b7a0-0000-7000-8000-0000000000ff' } },
            ],
          }
        : { content: 'I have deleted it.' },
    );
    const answer = await chat(ann, 'delete the private task');
    expect(answer.toolCalls).toHaveLength(2);
    for (const call of answer.toolCalls)
      expect((call.output as any).error.message).toMatch(
        /was not returned by a tool in this conversation turn/,
      );
    expect(answer.reply).not.toMatch(/deleted/i);
    expect(answer.reply).toMatch(/^I could not find that task \(delete_task\), so nothing changed\./);
    expect((await bob.get(`/api/tasks/${bobs.id}`)).body).toEqual(bobs);

    // Searching does not reveal Bob's task either: the search runs over Ann's tasks only.
    llm.script((request, turn) => {
      if (turn === 0) return { toolCalls: [{ name: 'search_tasks', arguments: { query: 'Bob private' } }] };
      const [found] = toolResults(request);
      return found.items.length
        ? { toolCalls: [{ name: 'delete_task', arguments: { id: found.items[0].id } }] }
        : { content: 'I could not find that task.' };
    });
    const searched = await chat(ann, 'delete bob private task');
    expect(searched.toolCalls.map((c) => c.tool)).toEqual(['search_tasks']);
    expect(searched.reply).toBe('You have no matching tasks.');
    expect((await bob.get(`/api/tasks/${bobs.id}`)).status).toBe(200);
  });

  it('validates every argument, lets the model correct itself, and reports only what ran', async () => {
    const dentist = (await ann.post('/api/tasks', { title: 'Dentist', dueAt: '2026-11-25T14:00:00' })).body;
    llm.script((request, turn) => {
      const results = toolResults(request);
      if (turn === 0) return { toolCalls: [{ name: 'search_tasks', arguments: { query: 'dentist' } }] };
      if (turn === 1)
        return {
          toolCalls: [
            { name: 'update_task', arguments: { id: results[0].items[0].id, dueAt: 'friday 3pm' } },
          ],
        };
      if (turn === 2) {
        expect(results[1].error).toMatchObject({ code: 'validation', errors: [{ path: 'dueAt' }] });
        return {
          toolCalls: [
            { name: 'update_task', arguments: { id: dentist.id, dueAt: '2026-11-27T15:00:00', nonsense: 1 } },
          ],
        };
      }
      if (turn === 3)
        return {
          toolCalls: [{ name: 'update_task', arguments: { id: dentist.id, dueAt: '2026-11-27T15:00:00' } }],
        };
      return { content: 'Moved.' };
    });
    const answer = await chat(ann, 'move the dentist to friday 3pm');
    expect(answer.toolCalls.map((c) => c.tool)).toEqual([
      'search_tasks',
      'update_task',
      'update_task',
      'update_task',
    ]);
    expect((await ann.get(`/api/tasks/${dentist.id}`)).body.dueAt).toBe('2026-11-27T14:00:00.000Z');
    expect(answer.reply.split('\n')).toEqual([
      'I could not do that (update_task): must be an ISO 8601 date-time with offset (2026-03-01T09:00:00Z), a local date-time or a date',
      'I could not do that (update_task): is not a known field',
      'Updated “Dentist” (due Fri 27 Nov, 15:00).',
    ]);
  });

  it('refuses malformed calls and unknown tools without running them', async () => {
    llm.script((_request, turn) =>
      turn === 0
        ? {
            toolCalls: [
              { name: 'quick_add', arguments: '{"text": "half a json' },
              { name: 'drop_all_tables', arguments: {} },
            ],
          }
        : { content: 'OK' },
    );
    const before = (await ann.get('/api/tasks?status=all&limit=200')).body.items.length;
    const answer = await chat(ann, 'add something');
    expect(answer.toolCalls.map((c) => (c.output as any).error.message)).toEqual([
      'Refused: its arguments are not a JSON object.',
      'Refused: there is no tool named drop_all_tables.',
    ]);
    expect((await ann.get('/api/tasks?status=all&limit=200')).body.items.length).toBe(before);
  });

  it('does not let the model claim an action it did not take', async () => {
    llm.script(() => ({ content: "I've added milk to your list." }));
    const claimed = await chat(ann, 'add milk');
    expect(claimed).toMatchObject({
      reply: 'I did not change anything. Could you say it another way?',
      toolCalls: [],
    });
    expect((await ann.get('/api/tasks?q=milk')).body.items).toEqual([]);

    llm.script(() => ({ content: 'Which list do you mean, home or work?' }));
    expect((await chat(ann, 'add milk to the list')).reply).toBe('Which list do you mean, home or work?');
  });

  it('keeps the conversation for the model, and asks its clarifying question after the facts', async () => {
    await ann.post('/api/tasks', { title: 'Pay rent' });
    await ann.post('/api/tasks', { title: 'Pay taxes' });
    llm.script((_request, turn) =>
      turn === 0
        ? { toolCalls: [{ name: 'search_tasks', arguments: { query: 'pay' } }] }
        : { content: 'I found two tasks. Which one did you finish, rent or taxes?' },
    );
    const question = await chat(ann, 'I paid it');
    expect(question.reply).toMatch(
      /^2 matching tasks:\n1\. “Pay (?:rent|taxes)”\n2\. “Pay (?:rent|taxes)”\n/,
    );
    expect(question.reply).toMatch(/\nWhich one did you finish, rent or taxes\?$/);

    llm.script((request) => ({
      content: `You said: ${request.messages.filter((m) => m.role === 'user').length}`,
    }));
    const next = await chat(ann, 'rent', question.conversationId);
    const sent = llm.requests.at(-1)!.body.messages.map((m) => [m.role, m.content]);
    expect(sent.slice(1)).toEqual([
      ['user', 'I paid it'],
      ['assistant', question.reply],
      ['user', 'rent'],
    ]);
    expect(next.reply).toBe('You said: 2');
  });

  it('falls back to the built-in interpreter when the model cannot be reached', async () => {
    llm.script(() => ({ status: 503 }));
    const answer = await chat(ann, 'add water the plants tomorrow');
    expect(answer.reply).toBe(
      '(The language model is unavailable; the built-in assistant answered.) Added “water the plants”, due Mon 23 Nov.',
    );
    expect(llm.requests).toHaveLength(2); // one retry
    expect(answer.toolCalls.map((c) => c.tool)).toEqual(['quick_add']);
  });
});
