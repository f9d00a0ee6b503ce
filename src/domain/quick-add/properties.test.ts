import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateTaskBody } from '../../../contract/task.ts';
import { createTask } from '../task.ts';
import { parseQuickAdd, type QuickAddResult } from './index.ts';

// Words the parsers react to, so generated phrases reach deep into every pass.
const WORDS = [
  'every',
  'each',
  'daily',
  'weekly',
  'monthly',
  'other',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'year',
  'hour',
  'weekday',
  'weekend',
  'on',
  'the',
  'of',
  'at',
  'by',
  'in',
  'due',
  'starting',
  'after',
  'done',
  'completion',
  'last',
  'first',
  '1st',
  '2nd',
  '15th',
  '31st',
  'mon',
  'fri',
  'sat',
  'sun',
  'monday',
  'friday',
  'jan',
  'feb',
  'march',
  'may',
  'May',
  'dec',
  '5',
  '29',
  '2',
  '30',
  '12/15',
  '2027-02-29',
  'tomorrow',
  'today',
  'tonight',
  'next',
  'this',
  'morning',
  'noon',
  'midnight',
  '9am',
  '5pm',
  '17:00',
  'EST',
  'cat',
  'remind',
  'me',
  'reminder',
  'minutes',
  'min',
  'hours',
  'h',
  'before',
  'and',
  ',',
  'when',
  '!high',
  '!!',
  '!!!',
  '!1',
  'p2',
  '!',
  '#home',
  '#a/b-',
  '#123',
  'C#',
  '|',
  '(',
  ')',
  ':',
  'Call',
  'mom',
  'Pay',
  'rent',
  '',
  '  ',
];
const phrase = fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((words) => words.join(' '));
const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), phrase);
const context = fc.record({
  now: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  timeZone: fc.constantFrom(
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
  ),
});

function checkSpans(input: string, result: QuickAddResult): void {
  let previousEnd = 0;
  for (const span of result.understood) {
    expect(span.start).toBeGreaterThanOrEqual(previousEnd);
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.end).toBeLessThanOrEqual(input.length);
    expect(input.slice(span.start, span.end)).toBe(span.text);
    previousEnd = span.end;
  }
}

describe('quick add properties', () => {
  it('never throws, never answers an empty title, and its spans lie in the text without overlapping', () => {
    fc.assert(
      fc.property(text, context, (input, ctx) => {
        const result = parseQuickAdd(input, ctx);
        expect(result.title.trim().length).toBeGreaterThan(0);
        checkSpans(input, result);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers a valid task input for phrases made of the words it knows', () => {
    let ids = 0;
    fc.assert(
      fc.property(phrase, context, (input, ctx) => {
        const { understood, ...fields } = parseQuickAdd(input, ctx);
        const body = CreateTaskBody.parse(fields);
        createTask(
          body,
          { userId: 'u', timeZone: ctx.timeZone },
          { now: ctx.now, newId: () => `id-${++ids}` },
        );
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same answer whatever the process time zone', () => {
    const original = process.env.TZ;
    try {
      fc.assert(
        fc.property(phrase, context, (input, ctx) => {
          process.env.TZ = 'UTC';
          const reference = parseQuickAdd(input, ctx);
          process.env.TZ = 'Asia/Kolkata';
          expect(parseQuickAdd(input, ctx)).toEqual(reference);
        }),
        { numRuns: 300 },
      );
    } finally {
      process.env.TZ = original;
    }
  });
});
