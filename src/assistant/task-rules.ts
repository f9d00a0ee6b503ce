// Intent rules about a task the user names: remind, complete, reopen, change, delete. Each gives
// the task as words (resolved later by searching the user's own tasks) and what to do to it.
import type { Priority } from '../../contract/task.ts';
import type { Intent, NewReminder, Rule, TaskAction } from './intents.ts';
import {
  type Context,
  instantOf,
  parseDuration,
  parseWhen,
  reference,
  splitTrailingWhen,
} from './phrases.ts';

export const onTask = (phrase: string | undefined, action: TaskAction): Intent | null => {
  const target =
    phrase === undefined
      ? null
      : reference(phrase.replace(/^(?:completing|finishing|marking|the task) /i, ''));
  return target ? { kind: 'task', target, ...action } : null;
};

const PRIORITY_WORDS: Record<string, Priority> = {
  urgent: 'urgent',
  top: 'urgent',
  critical: 'urgent',
  high: 'high',
  important: 'high',
  medium: 'medium',
  normal: 'medium',
  low: 'low',
  no: 'none',
  none: 'none',
};

const tagList = (text: string): string[] =>
  (text.match(/[\p{L}\p{N}_-]+/gu) ?? [])
    .filter((t) => !/^(?:and|tags?|labels?|the)$/i.test(t))
    .map((t) => t.toLowerCase());

