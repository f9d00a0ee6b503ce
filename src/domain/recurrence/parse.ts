// Parses an RRULE body (RFC 5545 §3.3.10) into checked parts, or names the first problem in plain
// English. Every later step (expansion, presets, descriptions) works on these parts, never on the
// text, so the library underneath only ever sees values that were checked here.

import { ordinal, WEEKDAY_NAMES } from './english.ts';

export const FREQUENCIES = [
  'SECONDLY',
  'MINUTELY',
  'HOURLY',
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'YEARLY',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ByDay {
  weekday: Weekday;
  /** 1 = first, -1 = last … within the month (MONTHLY, or YEARLY with BYMONTH) or the year. */
  ordinal?: number;
}

/** UNTIL as written: a date, or a UTC date-time (the only form a zoned DTSTART allows). */
export type Until = { kind: 'date'; date: string } | { kind: 'instant'; instant: string };

export interface RuleParts {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: Until;
  byDay?: ByDay[];
  byMonthDay?: number[];
  byYearDay?: number[];
  byWeekNo?: number[];
  byMonth?: number[];
  bySetPos?: number[];
  byHour?: number[];
  byMinute?: number[];
  bySecond?: number[];
  wkst?: Weekday;
}

export type ParseResult = { ok: true; rule: RuleParts } | { ok: false; problem: string };

/** COUNT and INTERVAL limits: far beyond any task, small enough to keep expansion cheap. */
export const MAX_COUNT = 10_000;
export const MAX_INTERVAL = 1_000;

const ORDER = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYMONTH',
  'BYWEEKNO',
  'BYYEARDAY',
  'BYMONTHDAY',
  'BYDAY',
  'BYHOUR',
  'BYMINUTE',
  'BYSECOND',
  'BYSETPOS',
  'WKST',
] as const;
type PartName = (typeof ORDER)[number];

interface NumberList {
  key: 'byMonthDay' | 'byYearDay' | 'byWeekNo' | 'byMonth' | 'bySetPos' | 'byHour' | 'byMinute' | 'bySecond';
  min: number;
  max: number;
  signed: boolean;
  what: string;
}
const NUMBER_LISTS: Partial<Record<PartName, NumberList>> = {
  BYMONTHDAY: { key: 'byMonthDay', min: 1, max: 31, signed: true, what: 'days of the month' },
  BYYEARDAY: { key: 'byYearDay', min: 1, max: 366, signed: true, what: 'days of the year' },
  BYWEEKNO: { key: 'byWeekNo', min: 1, max: 53, signed: true, what: 'week numbers' },
  BYMONTH: { key: 'byMonth', min: 1, max: 12, signed: false, what: 'months' },
  BYSETPOS: { key: 'bySetPos', min: 1, max: 366, signed: true, what: 'positions' },
  BYHOUR: { key: 'byHour', min: 0, max: 23, signed: false, what: 'hours' },
  BYMINUTE: { key: 'byMinute', min: 0, max: 59, signed: false, what: 'minutes' },
  BYSECOND: { key: 'bySecond', min: 0, max: 59, signed: false, what: 'seconds' },
};

const INTEGER = /^[+-]?\d{1,9}$/;
const BYDAY_ITEM = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const UNTIL_DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;

/** Upper-cases, trims and drops a leading `RRULE:`; parts are case-insensitive in RFC 5545. */
export function normalizeRuleText(rule: string): string {
  return rule
    .trim()
    .replace(/^RRULE:/i, '')
    .trim()
    .toUpperCase();
}

function rangeText(list: NumberList): string {
  return list.signed
    ? `${list.min} to ${list.max}, or -${list.max} to -${list.min} to count from the end`
    : `${list.min} to ${list.max}`;
}

function parseNumberList(name: string, value: string, list: NumberList): number[] | string {
  const result: number[] = [];
  for (const item of value.split(',')) {
    if (!INTEGER.test(item))
      return `${name} must list whole numbers (${list.what}) separated by commas, not "${item}".`;
    const n = Number(item);
    const size = Math.abs(n);
    if (size < list.min || size > list.max || (n < 0 && !list.signed) || (n === 0 && list.min > 0))
      return `${name} values must be ${rangeText(list)}; "${item}" is not.`;
    if (result.includes(n)) return `${name} lists ${n} twice.`;
    result.push(n);
  }
  return result;
}

