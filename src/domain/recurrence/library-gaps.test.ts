// What rrule-temporal 2.2.8 does on its own where this module works around it (engine.ts,
// describe.ts). If an upgrade changes one of these, revisit the workaround.
import { RRuleTemporal } from 'rrule-temporal';
import { toText } from 'rrule-temporal/totext';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../time.ts';

const zoned = (wall: string, zone: string) => Temporal.PlainDateTime.from(wall).toZonedDateTime(zone);
const first = (rule: RRuleTemporal, n: number) => rule.all((_, i) => i < n).map((z) => z.toString());

describe('rrule-temporal on its own', () => {
  it('drops an occurrence whose wall time falls in a DST gap (we move it forward)', () => {
    const rule = new RRuleTemporal({
      rruleString: 'FREQ=DAILY',
      dtstart: zoned('2026-03-07T02:30', 'America/New_York'),
    });
    expect(first(rule, 2)).toEqual([
      '2026-03-07T02:30:00-05:00[America/New_York]',
      '2026-03-09T02:30:00-04:00[America/New_York]',
    ]);
  });

  it('keeps a gap-shifted DTSTART time for the whole series (we keep 02:30 after the gap day)', () => {
    const rule = new RRuleTemporal({
      rruleString: 'FREQ=DAILY',
      dtstart: zoned('2026-03-08T02:30', 'America/New_York'),
    });
    expect(first(rule, 2)[1]).toBe('2026-03-09T03:30:00-04:00[America/New_York]');
  });

  it('visits the repeated fall-back hour once for FREQ=HOURLY (we step elapsed hours)', () => {
    const rule = new RRuleTemporal({
      rruleString: 'FREQ=HOURLY',
      dtstart: zoned('2026-11-01T00:30', 'America/New_York'),
    });
    expect(first(rule, 3)[2]).toBe('2026-11-01T02:30:00-05:00[America/New_York]');
  });

  it('throws away what it found when the iteration cap is hit (we retry with a callback)', () => {
    const rule = new RRuleTemporal({
      rruleString: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29;COUNT=3',
      dtstart: zoned('2001-02-28T09:00', 'UTC'),
      includeDtstart: true,
      maxIterations: 50,
    });
    expect(() => rule.all()).toThrow(/Maximum iterations/);
  });

  it('toText calls BYMONTHDAY=-3 "the last day of the month" (we describe rules ourselves)', () => {
    const rule = new RRuleTemporal({
      rruleString: 'FREQ=MONTHLY;BYMONTHDAY=-3',
      dtstart: zoned('2026-01-29T09:00', 'UTC'),
    });
    expect(toText(rule, 'en')).toContain('last day of the month');
  });
});