/** "an hour before", "10 minutes ahead", "when it is due" → a reminder before the due time. */
function offsetReminder(phrase: string): NewReminder | null {
  if (/^(?:when (?:it is |it's )?due|at the (?:due )?time|on time|when it starts)$/i.test(phrase.trim()))
    return { offsetMinutes: 0 };
  const m = phrase.trim().match(/^(.+?) (?:before|ahead|early|in advance|beforehand|prior)$/i);
  const minutes = m?.[1] ? parseDuration(m[1]) : null;
  return minutes === null ? null : { offsetMinutes: minutes };
}

/** "<task> <an hour before | tomorrow at 9 | when due>": the task words and the reminder. */
export function taskThenReminder(rest: string, ctx: Context): Intent | null {
  const words = rest.split(' ');
  for (let i = 1; i < words.length; i++) {
    const reminder = offsetReminder(words.slice(i).join(' '));
    if (reminder) return onTask(words.slice(0, i).join(' '), { action: 'remind', reminder });
  }
  const split = splitTrailingWhen(rest, ctx);
  if (split?.head)
    return onTask(split.head, { action: 'remind', reminder: { at: instantOf(split.due, ctx.timeZone) } });
  return null;
}

/** "<task> to friday 3pm", "<task> by 2 days", "<task> friday": a move. */
function taskThenWhen(rest: string, ctx: Context, shiftVerb: boolean): Intent | null {
  const shift = rest.match(
    /^(.+?) (?:back |forward |out )?(?:by |for )?((?:an?|one|two|three|\d+) (?:days?|weeks?|hours?))$/i,
  );
  const minutes = shift?.[2] ? parseDuration(shift[2]) : null;
  if (shiftVerb && shift?.[1] && minutes !== null)
    return onTask(shift[1], { action: 'update', change: { kind: 'shift', minutes } });
  for (const m of rest.matchAll(/ (?:back |forward )?(?:to|until|till|for|on|at) /gi)) {
    const head = rest.slice(0, m.index);
    const due = parseWhen(rest.slice((m.index ?? 0) + m[0].length), ctx);
    if (head && due) return onTask(head, { action: 'update', change: { kind: 'due', ...due } });
  }
  const split = splitTrailingWhen(rest, ctx);
  return split?.head ? onTask(split.head, { action: 'update', change: { kind: 'due', ...split.due } }) : null;
}

/** Reminders on an existing task; before "remind me to …", which adds one. */
export const REMIND_RULES: Rule[] = [
  (t) => {
    const m = t.match(/^remind me (.+?) (?:before|ahead of|prior to) (.+)$/i);
    const minutes = m?.[1] ? parseDuration(m[1]) : null;
    return minutes === null
      ? null
      : onTask(m?.[2], { action: 'remind', reminder: { offsetMinutes: minutes } });
  },
  (t, ctx) => {
    const m = t.match(/^remind me (?:about|of) (.+)$/i);
    if (!m?.[1]) return null;
    return (
      taskThenReminder(m[1], ctx) ?? {
        kind: 'unknown',
        hint: `When should I remind you? For example ‘remind me about ${m[1]} tomorrow at 9am’ or ‘… an hour before’.`,
      }
    );
  },
  (t, ctx) => {
    const m = t.match(/^remind me (.+?) (?:about|of) (.+)$/i);
    const due = m?.[1] ? parseWhen(m[1], ctx) : null;
    if (due) return onTask(m?.[2], { action: 'remind', reminder: { at: instantOf(due, ctx.timeZone) } });
    const offset = m?.[1] ? offsetReminder(m[1]) : null;
    return offset ? onTask(m?.[2], { action: 'remind', reminder: offset }) : null;
  },
];

export const CHANGE_RULES: Rule[] = [
  // Completing, reopening.
  (t) =>
    onTask(
      t.match(
        /^(?:mark|set|flag) (.+?) (?:as )?(?:not done|undone|incomplete|pending|open|unfinished|not finished|not complete)$/i,
      )?.[1],
      { action: 'reopen' },
    ),
  (t) =>
    onTask(
      t.match(
        /^(?:reopen|re-open|uncomplete|un-complete|unmark|undo|restore|reactivate)(?: the task)? (.+)$/i,
      )?.[1],
      { action: 'reopen' },
    ),
  (t) =>
    onTask(t.match(/^(?:mark|set|flag) (.+?) (?:as )?(?:done|complete|completed|finished)$/i)?.[1], {
      action: 'complete',
    }),
  (t) =>
    onTask(
      t.match(/^(?:complete|finish|check off|tick off|cross off|close|resolve)(?: the task)? (.+)$/i)?.[1],
      { action: 'complete' },
    ),
  (t) =>
    onTask(t.match(/^(?:check|tick|cross) (.+?) off(?: (?:my|the) list)?$/i)?.[1], { action: 'complete' }),
  (t) =>
    onTask(
      t.match(/^(?:I am |I have )?(?:all |now |just )?(?:done|finished|through|completed) with (.+)$/i)?.[1],
      { action: 'complete' },
    ),
  (t) =>
    onTask(
      t.match(
        /^(?:I )?(?:just |already |finally )?(?:finished|completed|did|have done|have finished|have completed|got done with|done):? (.+)$/i,
      )?.[1],
      {
        action: 'complete',
      },
    ),
  // Changing a task.
  (t) =>
    onTask(
      t.match(
        /^(?:remove|clear|drop|delete|unset) (?:the )?(?:due date|deadline|due time|date) (?:of|from|on|for) (.+)$/i,
      )?.[1],
      {
        action: 'update',
        change: { kind: 'due', dueAt: null },
      },
    ),
  (t) => {
    const m =
      t.match(/^(?:rename|retitle) (.+?) (?:to|as|into) (.+)$/i) ??
      t.match(/^change (?:the )?(?:name|title) of (.+?) to (.+)$/i);
    const title = m?.[2]?.replace(/^["']|["']$/g, '').trim();
    return title ? onTask(m?.[1], { action: 'update', change: { kind: 'title', title } }) : null;
  },
  (t) => {
    const m =
      t.match(
        /^(?:set|change|raise|lower|bump) (?:the )?priority (?:of|for|on) (.+?) to (\w+)(?: priority)?$/i,
      ) ??
      t.match(
        /^(?:make|mark|set|flag) (.+?) (?:as |to )?(?:an? )?(urgent|top|critical|high|important|medium|normal|low|no)(?: priority| prio)?$/i,
      );
    const priority = PRIORITY_WORDS[m?.[2]?.toLowerCase() ?? ''];
    return priority ? onTask(m?.[1], { action: 'update', change: { kind: 'priority', priority } }) : null;
  },
  (t) =>
    onTask(t.match(/^prioriti[sz]e (.+)$/i)?.[1], {
      action: 'update',
      change: { kind: 'priority', priority: 'high' },
    }),
  (t) =>
    onTask(t.match(/^deprioriti[sz]e (.+)$/i)?.[1], {
      action: 'update',
      change: { kind: 'priority', priority: 'low' },
    }),
  (t) => {
    const m =
      t.match(/^(?:tag|label) (.+?) (?:with|as) (.+)$/i)?.slice(1) ??
      t
        .match(/^add (?:the )?(?:tags?|labels?) (.+?) to (.+)$/i)
        ?.slice(1)
        .reverse() ??
      t
        .match(/^add (#\S+(?:(?:\s*,\s*|\s+and\s+|\s+)#\S+)*) to (.+)$/i)
        ?.slice(1)
        .reverse();
    const tags = m?.[1] ? tagList(m[1]) : [];
    return tags.length > 0 ? onTask(m?.[0], { action: 'update', change: { kind: 'tags', add: tags } }) : null;
  },
  (t, ctx) => {
    const m = t.match(
      /^(?:change|set|update|move) (?:the )?(?:due date|deadline|date|time|due time) (?:of|for|on) (.+?) to (.+)$/i,
    );
    const due = m?.[2] ? parseWhen(m[2], ctx) : null;
    return due ? onTask(m?.[1], { action: 'update', change: { kind: 'due', ...due } }) : null;
  },
  (t, ctx) => {
    const m = t.match(
      /^(move|reschedule|postpone|push back|push|shift|defer|delay|bump|change|put|snooze) (.+)$/i,
    );
    const intent = m?.[2]
      ? taskThenWhen(m[2], ctx, !/^(?:move|reschedule|change|put)$/i.test(m[1] ?? ''))
      : null;
    if (intent || !m || /^(?:change|put)$/i.test(m[1] ?? '')) return intent;
    return { kind: 'unknown', hint: `To when? For example ‘${m[1]?.toLowerCase()} ${m[2]} to friday 3pm’.` };
  },
  (t) =>
    onTask(
      t.match(
        /^(?:delete|remove|drop|trash|erase|discard|scrap|get rid of|cancel|forget about|kill|ditch|nuke)(?: the task)? (.+)$/i,
      )?.[1],
      {
        action: 'delete',
      },
    ),
];

/** Sentences about a task ("the report is done"): tried after questions, so "what is done?" stays one. */
export const TASK_STATEMENT_RULES: Rule[] = [
  (t) =>
    onTask(t.match(/^(.+?) (?:is|are) not (?:done|finished|complete|completed)(?: yet)?$/i)?.[1], {
      action: 'reopen',
    }),
  (t) =>
    onTask(
      t.match(
        /^(.+?) (?:is|are|was|has been|have been) (?:done|finished|complete|completed|taken care of|sorted|handled)$/i,
      )?.[1],
      {
        action: 'complete',
      },
    ),
  (t) =>
    onTask(t.match(/^(.+?) (?:is|are) (?:cancelled|canceled|no longer needed|not needed)$/i)?.[1], {
      action: 'delete',
    }),
  (t) => {
    const m = t.match(/^(.+?) (?:is|are) (?:now )?(urgent|important|high priority|low priority)$/i);
    const priority = PRIORITY_WORDS[m?.[2]?.toLowerCase().replace(' priority', '') ?? ''];
    return priority ? onTask(m?.[1], { action: 'update', change: { kind: 'priority', priority } }) : null;
  },
  (t, ctx) => {
    const m = t.match(/^(?:make )?(.+?) (?:is )?(?:now )?due (.+)$/i);
    const due = m?.[2] ? parseWhen(m[2], ctx) : null;
    return due ? onTask(m?.[1], { action: 'update', change: { kind: 'due', ...due } }) : null;
  },
];
