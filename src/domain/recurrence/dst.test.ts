// Daylight-saving changes: wall times stay put, gaps move forward by their length, repeated
// times take their first instance. Every expectation gives both the local and the UTC value.
import { describe, expect, it } from 'vitest';
import { expand } from './expand.ts';

const run = (rule: string, start: string, timeZone: string, count: number) =>
  expand({ rule, start, timeZone, count });

describe('09:00 stays 09:00', () => {
  it('America/New_York, spring forward (2026-03-08) and fall back (2026-11-01)', () => {
    const spring = run('FREQ=DAILY', '2026-03-07T09:00:00', 'America/New_York', 3);
    expect(spring.occurrences).toEqual(['2026-03-07T09:00:00', '2026-03-08T09:00:00', '2026-03-09T09:00:00']);
    expect(spring.utc).toEqual(['2026-03-07T14:00:00Z', '2026-03-08T13:00:00Z', '2026-03-09T13:00:00Z']);
    const fall = run('FREQ=DAILY', '2026-10-31T09:00:00', 'America/New_York', 3);
    expect(fall.utc).toEqual(['2026-10-31T13:00:00Z', '2026-11-01T14:00:00Z', '2026-11-02T14:00:00Z']);
  });

  it('Europe/Berlin, weekly across both changes of 2026', () => {
    const spring = run('FREQ=WEEKLY;BYDAY=SU', '2026-03-22T09:00:00', 'Europe/Berlin', 2);
    expect(spring.occurrences).toEqual(['2026-03-22T09:00:00', '2026-03-29T09:00:00']);
    expect(spring.utc).toEqual(['2026-03-22T08:00:00Z', '2026-03-29T07:00:00Z']);
    const fall = run('FREQ=WEEKLY;BYDAY=SU', '2026-10-18T09:00:00', 'Europe/Berlin', 2);
    expect(fall.utc).toEqual(['2026-10-18T07:00:00Z', '2026-10-25T08:00:00Z']);
  });

  it('monthly last Friday keeps its wall time all year', () => {
    const result = run('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-30T09:00:00', 'Europe/Berlin', 12);
    expect(new Set(result.occurrences.map((o) => o.slice(11)))).toEqual(new Set(['09:00:00']));
    expect(result.utc[2]).toBe('2026-03-27T08:00:00Z'); // before the change (last Sunday)
    expect(result.utc[3]).toBe('2026-04-24T07:00:00Z'); // after it
  });
});

describe('spring-forward gap', () => {
  it('a daily 02:30 moves to 03:30 on the day 02:30 does not exist, then returns (New York)', () => {
    const result = run('FREQ=DAILY', '2026-03-07T02:30:00', 'America/New_York', 3);
    expect(result.occurrences).toEqual(['2026-03-07T02:30:00', '2026-03-08T03:30:00', '2026-03-09T02:30:00']);
    expect(result.utc).toEqual(['2026-03-07T07:30:00Z', '2026-03-08T07:30:00Z', '2026-03-09T06:30:00Z']);
  });

  it('a daily 02:30 in Berlin (gap 02:00–03:00 on 2026-03-29)', () => {
    const result = run('FREQ=DAILY', '2026-03-28T02:30:00', 'Europe/Berlin', 3);
    expect(result.occurrences).toEqual(['2026-03-28T02:30:00', '2026-03-29T03:30:00', '2026-03-30T02:30:00']);
    expect(result.utc).toEqual(['2026-03-28T01:30:00Z', '2026-03-29T01:30:00Z', '2026-03-30T00:30:00Z']);
  });

  it('a DTSTART inside the gap shifts only itself, not the whole series', () => {
    // rrule-temporal on its own would keep 03:30 for every later day.
    const result = run('FREQ=DAILY', '2026-03-08T02:30:00', 'America/New_York', 3);
    expect(result.occurrences).toEqual(['2026-03-08T03:30:00', '2026-03-09T02:30:00', '2026-03-10T02:30:00']);
  });

  it('two wall times that land on the same instant count once', () => {
    const result = run('FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30', '2026-03-07T02:30:00', 'America/New_York', 5);
    expect(result.occurrences).toEqual([
      '2026-03-07T02:30:00',
      '2026-03-07T03:30:00',
      '2026-03-08T03:30:00',
      '2026-03-09T02:30:00',
      '2026-03-09T03:30:00',
    ]);
  });

  it('Australia/Lord_Howe: a 30-minute gap (02:00–02:30 on 2026-10-04) moves 02:15 to 02:45', () => {
    const result = run('FREQ=DAILY', '2026-10-03T02:15:00', 'Australia/Lord_Howe', 3);
    expect(result.occurrences).toEqual(['2026-10-03T02:15:00', '2026-10-04T02:45:00', '2026-10-05T02:15:00']);
    expect(result.utc).toEqual(['2026-10-02T15:45:00Z', '2026-10-03T15:45:00Z', '2026-10-04T15:15:00Z']);
  });

  it('Australia/Lord_Howe: 30-minute fall back keeps 09:00 (UTC offset +11 → +10:30)', () => {
    const result = run('FREQ=DAILY', '2026-04-04T09:00:00', 'Australia/Lord_Howe', 2);
    expect(result.utc).toEqual(['2026-04-03T22:00:00Z', '2026-04-04T22:30:00Z']);
  });
});

