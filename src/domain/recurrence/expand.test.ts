import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { expand } from './expand.ts';

const NY = 'America/New_York';

function fieldErrors(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error.errors ?? [];
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('expand basics', () => {
  it('returns 10 occurrences by default, local and UTC', () => {
    const result = expand({ rule: 'FREQ=DAILY', start: '2026-01-01T09:00:00', timeZone: 'Europe/Berlin' });
    expect(result.occurrences).toHaveLength(10);
    expect(result.occurrences[9]).toBe('2026-01-10T09:00:00');
    expect(result.utc[0]).toBe('2026-01-01T08:00:00Z');
  });

  it('accepts HH:mm starts and returns seconds', () => {
    const result = expand({ rule: 'FREQ=WEEKLY', start: '2026-01-01T09:30', timeZone: 'UTC', count: 2 });
    expect(result.occurrences).toEqual(['2026-01-01T09:30:00', '2026-01-08T09:30:00']);
  });

  it('gives at most 1,000', () => {
    const result = expand({ rule: 'FREQ=DAILY', start: '2026-01-01T09:00:00', timeZone: 'UTC', count: 1000 });
    expect(result.occurrences).toHaveLength(1000);
    expect(result.occurrences.at(-1)).toBe('2028-09-26T09:00:00');
  });

  it('stops where COUNT ends the series', () => {
    const result = expand({
      rule: 'FREQ=DAILY;COUNT=3',
      start: '2026-01-01T09:00:00',
      timeZone: 'UTC',
      count: 50,
    });
    expect(result.occurrences).toHaveLength(3);
  });

  it('counts DTSTART as the first occurrence even when the rule would not produce it (RFC 5545)', () => {
    const result = expand({
      rule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=3',
      start: '2026-03-03T09:00:00',
      timeZone: 'UTC',
    });
    expect(result.occurrences).toEqual(['2026-03-03T09:00:00', '2026-03-06T09:00:00', '2026-03-13T09:00:00']);
  });

  it('skips months without the day (no clamping): 31st monthly', () => {
    const result = expand({ rule: 'FREQ=MONTHLY', start: '2026-01-31T09:00:00', timeZone: 'UTC', count: 4 });
    expect(result.occurrences).toEqual([
      '2026-01-31T09:00:00',
      '2026-03-31T09:00:00',
      '2026-05-31T09:00:00',
      '2026-07-31T09:00:00',
    ]);
  });

  it('yearly on February 29 only in leap years', () => {
    const result = expand({ rule: 'FREQ=YEARLY', start: '2024-02-29', timeZone: 'UTC', count: 3 });
    expect(result.occurrences).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
  });
});

describe('rule parts', () => {
  it('negative BYMONTHDAY counts from the month end (-1 = last day, -2 = the day before)', () => {
    const result = expand({
      rule: 'FREQ=MONTHLY;BYMONTHDAY=-1,-2',
      start: '2026-01-01T09:00:00',
      timeZone: NY,
      count: 5,
    });
    expect(result.occurrences).toEqual([
      '2026-01-01T09:00:00',
      '2026-01-30T09:00:00',
      '2026-01-31T09:00:00',
      '2026-02-27T09:00:00',
      '2026-02-28T09:00:00',
    ]);
  });

  it('BYSETPOS: last weekday of the month', () => {
    const rule = 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1';
    const result = expand({ rule, start: '2026-01-30T17:00:00', timeZone: NY, count: 4 });
    expect(result.occurrences).toEqual([
      '2026-01-30T17:00:00',
      '2026-02-27T17:00:00',
      '2026-03-31T17:00:00',
      '2026-04-30T17:00:00',
    ]);
  });

  it('BYSETPOS picks among the times of a day', () => {
    const rule = 'FREQ=DAILY;BYHOUR=9,12,17;BYSETPOS=1,-1';
    const result = expand({ rule, start: '2026-01-01T09:00:00', timeZone: NY, count: 4 });
    expect(result.occurrences).toEqual([
      '2026-01-01T09:00:00',
      '2026-01-01T17:00:00',
      '2026-01-02T09:00:00',
      '2026-01-02T17:00:00',
    ]);
  });

  it('WKST changes which weeks INTERVAL=2 keeps (RFC 5545 example)', () => {
    const start = '1997-08-05T09:00:00';
    const mo = expand({ rule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', start, timeZone: NY });
    const su = expand({ rule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', start, timeZone: NY });
    expect(mo.occurrences.map((o) => o.slice(0, 10))).toEqual([
      '1997-08-05',
      '1997-08-10',
      '1997-08-19',
      '1997-08-24',
    ]);
    expect(su.occurrences.map((o) => o.slice(0, 10))).toEqual([
      '1997-08-05',
      '1997-08-17',
      '1997-08-19',
      '1997-08-31',
    ]);
  });

  it('numbered weekdays: first and last Sunday every other month', () => {
    const rule = 'FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU,-1SU';
    const result = expand({ rule, start: '2026-01-04', timeZone: 'Europe/Berlin', count: 4 });
    expect(result.occurrences).toEqual(['2026-01-04', '2026-01-25', '2026-03-01', '2026-03-29']);
  });
});

describe('all-day series', () => {
  it('returns dates and no UTC instants', () => {
    const result = expand({
      rule: 'FREQ=WEEKLY;BYDAY=MO,TH',
      start: '2026-03-02',
      timeZone: 'Europe/Berlin',
      count: 4,
    });
    expect(result).toEqual({
      occurrences: ['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12'],
      utc: [],
    });
  });

  it('ignores BYHOUR/BYMINUTE/BYSECOND, as RFC 5545 says for DATE values', () => {
    const result = expand({ rule: 'FREQ=DAILY;BYHOUR=9,17', start: '2026-03-02', timeZone: 'UTC', count: 2 });
    expect(result.occurrences).toEqual(['2026-03-02', '2026-03-03']);
  });

  it('a date UNTIL is inclusive; a UTC one ends on its local date in the zone', () => {
    const byDate = expand({
      rule: 'FREQ=DAILY;UNTIL=20260304',
      start: '2026-03-02',
      timeZone: 'Pacific/Auckland',
    });
    expect(byDate.occurrences).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    // 2026-03-03T12:00Z is already 2026-03-04 01:00 in Auckland
    const byInstant = expand({
      rule: 'FREQ=DAILY;UNTIL=20260303T120000Z',
      start: '2026-03-02',
      timeZone: 'Pacific/Auckland',
    });
    expect(byInstant.occurrences).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  });

  it('works in a zone whose midnight is skipped (America/Santiago, 2026-09-06)', () => {
    const result = expand({
      rule: 'FREQ=DAILY',
      start: '2026-09-05',
      timeZone: 'America/Santiago',
      count: 3,
    });
    expect(result.occurrences).toEqual(['2026-09-05', '2026-09-06', '2026-09-07']);
  });

  it('allDay: true with a date-time start uses its date', () => {
    const result = expand({
      rule: 'FREQ=DAILY',
      start: '2026-03-02T15:00:00',
      timeZone: 'UTC',
      allDay: true,
      count: 2,
    });
    expect(result.occurrences).toEqual(['2026-03-02', '2026-03-03']);
  });
});

describe('exdates and after', () => {
  it('removes EXDATEs given as local times, dates or instants, after COUNT', () => {
    const result = expand({
      rule: 'FREQ=DAILY;COUNT=6',
      start: '2026-01-01T09:00:00',
      timeZone: 'Europe/Berlin',
      exdates: ['2026-01-02T09:00:00', '2026-01-03', '2026-01-04T08:00:00Z'],
    });
    expect(result.occurrences).toEqual(['2026-01-01T09:00:00', '2026-01-05T09:00:00', '2026-01-06T09:00:00']);
  });

  it('still returns `count` occurrences when EXDATEs remove some', () => {
    const result = expand({
      rule: 'FREQ=DAILY',
      start: '2026-01-01',
      timeZone: 'UTC',
      count: 3,
      exdates: ['2026-01-02'],
    });
    expect(result.occurrences).toEqual(['2026-01-01', '2026-01-03', '2026-01-04']);
  });

  it('`after` returns only later occurrences, also far from DTSTART', () => {
    const result = expand({
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      start: '2000-01-03T09:00:00',
      timeZone: NY,
      count: 2,
      after: new Date('2026-06-01T13:00:00Z'), // exactly Monday 09:00 EDT: excluded
    });
    expect(result.occurrences).toEqual(['2026-06-08T09:00:00', '2026-06-15T09:00:00']);
  });

  it('`after` with COUNT keeps the numbering from DTSTART', () => {
    const rule = 'FREQ=DAILY;COUNT=5';
    const result = expand({
      rule,
      start: '2026-01-01T09:00:00',
      timeZone: 'UTC',
      after: new Date('2026-01-03T10:00:00Z'),
    });
    expect(result.occurrences).toEqual(['2026-01-04T09:00:00', '2026-01-05T09:00:00']);
  });
});

describe('bounded work', () => {
  it('a rule that matches once every 28 years returns what it finds, quickly', () => {
    const started = performance.now();
    const rule = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO';
    const result = expand({ rule, start: '2016-02-29T09:00:00', timeZone: 'UTC', count: 3 });
    expect(result.occurrences).toEqual(['2016-02-29T09:00:00', '2044-02-29T09:00:00', '2072-02-29T09:00:00']);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a rule whose INTERVAL never meets its BY parts ends instead of looping', () => {
    // Every 4 years from 2001 never reaches a leap year.
    const started = performance.now();
    const rule = 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29';
    const result = expand({ rule, start: '2001-02-28T09:00:00', timeZone: 'UTC', count: 5 });
    expect(result.occurrences).toEqual(['2001-02-28T09:00:00']);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('expand input errors name the field', () => {
  it.each([
    [{ rule: 'FREQ=DAILY;COUNT=0' }, 'rule', 'COUNT must be a whole number of 1 or more, not "0".'],
    [
      { start: '2026-02-30' },
      'start',
      'must be a local date-time like 2026-03-01T09:00:00 or a date like 2026-03-01, without an offset',
    ],
    [
      { start: '2026-01-01T09:00:00Z' },
      'start',
      'must be a local date-time like 2026-03-01T09:00:00 or a date like 2026-03-01, without an offset',
    ],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'must be an IANA time zone such as Europe/Berlin'],
    [{ timeZone: '+05:00' }, 'timeZone', 'must be an IANA time zone such as Europe/Berlin'],
    [{ count: 0 }, 'count', 'must be a whole number from 1 to 1000'],
    [{ count: 1001 }, 'count', 'must be a whole number from 1 to 1000'],
    [{ count: 2.5 }, 'count', 'must be a whole number from 1 to 1000'],
    [{ exdates: ['tomorrow'] }, 'exdates.0', 'must be a local date-time, a date, or an instant with offset'],
    [
      { rule: 'FREQ=HOURLY', start: '2026-01-01' },
      'rule',
      'An all-day task repeats by date; it cannot repeat more than once a day.',
    ],
    [
      { rule: 'FREQ=MINUTELY', allowSubHourly: false },
      'rule',
      'A task cannot repeat every minute; the most frequent is FREQ=HOURLY.',
    ],
  ])('%j → %s', (override, path, message) => {
    const input = { rule: 'FREQ=DAILY', start: '2026-01-01T09:00:00', timeZone: 'UTC', ...override };
    expect(fieldErrors(() => expand(input))).toContainEqual({ path, message });
  });

  it('reports every bad field at once', () => {
    const errors = fieldErrors(() =>
      expand({ rule: 'FREQ=NEVER', start: 'x', timeZone: 'Nowhere', count: -1 }),
    );
    expect(errors.map((e) => e.path)).toEqual(['rule', 'timeZone', 'start', 'count']);
  });

  it('previews MINUTELY rules by default (every RFC example can be shown)', () => {
    const result = expand({
      rule: 'FREQ=MINUTELY;INTERVAL=15',
      start: '2026-01-01T09:00:00',
      timeZone: 'UTC',
      count: 3,
    });
    expect(result.occurrences).toEqual(['2026-01-01T09:00:00', '2026-01-01T09:15:00', '2026-01-01T09:30:00']);
  });
});
