import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainInstant, resolveTimeInput, Temporal } from './time.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Date-times with Z or an offset, including impossible days and hours. */
const dateTimes = fc
  .record({
    year: fc.integer({ min: 1970, max: 2200 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    millis: fc.option(fc.integer({ min: 0, max: 999 })),
    offset: fc.option(fc.integer({ min: -14 * 60, max: 14 * 60 })),
  })
  .map(({ year, month, day, hour, minute, second, millis, offset }) => {
    let text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
    if (second !== null) text += `:${pad(second)}${millis === null ? '' : `.${pad(millis, 3)}`}`;
    if (offset === null) return `${text}Z`;
    const sign = offset < 0 ? '-' : '+';
    return `${text}${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  });

const temporalMs = (value: string): number | null => {
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    return null;
  }
};

describe('plainInstant', () => {
  it('reads every plain date-time as Temporal does, and refuses what Temporal refuses', () => {
    fc.assert(
      fc.property(dateTimes, (value) => {
        const fast = plainInstant(value);
        const slow = temporalMs(value);
        if (fast) expect(fast.getTime()).toBe(slow);
        // Temporal accepts :60 as :59; leaving that (and anything unusual) to Temporal is fine.
        else if (slow !== null) expect(value).toMatch(/:60|T24/);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses impossible days and hours rather than rolling them over', () => {
    expect(plainInstant('2026-02-30T09:00:00Z')).toBeNull();
    expect(plainInstant('2026-11-23T24:00:00Z')).toBeNull();
    expect(plainInstant('2024-02-29T09:00:00+05:30')?.toISOString()).toBe('2024-02-29T03:30:00.000Z');
  });

  it('leaves other forms to Temporal', () => {
    expect(plainInstant('2026-11-23T09:00:00.123456Z')).toBeNull();
    expect(plainInstant('2026-11-23T09:00:00+05')).toBeNull();
    expect(resolveTimeInput('2026-11-23T09:00:00.123456Z', 'UTC').instant.toISOString()).toBe(
      '2026-11-23T09:00:00.123Z',
    );
  });
});

describe('resolveTimeInput', () => {
  it("gives an instant's local date in the zone", () => {
    const resolved = resolveTimeInput('2026-11-22T23:30:00Z', 'Asia/Kolkata');
    expect(resolved.instant.toISOString()).toBe('2026-11-22T23:30:00.000Z');
    expect(resolved.localDate).toBe('2026-11-23');
  });
});
