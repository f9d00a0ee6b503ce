import { describe, expect, it } from 'vitest';
import { formatRule, parseRule } from './parse.ts';
import { checkRule, ruleProblem } from './validate.ts';

describe('ruleProblem accepts', () => {
  it.each([
    'FREQ=DAILY',
    'RRULE:FREQ=WEEKLY;BYDAY=MO,WE',
    'rrule:freq=weekly;byday=mo,we',
    ' FREQ=MONTHLY;BYDAY=-1FR ',
    'FREQ=MONTHLY;BYDAY=+1MO',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=YEARLY;BYDAY=20MO',
    'FREQ=YEARLY;BYDAY=-53SU',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    'FREQ=YEARLY;BYYEARDAY=-366',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=DAILY;BYHOUR=0,23;BYMINUTE=0,59;BYSECOND=0,59',
    'FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,TH',
    'FREQ=DAILY;UNTIL=20261231',
    'FREQ=DAILY;UNTIL=20261231T235959Z',
    'FREQ=DAILY;COUNT=10000',
    'FREQ=HOURLY;INTERVAL=1000',
    'FREQ=DAILY;',
  ])('%s', (rule) => {
    expect(ruleProblem(rule)).toBeNull();
  });
});

describe('ruleProblem names the problem', () => {
  it.each([
    ['', 'The rule is empty; it needs at least FREQ, for example FREQ=WEEKLY.'],
    ['RRULE:', 'The rule is empty; it needs at least FREQ, for example FREQ=WEEKLY.'],
    ['BYDAY=MO', 'FREQ is required, for example FREQ=DAILY or FREQ=WEEKLY.'],
    ['FREQ=FORTNIGHTLY', 'FREQ must be DAILY, WEEKLY, MONTHLY, YEARLY or HOURLY, not "FORTNIGHTLY".'],
    ['FREQ=MINUTELY', 'A task cannot repeat every minute; the most frequent is FREQ=HOURLY.'],
    ['FREQ=SECONDLY', 'A task cannot repeat every second; the most frequent is FREQ=HOURLY.'],
    ['FREQ=DAILY;DAILY', '"DAILY" is not a rule part; write parts as NAME=VALUE separated by semicolons.'],
    ['FREQ=DAILY;FOO=1', 'FOO is not a recurrence rule part this app understands.'],
    ['FREQ=DAILY;RSCALE=HEBREW', 'RSCALE is not a recurrence rule part this app understands.'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ is given twice.'],
    ['FREQ=DAILY;INTERVAL=', 'INTERVAL has no value.'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL must be a whole number of 1 or more, not "0".'],
    ['FREQ=DAILY;INTERVAL=-2', 'INTERVAL must be a whole number of 1 or more, not "-2".'],
    ['FREQ=DAILY;INTERVAL=1.5', 'INTERVAL must be a whole number of 1 or more, not "1.5".'],
    ['FREQ=DAILY;INTERVAL=1001', 'INTERVAL must be at most 1000, not 1001.'],
    ['FREQ=DAILY;COUNT=0', 'COUNT must be a whole number of 1 or more, not "0".'],
    ['FREQ=DAILY;COUNT=ten', 'COUNT must be a whole number of 1 or more, not "TEN".'],
    ['FREQ=DAILY;COUNT=10001', 'COUNT must be at most 10000, not 10001.'],
    [
      'FREQ=DAILY;COUNT=3;UNTIL=20260101',
      'COUNT and UNTIL cannot both be set; end the series either after a number of times or on a date.',
    ],
    [
      'FREQ=DAILY;UNTIL=2026-12-31',
      'UNTIL must be a date like 20261231 or a UTC date-time like 20261231T235959Z, not "2026-12-31".',
    ],
    ['FREQ=DAILY;UNTIL=20260230', 'UNTIL "20260230" is not a real date and time.'],
    ['FREQ=DAILY;UNTIL=20260101T250000Z', 'UNTIL "20260101T250000Z" is not a real date and time.'],
    [
      'FREQ=DAILY;UNTIL=20260101T090000',
      'UNTIL "20260101T090000" has no time zone: end it with Z to give the time in UTC (e.g. 20260101T090000Z), or give only the date.',
    ],
    [
      'FREQ=WEEKLY;BYDAY=MON',
      'BYDAY must list weekdays such as MO or FR, optionally numbered like 1MO or -1FR, not "MON".',
    ],
    [
      'FREQ=WEEKLY;BYDAY=MO,,TU',
      'BYDAY must list weekdays such as MO or FR, optionally numbered like 1MO or -1FR, not "".',
    ],
    ['FREQ=WEEKLY;BYDAY=MO,MO', 'BYDAY lists MO twice.'],
    ['FREQ=MONTHLY;BYDAY=0MO', 'The number in "0MO" must be 1 to 53 or -1 to -53.'],
    ['FREQ=YEARLY;BYDAY=54MO', 'The number in "54MO" must be 1 to 53 or -1 to -53.'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'A numbered weekday like 1MO only works with FREQ=MONTHLY or FREQ=YEARLY.'],
    ['FREQ=DAILY;BYDAY=-1FR', 'A numbered weekday like -1FR only works with FREQ=MONTHLY or FREQ=YEARLY.'],
    [
      'FREQ=MONTHLY;BYDAY=6MO',
      'A month never has a 6th Monday; use 1 to 5, or -1 to -5 to count from the end.',
    ],
    [
      'FREQ=YEARLY;BYMONTH=3;BYDAY=-6FR',
      'A month never has a 6th Friday; use 1 to 5, or -1 to -5 to count from the end.',
    ],
    [
      'FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO',
      'A numbered weekday like 1MO cannot be combined with BYWEEKNO; use plain weekdays.',
    ],
    [
      'FREQ=MONTHLY;BYMONTHDAY=0',
      'BYMONTHDAY values must be 1 to 31, or -31 to -1 to count from the end; "0" is not.',
    ],
    [
      'FREQ=MONTHLY;BYMONTHDAY=32',
      'BYMONTHDAY values must be 1 to 31, or -31 to -1 to count from the end; "32" is not.',
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=1,1', 'BYMONTHDAY lists 1 twice.'],
    [
      'FREQ=MONTHLY;BYMONTHDAY=first',
      'BYMONTHDAY must list whole numbers (days of the month) separated by commas, not "FIRST".',
    ],
    [
      'FREQ=YEARLY;BYYEARDAY=367',
      'BYYEARDAY values must be 1 to 366, or -366 to -1 to count from the end; "367" is not.',
    ],
    [
      'FREQ=YEARLY;BYWEEKNO=54',
      'BYWEEKNO values must be 1 to 53, or -53 to -1 to count from the end; "54" is not.',
    ],
    ['FREQ=MONTHLY;BYWEEKNO=1', 'BYWEEKNO only works with FREQ=YEARLY.'],
    ['FREQ=MONTHLY;BYYEARDAY=1', 'BYYEARDAY cannot be used with FREQ=MONTHLY; use FREQ=YEARLY.'],
    [
      'FREQ=WEEKLY;BYMONTHDAY=1',
      'BYMONTHDAY cannot be used with FREQ=WEEKLY; use FREQ=MONTHLY for days of the month.',
    ],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH values must be 1 to 12; "13" is not.'],
    ['FREQ=YEARLY;BYMONTH=-1', 'BYMONTH values must be 1 to 12; "-1" is not.'],
    ['FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS needs another BY part (such as BYDAY) to pick from.'],
    [
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0',
      'BYSETPOS values must be 1 to 366, or -366 to -1 to count from the end; "0" is not.',
    ],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR values must be 0 to 23; "24" is not.'],
    ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE values must be 0 to 59; "60" is not.'],
    ['FREQ=DAILY;BYSECOND=60', 'BYSECOND values must be 0 to 59; "60" is not.'],
    ['FREQ=WEEKLY;WKST=XX', 'WKST must be a weekday such as MO or SU, not "XX".'],
  ])('%s', (rule, message) => {
    expect(ruleProblem(rule)).toBe(message);
  });
});

describe('rules that can never happen', () => {
  it.each([
    [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'February never has a 30th day, so this rule would never happen.',
    ],
    [
      'FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31',
      'April and June never have a 31st day, so this rule would never happen.',
    ],
    [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30',
      'February never has a 30th-to-last day, so this rule would never happen.',
    ],
    ['FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2', 'BYSETPOS=2 never matches: each week has only 1 time to pick from.'],
    [
      'FREQ=DAILY;BYHOUR=9,17;BYSETPOS=3',
      'BYSETPOS=3 never matches: each day has only 2 times to pick from.',
    ],
    [
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6',
      'No date ever matches all the parts of this rule, so it would never happen.',
    ],
    [
      'FREQ=YEARLY;BYMONTH=1;BYYEARDAY=100',
      'No date ever matches all the parts of this rule, so it would never happen.',
    ],
    [
      'FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6',
      'No date ever matches all the parts of this rule, so it would never happen.',
    ],
  ])('%s', (rule, message) => {
    expect(ruleProblem(rule)).toBe(message);
  });

  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', // rare, but happens (2016-02-29 was a Monday)
    'FREQ=YEARLY;BYWEEKNO=53;BYMONTH=1;BYDAY=SU',
    'FREQ=YEARLY;BYYEARDAY=366',
    'FREQ=MONTHLY;BYDAY=5FR',
    'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
  ])('%s is possible', (rule) => {
    expect(ruleProblem(rule)).toBeNull();
  });

  it('answers quickly for common rules', () => {
    const started = performance.now();
    for (let i = 0; i < 50; i++) ruleProblem('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('checkRule', () => {
  it('refuses HOURLY for an all-day task, which repeats by date', () => {
    expect(ruleProblem('FREQ=HOURLY', { allDay: true })).toBe(
      'An all-day task repeats by date; it cannot repeat more than once a day.',
    );
    expect(ruleProblem('FREQ=HOURLY')).toBeNull();
    expect(ruleProblem('FREQ=DAILY', { allDay: true })).toBeNull();
  });

  it('gives the same (frozen) answer when asked again', () => {
    const first = checkRule('FREQ=WEEKLY;BYDAY=MO');
    expect(checkRule('FREQ=WEEKLY;BYDAY=MO')).toBe(first);
    expect(Object.isFrozen(first.ok && first.rule.byDay)).toBe(true);
  });

  it('allows MINUTELY and SECONDLY for previews when asked', () => {
    expect(checkRule('FREQ=MINUTELY;INTERVAL=15', { allowSubHourly: true }).ok).toBe(true);
    expect(checkRule('FREQ=SECONDLY', { allowSubHourly: true }).ok).toBe(true);
  });

  it('returns the parsed parts', () => {
    const result = checkRule('rrule:freq=monthly;interval=2;byday=1su,-1su;wkst=su');
    expect(result).toEqual({
      ok: true,
      rule: {
        freq: 'MONTHLY',
        interval: 2,
        byDay: [
          { weekday: 'SU', ordinal: 1 },
          { weekday: 'SU', ordinal: -1 },
        ],
        wkst: 'SU',
      },
    });
  });
});

describe('formatRule', () => {
  it.each([
    ['freq=weekly;byday=mo,we;interval=1', 'FREQ=WEEKLY;BYDAY=MO,WE'],
    ['FREQ=MONTHLY;BYDAY=+1MO', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['UNTIL=19971224T000000Z;FREQ=DAILY', 'FREQ=DAILY;UNTIL=19971224T000000Z'],
    ['FREQ=DAILY;UNTIL=20261231', 'FREQ=DAILY;UNTIL=20261231'],
    [
      'WKST=SU;BYSETPOS=-1;BYSECOND=0;BYMINUTE=0;BYHOUR=9;BYDAY=MO;BYMONTHDAY=1;BYYEARDAY=1;BYWEEKNO=1;BYMONTH=1;COUNT=2;INTERVAL=3;FREQ=YEARLY',
      'FREQ=YEARLY;INTERVAL=3;COUNT=2;BYMONTH=1;BYWEEKNO=1;BYYEARDAY=1;BYMONTHDAY=1;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0;BYSETPOS=-1;WKST=SU',
    ],
  ])('%s → %s', (input, output) => {
    const parsed = parseRule(input);
    expect(parsed.ok && formatRule(parsed.rule)).toBe(output);
  });
});
