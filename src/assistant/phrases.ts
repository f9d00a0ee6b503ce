// Pieces of English the interpreter reads: when ("friday 3pm", "in 2 hours"), how long before
// ("an hour", "half an hour"), which days a question is about ("this week"), and which task a
// phrase names ("my dentist task" → dentist). Pure: the clock and the zone come in.
import { parseQuickAdd } from '../domain/quick-add/index.ts';
import { addLocalDays, localDateOf, resolveTimeInput, Temporal } from '../domain/time.ts';

export interface Context {
  now: Date;
  timeZone: string;
}

/** Curly quotes, contractions and politeness removed, so the rules see one spelling. */
export function normalize(message: string): string {
  let text = message
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  const contractions: [RegExp, string][] = [
    [/\bi'm\b/gi, 'I am'],
    [/\bi've\b/gi, 'I have'],
    [/\bi'd\b/gi, 'I would'],
    [/\bi'll\b/gi, 'I will'],
    [/\bwhat's\b/gi, 'what is'],
    [/\bwhats\b/gi, 'what is'],
    [/\bwhere's\b/gi, 'where is'],
    [/\bthat's\b/gi, 'that is'],
    [/\bit's\b/gi, 'it is'],
    [/\bthere's\b/gi, 'there is'],
    [/\bdon't\b/gi, 'do not'],
    [/\bdont\b/gi, 'do not'],
    [/\blet's\b/gi, 'let us'],
    [/\bisn't\b/gi, 'is not'],
  ];
  for (const [pattern, replacement] of contractions) text = text.replace(pattern, replacement);
  // Politeness and fillers at either end carry no meaning for the rules.
  const lead =
    /^(?:(?:hey|hi|ok|okay|so|and|also|now|then|oh|well|alright|right|please|pls|plz|kindly|quick(?:ly)?|just|can you|could you|would you|will you|can u|could u|i want you to|i would like you to|i need you to|help me|assistant|taskstream)[,:]?\s+)+/i;
  const trail = /(?:[,\s]+(?:please|pls|plz|thanks|thank you|thx|for me|now|asap))+\s*$/i;
  for (let i = 0; i < 3; i++)
    text = text
      .replace(/[\s.!?;,]+$/, '')
      .replace(lead, '')
      .replace(trail, '')
      .trim();
  return text;
}

const FILLER = new Set([
  'at',
  'on',
  'by',
  'to',
  'the',
  'for',
  'until',
  'till',
  'due',
  'from',
  'starting',
  'of',
]);

export interface Due {
  /** A local wall time YYYY-MM-DDTHH:mm:ss, or a date YYYY-MM-DD for a whole day. */
  dueAt: string;
  allDay: boolean;
}

/** A phrase that is only a date and/or time ("friday 3pm", "tomorrow", "in 2 hours"), or null. */
export function parseWhen(phrase: string, ctx: Context): Due | null {
  const text = phrase.trim();
  if (!text || !/\d|[a-z]/i.test(text)) return null;
  const parsed = parseQuickAdd(text, { now: ctx.now, timeZone: ctx.timeZone });
  if (!parsed.dueAt || parsed.recurrence || parsed.reminders.length > 0 || parsed.tags.length > 0)
    return null;
  if (parsed.priority !== 'none') return null;
  const covered = new Array<boolean>(text.length).fill(false);
  for (const span of parsed.understood) {
    if (span.kind !== 'date' && span.kind !== 'time') return null;
    for (let i = span.start; i < span.end; i++) covered[i] = true;
  }
  const leftover = [...text].map((c, i) => (covered[i] ? ' ' : c)).join('');
  const words = leftover.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.every((w) => FILLER.has(w))) return null;
  return { dueAt: parsed.dueAt, allDay: parsed.allDay };
}

/** Splits "the report tomorrow at 9" into the longest trailing date phrase and what precedes it. */
export function splitTrailingWhen(text: string, ctx: Context): { head: string; due: Due } | null {
  const starts = [...text.matchAll(/\S+/g)].map((m) => m.index ?? 0);
  for (const start of starts.slice(1)) {
    const due = parseWhen(text.slice(start), ctx);
    if (due) return { head: text.slice(0, start).trim(), due };
  }
  return null;
}

/** The instant a local wall time or date (9:00 for a date) stands for, with Z. */
export function instantOf(due: Due, timeZone: string): string {
  const value = due.allDay ? `${due.dueAt}T09:00:00` : due.dueAt;
  return resolveTimeInput(value, timeZone).instant.toISOString();
}

const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty-five': 45,
  'forty five': 45,
  sixty: 60,
  ninety: 90,
  couple: 2,
  'a couple': 2,
  'a few': 3,
  few: 3,
};
const UNITS: [RegExp, number][] = [
  [/^(?:m|mins?|minutes?)$/, 1],
  [/^(?:h|hrs?|hours?)$/, 60],
  [/^(?:d|days?)$/, 24 * 60],
  [/^(?:w|wks?|weeks?)$/, 7 * 24 * 60],
];

/** "an hour", "half an hour", "1h30", "2 days", "90 minutes", "1 hour and 15 minutes" → minutes. */
export function parseDuration(phrase: string): number | null {
  const text = phrase.trim().toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ');
  if (/^(?:a |an )?half (?:an )?hour$/.test(text)) return 30;
  if (/^(?:a )?quarter (?:of )?(?:an )?hour$/.test(text)) return 15;
  if (/^(?:an |one )?hour and a half$/.test(text)) return 90;
  const parts = text.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
  let total = 0;
  for (const part of parts) {
    const compact = part.match(/^(\d+)\s*h\s*(\d+)\s*(?:m|min)?$/);
    if (compact) {
      total += Number(compact[1]) * 60 + Number(compact[2]);
      continue;
    }
    const match = part.match(/^(\d+(?:\.\d+)?|[a-z]+(?: [a-z]+)*?)\s*([a-z]+)$/);
    if (!match) return null;
    const [, amountText = '', unitText = ''] = match;
    const amount = /^\d/.test(amountText) ? Number(amountText) : NUMBERS[amountText.replace(/ of$/, '')];
    const unit = UNITS.find(([pattern]) => pattern.test(unitText))?.[1];
    if (amount === undefined || unit === undefined) return null;
    total += amount * unit;
  }
  const minutes = Math.round(total);
  return minutes > 0 && minutes <= 366 * 24 * 60 ? minutes : null;
}

const DATE_HINT =
  /\d|\b(?:today|tomorrow|tonight|yesterday|noon|midnight|morning|afternoon|evening|week|month|year|next|this|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;

export interface DayRange {
  from: string;
  to: string;
  /** How the reply names it: "today", "this week", "on Fri 27 Nov". */
  label: string;
}

const weekdayIndex = (date: string) => Temporal.PlainDate.from(date).dayOfWeek; // 1 = Monday

/** The days a question is about: "today", "this week", "on friday"; null when it names none. */
export function dayRange(text: string, ctx: Context): DayRange | null {
  const lower = text.toLowerCase();
  const today = localDateOf(ctx.now, ctx.timeZone);
  const range = (from: string, to: string, label: string): DayRange => ({ from, to, label });
  if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(lower))
    return range(today, today, 'today');
  if (/\btomorrow\b/.test(lower)) {
    const day = addLocalDays(today, 1);
    return range(day, day, 'tomorrow');
  }
  const endOfWeek = addLocalDays(today, 7 - weekdayIndex(today));
  if (/\bnext week\b/.test(lower))
    return range(addLocalDays(endOfWeek, 1), addLocalDays(endOfWeek, 7), 'next week');
  // "This week" on a Saturday or Sunday would be a day or two: the coming seven days read better.
  if (/\b(?:this|the) week\b/.test(lower)) return range(today, addLocalDays(today, 6), 'this week');
  if (/\b(?:this |the )?weekend\b/.test(lower)) {
    const saturday = weekdayIndex(today) === 7 ? today : addLocalDays(endOfWeek, -1);
    return range(saturday, endOfWeek, 'this weekend');
  }
  if (/\b(?:this|the) month\b/.test(lower)) {
    const end = Temporal.PlainDate.from(today).with({ day: 31 }).toString();
    return range(today, end, 'this month');
  }
  const coming = lower.match(/\b(?:next|coming) (\d{1,3}|two|three|four|five|six|seven|ten) days\b/)?.[1];
  if (coming) {
    const n = /^\d/.test(coming) ? Number(coming) : (NUMBERS[coming] ?? 7);
    return range(today, addLocalDays(today, n), `in the next ${n} days`);
  }
  // "on friday", "due dec 5", "for the 15th": whatever the quick-add parser reads as one date.
  // The quick-add parser is the slow part of reading a question: only ask it when a date may be there.
  const when = DATE_HINT.test(lower) ? splitTrailingWhen(`x ${lower}`, ctx)?.due : undefined;
  if (when) {
    const day = when.dueAt.slice(0, 10);
    return range(day, day, `on ${formatDay(day, ctx.timeZone)}`);
  }
  return null;
}

function formatDay(date: string, timeZone: string): string {
  const instant = resolveTimeInput(date, timeZone).instant;
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(instant);
}

const REF_STOPWORDS = new Set([
  'the',
  'my',
  'a',
  'an',
  'our',
  'that',
  'this',
  'task',
  'tasks',
  'todo',
  'to-do',
  'item',
  'thing',
  'one',
  'entry',
  'for',
  'of',
  'about',
  'with',
  'on',
  'in',
  'called',
  'named',
  'titled',
  'reminder',
]);

const PRONOUNS =
  /^(?:it|that|this|them|that one|this one|the last one|the same one|that task|this task|the task|same)$/i;

export type Reference = { kind: 'pronoun' } | { kind: 'words'; words: string[]; text: string };

/** "my dentist task" → words [dentist]; "it" → the task the conversation last acted on. */
export function reference(phrase: string): Reference | null {
  const text = phrase
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/'s$/i, '')
    .replace(/ (?:from|off|on) (?:my|the) (?:todo |to-do |task )?list$/i, '')
    .trim();
  if (PRONOUNS.test(text)) return { kind: 'pronoun' };
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !REF_STOPWORDS.has(w));
  if (words.length === 0 || words.length > 10) return null;
  return { kind: 'words', words, text };
}

/** A crude stem for a second try ("groceries" → "grocer", "calls" → "call"): prefixes still match. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3);
  if (word.length > 4 && /(?:ses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  return word;
}
