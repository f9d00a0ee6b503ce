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
  let zoned: Temporal.ZonedDateTime;
  if (kind === 'date') zoned = Temporal.PlainDate.from(value).toZonedDateTime({ timeZone });
  else if (kind === 'local')
    zoned = Temporal.PlainDateTime.from(value).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  else zoned = Temporal.Instant.from(value).toZonedDateTimeISO(timeZone);
  return { instant: new Date(zoned.epochMilliseconds), localDate: zoned.toPlainDate().toString() };
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
