// Recurrence phrases ("every 2 weeks on mon, fri", "monthly on the 15th", "every 3 days after
// done") to RFC 5545 RRULE bodies, and the first occurrence of such a rule.
import { consume, type Scan, type TimeOfDay } from './types.ts';
import {
  MONTH,
  monthOf,
  numberOf,
  ORD,
  ordinalOf,
  PART_OF_DAY,
  SUFFIX,
  WD,
  WD_LIST,
  weekdayOf,
} from './words.ts';

export type Freq = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface RecurrenceSpec {
  freq: Freq;
  interval: number;
  /** Weekdays 1 (Monday) … 7 (Sunday), with an ordinal in the month (1…5, -1) or null. */
  byDay: Array<{ ordinal: number | null; weekday: number }>;
  byMonthDay: number | null;
  byMonth: number | null;
  basis: 'due' | 'completion';
  /** From "every morning" and the like. */
  time: TimeOfDay | null;
  /** That word, which also says whether a bare hour is am or pm ("every evening at 8"). */
  partOfDay: string | null;
}

const OF_MONTH = String.raw`(?:\s+(?:day\s+)?of\s+(?:the\s+|each\s+|every\s+)?month)?`;
const NUMBER = String.raw`(?:other|\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;

const sticky = (source: string) => new RegExp(source, 'iy');
const PATTERNS = {
  lastDay: sticky(String.raw`(?:the\s+)?last\s+day\b${OF_MONTH}`),
  nthWeekday: sticky(String.raw`(?:the\s+)?(${ORD})\s+(${WD})${OF_MONTH}`),
  monthDay: sticky(String.raw`(?:the\s+)?(\d{1,2})${SUFFIX}\b(?!\s+(?:of\s+)?${MONTH})${OF_MONTH}`),
  monthThenDay: sticky(String.raw`(${MONTH})\s*(\d{1,2})${SUFFIX}?\b`),
  dayThenMonth: sticky(String.raw`(?:the\s+)?(\d{1,2})${SUFFIX}?\s+(?:of\s+)?(${MONTH})`),
  weekdays: sticky(String.raw`(?:week|work|business)[\s-]?days?\b`),
  weekend: sticky(String.raw`weekends?\b`),
  unit: sticky(
    String.raw`(?:(${NUMBER})\s+)?(days?|weeks?|months?|years?|hours?|hrs?|quarters?|fortnights?)\b`,
  ),
  dayList: sticky(String.raw`(?:(${NUMBER})\s+)?(${WD_LIST})`),
  partOfDay: sticky(String.raw`(morning|afternoon|evening|night)s?\b`),
  onDays: sticky(String.raw`\s+on\s+(${WD_LIST})`),
  onMonthDay: sticky(
    String.raw`\s+on\s+(?:the\s+)?(?:(last\s+day)|(${ORD})\s+(${WD})|(\d{1,2})${SUFFIX}?\b(?!\s+(?:of\s+)?${MONTH}))${OF_MONTH}`,
  ),
  onYearDay: sticky(
    String.raw`\s+on\s+(?:the\s+)?(?:(${MONTH})\s*(\d{1,2})${SUFFIX}?\b|(\d{1,2})${SUFFIX}?\s+(?:of\s+)?(${MONTH}))`,
  ),
  completion: sticky(
    String.raw`\s+(?:after|from|since)\s+(?:(?:it(?:'s|\s+is)|being|(?:the\s+)?last)\s+)?(?:done|completed?|completion|finished|finishing|completing|checked\s+off)\b`,
  ),
};
const TRIGGER =
  /\b(?:(every|each)(!?)\s+|(daily|weekly|monthly|yearly|annually|hourly|fortnightly|biweekly)\b)/gi;
// After a lone adverb: end, something consumed or a connector ("Water plants daily at 8").
const ADVERB_END = /\s*(?:$|[^\p{L}\s]|(?:at|on|after|from|starting|until|remind)\b)/iuy;

const ADVERBS: Record<string, [Freq, number]> = {
  daily: ['DAILY', 1],
  weekly: ['WEEKLY', 1],
  monthly: ['MONTHLY', 1],
  yearly: ['YEARLY', 1],
  annually: ['YEARLY', 1],
  hourly: ['HOURLY', 1],
  fortnightly: ['WEEKLY', 2],
  biweekly: ['WEEKLY', 2],
};
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const dayList = (text: string) =>
  [...new Set([...text.matchAll(new RegExp(WD, 'gi'))].map((m) => weekdayOf(m[0])))]
    .sort()
    .map((weekday) => ({ ordinal: null, weekday }));
const intervalOf = (word: string | undefined): number => (word === undefined ? 1 : numberOf(word));
const validYearDay = (month: number, day: number) =>
  month >= 1 && day >= 1 && day <= (MONTH_DAYS[month - 1] ?? 0);

interface Step {
  spec: RecurrenceSpec;
  end: number;
}

function tryAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

const base = (freq: Freq, interval = 1): RecurrenceSpec => ({
  freq,
  interval,
  byDay: [],
  byMonthDay: null,
  byMonth: null,
  basis: 'due',
  time: null,
  partOfDay: null,
});

/** The phrase after "every": a day of the month, a weekday list, a unit with its qualifiers… */
function afterEvery(s: string, at: number): Step | null {
  let m = tryAt(PATTERNS.lastDay, s, at);
  if (m) return { spec: { ...base('MONTHLY'), byMonthDay: -1 }, end: at + m[0].length };
  m = tryAt(PATTERNS.nthWeekday, s, at);
  if (m)
    return {
      spec: { ...base('MONTHLY'), byDay: [{ ordinal: ordinalOf(m[1]!), weekday: weekdayOf(m[2]!) }] },
      end: at + m[0].length,
    };
  m = tryAt(PATTERNS.monthDay, s, at);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 31)
    return { spec: { ...base('MONTHLY'), byMonthDay: Number(m[1]) }, end: at + m[0].length };
  m = tryAt(PATTERNS.monthThenDay, s, at) ?? tryAt(PATTERNS.dayThenMonth, s, at);
  if (m) {
    const [month, day] = /^\d/.test(m[1]!) ? [monthOf(m[2]!), Number(m[1])] : [monthOf(m[1]!), Number(m[2])];
    return validYearDay(month, day)
      ? { spec: { ...base('YEARLY'), byMonth: month, byMonthDay: day }, end: at + m[0].length }
      : null;
  }
  m = tryAt(PATTERNS.weekdays, s, at);
  if (m) return { spec: { ...base('WEEKLY'), byDay: dayList('mon tue wed thu fri') }, end: at + m[0].length };
  m = tryAt(PATTERNS.weekend, s, at);
  if (m) return { spec: { ...base('WEEKLY'), byDay: dayList('sat sun') }, end: at + m[0].length };
  m = tryAt(PATTERNS.partOfDay, s, at);
  if (m)
    return {
      spec: { ...base('DAILY'), time: PART_OF_DAY[m[1]!.toLowerCase()]!, partOfDay: m[1]!.toLowerCase() },
      end: at + m[0].length,
    };
  m = tryAt(PATTERNS.unit, s, at);
  if (m) {
    const n = intervalOf(m[1]);
    const unit = m[2]!.toLowerCase();
    if (n < 1) return null;
    if (unit.startsWith('q')) return { spec: base('MONTHLY', 3 * n), end: at + m[0].length };
    if (unit.startsWith('f')) return { spec: base('WEEKLY', 2 * n), end: at + m[0].length };
    const freq: Freq = unit.startsWith('d')
      ? 'DAILY'
      : unit.startsWith('w')
        ? 'WEEKLY'
        : unit.startsWith('m')
          ? 'MONTHLY'
          : unit.startsWith('y')
            ? 'YEARLY'
            : 'HOURLY';
    return { spec: base(freq, n), end: at + m[0].length };
  }
  m = tryAt(PATTERNS.dayList, s, at);
  if (m && intervalOf(m[1]) >= 1)
    return { spec: { ...base('WEEKLY', intervalOf(m[1])), byDay: dayList(m[2]!) }, end: at + m[0].length };
  return null;
}

