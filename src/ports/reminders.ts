// What the `scheduler` role needs from storage: when the next reminder is due, and an atomic
// "fire what is due" step that is safe when several schedulers share one database.
import type { AnyCloudEvent } from '../domain/events.ts';

/** A reminder the store has just marked sent, with what its `todo.reminder.due` event carries. */
export interface DueReminder {
  reminderId: string;
  taskId: string;
  userId: string;
  title: string;
  dueAt: Date | null;
  remindAt: Date;
}

export interface ReminderStore {
  /** The earliest remindAt among pending reminders of live, pending tasks (may be past), or null. */
  nextDueAt(): Promise<Date | null>;
  /**
   * In one transaction: claims up to `limit` pending reminders of live, pending tasks with
   * remindAt <= `now` that no other transaction holds (other schedulers, or a write of the same
   * user in progress: those are left for a later round), marks them sent at `now` and appends the
   * events `toEvents` makes of them to the outbox. Returns the reminders it fired, earliest first;
   * a reminder is returned by at most one call, ever, unless a later edit makes it pending again.
   */
  fireDue(
    now: Date,
    limit: number,
    toEvents: (fired: DueReminder[]) => AnyCloudEvent[],
  ): Promise<DueReminder[]>;
}
