// POST /api/chat with the built-in interpreter (no OPENAI_API_KEY), end to end: the same use cases
// as the REST API act, replies come from what they returned, conversations are stored.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatAnswerSchema, ConversationSchema } from '../../contract/chat.ts';
import { loadConfig } from '../../src/config.ts';
import { createTaskstream } from '../../src/main/taskstream.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { FakeClock } from '../support/clock.ts';

let t: TestApp;
let ann: ApiClient;
let bob: ApiClient;
const clock = new FakeClock('2026-11-22T10:00:00Z'); // Sunday, 11:00 in Berlin

beforeAll(async () => {
  t = await startTestApp({ clock });
  ann = await t.signUp({ name: 'Ann', timeZone: 'Europe/Berlin' });
  bob = await t.signUp({ name: 'Bob', timeZone: 'Europe/Berlin' });
});
afterAll(() => t.close());

async function chat(client: ApiClient, message: string, conversationId?: string) {
  const res = await client.post('/api/chat', { message, ...(conversationId ? { conversationId } : {}) });
  expect(res.status, res.text).toBe(200);
  return ChatAnswerSchema.parse(res.body);
}

const find = async (client: ApiClient, q: string) =>
  (await client.get(`/api/tasks?status=all&q=${encodeURIComponent(q)}`)).body.items as any[];

