// The interpreter's intent rules: one message → what the user wants done, with the task it names
// still as words (resolved later by searching the user's own tasks). Verb-led rules come first,
// then questions, then sentences about a task ("the report is done"); anything else is unknown.
import type { Priority } from '../../contract/task.ts';
import {
  type Context,
  instantOf,
  parseDuration,
  parseWhen,
  type Reference,
  reference,
  splitTrailingWhen,
} from './phrases.ts';
import { isQuestion, type QueryIntent, understandQuestion } from './queries.ts';

export type Change =
  | { kind: 'due'; dueAt: string | null; allDay?: boolean }
  | { kind: 'shift'; minutes: number }
  | { kind: 'title'; title: string }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'tags'; add: string[] };

export type NewReminder = { offsetMinutes: number } | { at: string };

export type TaskAction =
  | { action: 'complete' | 'reopen' | 'delete' }
  | { action: 'update'; change: Change }
  | { action: 'remind'; reminder: NewReminder };

export type Intent =
  | { kind: 'greet' | 'thanks' | 'help' }
  | { kind: 'add'; text: string; remind: boolean }
  | QueryIntent
  | ({ kind: 'task'; target: Reference } & TaskAction)
  | { kind: 'unknown'; hint?: string };

type Rule = (text: string, ctx: Context) => Intent | null;

const onTask = (phrase: string | undefined, action: TaskAction): Intent | null => {
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
function taskThenReminder(rest: string, ctx: Context): Intent | null {
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

const ADD_VERB =
  /^(?:add|create|new|put|schedule|set up|jot down|note down|write down|note to self|note|capture|save|insert|enter|log|record):? (.+)$/i;
const ADD_NOUN =
  /^(?:an? |the )?(?:new )?(?:(?:task|todo|to-do|to do|item|entry)s?\b ?)?(?:(?:to|for|called|named|titled|that says|saying)\b ?)?[:-]? ?/i;
const ADD_TAIL =
  / (?:to|on|in|onto|into) (?:my|the) (?:todo |to-do |task |tasks |shopping )?(?:list|tasks|todos|inbox)$| as an? (?:task|todo)$/i;

function addText(text: string, remind: boolean, ctx: Context): Intent {
  let cleaned = text
    .replace(ADD_NOUN, '')
    .replace(ADD_TAIL, '')
    .trim()
    .replace(/^"(.+)"$/, '$1');
  // Quick add keeps "for" in the title ("dentist for friday 3pm"); as a connector of a trailing
  // date it only reads as English, so drop it.
  // Marks after the date (#tag, !high, p1, "remind me …", "every …") do not belong to it.
  const forWhen = cleaned.match(/^(.+) for (.+)$/);
  const when = forWhen?.[2]?.split(/\s(?=[#!]|p[1-4]\b|remind\b|every\b)/i)[0];
  if (forWhen?.[1] && when && parseWhen(when, ctx)) cleaned = `${forWhen[1]} ${forWhen[2]}`;
  return cleaned ? { kind: 'add', text: cleaned, remind } : { kind: 'unknown', hint: 'What should I add?' };
}

const VERB_RULES: Rule[] = [
  (t) =>
    /^(?:(?:show|list|check|read|open|see|view|get)\s+)?(?:me\s+)?(?:my\s+|the\s+|any\s+|all\s+)?(?:unread\s+|new\s+)?(?:notifications?|alerts?|inbox)$/i.test(
      t,
    ) || /^(?:what is new|anything new|what did I miss)$/i.test(t)
      ? { kind: 'notifications', unread: /\b(?:unread|new|miss)\b/i.test(t) }
      : null,
  (t) =>
    /^(?:delete|remove|complete|finish|done|reopen|move|reschedule|rename|remind me|tag|mark)$/i.test(t)
      ? { kind: 'unknown', hint: 'Which task? Name it, for example ‘delete the groceries task’.' }
      : null,
  (t) =>
    /^(?:hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening|day))$/i.test(t)
      ? { kind: 'greet' }
      : null,
  (t) =>
    /^(?:thanks|thank you|thx|ty|cheers|great|cool|nice|perfect|awesome|ok|okay|got it|good|excellent)$/i.test(
      t,
    )
      ? { kind: 'thanks' }
      : null,
  (t) =>
    /^(?:help|what can you do|how does this work|how do I use (?:this|you)|what can I (?:say|ask)|commands)$/i.test(
      t,
    )
      ? { kind: 'help' }
      : null,
  // Reminders on an existing task, before "remind me to …" (a new task).
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
  (t, ctx) => {
    const m = t.match(/^(?:set|add|create|put|schedule) (?:a |an )?(?:reminder|alert|alarm) (.+)$/i);
    if (!m?.[1]) return null;
    const rest = m[1];
    const create = rest.match(/^to (?!the |my |that |this )(.+)$/i);
    if (create?.[1]) return addText(create[1], true, ctx);
    const before = rest.match(/^(.+?) (?:before|ahead of) (.+)$/i);
    const minutes = before?.[1] ? parseDuration(before[1]) : null;
    if (minutes !== null)
      return onTask(before?.[2], { action: 'remind', reminder: { offsetMinutes: minutes } });
    return taskThenReminder(rest.replace(/^(?:for|on|to|about) /i, ''), ctx);
  },
  (t, ctx) => {
    const m =
      t.match(/^remind me to (.+)$/i) ?? t.match(/^(?:do not|never) (?:let me )?forget (?:to )?(.+)$/i);
    return m?.[1] ? addText(m[1], true, ctx) : null;
  },
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
  (t) => {
    const m = t.match(/^(?:find|search(?: for)?|look for|look up|lookup|where is) (.+)$/i);
    const query = m?.[1]
      ?.replace(/\b(?:tasks?|todos?|the|my|about|called|named)\b/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return query ? { kind: 'search', query } : null;
  },
  (t, ctx) => {
    const m = t.match(ADD_VERB);
    return m?.[1] ? addText(m[1], false, ctx) : null;
  },
  (t, ctx) => {
    const m = t.match(/^(?:todo|to-do|to do|task|new task)\s*[:-]\s*(.+)$/i);
    return m?.[1] ? addText(m[1], false, ctx) : null;
  },
];

// Sentences about a task, after questions so "what is done?" stays a question.
const STATEMENT_RULES: Rule[] = [
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
  (t, ctx) => {
    const m = t.match(
      /^(?:I )?(?:need to|have to|must|should|got to|gotta|have got to|ought to|am going to) (.+)$/i,
    );
    return m?.[1] ? addText(m[1], false, ctx) : null;
  },
];

/** What a (normalized) message asks for. `asked`: it ended with a question mark. */
export function understand(text: string, ctx: Context, asked = false): Intent {
  const wants = text.match(/^(?:I )?(?:want to|would like to|wanna) (.+)$/i)?.[1];
  if (wants) return understand(wants, ctx, asked);
  for (const rule of VERB_RULES) {
    const intent = rule(text, ctx);
    if (intent) return intent;
  }
  if (isQuestion(text, asked)) {
    const query = understandQuestion(text, ctx);
    if (query) return query;
  }
  for (const rule of STATEMENT_RULES) {
    const intent = rule(text, ctx);
    if (intent) return intent;
  }
  return { kind: 'unknown' };
}
