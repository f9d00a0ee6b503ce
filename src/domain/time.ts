// Conversions between what people write (dates, wall times in a zone) and instants.
// Temporal gets DST gaps and overlaps right; Date alone cannot express "09:00 in Berlin".
import { Temporal } from 'temporal-polyfill';
import { type TimeInputKind, timeInputKind } from '../../contract/task.ts';

export { Temporal };

export interface ResolvedTime {
  instant: Date;
  /** The local calendar date in the zone (YYYY-MM-DD). */
  localDate: string;
}

/** Reads a client's time value in `timeZone`; a gap in local time moves forward (RFC 5545 rule). */
export function resolveTimeInput(
  value: string,
  timeZone: string,
  kind: TimeInputKind = timeInputKind(value),
): ResolvedTime {
  if (kind === 'instant') {
    // Most clients send UTC instants: read those without Temporal, which cost a create a tenth of
    // its CPU (bench:api); the local date is worked out only when someone asks for it.
    const instant = plainInstant(value);
    if (instant)
      return {
        instant,
        get localDate() {
          return localDateOf(instant, timeZone);
        },
      };
  }
  let zoned: Temporal.ZonedDateTime;
  if (kind === 'date') zoned = Temporal.PlainDate.from(value).toZonedDateTime({ timeZone });
  else if (kind === 'local')
    zoned = Temporal.PlainDateTime.from(value).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  else zoned = Temporal.Instant.from(value).toZonedDateTimeISO(timeZone);
  return { instant: new Date(zoned.epochMilliseconds), localDate: zoned.toPlainDate().toString() };
}

const PLAIN_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant of a date-time with Z or ±HH:MM and at most milliseconds, read as Temporal would,
 * or null when it is anything else (Temporal then decides). Date.parse alone is too lenient: it
 * reads February 30 as March 2 and 24:00 as the next midnight.
 */
export function plainInstant(value: string): Date | null {
  const m = PLAIN_INSTANT.exec(value);
  if (!m) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59;
  if (!valid) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The instant a local date begins in a zone (midnight, or the first moment after a DST gap). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);
}

export function localDateOf(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

export function addLocalDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The wall time of an instant in a zone, as YYYY-MM-DDTHH:mm:ss. */
export function localWallTime(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'second' });
}
