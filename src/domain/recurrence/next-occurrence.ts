// When the next occurrence of a recurring task is due, once one occurrence is completed (DESIGN §4).
//
// Series anchoring. A series is the rule plus its DTSTART (`dtstart`, stored as the series' local
// start: a wall time or a date in the task's zone) and, per occurrence, its 0-based position
// (`occurrenceIndex`, DTSTART = 0). Pass both from storage. When a series has no stored start yet,
// leave `dtstart` out: the completed occurrence's own local due time becomes the anchor and
// `occurrenceIndex` its position, which is exact unless that occurrence was moved off the rule.
//
// basis "due": the first occurrence of the rule, anchored at `dtstart`, that is strictly after
//   the completed occurrence's due time and not already past (`> now`; for an all-day series, not
//   before today's local date: today's occurrence is still open). Missed occurrences are skipped
//   and, as RFC 5545 counts them, still use up COUNT.
// basis "completion": counted from the completion in the task's zone, keeping the series' local
//   time of day. A rule without BYxxx parts adds INTERVAL units to the completion's local date
//   ("every 3 days after done", done Tuesday 18:00, due 09:00 → Friday 09:00; months and years
//   clamp to the month's end: Jan 31 + 1 month = Feb 28). A rule with BYxxx parts restarts at the
//   completion date: its next occurrence after the completion ("every Monday and Friday", done on
//   a Wednesday → Friday; "last Friday of the month", done on the 10th → that month's last Friday).
//   HOURLY rules count from the completion instant (to the minute). COUNT counts occurrences
//   created: the series ends once `occurrenceIndex + 1` reaches COUNT.
// Either basis: UNTIL ends the series; null means the series is over.
import { type FieldError, validationError } from '../../errors.ts';
import { Temporal } from '../time.ts';
import { isSubDaily, type Occurrence, placeInZone, type SeriesSpec, take, withinUntil } from './engine.ts';
import { checkTimeZone, formatLocal, parseLocal } from './expand.ts';
import type { RuleParts } from './parse.ts';
import { checkRule } from './validate.ts';

export interface NextOccurrenceInput {
  rule: string;
  basis: 'due' | 'completion';
  timeZone: string;
  allDay: boolean;
  /** The series' DTSTART as stored (series_start): "YYYY-MM-DDTHH:mm:ss" or, all-day, "YYYY-MM-DD". */
  dtstart?: string;
  /** Due time of the completed occurrence (Task.dueAt; all-day: the instant its local date begins). */
  previous: Date;
  /** 0-based position of the completed occurrence in the series; default 0. */
  occurrenceIndex?: number;
  completedAt: Date;
  now: Date;
}

export interface NextOccurrence {
  /** As Task.dueAt: the instant, or for all-day series the instant the local date begins. */
  dueAt: Date;
  /** The local wall time ("YYYY-MM-DDTHH:mm:ss") or date ("YYYY-MM-DD"). */
  local: string;
  /** Its position in the series, to store with it. */
  occurrenceIndex: number;
}

const BY_PARTS = [
  'byDay',
  'byMonthDay',
  'byYearDay',
  'byWeekNo',
  'byMonth',
  'bySetPos',
  'byHour',
  'byMinute',
  'bySecond',
];
const UNITS = {
  YEARLY: 'years',
  MONTHLY: 'months',
  WEEKLY: 'weeks',
  DAILY: 'days',
  HOURLY: 'hours',
  MINUTELY: 'minutes',
  SECONDLY: 'seconds',
} as const;

const instantOf = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime());

interface Context {
  spec: SeriesSpec;
  anchorIndex: number;
  index: number;
  input: NextOccurrenceInput;
}

function checkInput(input: NextOccurrenceInput): Context {
  const errors: FieldError[] = [];
  const checked = checkRule(input.rule, { allowSubHourly: true, allDay: input.allDay });
  if (!checked.ok) errors.push({ path: 'rule', message: checked.problem });
  const timeZone = checkTimeZone(input.timeZone);
  if (!timeZone)
    errors.push({ path: 'timeZone', message: 'must be an IANA time zone such as Europe/Berlin' });
  const stored = input.dtstart === undefined ? undefined : parseLocal(input.dtstart);
  if (stored === null) errors.push({ path: 'dtstart', message: 'must be a local date-time or a date' });
  const index = input.occurrenceIndex ?? 0;
  if (!Number.isInteger(index) || index < 0)
    errors.push({ path: 'occurrenceIndex', message: 'must be 0 or more' });
  if (!checked.ok || !timeZone || stored === null || errors.length > 0) throw validationError(errors);
  const rule = checked.rule;
  let start: Temporal.PlainDateTime;
  if (stored) start = stored.kind === 'date' ? stored.date.toPlainDateTime() : stored.local;
  else start = instantOf(input.previous).toZonedDateTimeISO(timeZone).toPlainDateTime();
  if (input.allDay) start = start.toPlainDate().toPlainDateTime();
  return {
    spec: { rule, start, timeZone, allDay: input.allDay },
    anchorIndex: stored ? 0 : index,
    index,
    input,
  };
}

