// Dates and times found by chrono, checked for confidence and reduced to plain facts. Resolving
// the facts to a local date and time in the user's zone is schedule.ts's job.
// English only: the package root would load every locale (~260 modules) at start.
import * as chrono from 'chrono-node/en';
import { Temporal } from '../time.ts';
import type { TimeOfDay } from './types.ts';
import { PART_OF_DAY, SUFFIX, weekdayOf } from './words.ts';

export type DateFact =
  | { kind: 'date'; date: Temporal.PlainDate }
  /** `next` = that weekday in the next Monday-based week; `last` = the latest one before today. */
  | { kind: 'weekday'; weekday: number; modifier: 'next' | 'last' | null }
  | { kind: 'weekend'; next: boolean }
  /** "in 2 hours", "now": a point in time, not a wall time. */
  | { kind: 'instant'; instant: Temporal.Instant };

export interface When {
  date: DateFact | null;
  time: TimeOfDay | null;
  /** Minutes east of UTC when the phrase named a zone ("5pm EST"). */
  zoneOffset: number | null;
  /** The hour was written without am/pm ("at 8"), so a part of the day may still decide it. */
  meridiemGuessed?: boolean;
}

export interface DateHit extends When {
  start: number;
  end: number;
}

export interface Clock {
  now: Temporal.Instant;
  zone: string;
  today: Temporal.PlainDate;
  /**
   * `now` as a Date whose process-local fields show the wall time in `zone`: chrono computes
   * with local Date fields, so it then answers in the user's zone whatever the process zone is.
   */
  chronoRef: Date;
}

