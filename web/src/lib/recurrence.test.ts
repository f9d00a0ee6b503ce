import { describe, expect, it } from 'vitest';
import { fromRecurrence, nthOfMonth, type Preset, presetOfKind, toRecurrence } from './recurrence.ts';

describe('recurrence presets ⇄ RRULE', () => {
  const cases: [Preset, string, 'due' | 'completion'][] = [
    [{ kind: 'daily', interval: 1 }, 'FREQ=DAILY', 'due'],
    [{ kind: 'daily', interval: 3 }, 'FREQ=DAILY;INTERVAL=3', 'due'],
    [{ kind: 'weekdays' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'due'],
    [{ kind: 'weekly', interval: 1, days: ['MO', 'WE'] }, 'FREQ=WEEKLY;BYDAY=MO,WE', 'due'],
    [{ kind: 'weekly', interval: 2, days: ['FR'] }, 'FREQ=WEEKLY;BYDAY=FR;INTERVAL=2', 'due'],
    [{ kind: 'monthly-day', interval: 1, day: 15 }, 'FREQ=MONTHLY;BYMONTHDAY=15', 'due'],
    [{ kind: 'monthly-day', interval: 1, day: -1 }, 'FREQ=MONTHLY;BYMONTHDAY=-1', 'due'],
    [{ kind: 'monthly-weekday', interval: 1, nth: -1, day: 'FR' }, 'FREQ=MONTHLY;BYDAY=-1FR', 'due'],
    [{ kind: 'monthly-weekday', interval: 1, nth: 2, day: 'TU' }, 'FREQ=MONTHLY;BYDAY=2TU', 'due'],
    [{ kind: 'yearly', interval: 1 }, 'FREQ=YEARLY', 'due'],
    [{ kind: 'after-completion', days: 10 }, 'FREQ=DAILY;INTERVAL=10', 'completion'],
  ];

  it.each(cases)('%o is %s and reads back the same', (preset, rule, basis) => {
    expect(toRecurrence(preset)).toEqual({ rule, basis });
    expect(fromRecurrence({ rule, basis })).toEqual(preset);
  });

  it('orders weekly days Monday first', () => {
    expect(toRecurrence({ kind: 'weekly', interval: 1, days: ['SU', 'MO'] })?.rule).toBe(
      'FREQ=WEEKLY;BYDAY=MO,SU',
    );
  });

  it('keeps anything else as a custom rule', () => {
    for (const rule of [
      'FREQ=DAILY;COUNT=5',
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T000000Z',
      'FREQ=MONTHLY;BYDAY=5FR',
      'FREQ=HOURLY;INTERVAL=4',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=DAILY;INTERVAL=0',
      'not a rule',
    ])
      expect(fromRecurrence({ rule, basis: 'due' })).toEqual({ kind: 'custom', rule, basis: 'due' });
    expect(fromRecurrence({ rule: 'FREQ=WEEKLY', basis: 'completion' }).kind).toBe('custom');
    expect(toRecurrence({ kind: 'custom', rule: ' RRULE:FREQ=DAILY;COUNT=3 ', basis: 'completion' })).toEqual(
      {
        rule: 'FREQ=DAILY;COUNT=3',
        basis: 'completion',
      },
    );
    expect(fromRecurrence(null)).toEqual({ kind: 'none' });
    expect(toRecurrence({ kind: 'none' })).toBeNull();
  });

  it('reads the lower-case and RRULE: forms', () => {
    expect(fromRecurrence({ rule: 'RRULE:freq=weekly;byday=mo,tu,we,th,fr', basis: 'due' })).toEqual({
      kind: 'weekdays',
    });
  });

  it('fills presets in from the due date', () => {
    const none: Preset = { kind: 'none' };
    // 27 November 2026 is the fourth and last Friday of the month.
    expect(presetOfKind('weekly', '2026-11-27', none)).toEqual({ kind: 'weekly', interval: 1, days: ['FR'] });
    expect(presetOfKind('monthly-day', '2026-11-27', none)).toEqual({
      kind: 'monthly-day',
      interval: 1,
      day: 27,
    });
    expect(presetOfKind('monthly-weekday', '2026-11-27', none)).toEqual({
      kind: 'monthly-weekday',
      interval: 1,
      nth: -1,
      day: 'FR',
    });
    expect(presetOfKind('monthly-weekday', '2026-11-10', none)).toMatchObject({ nth: 2, day: 'TU' });
    expect(presetOfKind('custom', null, { kind: 'daily', interval: 2 })).toEqual({
      kind: 'custom',
      rule: 'FREQ=DAILY;INTERVAL=2',
      basis: 'due',
    });
    expect(presetOfKind('daily', null, { kind: 'yearly', interval: 3 })).toEqual({
      kind: 'daily',
      interval: 3,
    });
    expect(nthOfMonth('2026-11-01')).toBe(1);
    expect(nthOfMonth('2026-11-23')).toBe(4);
    expect(nthOfMonth('2026-11-24')).toBe(-1);
    expect(nthOfMonth('2026-11-30')).toBe(-1);
  });
});
