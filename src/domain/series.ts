// The next occurrence of a recurring task: the same task again, due at the rule's next date.
import { nextOccurrence } from './recurrence/index.ts';
import type { ChangeContext, Reminder, Task } from './task.ts';

/**
 * The task that follows a completed occurrence, or null when the series has ended (COUNT, UNTIL)
 * or the task does not recur. Reminders keep their offsets; absolute ones move with the due date.
 */
export function nextInSeries(completed: Task, ctx: ChangeContext): Task | null {
  const { recurrence, dueAt, completedAt } = completed;
  if (!recurrence || !dueAt || !completedAt || completed.status !== 'completed') return null;
  const next = nextOccurrence({
    rule: recurrence.rule,
    basis: recurrence.basis,
    timeZone: completed.timeZone,
    allDay: completed.allDay,
    ...(completed.seriesStart ? { dtstart: completed.seriesStart } : {}),
    previous: dueAt,
    occurrenceIndex: completed.occurrenceIndex,
    completedAt,
    now: ctx.now,
  });
  if (!next) return null;
  const shift = next.dueAt.getTime() - dueAt.getTime();
  const reminders: Reminder[] = completed.reminders.map((r) => {
    const at = r.at ? new Date(r.at.getTime() + shift) : null;
    const remindAt =
      at ?? (r.offsetMinutes !== null ? new Date(next.dueAt.getTime() - r.offsetMinutes * 60_000) : null);
    return { id: ctx.newId(), offsetMinutes: r.offsetMinutes, at, remindAt, state: 'pending' };
  });
  return {
    ...completed,
    id: ctx.newId(),
    status: 'pending',
    dueAt: next.dueAt,
    reminders,
    seriesId: completed.seriesId ?? completed.id,
    seriesStart: completed.seriesStart,
    occurrenceIndex: next.occurrenceIndex,
    spawnedFrom: completed.id,
    completedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  };
}

/**
 * Whether reopening the occurrence a completion created takes that occurrence back: only while the
 * person has not touched it (still pending, never edited). An edited or completed one is theirs.
 */
export function isUntouchedOccurrence(next: Task): boolean {
  return next.status === 'pending' && next.version === 1;
}
