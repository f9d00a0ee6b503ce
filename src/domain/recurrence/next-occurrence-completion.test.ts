// nextOccurrence with basis "completion", and its input errors (basis "due": next-occurrence.test.ts).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { type NextOccurrenceInput, nextOccurrence } from './next-occurrence.ts';

const BERLIN = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);

/** Completed at `now`; everything else from `input`. */
function next(
  input: Omit<NextOccurrenceInput, 'completedAt' | 'now' | 'allDay'> & { now: string; allDay?: boolean },
) {
  return nextOccurrence({ allDay: false, ...input, completedAt: at(input.now), now: at(input.now) });
}

describe('basis completion', () => {
  it('every 3 days after done: done Tuesday 18:00, due 09:00 → Friday 09:00', () => {
    const result = nextOccurrence({
      rule: 'FREQ=DAILY;INTERVAL=3',
      basis: 'completion',
      timeZone: BERLIN,
      allDay: false,
      dtstart: '2026-06-02T09:00:00',
      previous: at('2026-06-02T07:00:00Z'),
      completedAt: at('2026-06-02T16:00:00Z'), // Tuesday 18:00 in Berlin
      now: at('2026-06-02T16:00:00Z'),
    });
    expect(result).toEqual({
      dueAt: at('2026-06-05T07:00:00Z'),
      local: '2026-06-05T09:00:00',
      occurrenceIndex: 1,
    });
  });

  const base = {
    basis: 'completion',
    timeZone: BERLIN,
    dtstart: '2026-01-05T09:00:00',
    previous: at('2026-01-05T08:00:00Z'),
  } as const;

  it('uses the completion date in the task zone, not in UTC', () => {
    // 23:30 UTC on the 5th is already the 6th in Berlin.
    const result = next({ ...base, rule: 'FREQ=DAILY', now: '2026-01-05T23:30:00Z' });
    expect(result?.local).toBe('2026-01-07T09:00:00');
  });

  it('WEEKLY;INTERVAL=2 without days: two weeks after the completion date', () => {
    expect(next({ ...base, rule: 'FREQ=WEEKLY;INTERVAL=2', now: '2026-01-07T12:00:00Z' })?.local).toBe(
      '2026-01-21T09:00:00',
    );
  });

  it('MONTHLY and YEARLY clamp to the end of a shorter month', () => {
    const jan31 = { ...base, dtstart: '2026-01-31', allDay: true, previous: at('2026-01-30T23:00:00Z') };
    expect(next({ ...jan31, rule: 'FREQ=MONTHLY', now: '2026-01-31T10:00:00Z' })?.local).toBe('2026-02-28');
    const leap = { ...base, dtstart: '2028-02-29', allDay: true, previous: at('2028-02-28T23:00:00Z') };
    expect(next({ ...leap, rule: 'FREQ=YEARLY', now: '2028-02-29T10:00:00Z' })?.local).toBe('2029-02-28');
  });

  it('BYDAY restarts at the completion: weekly Monday and Friday, done Wednesday → Friday', () => {
    expect(next({ ...base, rule: 'FREQ=WEEKLY;BYDAY=MO,FR', now: '2026-01-07T12:00:00Z' })?.local).toBe(
      '2026-01-09T09:00:00',
    );
  });

  it('BYDAY: done on a Monday before its time → the Friday, never the same day again', () => {
    expect(next({ ...base, rule: 'FREQ=WEEKLY;BYDAY=MO,FR', now: '2026-01-12T06:00:00Z' })?.local).toBe(
      '2026-01-16T09:00:00',
    );
  });

  it('the last Friday of the month, done on the 10th → that month’s last Friday', () => {
    expect(next({ ...base, rule: 'FREQ=MONTHLY;BYDAY=-1FR', now: '2026-02-10T12:00:00Z' })?.local).toBe(
      '2026-02-27T09:00:00',
    );
  });

  it('BYMONTHDAY: the 1st of each month, done on the 15th → the 1st of next month', () => {
    expect(next({ ...base, rule: 'FREQ=MONTHLY;BYMONTHDAY=1', now: '2026-02-15T12:00:00Z' })?.local).toBe(
      '2026-03-01T09:00:00',
    );
  });

  it('HOURLY counts from the completion instant, to the minute', () => {
    const result = next({ ...base, rule: 'FREQ=HOURLY;INTERVAL=2', now: '2026-01-05T14:07:31Z' });
    expect(result).toEqual({
      dueAt: at('2026-01-05T16:07:00Z'),
      local: '2026-01-05T17:07:00',
      occurrenceIndex: 1,
    });
  });

  it('keeps the local time of day across a DST change', () => {
    const result = next({
      ...base,
      rule: 'FREQ=DAILY',
      dtstart: '2026-03-20T09:00:00',
      now: '2026-03-28T12:00:00Z',
    });
    expect(result).toEqual({
      dueAt: at('2026-03-29T07:00:00Z'),
      local: '2026-03-29T09:00:00',
      occurrenceIndex: 1,
    });
  });

  it('without a stored start, the time of day comes from the completed occurrence', () => {
    const { dtstart: _, ...noStart } = base;
    expect(
      next({
        ...noStart,
        rule: 'FREQ=DAILY',
        previous: at('2026-01-05T16:45:00Z'),
        now: '2026-01-06T09:00:00Z',
      })?.local,
    ).toBe('2026-01-07T17:45:00');
  });

  it('COUNT counts the occurrences created', () => {
    const rule = { ...base, rule: 'FREQ=DAILY;COUNT=3', now: '2026-01-06T12:00:00Z' };
    expect(next({ ...rule, occurrenceIndex: 1 })?.occurrenceIndex).toBe(2);
    expect(next({ ...rule, occurrenceIndex: 2 })).toBeNull();
  });

  it('UNTIL ends it', () => {
    const rule = { ...base, rule: 'FREQ=WEEKLY;UNTIL=20260120' };
    expect(next({ ...rule, now: '2026-01-10T12:00:00Z' })?.local).toBe('2026-01-17T09:00:00');
    expect(next({ ...rule, now: '2026-01-14T12:00:00Z' })).toBeNull();
  });
});

describe('nextOccurrence input errors', () => {
  const valid: NextOccurrenceInput = {
    rule: 'FREQ=DAILY',
    basis: 'due',
    timeZone: BERLIN,
    allDay: false,
    previous: at('2026-01-05T08:00:00Z'),
    completedAt: at('2026-01-05T08:00:00Z'),
    now: at('2026-01-05T08:00:00Z'),
  };
  it.each([
    [{ rule: 'FREQ=SOMETIMES' }, 'rule'],
    [{ timeZone: 'Atlantis/Capital' }, 'timeZone'],
    [{ dtstart: '5 January' }, 'dtstart'],
    [{ occurrenceIndex: -1 }, 'occurrenceIndex'],
    [{ rule: 'FREQ=HOURLY', allDay: true }, 'rule'],
  ])('%j is rejected at %s', (override, path) => {
    let error: unknown;
    try {
      nextOccurrence({ ...valid, ...override });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors?.[0]?.path).toBe(path);
  });
});