export function clockOf(now: Date, zone: string): Clock {
  const instant = Temporal.Instant.fromEpochMilliseconds(now.getTime());
  const local = instant.toZonedDateTimeISO(zone);
  const chronoRef = new Date(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  chronoRef.setFullYear(local.year);
  return { now: instant, zone, today: local.toPlainDate(), chronoRef };
}

// Words joining a date to the title; absorbed into the date's span ("by friday", "due on the 3rd").
const CONNECTOR =
  /(?:^|[\s|])((?:due(?:\s+(?:on|by|at))?|starting(?:\s+(?:on|from))?|on|at|by|before|until|till|from|@)(?:\s+the)?)\s*$/i;
const WORD_WEEKDAYS = /^(?:sat|sun|wed)s?$/i; // "I sat down", "sun cream", "get wed"

/** Every date or time in `masked` (from `from` on) that passes the confidence rules. */
export function findDates(masked: string, clock: Clock, from = 0): DateHit[] {
  const hits: DateHit[] = [];
  for (const result of chrono.casual.parse(masked.slice(from), clock.chronoRef)) {
    const hit = toHit(result, masked, from + result.index, clock);
    if (hit && isWhole(masked, hit.start, hit.end) && plausible(hit)) hits.push(hit);
  }
  DAY_OF_MONTH.lastIndex = from;
  for (const m of masked.matchAll(DAY_OF_MONTH)) {
    const start = m.index + m[0].length - m[1]!.length;
    const date = nextMonthDay(clock.today, Number(m[2]));
    if (date && !hits.some((hit) => hit.start < m.index + m[0].length && start < hit.end))
      hits.push({
        date: { kind: 'date', date },
        time: null,
        zoneOffset: null,
        start,
        end: m.index + m[0].length,
      });
  }
  return hits.sort((a, b) => a.start - b.start);
}

// "by the 15th": chrono leaves a day of the month alone; with a connector it is the next such day.
const DAY_OF_MONTH = new RegExp(
  String.raw`(?:^|[\s|])((?:due(?:\s+(?:on|by))?|on|by|before|until|till|starting(?:\s+on)?|from)\s+the\s+(\d{1,2})${SUFFIX})\b(?!\s+(?:day\s+)?of\b)`,
  'gi',
);

function nextMonthDay(today: Temporal.PlainDate, day: number): Temporal.PlainDate | null {
  for (let month = today.with({ day: 1 }), i = 0; i < 12; i++, month = month.add({ months: 1 })) {
    const date = plainDate(month.year, month.month, day);
    if (date && Temporal.PlainDate.compare(date, today) >= 0) return date;
  }
  return null;
}

/** Not across a consumed span, and not cutting a word ("5 be" of "5 before" is no Buddhist-era year). */
function isWhole(masked: string, start: number, end: number): boolean {
  const inside = masked.slice(start, end);
  const cuts = /[\p{L}\p{N}]/u;
  return !inside.includes('|') && !cuts.test(masked[start - 1] ?? ' ') && !cuts.test(masked[end] ?? ' ');
}

/** Years the API can store (four digits). */
function plausible(hit: DateHit): boolean {
  const year =
    hit.date?.kind === 'date'
      ? hit.date.date.year
      : hit.date?.kind === 'instant'
        ? new Date(hit.date.instant.epochMilliseconds).getUTCFullYear()
        : 2000;
  return year >= 1000 && year <= 9998;
}

function toHit(result: chrono.ParsedResult, masked: string, index: number, clock: Clock): DateHit | null {
  const c = result.start;
  const tags = result.tags();
  let text = result.text;
  const relative = tags.has('result/relativeDate') || [...tags].some((t) => t.startsWith('casualReference/'));
  const connector = /^(?:at|on|by|in|from|@)\b/i.test(text) ? null : CONNECTOR.exec(masked.slice(0, index));
  const start = connector ? index - connector[0].length + connector[0].indexOf(connector[1]!) : index;

  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    const ms = c.date().getTime() - clock.chronoRef.getTime();
    const instant = clock.now.add({ milliseconds: ms });
    return {
      date: { kind: 'instant', instant },
      time: null,
      zoneOffset: null,
      start,
      end: index + text.length,
    };
  }

  // A zone abbreviation counts only in capitals ("5pm EST"); "at 5pm cat food" keeps its cat.
  let zoneOffset: number | null = null;
  if (c.isCertain('timezoneOffset')) {
    const zone = /\s*\(?([A-Za-z]{1,5})\)?$/.exec(text);
    if (zone && zone[1] === zone[1]!.toUpperCase()) zoneOffset = c.get('timezoneOffset');
    else if (zone) text = text.slice(0, zone.index);
  }
  const lower = text.toLowerCase();
  const word = /\b(morning|afternoon|evening|tonight|night)\b/.exec(lower)?.[1];

  let date: DateFact | null = null;
  const get = (k: chrono.Component) => c.get(k) ?? 0;
  if (/\bweekend\b/.test(lower)) date = { kind: 'weekend', next: /\bnext\b/.test(lower) };
  else if (/^(?:the\s+)?next\s+(?:week|month|year)$/.test(lower)) date = nextPeriod(lower, clock.today);
  else if (c.isCertain('day') || (relative && (c.isCertain('month') || c.isCertain('year')))) {
    const year = c.isCertain('year') || relative ? get('year') : null;
    const found =
      year === null
        ? nextYearly(clock.today, get('month'), get('day'))
        : plainDate(year, get('month'), get('day'));
    if (!found) return null;
    date = { kind: 'date', date: found };
  } else if (c.isCertain('month'))
    return null; // "Read March of the Penguins": a month alone is not a date
  else if (c.isCertain('weekday')) {
    if (WORD_WEEKDAYS.test(lower.trim()) && !connector) return null;
    const modifier = /\bnext\b/.test(lower)
      ? 'next'
      : /\b(?:last|past|previous)\b/.test(lower)
        ? 'last'
        : null;
    date = { kind: 'weekday', weekday: weekdayOf(weekdayWord(lower)), modifier };
  } else if (word && /\b(?:this|tonight)\b/.test(lower)) date = { kind: 'date', date: clock.today };

  let time: TimeOfDay | null = null;
  let meridiemGuessed = false;
  if (c.isCertain('hour')) {
    let hour = get('hour');
    // "at 5" means 17:00: without am/pm, 1–7 o'clock is read as afternoon unless written "05:00".
    const guessed = !c.isCertain('meridiem') && !/(?:^|\D)0\d[:.h]/.test(lower);
    if (guessed && hour >= 1 && hour <= 7) hour += 12;
    time = { hour, minute: get('minute') };
    if (guessed) meridiemGuessed = true;
  } else if (word) time = PART_OF_DAY[word] ?? null;

  if (!date && !time) return null;
  if (tags.has('parser/SlashDateFormatParser') && !c.isCertain('year') && !connector) return null; // "1/2 cup"
  if (/^(?:may|march)\s/.test(text) && !connector && !/\d(?:st|nd|rd|th)\b|\d{4}/.test(lower) && !time)
    return null;
  return { date, time, zoneOffset, meridiemGuessed, start, end: index + text.length };
}

function weekdayWord(lower: string): string {
  return /(?:mon|tue|wed|thu|fri|sat|sun)/.exec(lower)?.[0] ?? 'mo';
}

export function plainDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** A day and month without a year: the next such date, today included (Feb 29: the next leap year). */
export function nextYearly(today: Temporal.PlainDate, month: number, day: number): Temporal.PlainDate | null {
  for (let year = today.year; year <= today.year + 8; year++) {
    const date = plainDate(year, month, day);
    if (date && Temporal.PlainDate.compare(date, today) >= 0) return date;
  }
  return null;
}

/** "next week" = Monday of next week, "next month" = its 1st, "next year" = January 1st. */
function nextPeriod(lower: string, today: Temporal.PlainDate): DateFact {
  if (lower.endsWith('week')) return { kind: 'date', date: today.add({ days: 8 - today.dayOfWeek }) };
  if (lower.endsWith('month')) return { kind: 'date', date: today.with({ day: 1 }).add({ months: 1 }) };
  return { kind: 'date', date: Temporal.PlainDate.from({ year: today.year + 1, month: 1, day: 1 }) };
}
