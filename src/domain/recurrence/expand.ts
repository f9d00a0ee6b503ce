// Occurrences of a rule from a start in a zone: what POST /api/recurrence/preview answers (DESIGN §4).
import { canonicalTimeZone } from '../../../contract/task.ts';
import { type FieldError, validationError } from '../../errors.ts';
import { Temporal } from '../time.ts';
import { type Occurrence, type SeriesSpec, take } from './engine.ts';
import type { RuleParts } from './parse.ts';
import { checkRule } from './validate.ts';

export const DEFAULT_COUNT = 10;
export const MAX_EXPAND_COUNT = 1000;

export interface ExpandInput {
  /** RRULE body, e.g. "FREQ=WEEKLY;BYDAY=MO,WE" (a leading "RRULE:" is fine). */
  rule: string;
  /** DTSTART: a local wall time "YYYY-MM-DDTHH:mm:ss" or, for all-day series, a date "YYYY-MM-DD". */
  start: string;
  /** IANA zone that `start` and the rule live in. */
  timeZone: string;
  /** Occurrences are dates. Default: whether `start` is a date. */
  allDay?: boolean;
  /** How many occurrences, 1..1000; default 10. */
  count?: number;
  /** Occurrences to leave out (EXDATE): local values like `start`, dates, or instants with an offset. */
  exdates?: string[];
  /** Only occurrences strictly after this instant. */
  after?: Date;
  /** Allow MINUTELY/SECONDLY rules (default true: a preview may show any RFC 5545 rule). */
  allowSubHourly?: boolean;
}

export interface ExpandResult {
  /** Local values in the form of `start`: wall times (after any DST gap shift) or dates. */
  occurrences: string[];
  /** The same occurrences as UTC instants ("…Z"); empty for all-day series, whose occurrences are dates. */
  utc: string[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

type LocalValue =
  | { kind: 'date'; date: Temporal.PlainDate }
  | { kind: 'local'; local: Temporal.PlainDateTime };

/** Reads a local date or wall time (no offset); null when it is neither or not a real date. */
export function parseLocal(value: string): LocalValue | null {
  try {
    if (DATE_ONLY.test(value)) return { kind: 'date', date: Temporal.PlainDate.from(value) };
    if (LOCAL_DATE_TIME.test(value)) return { kind: 'local', local: Temporal.PlainDateTime.from(value) };
  } catch {
    // not a real date, such as 2026-02-30
  }
  return null;
}

/** The canonical IANA zone, or null when neither the runtime nor Temporal knows it. */
export function checkTimeZone(zone: string): string | null {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) return null;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(canonical);
    return canonical;
  } catch {
    return null;
  }
}

export function formatLocal(occurrence: Occurrence, allDay: boolean): string {
  return allDay
    ? occurrence.local.toPlainDate().toString()
    : occurrence.local.toString({ smallestUnit: 'second' });
}

type Exclusion = { date: Temporal.PlainDate } | { instant: Temporal.Instant };

function readExdate(value: string, spec: SeriesSpec): Exclusion | null {
  const local = parseLocal(value);
  if (local?.kind === 'date') return { date: local.date };
  if (local?.kind === 'local') {
    if (spec.allDay) return { date: local.local.toPlainDate() };
    return {
      instant: local.local.toZonedDateTime(spec.timeZone, { disambiguation: 'compatible' }).toInstant(),
    };
  }
  if (!OFFSET_DATE_TIME.test(value)) return null;
  try {
    const instant = Temporal.Instant.from(value);
    return spec.allDay ? { date: instant.toZonedDateTimeISO(spec.timeZone).toPlainDate() } : { instant };
  } catch {
    return null;
  }
}

function excluded(occurrence: Occurrence, exclusions: Exclusion[]): boolean {
  return exclusions.some((e) =>
    'date' in e ? occurrence.local.toPlainDate().equals(e.date) : occurrence.instant.equals(e.instant),
  );
}

interface CheckedInput {
  spec: SeriesSpec;
  count: number;
  exclusions: Exclusion[];
}

function checkInput(input: ExpandInput): CheckedInput {
  const errors: FieldError[] = [];
  const start = parseLocal(input.start);
  const allDay = input.allDay ?? start?.kind === 'date';
  const checked = checkRule(input.rule, { allowSubHourly: input.allowSubHourly ?? true, allDay });
  if (!checked.ok) errors.push({ path: 'rule', message: checked.problem });
  const timeZone = checkTimeZone(input.timeZone);
  if (!timeZone)
    errors.push({ path: 'timeZone', message: 'must be an IANA time zone such as Europe/Berlin' });
  if (!start)
    errors.push({
      path: 'start',
      message:
        'must be a local date-time like 2026-03-01T09:00:00 or a date like 2026-03-01, without an offset',
    });
  const count = input.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_EXPAND_COUNT)
    errors.push({ path: 'count', message: `must be a whole number from 1 to ${MAX_EXPAND_COUNT}` });
  if (errors.length > 0 || !checked.ok || !timeZone || !start) throw validationError(errors);
  const rule: RuleParts = checked.rule;
  const wall = start.kind === 'date' ? start.date.toPlainDateTime() : start.local;
  const spec: SeriesSpec = {
    rule,
    timeZone,
    allDay,
    start: allDay ? wall.toPlainDate().toPlainDateTime() : wall,
  };
  const exclusions: Exclusion[] = [];
  (input.exdates ?? []).forEach((value, i) => {
    const exclusion = readExdate(value, spec);
    if (exclusion) exclusions.push(exclusion);
    else
      errors.push({
        path: `exdates.${i}`,
        message: 'must be a local date-time, a date, or an instant with offset',
      });
  });
  if (errors.length > 0) throw validationError(errors);
  return { spec, count, exclusions };
}

/**
 * The first `count` occurrences of a rule from DTSTART `start` (which RFC 5545 always counts as the
 * first, matching or not), minus EXDATEs, which apply after COUNT as in RFC 5545. Pure and
 * independent of the process time zone. Throws a validation AppError naming the bad field.
 */
export function expand(input: ExpandInput): ExpandResult {
  const { spec, count, exclusions } = checkInput(input);
  const after = input.after ? Temporal.Instant.fromEpochMilliseconds(input.after.getTime()) : undefined;
  const { items } = take(spec, count + exclusions.length, after);
  const kept = items.filter((o) => !excluded(o, exclusions)).slice(0, count);
  return {
    occurrences: kept.map((o) => formatLocal(o, spec.allDay)),
    utc: spec.allDay ? [] : kept.map((o) => o.instant.toString({ smallestUnit: 'second' })),
  };
}