describe('fall-back overlap', () => {
  it('a repeated 01:30 takes the first (daylight) instance', () => {
    const result = run('FREQ=DAILY', '2026-10-31T01:30:00', 'America/New_York', 3);
    expect(result.occurrences).toEqual(['2026-10-31T01:30:00', '2026-11-01T01:30:00', '2026-11-02T01:30:00']);
    expect(result.utc).toEqual(['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
  });

  it('HOURLY counts elapsed hours through the repeated hour', () => {
    const result = run('FREQ=HOURLY', '2026-11-01T00:30:00', 'America/New_York', 4);
    expect(result.occurrences).toEqual([
      '2026-11-01T00:30:00',
      '2026-11-01T01:30:00',
      '2026-11-01T01:30:00',
      '2026-11-01T02:30:00',
    ]);
    expect(result.utc).toEqual([
      '2026-11-01T04:30:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:30:00Z',
    ]);
  });

  it('HOURLY with BYxxx parts runs in the zone: BYHOUR=1 on the fall-back day is the first 01:00', () => {
    const result = run('FREQ=HOURLY;BYHOUR=1,2', '2026-10-31T01:00:00', 'America/New_York', 4);
    expect(result.utc).toEqual([
      '2026-10-31T05:00:00Z',
      '2026-10-31T06:00:00Z',
      '2026-11-01T05:00:00Z',
      '2026-11-01T07:00:00Z',
    ]);
  });

  it('HOURLY skips no hour across the gap', () => {
    const result = run('FREQ=HOURLY', '2026-03-08T00:30:00', 'America/New_York', 3);
    expect(result.utc).toEqual(['2026-03-08T05:30:00Z', '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z']);
    expect(result.occurrences).toEqual(['2026-03-08T00:30:00', '2026-03-08T01:30:00', '2026-03-08T03:30:00']);
  });
});

describe('UNTIL with time zones', () => {
  it('a UTC UNTIL is compared as an instant: 02:30 Berlin on 03-29 is 01:30Z, after 01:00Z', () => {
    const result = run('FREQ=DAILY;UNTIL=20260329T010000Z', '2026-03-27T02:30:00', 'Europe/Berlin', 10);
    expect(result.occurrences).toEqual(['2026-03-27T02:30:00', '2026-03-28T02:30:00']);
  });

  it('an UNTIL equal to an occurrence includes it', () => {
    const result = run('FREQ=DAILY;UNTIL=20260329T013000Z', '2026-03-27T02:30:00', 'Europe/Berlin', 10);
    expect(result.utc.at(-1)).toBe('2026-03-29T01:30:00Z');
  });

  it('UNTIL 00:00Z ends a 20:00 New York series on 12-22 (12-23 20:00 EST is 01:00Z on 12-24)', () => {
    const result = run('FREQ=DAILY;UNTIL=19971224T000000Z', '1997-12-21T20:00:00', 'America/New_York', 10);
    expect(result.occurrences).toEqual(['1997-12-21T20:00:00', '1997-12-22T20:00:00']);
    const seven = run('FREQ=DAILY;UNTIL=19971224T000000Z', '1997-12-21T19:00:00', 'America/New_York', 10);
    expect(seven.utc.at(-1)).toBe('1997-12-24T00:00:00Z');
  });

  it('UNTIL in a zone east of UTC: 09:00 Tokyo is 00:00Z', () => {
    const result = run('FREQ=DAILY;UNTIL=20260105T000000Z', '2026-01-01T09:00:00', 'Asia/Tokyo', 10);
    expect(result.utc).toEqual([
      '2026-01-01T00:00:00Z',
      '2026-01-02T00:00:00Z',
      '2026-01-03T00:00:00Z',
      '2026-01-04T00:00:00Z',
      '2026-01-05T00:00:00Z',
    ]);
  });

  it('a date UNTIL includes that whole local date', () => {
    const result = run('FREQ=DAILY;BYHOUR=9,23', '2026-01-01T09:00:00', 'Pacific/Auckland', 10);
    expect(result.occurrences.slice(0, 2)).toEqual(['2026-01-01T09:00:00', '2026-01-01T23:00:00']);
    const until = run('FREQ=DAILY;BYHOUR=9,23;UNTIL=20260102', '2026-01-01T09:00:00', 'Pacific/Auckland', 10);
    expect(until.occurrences).toEqual([
      '2026-01-01T09:00:00',
      '2026-01-01T23:00:00',
      '2026-01-02T09:00:00',
      '2026-01-02T23:00:00',
    ]);
  });
});
