// Properties over generated rules, starts and zones (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand } from './expand.ts';
import { nextOccurrence } from './next-occurrence.ts';
import { formatRule, parseRule, WEEKDAYS } from './parse.ts';
import { type Preset, presetToRule, ruleToPreset } from './presets.ts';
import { ruleProblem } from './validate.ts';

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
];
const RUNS = { numRuns: 40 };
const SLOW = 60_000; // each property expands a few hundred rules

const subset = <T>(items: readonly T[]) => fc.subarray([...items], { minLength: 1, maxLength: 3 });

interface Generated {
  rule: string;
  byDay?: string[];
  byMonth?: number[];
  byMonthDay?: number[];
}

const ruleArb: fc.Arbitrary<Generated> = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    byDay: fc.option(subset(WEEKDAYS), { nil: undefined }),
    byMonth: fc.option(subset([1, 2, 3, 6, 10, 11, 12]), { nil: undefined }),
    byMonthDay: fc.option(subset([1, 2, 15, 28, 31, -1]), { nil: undefined }),
    byHour: fc.option(subset([0, 2, 9, 23]), { nil: undefined }),
  })
  .map(({ freq, interval, byDay, byMonth, byMonthDay, byHour }) => {
    // BYDAY, BYMONTH and BYMONTHDAY all together match a few days a decade: slow to expand and
    // covered by the unit tests, so the generator keeps to two of them.
    const monthDays = freq === 'WEEKLY' || (byDay && byMonth) ? undefined : byMonthDay;
    const parts = [`FREQ=${freq}`, `INTERVAL=${interval}`];
    if (byDay) parts.push(`BYDAY=${byDay.join(',')}`);
    if (byMonth) parts.push(`BYMONTH=${byMonth.join(',')}`);
    if (monthDays) parts.push(`BYMONTHDAY=${monthDays.join(',')}`);
    if (byHour) parts.push(`BYHOUR=${byHour.join(',')}`);
    return { rule: parts.join(';'), byDay, byMonth, byMonthDay: monthDays };
  })
  .filter((g) => ruleProblem(g.rule) === null);

const startArb = fc
  .record({
    date: fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2040-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
  })
  .map(({ date, hour, minute }) => {
    const day = date.toISOString().slice(0, 10);
    return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
  });

const WEEKDAY_OF = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

