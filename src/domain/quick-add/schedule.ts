// Facts to a local date and time in the user's zone: "the next such time", weekdays, weekends,
// explicit zones, and the first occurrence of a recurrence rule.
import { Temporal } from '../time.ts';
import { type Clock, plainDate, type When } from './dates.ts';
import { dayMatches, type RecurrenceSpec } from './recurrence.ts';
import type { TimeOfDay } from './types.ts';

export interface LocalDue {
  date: Temporal.PlainDate;
  time: TimeOfDay | null;
}

/** The instant a local date and time mean in `zone` (a DST gap moves forward, like the server). */
export function instantOf(date: Temporal.PlainDate, time: TimeOfDay, zone: string): Temporal.Instant {
  return date.toPlainDateTime(time).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant();
}

function fromInstant(instant: Temporal.Instant, zone: string): LocalDue {
  const local = instant.toZonedDateTimeISO(zone);
  return { date: local.toPlainDate(), time: { hour: local.hour, minute: local.minute } };
}

/** The instant of a wall time, read in the phrase's own zone when it named one. */
export function instantIn(
  when: When,
  date: Temporal.PlainDate,
  time: TimeOfDay,
  zone: string,
): Temporal.Instant {
  if (when.zoneOffset === null) return instantOf(date, time, zone);
  const utc = date.toPlainDateTime(time).toZonedDateTime('UTC').toInstant();
  return utc.subtract({ minutes: when.zoneOffset });
}

/** The first date on or after `from` with the given weekday (1 = Monday). */
const onOrAfter = (from: Temporal.PlainDate, weekday: number) =>
  from.add({ days: (weekday - from.dayOfWeek + 7) % 7 });

/**
 * Where a date or time phrase lands. A time without a date is the next such time (today if still
 * ahead, else tomorrow); a bare weekday is the next one, today included unless its time has passed.
 */
export function resolveWhen(when: When, clock: Clock): LocalDue | null {
  const { today, zone } = clock;
  const fact = when.date;
  if (fact?.kind === 'instant')
    return fromInstant(fact.instant.round({ smallestUnit: 'minute', roundingMode: 'floor' }), zone);
  let date: Temporal.PlainDate | null = null;
  let rollWeeks = false;
  if (fact?.kind === 'date') date = fact.date;
  else if (fact?.kind === 'weekend') {
    if (fact.next) date = today.add({ days: 8 - today.dayOfWeek + 5 });
    else date = today.dayOfWeek >= 6 ? today : onOrAfter(today, 6);
  } else if (fact?.kind === 'weekday') {
    if (fact.modifier === 'next') date = today.add({ days: 8 - today.dayOfWeek + fact.weekday - 1 });
    else if (fact.modifier === 'last')
      date = today.subtract({ days: (today.dayOfWeek - fact.weekday + 7) % 7 || 7 });
    else {
      date = onOrAfter(today, fact.weekday);
      rollWeeks = true;
    }
  }
  const time = when.time;
  if (!time) return date ? { date, time: null } : null;
  let day = date ?? today;
  const isPast = (d: Temporal.PlainDate) =>
    Temporal.Instant.compare(instantIn(when, d, time, zone), clock.now) < 0;
  if (!date && isPast(day)) day = day.add({ days: 1 });
  else if (rollWeeks && isPast(day)) day = day.add({ weeks: 1 });
  if (when.zoneOffset !== null) return fromInstant(instantIn(when, day, time, zone), zone);
  return { date: day, time };
}

/**
 * The first occurrence of a rule at or after now (or after the phrase's start date): the first
 * matching day, at the phrase's time of day, else all day. Hourly rules without a time start at
 * the next full hour.
 */
export function firstOccurrence(spec: RecurrenceSpec, start: LocalDue | null, clock: Clock): LocalDue | null {
  const time = start?.time ?? spec.time;
  if (spec.freq === 'HOURLY' && !time) {
    const local = clock.now
      .toZonedDateTimeISO(clock.zone)
      .round({ smallestUnit: 'hour', roundingMode: 'ceil' });
    return fromInstant(local.toInstant(), clock.zone);
  }
  const day = start && Temporal.PlainDate.compare(start.date, clock.today) > 0 ? start.date : clock.today;
  if (spec.freq === 'YEARLY' && spec.byMonth !== null && spec.byMonthDay !== null) {
    // Jump straight to the month: Feb 29 may be years away.
    for (let year = day.year; year <= day.year + 9; year++) {
      const candidate = plainDate(year, spec.byMonth, spec.byMonthDay);
      if (candidate && Temporal.PlainDate.compare(candidate, day) >= 0 && notPast(candidate, time, clock))
        return { date: candidate, time };
    }
    return null;
  }
  // Walk the days as UTC dates (plain calendar arithmetic) and build a PlainDate only for a match.
  const first = new Date(0).setUTCFullYear(day.year, day.month - 1, day.day); // Date.UTC maps 0–99 to 19xx
  for (let i = 0; i < 400; i++) {
    const utc = new Date(first + i * 86_400_000);
    const calendar = {
      month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(),
      dayOfWeek: utc.getUTCDay() || 7,
      daysInMonth: new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth() + 1, 0)).getUTCDate(),
    };
    if (!dayMatches(spec, calendar)) continue;
    const candidate = Temporal.PlainDate.from({
      year: utc.getUTCFullYear(),
      month: calendar.month,
      day: calendar.day,
    });
    if (notPast(candidate, time, clock)) return { date: candidate, time };
  }
  return null;
}

function notPast(date: Temporal.PlainDate, time: TimeOfDay | null, clock: Clock): boolean {
  if (!time) return Temporal.PlainDate.compare(date, clock.today) >= 0;
  return Temporal.Instant.compare(instantOf(date, time, clock.zone), clock.now) >= 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The API's local forms: `YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:mm:ss` for a wall time. */
export function formatDue(due: LocalDue): string {
  const date = due.date.toString();
  return due.time ? `${date}T${pad(due.time.hour)}:${pad(due.time.minute)}:00` : date;
}

/** An instant as the API wants an absolute reminder: ISO 8601 in UTC with `Z`, no milliseconds. */
export function formatInstant(instant: Temporal.Instant): string {
  return new Date(instant.epochMilliseconds).toISOString().replace('.000Z', 'Z');
}