function parseByDay(value: string): ByDay[] | string {
  const result: ByDay[] = [];
  for (const item of value.split(',')) {
    const match = BYDAY_ITEM.exec(item);
    if (!match)
      return `BYDAY must list weekdays such as MO or FR, optionally numbered like 1MO or -1FR, not "${item}".`;
    const weekday = match[2] as Weekday;
    const ordinal = match[1] === undefined ? undefined : Number(match[1]);
    if (ordinal !== undefined && (ordinal === 0 || Math.abs(ordinal) > 53))
      return `The number in "${item}" must be 1 to 53 or -1 to -53.`;
    if (result.some((d) => d.weekday === weekday && d.ordinal === ordinal))
      return `BYDAY lists ${item} twice.`;
    result.push(ordinal === undefined ? { weekday } : { weekday, ordinal });
  }
  return result;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function parseUntil(value: string): Until | string {
  const wrongForm = `UNTIL must be a date like 20261231 or a UTC date-time like 20261231T235959Z, not "${value}".`;
  const date = UNTIL_DATE.exec(value);
  const dateTime = UNTIL_DATE_TIME.exec(value);
  const fields = (date ?? dateTime)?.slice(1, 7).map(Number);
  if (!fields) return wrongForm;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields;
  if (year < 1900 || !isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
    return `UNTIL "${value}" is not a real date and time.`;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (date) return { kind: 'date', date: iso };
  if (dateTime?.[7] !== 'Z')
    return `UNTIL "${value}" has no time zone: end it with Z to give the time in UTC (e.g. ${value}Z), or give only the date.`;
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
  return { kind: 'instant', instant: `${iso}T${time}Z` };
}

function parsePositive(name: string, value: string, max: number): number | string {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    return `${name} must be a whole number of 1 or more, not "${value}".`;
  const n = Number(value);
  return n > max ? `${name} must be at most ${max}, not ${n}.` : n;
}

/** Splits and checks every part on its own; `checkCombination` then checks how they fit together. */
function parseParts(text: string): { parts: Map<PartName, string> } | { problem: string } {
  if (text === '') return { problem: 'The rule is empty; it needs at least FREQ, for example FREQ=WEEKLY.' };
  const parts = new Map<PartName, string>();
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0)
      return { problem: `"${part}" is not a rule part; write parts as NAME=VALUE separated by semicolons.` };
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!(ORDER as readonly string[]).includes(name))
      return { problem: `${name || '(nothing)'} is not a recurrence rule part this app understands.` };
    if (parts.has(name as PartName)) return { problem: `${name} is given twice.` };
    if (value === '') return { problem: `${name} has no value.` };
    parts.set(name as PartName, value);
  }
  return { parts };
}

export function parseRule(input: string): ParseResult {
  const split = parseParts(normalizeRuleText(input));
  if ('problem' in split) return { ok: false, problem: split.problem };
  const { parts } = split;
  const freq = parts.get('FREQ');
  if (freq === undefined)
    return { ok: false, problem: 'FREQ is required, for example FREQ=DAILY or FREQ=WEEKLY.' };
  if (!(FREQUENCIES as readonly string[]).includes(freq))
    return { ok: false, problem: `FREQ must be DAILY, WEEKLY, MONTHLY, YEARLY or HOURLY, not "${freq}".` };
  const rule: RuleParts = { freq: freq as Frequency, interval: 1 };
  for (const [name, value] of parts) {
    let problem: string | undefined;
    if (name === 'FREQ') continue;
    if (name === 'INTERVAL' || name === 'COUNT') {
      const n = parsePositive(name, value, name === 'COUNT' ? MAX_COUNT : MAX_INTERVAL);
      if (typeof n === 'string') problem = n;
      else if (name === 'INTERVAL') rule.interval = n;
      else rule.count = n;
    } else if (name === 'UNTIL') {
      const until = parseUntil(value);
      if (typeof until === 'string') problem = until;
      else rule.until = until;
    } else if (name === 'BYDAY') {
      const byDay = parseByDay(value);
      if (typeof byDay === 'string') problem = byDay;
      else rule.byDay = byDay;
    } else if (name === 'WKST') {
      if ((WEEKDAYS as readonly string[]).includes(value)) rule.wkst = value as Weekday;
      else problem = `WKST must be a weekday such as MO or SU, not "${value}".`;
    } else {
      const list = NUMBER_LISTS[name] as NumberList;
      const numbers = parseNumberList(name, value, list);
      if (typeof numbers === 'string') problem = numbers;
      else rule[list.key] = numbers;
    }
    if (problem) return { ok: false, problem };
  }
  const problem = checkCombination(rule);
  return problem ? { ok: false, problem } : { ok: true, rule };
}

