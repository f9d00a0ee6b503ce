// The interpreter's intent rules: one message → what the user wants done, with the task it names
// still as words (resolved later by searching the user's own tasks). Verb-led rules come first,
// then questions, then sentences about a task ("the report is done"); anything else is unknown.
import type { Priority } from '../../contract/task.ts';
import { type Context, parseDuration, parseWhen, type Reference } from './phrases.ts';
import { isQuestion, type QueryIntent, understandQuestion } from './queries.ts';
import { CHANGE_RULES, onTask, REMIND_RULES, TASK_STATEMENT_RULES, taskThenReminder } from './task-rules.ts';

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

export type Rule = (text: string, ctx: Context) => Intent | null;

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
  ...REMIND_RULES,
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
  ...CHANGE_RULES,
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

// Sentences, after questions so "what is done?" stays a question.
const STATEMENT_RULES: Rule[] = [
  ...TASK_STATEMENT_RULES,
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
