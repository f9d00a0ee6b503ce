// Which task a phrase names: searched among the user's own tasks with search_tasks (never an id
// from anywhere else), or "it" — the task the conversation's last answer was about.
import type { ChatMessage, Clarification } from '../../contract/chat.ts';
import type { TaskDto } from '../../contract/task.ts';
import type { ToolError } from '../../contract/tools.ts';
import { type Reference, stem } from './phrases.ts';
import type { Toolbox } from './toolbox.ts';

export type Candidate = Clarification['candidates'][number];
export type Action = Clarification['action'];

export type Resolution =
  | { kind: 'one'; task: Candidate }
  | { kind: 'many'; tasks: Candidate[] }
  | { kind: 'none'; text: string }
  /** Only tasks already in the state the action leads to ("done with X" when X is completed). */
  | { kind: 'already'; task: Candidate }
  | { kind: 'error'; error: ToolError['error'] };

export const CANDIDATES_MAX = 5;

export const candidateOf = (task: TaskDto): Candidate => ({
  id: task.id,
  title: task.title,
  status: task.status,
  tags: task.tags,
  dueAt: task.dueAt,
  allDay: task.allDay,
  timeZone: task.timeZone,
});

/** The task the latest answer with tool calls was about, if it was about exactly one. */
export function lastTask(history: readonly ChatMessage[]): Candidate | null {
  const message = [...history].reverse().find((m) => m.role === 'assistant' && m.toolCalls?.length);
  for (const call of [...(message?.toolCalls ?? [])].reverse()) {
    if (call.tool === 'delete_task') return null;
    const output = call.output as { task?: TaskDto; items?: TaskDto[] } | null;
    if (output?.task) return candidateOf(output.task);
    if (output?.items?.length === 1 && output.items[0]) return candidateOf(output.items[0]);
  }
  return null;
}

const wordsOf = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/** Tasks the action can apply to, preferring pending ones (completed ones for reopen). */
function narrow(items: TaskDto[], action: Action): { usable: TaskDto[]; already: TaskDto[] } {
  const pending = items.filter((t) => t.status === 'pending');
  const completed = items.filter((t) => t.status === 'completed');
  if (action === 'reopen') return { usable: completed, already: pending };
  if (action === 'complete') return { usable: pending, already: completed };
  return { usable: pending.length > 0 ? pending : completed, already: [] };
}

export async function resolve(
  toolbox: Toolbox,
  target: Reference,
  action: Action,
  history: readonly ChatMessage[],
): Promise<Resolution> {
  if (target.kind === 'pronoun') {
    const task = lastTask(history);
    return task ? { kind: 'one', task } : { kind: 'none', text: 'it' };
  }
  const tries = [target.words, target.words.map(stem)];
  let items: TaskDto[] = [];
  for (const [i, words] of tries.entries()) {
    if (i > 0 && words.join(' ') === tries[0]?.join(' ')) break;
    const result = await toolbox.call('search_tasks', { query: words.join(' ') });
    if (!result.ok) return { kind: 'error', error: result.error };
    items = (result.output as { items: TaskDto[] }).items;
    if (items.length > 0) break;
  }
  const { usable, already } = narrow(items, action);
  if (usable.length === 0) {
    const done = already[0];
    return done ? { kind: 'already', task: candidateOf(done) } : { kind: 'none', text: target.text };
  }
  // A title that is exactly the phrase wins over titles that merely contain it.
  const phrase = target.words.join(' ');
  const exact = usable.filter((t) => wordsOf(t.title) === phrase);
  const chosen = exact.length === 1 ? exact : usable;
  if (chosen.length === 1 && chosen[0]) return { kind: 'one', task: candidateOf(chosen[0]) };
  return { kind: 'many', tasks: chosen.slice(0, CANDIDATES_MAX).map(candidateOf) };
}

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  one: 1,
  second: 2,
  '2nd': 2,
  two: 2,
  third: 3,
  '3rd': 3,
  three: 3,
  fourth: 4,
  '4th': 4,
  four: 4,
  fifth: 5,
  '5th': 5,
  five: 5,
};

/**
 * The answer to "which one?": positions picked (0-based), 'cancel', or null when the message is
 * not an answer (then it is read as a new request).
 */
export function pick(text: string, clarification: Clarification): number[] | 'cancel' | null {
  const lower = text.toLowerCase().trim();
  const count = clarification.candidates.length;
  if (/^(?:none|neither|never ?mind|cancel|forget it|no|nope|stop|nothing|none of them)$/.test(lower))
    return 'cancel';
  if (/^(?:all|both|all of them|both of them|each|every one|everything)$/.test(lower))
    return clarification.candidates.map((_, i) => i);
  const position = lower.match(
    /^(?:(?:the|number|no\.?|option|#)\s*)?(\d{1,2}|first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|one|two|three|four|five|last)(?:\s+one)?$/,
  )?.[1];
  if (position) {
    const n =
      position === 'last' ? count : /^\d+$/.test(position) ? Number(position) : (ORDINALS[position] ?? 0);
    return n >= 1 && n <= count ? [n - 1] : null;
  }
  // A few words of one title ("the one about expenses", "write report").
  const words = wordsOf(lower.replace(/^(?:the one|the task|the)\s+(?:about|called|named|with)?\s*/, ''))
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return null;
  const matches = clarification.candidates
    .map((c, i) => ({ i, title: wordsOf(c.title).split(' ') }))
    .filter(({ title }) => words.every((w) => title.some((t) => t.startsWith(w))));
  return matches.length === 1 && matches[0] ? [matches[0].i] : null;
}
