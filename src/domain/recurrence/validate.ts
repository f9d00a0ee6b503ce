// Checks an RRULE body before it is stored or expanded: syntax and values (parse.ts), what a task
// may use, and rules that can never happen ("every February 30th"), found by a cheap bounded probe.
import { Temporal } from '../time.ts';
import { take } from './engine.ts';
import { joinWords, monthName, ordinal } from './english.ts';
import { type ParseResult, parseRule, type RuleParts } from './parse.ts';

export interface RuleCheckOptions {
  /**
   * Allow FREQ=MINUTELY and FREQ=SECONDLY. Tasks never may (a task every minute is a mistake);
   * the preview endpoint may, so every RFC 5545 example can be previewed.
   */
  allowSubHourly?: boolean;
  /** The task is all-day: it repeats by date, so HOURLY and finer are refused. */
  allDay?: boolean;
}

export const ALL_DAY_SUB_DAILY = 'An all-day task repeats by date; it cannot repeat more than once a day.';

// Checking runs on every task write and may probe the calendar, and the same few rules come back
// again and again: remember recent answers. Results are frozen, so sharing them is safe.
const recent = new Map<string, ParseResult>();
const RECENT_MAX = 500;

function frozen(result: ParseResult): ParseResult {
  if (result.ok) {
    for (const value of Object.values(result.rule)) if (Array.isArray(value)) Object.freeze(value);
    for (const day of result.rule.byDay ?? []) Object.freeze(day);
    Object.freeze(result.rule);
  }
  return Object.freeze(result);
}

/** The parsed rule, or the first problem with it in words an end user can act on. */
export function checkRule(rule: string, options: RuleCheckOptions = {}): ParseResult {
  const key = `${options.allowSubHourly ? 'any' : 'task'}|${options.allDay ? 'day' : 'time'}|${rule}`;
  const known = recent.get(key);
  if (known) return known;
  if (recent.size >= RECENT_MAX) recent.clear();
  const result = frozen(uncachedCheck(rule, options));
  recent.set(key, result);
  return result;
}

function uncachedCheck(rule: string, options: RuleCheckOptions): ParseResult {
  const parsed = parseRule(rule);
  if (!parsed.ok) return parsed;
  const { freq } = parsed.rule;
  if (!options.allowSubHourly && (freq === 'MINUTELY' || freq === 'SECONDLY'))
    return {
      ok: false,
      problem: `A task cannot repeat every ${freq === 'MINUTELY' ? 'minute' : 'second'}; the most frequent is FREQ=HOURLY.`,
    };
  if (options.allDay && (freq === 'HOURLY' || freq === 'MINUTELY' || freq === 'SECONDLY'))
    return { ok: false, problem: ALL_DAY_SUB_DAILY };
  const never = neverProblem(parsed.rule);
  return never ? { ok: false, problem: never } : parsed;
}

/** Returns null when `rule` is a usable RRULE body (a leading `RRULE:` is fine), else what is wrong. */
export function ruleProblem(rule: string, options: RuleCheckOptions = {}): string | null {
  const result = checkRule(rule, options);
  return result.ok ? null : result.problem;
}

const PERIOD_NAMES = {
  YEARLY: 'year',
  MONTHLY: 'month',
  WEEKLY: 'week',
  DAILY: 'day',
  HOURLY: 'hour',
  MINUTELY: 'minute',
  SECONDLY: 'second',
};
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A specific message for month and day-of-month lists that never meet, e.g. "February never has a 30th day". */
function monthDayProblem(rule: RuleParts): string | null {
  if (!rule.byMonthDay) return null;
  const months = rule.byMonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const fits = months.some((m) => rule.byMonthDay?.some((d) => Math.abs(d) <= (DAYS_IN_MONTH[m - 1] ?? 31)));
  if (fits) return null;
  const days = rule.byMonthDay.map((d) => (d > 0 ? ordinal(d) : `${ordinal(-d)}-to-last`));
  const names = joinWords(months.map(monthName));
  return `${names} never ${months.length === 1 ? 'has' : 'have'} a ${joinWords(days)} day, so this rule would never happen.`;
}

/** How many candidates one period of a rule can hold when BYSETPOS picks among times of day. */
function timesPerPeriod(rule: RuleParts): number {
  const units = ['byHour', 'byMinute', 'bySecond'] as const;
  const below = { YEARLY: 0, MONTHLY: 0, WEEKLY: 0, DAILY: 0, HOURLY: 1, MINUTELY: 2, SECONDLY: 3 }[
    rule.freq
  ];
  return units.slice(below).reduce((size, unit) => size * (rule[unit]?.length ?? 1), 1);
}

/**
 * Finds rules that can never produce an occurrence after DTSTART, whatever DTSTART is. Date-level
 * parts repeat with the 400-year Gregorian cycle, so one YEARLY probe over 401 years is exact for
 * them; BYSETPOS over days of a week or times of a day is checked by counting.
 */
function neverProblem(rule: RuleParts): string | null {
  const monthDay = monthDayProblem(rule);
  if (monthDay) return monthDay;
  const { freq, bySetPos } = rule;
  const coarse = freq === 'YEARLY' || freq === 'MONTHLY';
  if (bySetPos && !coarse) {
    const size = timesPerPeriod(rule) * (freq === 'WEEKLY' ? (rule.byDay?.length ?? 1) : 1);
    if (!bySetPos.some((p) => Math.abs(p) <= size))
      return `BYSETPOS=${bySetPos.join(',')} never matches: each ${PERIOD_NAMES[freq]} has only ${size} time${size === 1 ? '' : 's'} to pick from.`;
  }
  const numbered = rule.byDay?.some((d) => d.ordinal !== undefined);
  const restrictive = rule.byMonthDay || rule.byYearDay || rule.byWeekNo || numbered || (coarse && bySetPos);
  if (!restrictive) return null; // every month has every weekday: plain BYDAY and BYMONTH always meet
  // The same date-level parts as a YEARLY rule; MONTHLY's numbered weekdays stay within months.
  const probeRule: RuleParts = {
    freq: freq === 'MONTHLY' && bySetPos ? 'MONTHLY' : 'YEARLY',
    interval: 1,
    byMonth:
      freq === 'MONTHLY' && !bySetPos
        ? (rule.byMonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        : rule.byMonth,
    byWeekNo: rule.byWeekNo,
    byYearDay: rule.byYearDay,
    byMonthDay: rule.byMonthDay,
    byDay: rule.byDay,
    ...(coarse ? { bySetPos, byHour: rule.byHour, byMinute: rule.byMinute, bySecond: rule.bySecond } : {}),
  };
  const { items } = take(
    {
      rule: probeRule,
      start: Temporal.PlainDateTime.from('2000-01-01T00:00'),
      timeZone: 'UTC',
      allDay: false,
    },
    2,
  );
  // The first item is DTSTART itself, which RFC 5545 always counts; a real match is a second one.
  return items.length < 2
    ? 'No date ever matches all the parts of this rule, so it would never happen.'
    : null;
}
