import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayHeading,
  daysBetween,
  dueLabel,
  formatOccurrence,
  isOverdue,
  localDate,
  localTime,
  relativeTime,
  todayIn,
  wallParts,
  weekdayOf,
  zonedToInstant,
} from './dates.ts';

describe('wall clocks in a zone', () => {
  it('reads an instant in any zone, whatever the process zone', () => {
    const instant = '2026-03-01T23:30:00Z';
    expect(localDate(instant, 'UTC')).toBe('2026-03-01');
    expect(localDate(instant, 'Europe/Berlin')).toBe('2026-03-02');
    expect(localTime(instant, 'Europe/Berlin')).toBe('00:30');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-03-01');
    expect(localTime(instant, 'Asia/Kolkata')).toBe('05:00');
    expect(wallParts(instant, 'Europe/Berlin').weekday).toBe(1);
  });

  it('turns a wall time in a zone into the instant, across daylight saving', () => {
    expect(zonedToInstant('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToInstant('2026-12-01', '09:00', 'Europe/Berlin')).toBe('2026-12-01T08:00:00.000Z');
    expect(zonedToInstant('2026-03-01', '09:30', 'Asia/Kolkata')).toBe('2026-03-01T04:00:00.000Z');
    expect(zonedToInstant('2026-11-22', '18:00', 'America/New_York')).toBe('2026-11-22T23:00:00.000Z');
    // The spring-forward gap: 02:30 does not exist in Berlin on 29 March 2026; it moves to 03:30.
    expect(zonedToInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // The autumn overlap: 02:30 happens twice on 25 October 2026; the first one wins.
    expect(zonedToInstant('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-11-22', '2026-12-01')).toBe(9);
    expect(weekdayOf('2026-11-22')).toBe(0);
    expect(todayIn('Pacific/Kiritimati', Date.parse('2026-11-22T12:00:00Z'))).toBe('2026-11-23');
  });
});

describe('due labels', () => {
  const zone = 'Europe/Berlin';
  const now = Date.parse('2026-11-22T10:00:00Z'); // Sunday 11:00 in Berlin
  const task = (dueAt: string | null, allDay = false, status: 'pending' | 'completed' = 'pending') => ({
    dueAt,
    allDay,
    status,
  });

  it('says today, tomorrow, yesterday, a weekday, a date', () => {
    expect(dueLabel(task('2026-11-22T17:00:00Z'), zone, now, 'en-GB')?.text).toBe('Today 18:00');
    expect(dueLabel(task('2026-11-22T23:00:00Z', true), zone, now, 'en-GB')?.text).toBe('Tomorrow');
    expect(dueLabel(task('2026-11-21T08:00:00Z'), zone, now, 'en-GB')?.text).toBe('Yesterday 09:00');
    expect(dueLabel(task('2026-11-25T08:00:00Z'), zone, now, 'en-GB')?.text).toBe('Wednesday 09:00');
    expect(dueLabel(task('2026-12-24T08:00:00Z'), zone, now, 'en-GB')?.text).toBe('Thu 24 Dec 09:00');
    expect(dueLabel(task('2027-01-03T08:00:00Z'), zone, now, 'en-GB')?.text).toBe('3 Jan 2027 09:00');
    expect(dueLabel(task(null), zone, now)).toBeNull();
  });

  it('marks overdue: timed tasks once the time passed, all-day tasks only after their day', () => {
    expect(dueLabel(task('2026-11-22T09:00:00Z'), zone, now, 'en-GB')).toMatchObject({
      overdue: true,
      today: true,
    });
    expect(isOverdue(task('2026-11-21T23:00:00Z', true), zone, now)).toBe(false); // all day today in Berlin
    expect(isOverdue(task('2026-11-20T23:00:00Z', true), zone, now)).toBe(true);
    expect(isOverdue(task('2026-11-21T09:00:00Z', false, 'completed'), zone, now)).toBe(false);
  });

  it('heads days and reads occurrences', () => {
    expect(dayHeading('2026-11-22', '2026-11-22', 'en-GB')).toBe('Today · Sun 22 Nov');
    expect(dayHeading('2026-11-23', '2026-11-22', 'en-GB')).toBe('Tomorrow · Mon 23 Nov');
    expect(dayHeading('2027-01-05', '2026-11-22', 'en-GB')).toBe('Tue, 5 Jan 2027');
    expect(formatOccurrence('2026-11-27T15:00:00', 'en-GB')).toBe('Fri, 27 Nov 2026, 15:00');
    expect(formatOccurrence('2026-11-27', 'en-GB')).toBe('Fri, 27 Nov 2026');
  });

  it('says how long ago', () => {
    const at = Date.parse('2026-11-22T10:00:00Z');
    expect(relativeTime('2026-11-22T09:59:50Z', at)).toBe('just now');
    expect(relativeTime('2026-11-22T09:55:00Z', at)).toBe('5 min ago');
    expect(relativeTime('2026-11-22T07:00:00Z', at)).toBe('3 h ago');
    expect(relativeTime('2026-11-21T10:00:00Z', at)).toBe('1 day ago');
    expect(relativeTime('2026-11-22T10:10:00Z', at)).toBe('in 10 min');
    expect(relativeTime('2026-10-01T10:00:00Z', at, 'UTC', 'en-GB')).toBe('1 Oct 2026');
  });
});
