// Minimal RRULE validation for storing rules; expansion lives in domain/recurrence/.
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from '../time.ts';

const KNOWN_PARTS = new Set([
  'FREQ',
  'UNTIL',
  'COUNT',
  'INTERVAL',
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const FREQS = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Returns null when `rule` is a usable RRULE body, else a message naming the problem. */
export function ruleProblem(rule: string): string | null {
  const parts = rule.split(';').filter(Boolean);
  const seen = new Set<string>();
  for (const part of parts) {
    const [key, value] = part.split('=');
    const name = key?.toUpperCase() ?? '';
    if (!value) return `"${part}" is not NAME=VALUE`;
    if (!KNOWN_PARTS.has(name)) return `unknown rule part ${name}`;
    if (seen.has(name)) return `${name} appears twice`;
    seen.add(name);
  }
  const freq = parts
    .find((p) => p.toUpperCase().startsWith('FREQ='))
    ?.split('=')[1]
    ?.toUpperCase();
  if (!freq) return 'FREQ is required';
  if (!FREQS.has(freq)) return `FREQ must be one of ${[...FREQS].join(', ')}`;
  if (freq === 'SECONDLY' || freq === 'MINUTELY') return `FREQ=${freq} is too frequent for a task`;
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL cannot both be set';
  try {
    const probe = new RRuleTemporal({
      rruleString: rule,
      dtstart: Temporal.ZonedDateTime.from('2026-01-01T09:00:00[UTC]'),
    });
    probe.all((_, i) => i < 1);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return null;
}
