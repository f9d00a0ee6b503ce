import { describe, expect, it } from 'vitest';
import type { ChatMessage, ToolCall } from '../../contract/chat.ts';
import type { AssistantTurn } from '../ports/assistant.ts';
import { FakeTools } from './corpus/fake-tools.ts';
import { CORPUS } from './corpus/index.ts';
import { NOW, T, TASKS, ZONE } from './corpus/tasks.ts';
import { Interpreter, NOT_UNDERSTOOD } from './interpreter.ts';

const actor = { userId: 'user-1', timeZone: ZONE };
const interpreter = new Interpreter({
  clock: { now: () => NOW },
  toolboxFor: () => new FakeTools(TASKS, NOW),
});

const failed = (call: ToolCall) => Boolean((call.output as { error?: unknown } | null)?.error);

/** Which tool must have succeeded for a reply line to say so. */
const CLAIMS: [RegExp, string[]][] = [
  [/^Added /, ['quick_add', 'add_task']],
  [/^Marked .* as done/, ['complete_task']],
  [/^Reopened /, ['reopen_task']],
  [/^Deleted /, ['delete_task']],
  [/^(?:Moved|Removed the due date|Renamed|Set the priority|Tagged) /, ['update_task']],
  [/^I will remind you/, ['set_reminder']],
];

/**
 * The reply may only claim what a tool did, and only name tasks a tool returned: the two promises
 * of the assistant, checked on every turn of the corpus.
 */
function expectHonest(turn: AssistantTurn): void {
  const succeeded = new Set(turn.toolCalls.filter((c) => !failed(c)).map((c) => c.tool));
  for (const line of turn.reply.split('\n')) {
    for (const [claim, tools] of CLAIMS)
      if (claim.test(line))
        expect(
          tools.some((t) => succeeded.has(t)),
          `"${line}" without ${tools}`,
        ).toBe(true);
  }
  const returned = new Set(
    turn.toolCalls.flatMap((c) => {
      const output = c.output as { task?: { title: string }; items?: { title: string }[] } | null;
      return [output?.task?.title, ...(output?.items ?? []).map((t) => t.title)].filter(Boolean);
    }),
  );
  // Titles are quoted “…”; the user's words and examples ‘…’ (present.ts).
  for (const [, title] of turn.reply.matchAll(/“([^”]+)”/g))
    expect(returned.has(title), `reply names “${title}”`).toBe(true);
}

describe('the interpreter corpus', () => {
  it('has at least 150 utterances, each said once', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CORPUS.map((c) => c.say)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS)('$say', async ({ say, calls }) => {
    const turn = await interpreter.respond(actor, [], say);
    expect(turn.toolCalls.map((c) => [c.tool, c.input])).toEqual(calls);
    expect(turn.toolCalls.filter(failed)).toEqual([]);
    expect(turn.reply).not.toBe('');
    expectHonest(turn);
  });
});

describe('conversations with the interpreter', () => {
  const say = async (history: ChatMessage[], message: string) => {
    const turn = await interpreter.respond(actor, history, message);
    history.push(
      { role: 'user', content: message, at: NOW.toISOString() },
      {
        role: 'assistant',
        content: turn.reply,
        at: NOW.toISOString(),
        toolCalls: turn.toolCalls,
        ...(turn.clarification ? { clarification: turn.clarification } : {}),
      },
    );
    return turn;
  };

  it('asks which task when several match, then acts on the one picked', async () => {
    const history: ChatMessage[] = [];
    const question = await say(history, 'done with the report');
    expect(question.reply).toMatch(
      /Several tasks match ‘the report’:\n1\. “Write quarterly report”.*\n2\. “Report expenses”/,
    );
    expect(question.reply).toMatch(/Which one should I mark as done\?/);
    expect(question.clarification?.candidates.map((c) => c.id)).toEqual([T.report, T.expenses]);
    const answer = await say(history, 'the second one');
    expect(answer.toolCalls.map((c) => [c.tool, c.input])).toEqual([['complete_task', { id: T.expenses }]]);
    expect(answer.reply).toBe('Marked “Report expenses” as done.');
  });

  it('takes a number, a title word, "both" or "none" as the answer', async () => {
    for (const [pick, ids] of [
      ['1', [T.report]],
      ['quarterly', [T.report]],
      ['the one about expenses', [T.expenses]],
      ['both', [T.report, T.expenses]],
      ['none', []],
    ] as const) {
      const history: ChatMessage[] = [];
      await say(history, 'move the report to tomorrow 9am');
      const turn = await say(history, pick);
      expect(turn.toolCalls.map((c) => (c.input as { id: string }).id)).toEqual(ids);
      for (const call of turn.toolCalls)
        expect(call).toMatchObject({
          tool: 'update_task',
          input: { dueAt: '2026-11-23T09:00:00', allDay: false },
        });
      if (pick === 'none') expect(turn.reply).toBe('OK, I left everything as it was.');
    }
  });

  it('reads a message that is not an answer as a new request', async () => {
    const history: ChatMessage[] = [];
    await say(history, 'delete the report');
    const turn = await say(history, "what's overdue?");
    expect(turn.toolCalls.map((c) => c.tool)).toEqual(['list_tasks']);
  });

  it('resolves "it" to the task the last answer was about, and asks when there is none', async () => {
    const history: ChatMessage[] = [];
    expect((await say(history, 'move it to friday')).reply).toMatch(/^Which task do you mean\?/);
    await say(history, 'remind me 30 minutes before the dentist');
    const moved = await say(history, 'move it to friday 3pm');
    expect(moved.toolCalls.map((c) => [c.tool, c.input])).toEqual([
      ['update_task', { id: T.dentist, dueAt: '2026-11-27T15:00:00', allDay: false }],
    ]);
    const done = await say(history, 'done with it');
    expect(done.toolCalls.map((c) => [c.tool, c.input])).toEqual([['complete_task', { id: T.dentist }]]);
  });

  it('says plainly when it did not understand, and does nothing', async () => {
    const turn = await interpreter.respond(actor, [], 'the mitochondria is the powerhouse of the cell');
    expect(turn).toEqual({ reply: NOT_UNDERSTOOD, toolCalls: [], clarification: undefined });
  });

  it('reports a failed tool call as a failure', async () => {
    const failing = new Interpreter({
      clock: { now: () => NOW },
      toolboxFor: () => ({
        call: async (tool, input) =>
          tool === 'search_tasks'
            ? { ok: true, input, output: { items: TASKS.filter((t) => t.id === T.gym), nextCursor: null } }
            : {
                ok: false,
                input,
                error: {
                  code: 'conflict',
                  status: 409,
                  message: 'The task changed while it was being saved; try again.',
                },
              },
      }),
    });
    const turn = await failing.respond(actor, [], 'delete the gym session');
    expect(turn.reply).toBe(
      'I could not do that with “Gym session”: The task changed while it was being saved; try again.',
    );
    expectHonest(turn);
  });
});
