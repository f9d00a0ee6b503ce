// Quick add: one line of natural language to a task. Pure: the clock and the zone come in.
//
// Passes, each masking what it consumed so later ones cannot read it again:
// #tags → priority marks → recurrence → reminder clauses → dates and times (chrono). The title is
// what is left. See README.md for the rules on ambiguous phrases.
import { LIMITS } from '../../../contract/task.ts';
import { type Clock, clockOf, type DateHit, findDates, type When } from './dates.ts';
import { takeRecurrence } from './recurrence.ts';
import { type ReminderClause, takeReminders } from './reminders.ts';
import {
  firstOccurrence,
  formatDue,
  formatInstant,
  instantIn,
  instantOf,
  type LocalDue,
  resolveWhen,
} from './schedule.ts';
import { takePriority, takeTags, titleOf } from './tokens.ts';
import {
  consume,
  newScan,
  type QuickAddContext,
  type QuickAddReminder,
  type QuickAddResult,
  type Scan,
  type UnderstoodSpan,
} from './types.ts';

export function parseQuickAdd(text: string, ctx: QuickAddContext): QuickAddResult {
  const clock = clockOf(ctx.now, ctx.timeZone);
  const scan = newScan(text);
  const tags = takeTags(scan);
  const priority = takePriority(scan);
  const recurrence = takeRecurrence(scan);
  const clauses = takeReminders(scan, clock);
  const when = withPartOfDay(takeWhen(scan, findDates(scan.masked, clock)), recurrence?.spec.partOfDay);

  let due = when ? resolveWhen(when, clock) : null;
  let rule: QuickAddResult['recurrence'] = null;
  if (recurrence) {
    const first = firstOccurrence(recurrence.spec, due, clock);
    if (first) {
      due = first;
      rule = { rule: recurrence.rule, basis: recurrence.spec.basis };
    } else unconsume(scan, (span) => span.kind !== 'recurrence');
  }
  const reminders = remindersOf(scan, clauses, due, clock);
  return {
    title: titleOf(scan),
    description: '',
    priority,
    tags,
    dueAt: due ? formatDue(due) : null,
    allDay: due !== null && due.time === null,
    timeZone: ctx.timeZone,
    recurrence: rule,
    reminders,
    understood: [...scan.spans].sort((a, b) => a.start - b.start),
  };
}

/** At most one date and one time of day: the first of each; the rest stays in the title. */
function takeWhen(scan: Scan, hits: DateHit[]): When | null {
  let dated: DateHit | null = null;
  let timed: DateHit | null = null;
  for (const hit of hits) {
    if (hit.date) {
      if (dated || (timed && (hit.time || hit.date.kind === 'instant'))) continue;
      dated = hit;
    } else if (!timed && !dated?.time && dated?.date?.kind !== 'instant') timed = hit;
    else continue;
    consume(scan, hit.date ? 'date' : 'time', hit.start, hit.end);
  }
  if (!dated && !timed) return null;
  const timeHit = dated?.time ? dated : timed;
  return {
    date: dated?.date ?? null,
    time: timeHit?.time ?? null,
    zoneOffset: dated?.time ? dated.zoneOffset : (timed?.zoneOffset ?? dated?.zoneOffset ?? null),
    meridiemGuessed: timeHit?.meridiemGuessed ?? false,
  };
}

/**
 * "every morning at 7" is 07:00 and "every evening at 8" 20:00: the part of the day the
 * recurrence consumed decides an hour written without am/pm (which otherwise reads 1–7 as pm).
 */
function withPartOfDay(when: When | null, partOfDay: string | null | undefined): When | null {
  if (!when?.time || !when.meridiemGuessed || !partOfDay) return when;
  const { hour } = when.time;
  if (partOfDay === 'morning' && hour >= 13 && hour <= 19)
    return { ...when, time: { ...when.time, hour: hour - 12 } };
  if (partOfDay !== 'morning' && hour >= 1 && hour <= 11)
    return { ...when, time: { ...when.time, hour: hour + 12 } };
  return when;
}

function unconsume(scan: Scan, keep: (span: UnderstoodSpan) => boolean): void {
  scan.spans = scan.spans.filter(keep);
}

const DEFAULT_REMINDER_TIME = { hour: 9, minute: 0 };

/**
 * Offsets need a due time: without one their clause is left in the title. An absolute time without
 * a date is on the due date (without a due date: the next such time); a date without a time
 * reminds at 09:00. Duplicates are dropped, and so is anything past LIMITS.remindersMax.
 */
function remindersOf(
  scan: Scan,
  clauses: ReminderClause[],
  due: LocalDue | null,
  clock: Clock,
): QuickAddReminder[] {
  const reminders: QuickAddReminder[] = [];
  const seen = new Set<string>();
  for (const clause of clauses) {
    if (!due && clause.items.some((item) => item.kind === 'offset')) {
      unconsume(scan, (span) => span !== clause.span);
      continue;
    }
    for (const item of clause.items) {
      const reminder =
        item.kind === 'offset' ? { offsetMinutes: item.minutes } : absolute(item.when, due, clock);
      const key = JSON.stringify(reminder);
      if (!reminder || seen.has(key) || reminders.length >= LIMITS.remindersMax) continue;
      seen.add(key);
      reminders.push(reminder);
    }
  }
  return reminders;
}

function absolute(when: When, due: LocalDue | null, clock: Clock): { at: string } | null {
  if (when.date?.kind === 'instant')
    return { at: formatInstant(when.date.instant.round({ smallestUnit: 'minute', roundingMode: 'floor' })) };
  const time = when.time ?? DEFAULT_REMINDER_TIME;
  if (!when.date && due) return { at: formatInstant(instantIn(when, due.date, time, clock.zone)) };
  const local = resolveWhen({ ...when, time }, clock);
  return local && { at: formatInstant(instantOf(local.date, local.time ?? time, clock.zone)) };
}
