import { describe, expect, it } from 'vitest';
import { type NextOccurrenceInput, nextOccurrence } from './next-occurrence.ts';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);

/** Completed at `now`; everything else from `input`. */
function next(
  input: Omit<NextOccurrenceInput, 'completedAt' | 'now' | 'allDay'> & { now: string; allDay?: boolean },
) {
  return nextOccurrence({ allDay: false, ...input, completedAt: at(input.now), now: at(input.now) });
}

describe('basis due', () => {
  const daily = {
    rule: 'FREQ=DAILY',
    basis: 'due',
    timeZone: BERLIN,
    dtstart: '2026-06-01T09:00:00',
  } as const;

  it('completed on time: the next day at the same wall time', () => {
    const result = next({
      ...daily,
      previous: at('2026-06-01T07:00:00Z'),
      occurrenceIndex: 0,
      now: '2026-06-01T07:30:00Z',
    });
    expect(result).toEqual({
      dueAt: at('2026-06-02T07:00:00Z'),
      local: '2026-06-02T09:00:00',
      occurrenceIndex: 1,
    });
  });

  it('completed early (the day before): the one after the completed occurrence, not itself', () => {
    const result = next({
      ...daily,
      previous: at('2026-06-02T07:00:00Z'),
      occurrenceIndex: 1,
      now: '2026-06-01T12:00:00Z',
    });
    expect(result?.local).toBe('2026-06-03T09:00:00');
  });

  it('completed late: missed occurrences are skipped, the next one not yet past is due', () => {
    const afterNine = next({
      ...daily,
      previous: at('2026-06-01T07:00:00Z'),
      occurrenceIndex: 0,
      now: '2026-06-05T10:00:00Z',
    });
    expect(afterNine).toEqual({
      dueAt: at('2026-06-06T07:00:00Z'),
      local: '2026-06-06T09:00:00',
      occurrenceIndex: 5,
    });
    const beforeNine = next({
      ...daily,
      previous: at('2026-06-01T07:00:00Z'),
      occurrenceIndex: 0,
      now: '2026-06-05T06:00:00Z',
    });
    expect(beforeNine?.local).toBe('2026-06-05T09:00:00');
  });

  it('an occurrence due exactly now counts as past', () => {
    const result = next({ ...daily, previous: at('2026-06-01T07:00:00Z'), now: '2026-06-03T07:00:00Z' });
    expect(result?.local).toBe('2026-06-04T09:00:00');
  });

  it('weekly on Monday and Wednesday', () => {
    const rule = {
      rule: 'FREQ=WEEKLY;BYDAY=MO,WE',
      basis: 'due',
      timeZone: NY,
      dtstart: '2026-06-01T09:00:00',
    } as const;
    const result = next({ ...rule, previous: at('2026-06-01T13:00:00Z'), now: '2026-06-01T14:00:00Z' });
    expect(result?.local).toBe('2026-06-03T09:00:00');
  });

  it('keeps 09:00 across the spring-forward change', () => {
    const rule = { rule: 'FREQ=DAILY', basis: 'due', timeZone: NY, dtstart: '2026-03-01T09:00:00' } as const;
    const result = next({
      ...rule,
      previous: at('2026-03-07T14:00:00Z'),
      occurrenceIndex: 6,
      now: '2026-03-07T15:00:00Z',
    });
    expect(result).toEqual({
      dueAt: at('2026-03-08T13:00:00Z'),
      local: '2026-03-08T09:00:00',
      occurrenceIndex: 7,
    });
  });

  it('a series anchored at 02:30 comes back to 02:30 after the gap day', () => {
    const rule = { rule: 'FREQ=DAILY', basis: 'due', timeZone: NY, dtstart: '2026-03-07T02:30:00' } as const;
    const gapDay = next({ ...rule, previous: at('2026-03-07T07:30:00Z'), now: '2026-03-07T08:00:00Z' });
    expect(gapDay?.local).toBe('2026-03-08T03:30:00');
    const after = next({ ...rule, previous: gapDay?.dueAt ?? at('2000-01-01'), now: '2026-03-08T08:00:00Z' });
    expect(after?.local).toBe('2026-03-09T02:30:00');
  });

  it('a moved occurrence: the next one of the rule after where it was moved', () => {
    const rule = {
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      basis: 'due',
      timeZone: BERLIN,
      dtstart: '2026-06-01T09:00:00',
    } as const;
    // Monday 06-08 was moved to Thursday 06-11 and completed then.
    const result = next({ ...rule, previous: at('2026-06-11T07:00:00Z'), now: '2026-06-11T08:00:00Z' });
    expect(result?.local).toBe('2026-06-15T09:00:00');
  });

  it('monthly on the 31st skips short months', () => {
    const rule = {
      rule: 'FREQ=MONTHLY;BYMONTHDAY=31',
      basis: 'due',
      timeZone: BERLIN,
      dtstart: '2026-01-31T09:00:00',
    } as const;
    const result = next({ ...rule, previous: at('2026-01-31T08:00:00Z'), now: '2026-01-31T09:00:00Z' });
    expect(result?.local).toBe('2026-03-31T09:00:00');
  });

  describe('all-day', () => {
    const allDay = {
      rule: 'FREQ=DAILY',
      basis: 'due',
      timeZone: BERLIN,
      dtstart: '2026-06-01',
      allDay: true,
    } as const;

    it('returns the date and the instant it begins', () => {
      const result = next({ ...allDay, previous: at('2026-05-31T22:00:00Z'), now: '2026-06-01T10:00:00Z' });
      expect(result).toEqual({ dueAt: at('2026-06-01T22:00:00Z'), local: '2026-06-02', occurrenceIndex: 1 });
    });

    it("completed late: today's occurrence is still open, so it is the next one", () => {
      const result = next({ ...allDay, previous: at('2026-05-31T22:00:00Z'), now: '2026-06-04T21:30:00Z' });
      expect(result?.local).toBe('2026-06-04'); // 23:30 in Berlin, still June 4
    });

    it('last day of the month', () => {
      const rule = { ...allDay, rule: 'FREQ=MONTHLY;BYMONTHDAY=-1', dtstart: '2026-01-31' };
      const result = next({ ...rule, previous: at('2026-01-30T23:00:00Z'), now: '2026-01-31T12:00:00Z' });
      expect(result?.local).toBe('2026-02-28');
    });
  });

  describe('end of series', () => {
    const counted = {
      rule: 'FREQ=DAILY;COUNT=3',
      basis: 'due',
      timeZone: BERLIN,
      dtstart: '2026-06-01T09:00:00',
    } as const;

    it('COUNT: the last occurrence has no successor', () => {
      const second = next({
        ...counted,
        previous: at('2026-06-02T07:00:00Z'),
        occurrenceIndex: 1,
        now: '2026-06-02T08:00:00Z',
      });
      expect(second).toEqual({
        dueAt: at('2026-06-03T07:00:00Z'),
        local: '2026-06-03T09:00:00',
        occurrenceIndex: 2,
      });
      expect(
        next({
          ...counted,
          previous: at('2026-06-03T07:00:00Z'),
          occurrenceIndex: 2,
          now: '2026-06-03T08:00:00Z',
        }),
      ).toBeNull();
    });

    it('COUNT: skipped occurrences use it up', () => {
      expect(
        next({ ...counted, previous: at('2026-06-01T07:00:00Z'), now: '2026-06-03T08:00:00Z' }),
      ).toBeNull();
    });

    it('COUNT without a stored start: counted from occurrenceIndex at the completed occurrence', () => {
      const rule = { rule: 'FREQ=WEEKLY;COUNT=5', basis: 'due', timeZone: BERLIN } as const;
      const fourth = next({
        ...rule,
        previous: at('2026-06-22T07:00:00Z'),
        occurrenceIndex: 3,
        now: '2026-06-22T08:00:00Z',
      });
      expect(fourth).toEqual({
        dueAt: at('2026-06-29T07:00:00Z'),
        local: '2026-06-29T09:00:00',
        occurrenceIndex: 4,
      });
      expect(
        next({
          ...rule,
          previous: at('2026-06-29T07:00:00Z'),
          occurrenceIndex: 4,
          now: '2026-06-29T08:00:00Z',
        }),
      ).toBeNull();
    });

    it('UNTIL as an instant and as a date', () => {
      const rule = { basis: 'due', timeZone: BERLIN, dtstart: '2026-06-01T09:00:00' } as const;
      const until = 'FREQ=DAILY;UNTIL=20260603T070000Z';
      expect(
        next({ ...rule, rule: until, previous: at('2026-06-02T07:00:00Z'), now: '2026-06-02T08:00:00Z' })
          ?.local,
      ).toBe('2026-06-03T09:00:00');
      expect(
        next({ ...rule, rule: until, previous: at('2026-06-03T07:00:00Z'), now: '2026-06-03T08:00:00Z' }),
      ).toBeNull();
      const byDate = 'FREQ=DAILY;UNTIL=20260603';
      expect(
        next({ ...rule, rule: byDate, previous: at('2026-06-03T07:00:00Z'), now: '2026-06-03T08:00:00Z' }),
      ).toBeNull();
    });

    it('UNTIL: missed occurrences up to UNTIL end the series when completed late', () => {
      const rule = {
        rule: 'FREQ=DAILY;UNTIL=20260603',
        basis: 'due',
        timeZone: BERLIN,
        dtstart: '2026-06-01T09:00:00',
      } as const;
      expect(next({ ...rule, previous: at('2026-06-01T07:00:00Z'), now: '2026-06-10T08:00:00Z' })).toBeNull();
    });
  });
});
