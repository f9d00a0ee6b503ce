// "remind me 30 minutes before", "remind 1 day and 1 hour before", "remind me at 8am",
// "remind me tomorrow at 9": reminders relative to the due time or at a point in time.
import { LIMITS } from '../../../contract/task.ts';
import { type Clock, findDates, type When } from './dates.ts';
import type { Scan, UnderstoodSpan } from './types.ts';
import { consume } from './types.ts';
import { numberOf } from './words.ts';

export type ReminderItem = { kind: 'offset'; minutes: number } | { kind: 'at'; when: When };

export interface ReminderClause {
  span: UnderstoodSpan;
  items: ReminderItem[];
}

const AMOUNT = String.raw`(\d{1,4}(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty[-\s]five|half\s+an?)`;
const UNIT = String.raw`(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)\b`;
const DURATION = String.raw`${AMOUNT}\s*${UNIT}`;
const LIST_SEPARATOR = String.raw`\s*(?:,\s*and|,|&|\band\b)\s*`;
const OFFSETS = new RegExp(
  String.raw`${DURATION}(?:${LIST_SEPARATOR}${DURATION})*\s+(?:before|earlier|ahead|prior|in\s+advance)\b`,
  'iy',
);
const ON_TIME = /(?:when\s+(?:it(?:'s|\s+is)\s+)?due|at\s+(?:the\s+)?(?:due\s+)?time|on\s+time)\b/iy;
const SEPARATOR = new RegExp(String.raw`${LIST_SEPARATOR}(?:remind(?:\s+me)?\s+)?`, 'iy');
const TRIGGER = /\b(?:remind(?:\s+me)?|reminders?)\s+/gi;

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 };

function minutesOf(amount: string, unit: string): number | null {
  const n = /^half/i.test(amount) ? 0.5 : numberOf(amount);
  const minutes = Math.round(n * (UNIT_MINUTES[unit[0]!.toLowerCase()] ?? 0));
  return minutes >= 0 && minutes <= LIMITS.reminderOffsetMaxMinutes ? minutes : null;
}

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** One reminder phrase at `at`: a list of offsets, "when due", or a date/time chrono reads. */
function itemsAt(scan: Scan, at: number, clock: Clock): { items: ReminderItem[]; end: number } | null {
  const offsets = sticky(OFFSETS, scan.masked, at);
  if (offsets) {
    const items: ReminderItem[] = [];
    for (const m of offsets[0].matchAll(new RegExp(DURATION, 'gi'))) {
      const minutes = minutesOf(m[1]!, m[2]!);
      if (minutes === null) return null;
      items.push({ kind: 'offset', minutes });
    }
    return { items, end: at + offsets[0].length };
  }
  const onTime = sticky(ON_TIME, scan.masked, at);
  if (onTime) return { items: [{ kind: 'offset', minutes: 0 }], end: at + onTime[0].length };
  const hit = findDates(scan.masked, clock, at)[0];
  if (!hit || hit.start !== at) return null;
  return { items: [{ kind: 'at', when: hit }], end: hit.end };
}

/** Consumes every reminder clause; what they mean is settled once the due date is known. */
export function takeReminders(scan: Scan, clock: Clock): ReminderClause[] {
  const clauses: ReminderClause[] = [];
  for (const trigger of [...scan.masked.matchAll(TRIGGER)]) {
    const start = trigger.index;
    if (scan.masked[start] === '|') continue;
    const first = itemsAt(scan, start + trigger[0].length, clock);
    if (!first) continue;
    const items = [...first.items];
    let end = first.end;
    for (;;) {
      const separator = sticky(SEPARATOR, scan.masked, end);
      const next = separator ? itemsAt(scan, end + separator[0].length, clock) : null;
      if (!separator || !next) break;
      items.push(...next.items);
      end = next.end;
    }
    clauses.push({ span: consume(scan, 'reminder', start, end), items });
  }
  return clauses;
}
