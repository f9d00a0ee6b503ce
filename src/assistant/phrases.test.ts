import { describe, expect, it } from 'vitest';
import {
  dayRange,
  instantOf,
  normalize,
  parseDuration,
  parseWhen,
  reference,
  splitTrailingWhen,
  stem,
} from './phrases.ts';

const ctx = { now: new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Berlin' }; // Sunday 11:00
const wednesday = { now: new Date('2026-11-25T10:00:00Z'), timeZone: 'Europe/Berlin' };

describe('normalize', () => {
  it.each([
    ['Hey, can you add milk please!', 'add milk'],
    ['what’s overdue??', 'what is overdue'],
    ["I'm done with the report.", 'I am done with the report'],
    ['ok so   remind me to call mom thanks', 'remind me to call mom'],
    ['  help  ', 'help'],
    ["don't forget the keys", 'do not forget the keys'],
  ])('%s → %s', (input, output) => expect(normalize(input)).toBe(output));
});

describe('parseWhen: a phrase that is only a date or time', () => {
  it.each([
    ['friday 3pm', { dueAt: '2026-11-27T15:00:00', allDay: false }],
    ['to friday 3pm', { dueAt: '2026-11-27T15:00:00', allDay: false }],
    ['tomorrow', { dueAt: '2026-11-23', allDay: true }],
    ['in 2 hours', { dueAt: '2026-11-22T13:00:00', allDay: false }],
    ['on the 15th', { dueAt: '2026-12-15', allDay: true }],
    ['next monday morning', { dueAt: '2026-11-23T09:00:00', allDay: false }],
  ])('%s', (phrase, due) => expect(parseWhen(phrase, ctx)).toEqual(due));

  it.each(['report', 'friday report', 'every friday', 'friday #work', '!high tomorrow', '', '...'])(
    'not %j',
    (phrase) => expect(parseWhen(phrase, ctx)).toBeNull(),
  );

  it('splits the longest trailing date off a phrase', () => {
    expect(splitTrailingWhen('the report tomorrow at 9am', ctx)).toEqual({
      head: 'the report',
      due: { dueAt: '2026-11-23T09:00:00', allDay: false },
    });
    expect(splitTrailingWhen('the report', ctx)).toBeNull();
  });

  it('turns a local time or a date (at 09:00) into an instant in the zone', () => {
    expect(instantOf({ dueAt: '2026-11-23T09:00:00', allDay: false }, 'Europe/Berlin')).toBe(
      '2026-11-23T08:00:00.000Z',
    );
    expect(instantOf({ dueAt: '2026-07-01', allDay: true }, 'Europe/Berlin')).toBe(
      '2026-07-01T07:00:00.000Z',
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['an hour', 60],
    ['half an hour', 30],
    ['a quarter of an hour', 15],
    ['an hour and a half', 90],
    ['30 minutes', 30],
    ['15 min', 15],
    ['1h30', 90],
    ['2 days', 2880],
    ['a week', 10080],
    ['1 hour and 15 minutes', 75],
    ['ten minutes', 10],
    ['a couple of hours', 120],
    ['2 hrs', 120],
  ])('%s = %i minutes', (phrase, minutes) => expect(parseDuration(phrase)).toBe(minutes));

  it.each(['soon', 'a while', '0 minutes', '400 days', 'three apples'])('not %j', (phrase) =>
    expect(parseDuration(phrase)).toBeNull(),
  );
});

describe('dayRange', () => {
  it.each([
    ['what is due today', '2026-11-22', '2026-11-22', 'today'],
    ['tomorrow', '2026-11-23', '2026-11-23', 'tomorrow'],
    ['this week', '2026-11-22', '2026-11-28', 'this week'],
    ['next week', '2026-11-23', '2026-11-29', 'next week'],
    ['the weekend', '2026-11-22', '2026-11-22', 'this weekend'],
    ['this month', '2026-11-22', '2026-11-30', 'this month'],
    ['the next 3 days', '2026-11-22', '2026-11-25', 'in the next 3 days'],
    ['anything on friday', '2026-11-27', '2026-11-27', 'on Fri 27 Nov'],
  ])('%s', (text, from, to, label) => expect(dayRange(text, ctx)).toEqual({ from, to, label }));

  it('reads the weekend from the middle of the week', () => {
    expect(dayRange('this weekend', wednesday)).toMatchObject({ from: '2026-11-28', to: '2026-11-29' });
  });

  it('is null when the text names no day', () => expect(dayRange('my work tasks', ctx)).toBeNull());
});

describe('reference', () => {
  it.each([
    ['my dentist task', ['dentist']],
    ['the quarterly report', ['quarterly', 'report']],
    ['"Buy groceries"', ['buy', 'groceries']],
    ['water plants from my list', ['water', 'plants']],
    ["mom's", ['mom']],
  ])('%s', (phrase, words) => expect(reference(phrase)).toMatchObject({ kind: 'words', words }));

  it.each(['it', 'that one', 'this task'])('%s is the last task', (phrase) =>
    expect(reference(phrase)).toEqual({ kind: 'pronoun' }),
  );

  it('is null for a phrase of only filler words', () =>
    expect(reference('the task')).toEqual({ kind: 'pronoun' }));
  it('is null for nothing', () => expect(reference('the my a')).toBeNull());

  it('stems for a second search', () => {
    expect(['groceries', 'calls', 'boxes', 'glass', 'running', 'cat'].map(stem)).toEqual([
      'grocer',
      'call',
      'box',
      'glass',
      'runn',
      'cat',
    ]);
  });
});
