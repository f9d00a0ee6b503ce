// The one adapter around rrule-temporal. It decides in which clock a rule is expanded:
//
// - wall: DAILY and coarser rules (and every all-day rule) are expanded in wall time. The library
//   runs in UTC, where no DST exists, so it only does calendar arithmetic; each wall time is then
//   placed in the task's zone. A wall time in a spring-forward gap moves forward by the gap length
//   (the RFC 5545 §3.3.5 reading of a nonexistent DATE-TIME, and what `resolveTimeInput` does for
//   a due time). rrule-temporal, run in the real zone, instead drops such an occurrence (§3.3.10)
//   — a daily 02:30 task would vanish on the day the clocks change — and when DTSTART itself is in
//   a gap it moves every later occurrence to the shifted time (02:30 becomes 03:30 for good).
// - elapsed: HOURLY, MINUTELY and SECONDLY rules without BYxxx parts step exact time from the
//   DTSTART instant, computed in UTC. In the real zone the library visits a repeated hour only
//   once, so "every hour" would skip an hour when the clocks go back.
// - zoned: sub-daily rules with BYxxx parts (BYHOUR, BYDAY …) run in the real zone, which those
//   parts refer to; there the library's own DST handling applies.
//
// UNTIL is applied here rather than by the library: it compares instants (or local dates for
// all-day series), which a wall-time expansion cannot do alone. The library's own UNTIL only
// gets a loose upper bound so it stops early.
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from '../time.ts';
import type { RuleParts } from './parse.ts';

export interface SeriesSpec {
  rule: RuleParts;
  /** DTSTART as a local wall time in `timeZone`; for all-day series, midnight of the date. */
  start: Temporal.PlainDateTime;
  timeZone: string;
  allDay: boolean;
}

export interface Occurrence {
  /** The local wall time it really happens at (after any DST gap shift); midnight for all-day. */
  local: Temporal.PlainDateTime;
  /** For all-day occurrences: the instant the local date begins. */
  instant: Temporal.Instant;
}

export interface TakeResult {
  items: Occurrence[];
  /** True when the rule has no occurrences beyond `items` (within the search horizon). */
  exhausted: boolean;
}

const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
const PERIODS_PER_YEAR = {
  YEARLY: 1,
  MONTHLY: 12,
  WEEKLY: 53,
  DAILY: 366,
  HOURLY: 8784,
  MINUTELY: 527_040,
  SECONDLY: 31_622_400,
};
/** How far a search may look: about 1,000 years, and never more than 100,000 periods of the rule. */
const HORIZON_YEARS = 1000;
const MAX_PERIODS = 100_000;

export function isSubDaily(rule: RuleParts): boolean {
  return SUB_DAILY.has(rule.freq);
}

type Clock = 'wall' | 'elapsed' | 'zoned';
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

function clockOf(spec: SeriesSpec): Clock {
  if (spec.allDay || !isSubDaily(spec.rule)) return 'wall';
  return BY_PARTS.some((key) => spec.rule[key as keyof RuleParts] !== undefined) ? 'zoned' : 'elapsed';
}

/** The instant of a local wall time: a gap moves it forward by the gap's length, a repeated time takes the first. */
export function placeInZone(
  local: Temporal.PlainDateTime,
  timeZone: string,
  allDay: boolean,
): Temporal.ZonedDateTime {
  if (allDay) return local.toPlainDate().toZonedDateTime({ timeZone });
  return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
}

/**
 * What the library returns. It bundles its own Temporal polyfill, so its values are not instances
 * of ours: only the epoch nanoseconds cross over, everything else is computed with our Temporal.
 */
interface Generated {
  readonly epochNanoseconds: bigint;
}

function fromGenerated(spec: SeriesSpec, generated: Generated): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochNanoseconds(generated.epochNanoseconds).toZonedDateTimeISO(
    generationZone(spec),
  );
}

function occurrenceOf(spec: SeriesSpec, generated: Generated): Occurrence {
  const zoned = fromGenerated(spec, generated);
  if (clockOf(spec) !== 'wall') {
    const instant = zoned.toInstant();
    return { local: instant.toZonedDateTimeISO(spec.timeZone).toPlainDateTime(), instant };
  }
  const wall = zoned.toPlainDateTime();
  const placed = placeInZone(wall, spec.timeZone, spec.allDay);
  return { local: spec.allDay ? wall : placed.toPlainDateTime(), instant: placed.toInstant() };
}

/** The zone the library computes in, and a wall time or instant expressed there. */
function generationZone(spec: SeriesSpec): string {
  return clockOf(spec) === 'zoned' ? spec.timeZone : 'UTC';
}
function wallToGeneration(spec: SeriesSpec, wall: Temporal.PlainDateTime): Temporal.ZonedDateTime {
  if (clockOf(spec) === 'wall') return wall.toZonedDateTime('UTC');
  return placeInZone(wall, spec.timeZone, false).withTimeZone(generationZone(spec));
}
function instantToGeneration(spec: SeriesSpec, instant: Temporal.Instant): Temporal.ZonedDateTime {
  if (clockOf(spec) !== 'wall') return instant.toZonedDateTimeISO(generationZone(spec));
  // In wall time, a moment two days earlier is certainly not later than `instant` in any zone.
  return instant
    .toZonedDateTimeISO(spec.timeZone)
    .toPlainDateTime()
    .subtract({ days: 2 })
    .toZonedDateTime('UTC');
}

