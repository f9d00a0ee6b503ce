import { describe, expect, it } from 'vitest';
import { describeRule } from './describe.ts';

describe('describeRule', () => {
  it.each([
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=DAILY;INTERVAL=3', 'Every 3 days'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE', 'Every week on Monday and Wednesday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR', 'Every 2 weeks on Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY', 'Every week'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', 'Every month on the 1st'],
    ['FREQ=MONTHLY;BYMONTHDAY=2,15', 'Every month on the 2nd and the 15th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day'],
    ['FREQ=MONTHLY;BYMONTHDAY=-3', 'Every month on the 3rd-to-last day'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Every month on the last Friday'],
    ['FREQ=MONTHLY;BYDAY=-2MO', 'Every month on the second-to-last Monday'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU,-1SU', 'Every 2 months on the first Sunday and the last Sunday'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'Every month on the last weekday'],
    [
      'FREQ=MONTHLY;BYDAY=TU,WE,TH;BYSETPOS=3',
      'Every month on the third day that is a Tuesday, Wednesday or Thursday',
    ],
    ['FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', 'Every month on the 13th when it is a Friday'],
    ['FREQ=YEARLY', 'Every year'],
    ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14', 'Every year on March 14'],
    ['FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYMONTHDAY=-1', 'Every 4 years on the last day of November'],
    ['FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8', 'Every year on Thursday in June, July and August'],
    ['FREQ=YEARLY;BYDAY=20MO', 'Every year on the 20th Monday of the year'],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'Every year on the last Sunday in March'],
    ['FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', 'Every year on Monday in week 20'],
    ['FREQ=YEARLY;BYYEARDAY=1,100,200', 'Every year on day 1, 100 and 200 of the year'],
    ['FREQ=DAILY;BYMONTH=1', 'Every day in January'],
    ['FREQ=HOURLY', 'Every hour'],
    ['FREQ=HOURLY;INTERVAL=4', 'Every 4 hours'],
    ['FREQ=MINUTELY;INTERVAL=15', 'Every 15 minutes'],
    ['FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0', 'Every day at 09:00 and 17:00'],
    ['FREQ=DAILY;BYHOUR=9,17', 'Every day at hours 9 and 17'],
    ['FREQ=DAILY;COUNT=1', 'Every day, once'],
    ['FREQ=DAILY;COUNT=5', 'Every day, 5 times'],
    ['FREQ=WEEKLY;UNTIL=20261231', 'Every week, until December 31, 2026'],
    ['FREQ=WEEKLY;UNTIL=20261231T230000Z', 'Every week, until December 31, 2026'],
    ['FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU', 'Every 2 weeks on Tuesday (weeks start on Sunday)'],
    ['FREQ=SOMETIMES', 'Custom rule'],
  ])('%s → %s', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });

  it('shows an UNTIL instant on its date in the given zone', () => {
    expect(describeRule('FREQ=WEEKLY;UNTIL=20261231T230000Z', { timeZone: 'Europe/Berlin' })).toBe(
      'Every week, until January 1, 2027',
    );
  });

  it('says when the rule counts from completion', () => {
    expect(describeRule('FREQ=DAILY;INTERVAL=3', { basis: 'completion' })).toBe(
      'Every 3 days after completion',
    );
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO', { basis: 'completion' })).toBe(
      'Every week on Monday, counted from completion',
    );
  });
});