describe('chatting with the built-in interpreter', () => {
  it('does what the issue asks, by talking', async () => {
    const added = await chat(ann, 'add call mom every sunday at 6pm');
    expect(added.reply).toBe('Added “call mom”, due Sun 22 Nov, 18:00, repeating every week on Sunday.');
    expect(added.toolCalls).toHaveLength(1);
    expect(added.toolCalls[0]).toMatchObject({
      tool: 'quick_add',
      input: { text: 'call mom every sunday at 6pm' },
    });
    const [mom] = await find(ann, 'mom');
    expect((added.toolCalls[0]!.output as any).task).toEqual(mom);
    expect(mom.recurrence).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=SU', basis: 'due' });
    const id = added.conversationId;

    await chat(ann, 'add dentist appointment on friday at 2pm', id);
    await chat(ann, 'add team standup every weekday at 9am', id);
    await chat(ann, 'add write the report tomorrow', id);
    await chat(ann, 'add buy groceries', id);

    clock.set('2026-11-22T18:30:00Z');
    const overdue = await chat(ann, "what's overdue?", id);
    expect(overdue.reply).toBe('One overdue task:\n1. “call mom” — was due Sun 22 Nov, 18:00');
    expect(overdue.toolCalls).toMatchObject([{ tool: 'list_tasks', input: { overdue: true } }]);

    const moved = await chat(ann, 'move my dentist task to friday 3pm', id);
    expect(moved.reply).toBe('Moved “dentist appointment” to Fri 27 Nov, 15:00.');
    expect((await find(ann, 'dentist'))[0].dueAt).toBe('2026-11-27T14:00:00.000Z');

    const done = await chat(ann, 'done with the report', id);
    expect(done.reply).toBe('Marked “write the report” as done.');
    expect((await find(ann, 'report'))[0].status).toBe('completed');

    const reminder = await chat(ann, 'remind me an hour before the standup', id);
    expect(reminder.reply).toBe(
      'I will remind you 1 hour before for “team standup” (due Mon 23 Nov, 09:00).',
    );
    expect((await find(ann, 'standup'))[0].reminders).toMatchObject([
      { offsetMinutes: 60, remindAt: '2026-11-23T07:00:00.000Z', state: 'pending' },
    ]);

    const deleted = await chat(ann, 'delete the groceries task', id);
    expect(deleted.reply).toBe('Deleted “buy groceries”.');
    expect(await find(ann, 'groceries')).toEqual([]);

    // The conversation holds every turn, with the tool calls behind each answer.
    const stored = ConversationSchema.parse((await ann.get(`/api/chat/${id}`)).body);
    expect(stored.messages).toHaveLength(20);
    expect(stored.messages.filter((m) => m.role === 'user').map((m) => m.content)[5]).toBe("what's overdue?");
    expect(stored.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Deleted “buy groceries”.' });
    expect(stored.messages.at(-1)!.toolCalls!.map((c) => c.tool)).toEqual(['search_tasks', 'delete_task']);
  });

  it('asks which one when a name is ambiguous, and says when it did not understand', async () => {
    await ann.post('/api/tasks', { title: 'Pay rent' });
    await ann.post('/api/tasks', { title: 'Pay electricity bill' });
    const question = await chat(ann, 'done with pay');
    expect(question.reply).toMatch(/^Several tasks match ‘pay’:\n1\. “Pay (?:rent|electricity bill)”\n2\. /);
    expect(question.reply).toMatch(/Which one should I mark as done\? Answer with its number, or ‘none’\.$/);
    expect(question.toolCalls.map((c) => c.tool)).toEqual(['search_tasks']);
    const picked = await chat(ann, 'the one about rent', question.conversationId);
    expect(picked.reply).toBe('Marked “Pay rent” as done.');

    const lost = await chat(ann, 'sing me a song about the sea');
    expect(lost.reply).toMatch(/^Sorry, I did not understand that, so I did nothing\./);
    expect(lost.toolCalls).toEqual([]);
  });

  it("never finds, names or touches another user's tasks", async () => {
    const bobs = (await bob.post('/api/tasks', { title: 'Bob secret plan', dueAt: '2026-12-01' })).body;
    const attempts = [
      'done with the secret plan',
      'delete bob secret plan',
      'move the secret plan to friday',
      'remind me an hour before the secret plan',
      'find secret',
    ];
    for (const message of attempts) {
      const answer = await chat(ann, message);
      expect(answer.reply).not.toContain('Bob secret plan');
      expect(answer.toolCalls.filter((c) => c.tool !== 'search_tasks')).toEqual([]);
      for (const call of answer.toolCalls) expect((call.output as any).items).toEqual([]);
    }
    expect((await bob.get(`/api/tasks/${bobs.id}`)).body).toEqual(bobs);

    // Bob cannot read or continue Ann's conversation: the same 404 as an unknown id.
    const annChat = await chat(ann, "what's due today?");
    const foreign = await bob.post('/api/chat', {
      message: 'delete it',
      conversationId: annChat.conversationId,
    });
    expect(foreign.status).toBe(404);
    expect((await bob.get(`/api/chat/${annChat.conversationId}`)).status).toBe(404);
    const unknown = await bob.post('/api/chat', {
      message: 'hi',
      conversationId: '0190b7a0-0000-7000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(foreign.body.detail);
  });

  it('refuses bad input and anonymous callers like every route', async () => {
    const empty = await ann.post('/api/chat', { message: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: 'body.message', message: 'must not be empty' }]);
    const badId = await ann.post('/api/chat', { message: 'hi', conversationId: 'nope' });
    expect(badId.body.errors[0].path).toBe('body.conversationId');
    expect((await ann.post('/api/chat', { message: 'x'.repeat(2001) })).status).toBe(400);
    expect((await ann.post('/api/chat', { message: 'hi', extra: 1 })).status).toBe(400);
    expect((await t.request('POST', '/api/chat', { message: 'hi' })).status).toBe(401);
  });
});

describe('conversations are stored, not held', () => {
  it('continues a conversation after the app restarts on the same database', async () => {
    await ann.post('/api/tasks', { title: 'Renew passport' });
    await ann.post('/api/tasks', { title: 'Renew car insurance' });
    const question = await chat(ann, 'delete renew');
    expect(question.reply).toMatch(/^Several tasks match ‘renew’/);

    // A second process on the same database (what a restart, or another replica, is).
    const restarted = await createTaskstream(
      loadConfig({ LOG_LEVEL: 'silent', AUTH_SECRET: 'test-secret-test-secret-test-secret-0' }),
      { database: t.db.database, logger: pino({ level: 'silent' }), clock, manualRelay: true },
    );
    try {
      const res = await restarted.http.inject({
        method: 'POST',
        url: '/api/chat',
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ message: '2', conversationId: question.conversationId }),
      });
      expect(res.statusCode).toBe(200);
      const answer = ChatAnswerSchema.parse(res.json());
      expect(answer.conversationId).toBe(question.conversationId);
      expect(answer.reply).toMatch(/^Deleted “Renew (?:passport|car insurance)”\.$/);
      expect(answer.toolCalls.map((c) => c.tool)).toEqual(['delete_task']);
    } finally {
      await restarted.close();
    }
    expect(await find(ann, 'renew')).toHaveLength(1);
    const stored = ConversationSchema.parse((await ann.get(`/api/chat/${question.conversationId}`)).body);
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('keeps both turns when two arrive at once on one conversation', async () => {
    const first = await chat(ann, 'hi');
    const [a, b] = await Promise.all([
      ann.post('/api/chat', { message: "what's due today?", conversationId: first.conversationId }),
      ann.post('/api/chat', { message: 'what is overdue', conversationId: first.conversationId }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const stored = ConversationSchema.parse((await ann.get(`/api/chat/${first.conversationId}`)).body);
    expect(
      stored.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .sort(),
    ).toEqual(['hi', 'what is overdue', "what's due today?"]);
  });
});