/** "on mon, fri" after weeks, "on the 15th" after months, "on jan 5" after years. */
function qualify(step: Step, s: string): Step {
  const { spec, end } = step;
  if (spec.freq === 'WEEKLY' && spec.byDay.length === 0) {
    const m = tryAt(PATTERNS.onDays, s, end);
    if (m) return { spec: { ...spec, byDay: dayList(m[1]!) }, end: end + m[0].length };
  }
  if (spec.freq === 'MONTHLY' && spec.byDay.length === 0 && spec.byMonthDay === null) {
    const m = tryAt(PATTERNS.onMonthDay, s, end);
    const day = m?.[4] === undefined ? null : Number(m[4]);
    if (m && (day === null || (day >= 1 && day <= 31))) {
      const qualified = m[1]
        ? { ...spec, byMonthDay: -1 }
        : m[2]
          ? { ...spec, byDay: [{ ordinal: ordinalOf(m[2]), weekday: weekdayOf(m[3]!) }] }
          : { ...spec, byMonthDay: day };
      return { spec: qualified, end: end + m[0].length };
    }
  }
  if (spec.freq === 'YEARLY' && spec.byMonth === null) {
    const m = tryAt(PATTERNS.onYearDay, s, end);
    if (m) {
      const [month, day] = m[1] ? [monthOf(m[1]), Number(m[2])] : [monthOf(m[4]!), Number(m[3])];
      if (validYearDay(month, day))
        return { spec: { ...spec, byMonth: month, byMonthDay: day }, end: end + m[0].length };
    }
  }
  return step;
}