/** Whether an occurrence is within UNTIL: local dates for all-day series and date UNTILs, else instants. */
export function withinUntil(spec: SeriesSpec, occurrence: Occurrence): boolean {
  const until = spec.rule.until;
  if (!until) return true;
  if (until.kind === 'date')
    return Temporal.PlainDate.compare(occurrence.local.toPlainDate(), until.date) <= 0;
  const instant = Temporal.Instant.from(until.instant);
  if (!spec.allDay) return Temporal.Instant.compare(occurrence.instant, instant) <= 0;
  const lastDate = instant.toZonedDateTimeISO(spec.timeZone).toPlainDate();
  return Temporal.PlainDate.compare(occurrence.local.toPlainDate(), lastDate) <= 0;
}

/** A generation-zone bound no occurrence within UNTIL can pass, so the library stops early. */
function untilBound(spec: SeriesSpec): Temporal.ZonedDateTime | undefined {
  const until = spec.rule.until;
  if (!until) return undefined;
  const lastWall =
    until.kind === 'date'
      ? Temporal.PlainDate.from(until.date).toPlainDateTime()
      : Temporal.Instant.from(until.instant).toZonedDateTimeISO(spec.timeZone).toPlainDateTime();
  return wallToGeneration(spec, lastWall.add({ days: 1 }));
}

function horizonPeriods(rule: RuleParts): number {
  const periods = Math.ceil((HORIZON_YEARS * PERIODS_PER_YEAR[rule.freq]) / rule.interval);
  return Math.max(50, Math.min(MAX_PERIODS, periods));
}

function libraryRule(spec: SeriesSpec, dtstart: Temporal.ZonedDateTime, count?: number): RRuleTemporal {
  const { rule } = spec;
  const timeParts = spec.allDay
    ? {} // RFC 5545: BYHOUR, BYMINUTE and BYSECOND are ignored for DATE values.
    : { byHour: rule.byHour, byMinute: rule.byMinute, bySecond: rule.bySecond };
  return new RRuleTemporal({
    freq: rule.freq,
    interval: rule.interval,
    count,
    until: untilBound(spec),
    byDay: rule.byDay?.map((d) => `${d.ordinal ?? ''}${d.weekday}`),
    byMonthDay: rule.byMonthDay,
    byYearDay: rule.byYearDay,
    byWeekNo: rule.byWeekNo,
    byMonth: rule.byMonth,
    bySetPos: rule.bySetPos,
    wkst: rule.wkst,
    ...timeParts,
    dtstart,
    tzid: generationZone(spec),
    // RFC 5545: DTSTART is always the first instance, even when the rule would not produce it.
    includeDtstart: true,
    cache: false,
    maxIterations: horizonPeriods(rule),
  });
}

function isHorizonError(error: unknown): boolean {
  return error instanceof Error && /Maximum (iterations|candidate)/i.test(error.message);
}

/** All occurrences of a rule bounded by COUNT; when the horizon runs out, what was found by then. */
function collect(rule: RRuleTemporal): Generated[] {
  try {
    return rule.all();
  } catch (error) {
    if (!isHorizonError(error)) throw error;
  }
  // The bulk path lost its partial result; the callback path keeps what it saw before giving up.
  const found: Generated[] = [];
  try {
    rule.all((date) => {
      found.push(date);
      return true;
    });
  } catch (error) {
    if (!isHorizonError(error)) throw error;
  }
  return found;
}

/** The first generated occurrence at or after `from`, or null (also when the horizon runs out). */
function firstFrom(rule: RRuleTemporal, from: Temporal.ZonedDateTime): Generated | null {
  try {
    return rule.next(from, true);
  } catch (error) {
    if (isHorizonError(error)) return null;
    throw error;
  }
}

/**
 * Up to `limit` occurrences in time order, only those strictly after `after` when given; UNTIL
 * applied, EXDATEs not. Work is bounded: COUNT is at most MAX_COUNT and the search horizon caps
 * rules that match rarely or never.
 */
export function take(spec: SeriesSpec, limit: number, after?: Temporal.Instant): TakeResult {
  let anchor = wallToGeneration(spec, spec.start);
  const count = spec.rule.count;
  if (after && count === undefined) {
    // Without COUNT the rule can restart at any of its occurrences: jump close to `after`.
    const from = instantToGeneration(spec, after);
    if (Temporal.ZonedDateTime.compare(from, anchor) > 0) {
      const first = firstFrom(libraryRule(spec, anchor), from);
      if (!first) return { items: [], exhausted: true };
      anchor = fromGenerated(spec, first);
    }
  }
  // A few extra for occurrences that UNTIL, `after` or a DST gap (two wall times, one instant) remove.
  let asked = limit + 8;
  for (let round = 0; ; round++) {
    const wanted = count === undefined ? asked : Math.min(count, asked);
    const generated = collect(libraryRule(spec, anchor, wanted));
    const seen = new Set<bigint>();
    const items = generated
      .map((date) => occurrenceOf(spec, date))
      .filter((o) => withinUntil(spec, o) && (!after || Temporal.Instant.compare(o.instant, after) > 0))
      .sort((a, b) => Temporal.Instant.compare(a.instant, b.instant))
      .filter((o) => !seen.has(o.instant.epochNanoseconds) && seen.add(o.instant.epochNanoseconds));
    const ended = generated.length < wanted || wanted === count;
    if (items.length >= limit || ended || round === 6)
      return { items: items.slice(0, limit), exhausted: ended && items.length <= limit };
    asked *= 4;
  }
}
