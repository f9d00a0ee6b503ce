import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { type Preset, presetToRule, ruleToPreset } from './presets.ts';

describe('presetToRule', () => {
  it.each<[Preset, string, 'due' | 'completion']>([
    [{ kind: 'daily' }, 'FREQ=DAILY', 'due'],
    [{ kind: 'daily', interval: 2 }, 'FREQ=DAILY;INTERVAL=2', 'due'],
    [{ kind: 'weekdays' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'due'],
    [{ kind: 'weekly', days: ['WE', 'MO'] }, 'FREQ=WEEKLY;BYDAY=MO,WE', 'due'],
    [{ kind: 'weekly', days: ['MO', 'FR'], interval: 2 }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR', 'due'],
    [{ kind: 'weekly', interval: 3 }, 'FREQ=WEEKLY;INTERVAL=3', 'due'],
    [{ kind: 'weekly', days: [] }, 'FREQ=WEEKLY', 'due'],
    [{ kind: 'monthly-day', day: 1 }, 'FREQ=MONTHLY;BYMONTHDAY=1', 'due'],
    [{ kind: 'monthly-day', day: -1 }, 'FREQ=MONTHLY;BYMONTHDAY=-1', 'due'],
    [{ kind: 'monthly-day' }, 'FREQ=MONTHLY', 'due'],
    [{ kind: 'monthly-weekday', weekday: 'FR', position: -1 }, 'FREQ=MONTHLY;BYDAY=-1FR', 'due'],
    [
      { kind: 'monthly-weekday', weekday: 'TU', position: 2, interval: 3 },
      'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
      'due',
    ],
    [{ kind: 'yearly' }, 'FREQ=YEARLY', 'due'],
    [{ kind: 'yearly', month: 3, day: 14 }, 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14', 'due'],
    [{ kind: 'after-completion', every: 3, unit: 'day' }, 'FREQ=DAILY;INTERVAL=3', 'completion'],
    [{ kind: 'after-completion', every: 1, unit: 'month' }, 'FREQ=MONTHLY', 'completion'],
  ])('%j → %s', (preset, rule, basis) => {
    expect(presetToRule(preset)).toEqual({ rule, basis });
  });

  it.each<[Preset, string]>([
    [{ kind: 'daily', interval: 0 }, 'interval'],
    [{ kind: 'daily', interval: 1.5 }, 'interval'],
    [{ kind: 'after-completion', every: 0, unit: 'day' }, 'every'],
    [{ kind: 'monthly-day', day: 32 }, 'recurrence'],
    [{ kind: 'monthly-day', day: 0 }, 'recurrence'],
    [{ kind: 'monthly-weekday', weekday: 'FR', position: 6 }, 'recurrence'],
    [{ kind: 'yearly', month: 2, day: 30 }, 'recurrence'],
    [{ kind: 'yearly', month: 2 }, 'month'],
  ])('%j is rejected at %s', (preset, path) => {
    let error: unknown;
    try {
      presetToRule(preset);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors?.[0]?.path).toBe(path);
  });

  it('explains an impossible yearly date in words', () => {
    expect(() => presetToRule({ kind: 'yearly', month: 2, day: 30 })).toThrow(
      /February never has a 30th day/,
    );
  });
});

describe('ruleToPreset', () => {
  it.each<[string, Preset]>([
    ['FREQ=DAILY', { kind: 'daily', interval: 1 }],
    ['RRULE:freq=daily;interval=2', { kind: 'daily', interval: 2 }],
    ['FREQ=WEEKLY;BYDAY=FR,TH,WE,TU,MO', { kind: 'weekdays' }],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR',
      { kind: 'weekly', days: ['MO', 'TU', 'WE', 'TH', 'FR'], interval: 2 },
    ],
    ['FREQ=WEEKLY;BYDAY=WE,MO', { kind: 'weekly', days: ['MO', 'WE'], interval: 1 }],
    ['FREQ=WEEKLY;WKST=MO', { kind: 'weekly', interval: 1 }],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', { kind: 'monthly-day', day: -1, interval: 1 }],
    ['FREQ=MONTHLY', { kind: 'monthly-day', interval: 1 }],
    ['FREQ=MONTHLY;BYDAY=-1FR', { kind: 'monthly-weekday', weekday: 'FR', position: -1, interval: 1 }],
    ['FREQ=YEARLY;INTERVAL=2', { kind: 'yearly', interval: 2 }],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', { kind: 'yearly', month: 12, day: 25, interval: 1 }],
  ])('%s', (rule, preset) => {
    expect(ruleToPreset(rule)).toEqual(preset);
  });

  it('completion basis without BY parts is "every N … after done"', () => {
    expect(ruleToPreset({ rule: 'FREQ=WEEKLY;INTERVAL=2', basis: 'completion' })).toEqual({
      kind: 'after-completion',
      every: 2,
      unit: 'week',
    });
    expect(ruleToPreset({ rule: 'FREQ=WEEKLY;BYDAY=MO', basis: 'completion' })).toBeNull();
    expect(ruleToPreset({ rule: 'FREQ=HOURLY', basis: 'completion' })).toBeNull();
  });

  it.each([
    'FREQ=DAILY;COUNT=5',
    'FREQ=DAILY;UNTIL=20261231',
    'FREQ=DAILY;BYHOUR=9',
    'FREQ=HOURLY',
    'FREQ=WEEKLY;BYDAY=1MO',
    'FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=MO',
    'FREQ=MONTHLY;BYMONTHDAY=1,15',
    'FREQ=MONTHLY;BYMONTHDAY=-2',
    'FREQ=MONTHLY;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=1MO,-1MO',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=YEARLY;BYMONTH=6,7',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
    'not a rule',
  ])('%s is not a preset', (rule) => {
    expect(ruleToPreset(rule)).toBeNull();
  });
});