export interface RecurrenceMatch {
  spec: RecurrenceSpec;
  rule: string;
}

/** Consumes the first recurrence phrase of the text, if any. */
export function takeRecurrence(scan: Scan): RecurrenceMatch | null {
  const s = scan.masked;
  for (const trigger of s.matchAll(TRIGGER)) {
    const at = trigger.index + trigger[0].length;
    let step: Step | null;
    if (trigger[3] !== undefined) {
      const [freq, interval] = ADVERBS[trigger[3].toLowerCase()]!;
      step = qualify({ spec: base(freq, interval), end: at }, s);
      if (step.end === at && !tryAt(ADVERB_END, s, at)) continue; // "weekly report": an adjective
    } else {
      const found = afterEvery(s, at);
      if (!found) continue;
      step = qualify(found, s);
    }
    let { spec, end } = step;
    const completion = tryAt(PATTERNS.completion, s, end);
    if (completion) end += completion[0].length;
    if (completion || trigger[2] === '!') spec = { ...spec, basis: 'completion' };
    consume(scan, 'recurrence', trigger.index, end);
    return { spec, rule: ruleOf(spec) };
  }
  return null;
}

export function ruleOf(spec: RecurrenceSpec): string {
  const parts = [`FREQ=${spec.freq}`];
  if (spec.interval > 1) parts.push(`INTERVAL=${spec.interval}`);
  if (spec.byMonth !== null) parts.push(`BYMONTH=${spec.byMonth}`);
  if (spec.byMonthDay !== null) parts.push(`BYMONTHDAY=${spec.byMonthDay}`);
  if (spec.byDay.length > 0)
    parts.push(`BYDAY=${spec.byDay.map((d) => `${d.ordinal ?? ''}${DAY_CODES[d.weekday - 1]}`).join(',')}`);
  return parts.join(';');
}

/** A calendar day in plain numbers: Temporal's polyfill is too slow to walk day by day. */
export interface CalendarDay {
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  dayOfWeek: number;
  daysInMonth: number;
}

/** Whether a local date is a day the rule can fall on (INTERVAL only matters after the first). */
export function dayMatches(spec: RecurrenceSpec, date: CalendarDay): boolean {
  if (spec.byMonth !== null && date.month !== spec.byMonth) return false;
  if (spec.byMonthDay !== null) {
    const wanted = spec.byMonthDay > 0 ? spec.byMonthDay : date.daysInMonth + spec.byMonthDay + 1;
    if (date.day !== wanted) return false;
  }
  if (spec.byDay.length === 0) return true;
  return spec.byDay.some(({ ordinal, weekday }) => {
    if (date.dayOfWeek !== weekday) return false;
    if (ordinal === null) return true;
    if (ordinal > 0) return Math.ceil(date.day / 7) === ordinal;
    return Math.floor((date.daysInMonth - date.day) / 7) === -ordinal - 1;
  });
}
