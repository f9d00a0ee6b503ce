// The 42 RFC 5545 examples (../shared/vectors/rfc5545-recurrence.json, copied into testdata/)
// through expand(). The `unit-kolkata` project runs this file again with TZ=Asia/Kolkata.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expand } from './expand.ts';

interface Vector {
  id: string;
  name: string;
  dtstart: string;
  value_type: 'DATE-TIME' | 'DATE';
  tzid: string;
  rrule: string;
  exdate: string[];
  expected: string[];
  expected_utc: string[];
  expected_is_prefix: boolean;
  crosses_dst: boolean;
}

const local = new URL('./testdata/rfc5545-recurrence.json', import.meta.url);
const shared = new URL('../../../../shared/vectors/rfc5545-recurrence.json', import.meta.url);
const vectors: Vector[] = JSON.parse(readFileSync(local, 'utf8'));

describe('RFC 5545 recurrence examples', () => {
  it('has all 42 vectors', () => {
    expect(vectors).toHaveLength(42);
  });

  // The public vectors live beside the repository (../shared), not in it: compared where present.
  it.runIf(existsSync(shared))('the copy matches the shared vectors file', () => {
    expect(vectors).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });

  it.each(vectors.map((v) => [`${v.id} ${v.name}`, v] as const))('%s', (_, v) => {
    const allDay = v.value_type === 'DATE';
    // A finite set must end exactly where the RFC says: ask for more than it has.
    const count = v.expected_is_prefix ? v.expected.length : v.expected.length + 5;
    const result = expand({
      rule: v.rrule,
      start: v.dtstart,
      timeZone: v.tzid,
      allDay,
      count,
      exdates: v.exdate,
    });
    expect(result.occurrences).toEqual(v.expected);
    expect(result.utc).toEqual(allDay ? [] : v.expected_utc);
  });

  it.each(
    vectors.filter((v) => v.expected_is_prefix && v.expected.length > 3).map((v) => [v.id, v] as const),
  )('%s: later pages continue the same sequence', (_, v) => {
    // Start after the 3rd occurrence: the rest of the listed prefix follows.
    const after = new Date(v.expected_utc[2] as string);
    const count = v.expected.length - 3;
    const result = expand({
      rule: v.rrule,
      start: v.dtstart,
      timeZone: v.tzid,
      count,
      exdates: v.exdate,
      after,
    });
    expect(result.utc).toEqual(v.expected_utc.slice(3));
  });
});

describe('process time zone', () => {
  it('runs in the zone its project sets (UTC, or Asia/Kolkata at +05:30)', () => {
    const expected = Number(process.env.EXPECTED_TZ_OFFSET_MINUTES);
    expect(new Date(0).getTimezoneOffset()).toBe(expected);
    expect(new Date(0).getHours()).toBe(expected === 0 ? 0 : 5); // 00:00Z is 05:30 in Kolkata
  });
});