function result(spec: SeriesSpec, occurrence: Occurrence, occurrenceIndex: number): NextOccurrence {
  return {
    dueAt: new Date(occurrence.instant.epochMilliseconds),
    local: formatLocal(occurrence, spec.allDay),
    occurrenceIndex,
  };
}

/** How many occurrences lie strictly between `from` and `to` (bounded search). */
function countBetween(spec: SeriesSpec, from: Temporal.Instant, to: Temporal.Instant): number {
  let items: Occurrence[] = [];
  for (const limit of [16, 256, 4096]) {
    const found = take(spec, limit, from);
    items = found.items;
    const at = items.findIndex((o) => Temporal.Instant.compare(o.instant, to) >= 0);
    if (at >= 0) return at;
    if (found.exhausted) break;
  }
  return items.length;
}

function nextByDue({ spec, anchorIndex, index, input }: Context): NextOccurrence | null {
  const count = spec.rule.count === undefined ? undefined : spec.rule.count - anchorIndex;
  if (count !== undefined && count < 1) return null;
  const series: SeriesSpec = { ...spec, rule: { ...spec.rule, count } };
  const previous = instantOf(input.previous);
  let after = Temporal.Instant.compare(previous, instantOf(input.now)) > 0 ? previous : instantOf(input.now);
  if (spec.allDay) {
    // A date qualifies when it is after the completed one's date and not before today.
    const dateOf = (date: Date) => instantOf(date).toZonedDateTimeISO(spec.timeZone).toPlainDate();
    const afterPrevious = dateOf(input.previous).add({ days: 1 });
    const today = dateOf(input.now);
    const first = Temporal.PlainDate.compare(afterPrevious, today) > 0 ? afterPrevious : today;
    after = first.toZonedDateTime({ timeZone: spec.timeZone }).toInstant().subtract({ nanoseconds: 1 });
  }
  const next = take(series, 1, after).items[0];
  if (!next) return null;
  if (count === undefined)
    return result(spec, next, index + 1 + countBetween(series, previous, next.instant));
  const position = take(series, count).items.findIndex((o) => o.instant.equals(next.instant));
  return result(spec, next, anchorIndex + position);
}

function nextByCompletion({ spec, index, input }: Context): NextOccurrence | null {
  const { rule, timeZone, allDay } = spec;
  if (rule.count !== undefined && index + 1 >= rule.count) return null;
  const completed = instantOf(input.completedAt).toZonedDateTimeISO(timeZone);
  const unit = UNITS[rule.freq];
  const hasBy = BY_PARTS.some((key) => rule[key as keyof RuleParts] !== undefined);
  const subDaily = isSubDaily(rule);
  // The restart point: the completion's minute for HOURLY rules, else its date at the series' time.
  const restart = subDaily
    ? completed.toPlainDateTime().round({ smallestUnit: 'minute', roundingMode: 'floor' })
    : completed.toPlainDate().toPlainDateTime(allDay ? undefined : spec.start.toPlainTime());
  let next: Occurrence | undefined;
  if (!hasBy && subDaily) {
    const zoned = restart
      .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
      .add({ [unit]: rule.interval });
    next = { local: zoned.toPlainDateTime(), instant: zoned.toInstant() };
  } else if (!hasBy) {
    const local = restart.add({ [unit]: rule.interval });
    const zoned = placeInZone(local, timeZone, allDay);
    next = { local: allDay ? local : zoned.toPlainDateTime(), instant: zoned.toInstant() };
  } else {
    const restarted: SeriesSpec = {
      ...spec,
      start: restart,
      rule: { ...rule, count: undefined, until: undefined },
    };
    const restartAt = placeInZone(restart, timeZone, allDay).toInstant();
    const after =
      allDay || Temporal.Instant.compare(restartAt, completed.toInstant()) > 0
        ? restartAt
        : completed.toInstant();
    next = take(restarted, 1, after).items[0];
  }
  if (!next || !withinUntil(spec, next)) return null;
  return result(spec, next, index + 1);
}

/** The next occurrence after a completed one, or null when COUNT or UNTIL has ended the series. */
export function nextOccurrence(input: NextOccurrenceInput): NextOccurrence | null {
  const context = checkInput(input);
  return input.basis === 'completion' ? nextByCompletion(context) : nextByDue(context);
}