describe('expand properties', () => {
  it(
    'occurrences are strictly increasing instants, DTSTART first',
    () => {
      fc.assert(
        fc.property(ruleArb, startArb, fc.constantFrom(...ZONES), (g, start, timeZone) => {
          const { occurrences, utc } = expand({ rule: g.rule, start, timeZone, count: 30 });
          expect(occurrences[0]?.slice(0, 10)).toBe(start.slice(0, 10));
          for (let i = 1; i < utc.length; i++)
            expect(Date.parse(utc[i] as string)).toBeGreaterThan(Date.parse(utc[i - 1] as string));
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'every occurrence after DTSTART matches BYDAY, BYMONTH and BYMONTHDAY',
    () => {
      fc.assert(
        fc.property(ruleArb, startArb, fc.constantFrom(...ZONES), (g, start, timeZone) => {
          const { occurrences } = expand({ rule: g.rule, start: start.slice(0, 10), timeZone, count: 30 });
          for (const date of occurrences.slice(1)) {
            const day = new Date(`${date}T00:00:00Z`);
            if (g.byDay) expect(g.byDay).toContain(WEEKDAY_OF[day.getUTCDay()]);
            if (g.byMonth) expect(g.byMonth).toContain(day.getUTCMonth() + 1);
            if (g.byMonthDay) {
              const length = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
              const d = day.getUTCDate();
              expect(g.byMonthDay.some((n) => n === d || length + 1 + n === d)).toBe(true);
            }
          }
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'a smaller count is a prefix of a larger one, and `after` continues the same sequence',
    () => {
      fc.assert(
        fc.property(
          ruleArb,
          startArb,
          fc.constantFrom(...ZONES),
          fc.integer({ min: 1, max: 15 }),
          (g, start, timeZone, n) => {
            const long = expand({ rule: g.rule, start, timeZone, count: 30 });
            const short = expand({ rule: g.rule, start, timeZone, count: n });
            expect(short.utc).toEqual(long.utc.slice(0, n));
            const last = short.utc.at(-1);
            if (!last || short.utc.length < n) return;
            const rest = expand({ rule: g.rule, start, timeZone, count: 30 - n, after: new Date(last) });
            expect(rest.utc).toEqual(long.utc.slice(n));
          },
        ),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'a wall time is kept on every day the zone allows it',
    () => {
      fc.assert(
        fc.property(ruleArb, startArb, fc.constantFrom(...ZONES), (g, start, timeZone) => {
          fc.pre(!g.rule.includes('BYHOUR'));
          const { occurrences } = expand({ rule: g.rule, start, timeZone, count: 20 });
          const shifted = occurrences.filter((o) => o.slice(11) !== start.slice(11));
          // Only a DST gap may move a wall time, and only forward by at most an hour.
          for (const o of shifted) {
            const minutes = (t: string) => Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
            expect(minutes(o) - minutes(start)).toBeGreaterThan(0);
            expect(minutes(o) - minutes(start)).toBeLessThanOrEqual(60);
          }
        }),
        RUNS,
      );
    },
    SLOW,
  );
});

describe('next occurrence properties', () => {
  it(
    'basis due: an occurrence of the rule, after the completed one and after now',
    () => {
      fc.assert(
        fc.property(
          ruleArb,
          startArb,
          fc.constantFrom(...ZONES),
          fc.integer({ min: 0, max: 400 }),
          (g, start, timeZone, lateDays) => {
            const series = expand({ rule: g.rule, start, timeZone, count: 5 });
            const previous = new Date(series.utc[0] as string);
            const now = new Date(previous.getTime() + lateDays * 86_400_000 + 3_600_000);
            const next = nextOccurrence({
              rule: g.rule,
              basis: 'due',
              timeZone,
              allDay: false,
              dtstart: start,
              previous,
              completedAt: now,
              now,
            });
            if (!next) return;
            expect(next.dueAt.getTime()).toBeGreaterThan(now.getTime());
            const around = expand({
              rule: g.rule,
              start,
              timeZone,
              count: 1,
              after: new Date(next.dueAt.getTime() - 1),
            });
            expect(around.utc[0]).toBe(next.dueAt.toISOString().replace('.000Z', 'Z'));
            const skipped = expand({ rule: g.rule, start, timeZone, count: 1, after: now });
            expect(skipped.utc[0]).toBe(around.utc[0]);
          },
        ),
        RUNS,
      );
    },
    SLOW,
  );
});

describe('parse and preset properties', () => {
  it('ruleProblem never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const problem = ruleProblem(text);
        expect(problem === null || typeof problem === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it(
    'formatRule output parses back to the same parts',
    () => {
      fc.assert(
        fc.property(ruleArb, (g) => {
          const parsed = parseRule(g.rule);
          if (!parsed.ok) throw new Error(parsed.problem);
          expect(parseRule(formatRule(parsed.rule))).toEqual(parsed);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  const presetArb: fc.Arbitrary<Preset> = fc.oneof(
    fc.record({ kind: fc.constant('daily' as const), interval: fc.integer({ min: 1, max: 30 }) }),
    fc.constant({ kind: 'weekdays' as const }),
    fc.record({
      kind: fc.constant('weekly' as const),
      days: subset(WEEKDAYS),
      interval: fc.integer({ min: 1, max: 8 }),
    }),
    fc.record({ kind: fc.constant('monthly-day' as const), day: fc.constantFrom(1, 15, 28, 31, -1) }),
    fc.record({
      kind: fc.constant('monthly-weekday' as const),
      weekday: fc.constantFrom(...WEEKDAYS),
      position: fc.constantFrom(1, 2, 3, 4, -1),
    }),
    fc.record({
      kind: fc.constant('yearly' as const),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    }),
    fc.record({
      kind: fc.constant('after-completion' as const),
      every: fc.integer({ min: 1, max: 30 }),
      unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
    }),
  );

  it('a preset survives the trip to a rule and back', () => {
    fc.assert(
      fc.property(presetArb, (preset) => {
        const recurrence = presetToRule(preset);
        const back = ruleToPreset(recurrence);
        expect(back).not.toBeNull();
        expect(presetToRule(back as Preset)).toEqual(recurrence);
      }),
      { numRuns: 200 },
    );
  });
});