/** RFC 5545 §3.3.10 restrictions on which parts go with which frequency. */
function checkCombination(rule: RuleParts): string | null {
  const { freq } = rule;
  if (rule.count !== undefined && rule.until !== undefined)
    return 'COUNT and UNTIL cannot both be set; end the series either after a number of times or on a date.';
  if (rule.byWeekNo && freq !== 'YEARLY') return 'BYWEEKNO only works with FREQ=YEARLY.';
  if (rule.byYearDay && (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY'))
    return `BYYEARDAY cannot be used with FREQ=${freq}; use FREQ=YEARLY.`;
  if (rule.byMonthDay && freq === 'WEEKLY')
    return 'BYMONTHDAY cannot be used with FREQ=WEEKLY; use FREQ=MONTHLY for days of the month.';
  const numbered = rule.byDay?.filter((d) => d.ordinal !== undefined) ?? [];
  const first = numbered[0];
  if (first) {
    const label = `${first.ordinal}${first.weekday}`;
    if (freq !== 'MONTHLY' && freq !== 'YEARLY')
      return `A numbered weekday like ${label} only works with FREQ=MONTHLY or FREQ=YEARLY.`;
    if (freq === 'YEARLY' && rule.byWeekNo)
      return `A numbered weekday like ${label} cannot be combined with BYWEEKNO; use plain weekdays.`;
    const inMonth = freq === 'MONTHLY' || rule.byMonth !== undefined;
    const tooBig = numbered.find((d) => Math.abs(d.ordinal ?? 0) > (inMonth ? 5 : 53));
    if (tooBig)
      return `A month never has a ${ordinal(Math.abs(tooBig.ordinal ?? 0))} ${WEEKDAY_NAMES[tooBig.weekday]}; use 1 to 5, or -1 to -5 to count from the end.`;
  }
  const hasOtherBy = [
    'byDay',
    'byMonthDay',
    'byYearDay',
    'byWeekNo',
    'byMonth',
    'byHour',
    'byMinute',
    'bySecond',
  ].some((key) => rule[key as keyof RuleParts] !== undefined);
  if (rule.bySetPos && !hasOtherBy) return 'BYSETPOS needs another BY part (such as BYDAY) to pick from.';
  return null;
}

/** The canonical text of a rule: upper case, parts in a fixed order, defaults left out. */
export function formatRule(rule: RuleParts): string {
  const out = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) out.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) out.push(`COUNT=${rule.count}`);
  if (rule.until?.kind === 'date') out.push(`UNTIL=${rule.until.date.replaceAll('-', '')}`);
  if (rule.until?.kind === 'instant') out.push(`UNTIL=${rule.until.instant.replace(/[-:]/g, '')}`);
  const list = (name: string, values: readonly (number | string)[] | undefined) => {
    if (values) out.push(`${name}=${values.join(',')}`);
  };
  list('BYMONTH', rule.byMonth);
  list('BYWEEKNO', rule.byWeekNo);
  list('BYYEARDAY', rule.byYearDay);
  list('BYMONTHDAY', rule.byMonthDay);
  list(
    'BYDAY',
    rule.byDay?.map((d) => `${d.ordinal ?? ''}${d.weekday}`),
  );
  list('BYHOUR', rule.byHour);
  list('BYMINUTE', rule.byMinute);
  list('BYSECOND', rule.bySecond);
  list('BYSETPOS', rule.bySetPos);
  if (rule.wkst) out.push(`WKST=${rule.wkst}`);
  return out.join(';');
}
