// In-app notifications: what a due reminder says, its wire form, and which reminder a snooze adds.
// Pure: ids and time come in as arguments.
import type { ReminderInput } from '../../contract/task.ts';
import type { NotificationDto, ReminderDueData } from './events.ts';
import type { Reminder } from './task.ts';

export const NOTIFICATION_KINDS = ['reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  taskId: string | null;
  reminderId: string | null;
  title: string;
  body: string;
  /** The event this notification answers; (sourceEventId, kind) is unique, so redelivery adds nothing. */
  sourceEventId: string;
  createdAt: Date;
  readAt: Date | null;
}

/** When the task is due, as the person reads it: in the task's zone, a date only for all-day tasks. */
export interface DueMoment {
  dueAt: Date | null;
  allDay: boolean;
  timeZone: string;
}

export function dueLine(due: DueMoment): string {
  if (!due.dueAt) return 'Reminder';
  // Assembled from parts: ICU versions differ in the punctuation between them.
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone: due.timeZone,
  }).formatToParts(due.dueAt);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  if (due.allDay) return `Due ${date}`;
  return `Due ${date}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

export function reminderNotification(input: {
  id: string;
  sourceEventId: string;
  data: ReminderDueData;
  due: DueMoment;
  now: Date;
}): Notification {
  return {
    id: input.id,
    userId: input.data.userId,
    kind: 'reminder',
    taskId: input.data.taskId,
    reminderId: input.data.reminderId,
    title: input.data.title,
    body: dueLine(input.due),
    sourceEventId: input.sourceEventId,
    createdAt: input.now,
    readAt: null,
  };
}

export function toNotificationDto(notification: Notification): NotificationDto {
  return {
    id: notification.id,
    kind: notification.kind,
    taskId: notification.taskId,
    title: notification.title,
    body: notification.body,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}

function specOf(reminder: Reminder): ReminderInput {
  return reminder.at
    ? { id: reminder.id, at: reminder.at.toISOString() }
    : { id: reminder.id, offsetMinutes: reminder.offsetMinutes ?? 0 };
}

/**
 * The reminder list of a task after snoozing until `at`: the existing reminders unchanged (by id,
 * so their states stay) plus an absolute one at `at`. When the task already has `max`, the oldest
 * reminder that is no longer pending (sent, or cancelled in the past) makes room; null when every
 * one is still pending, since dropping a reminder the person set would be a silent loss.
 */
export function snoozedReminders(
  reminders: readonly Reminder[],
  at: Date,
  max: number,
): ReminderInput[] | null {
  const added: ReminderInput = { at: at.toISOString() };
  if (reminders.length < max) return [...reminders.map(specOf), added];
  const spent = reminders
    .filter((r) => r.state !== 'pending')
    .sort((a, b) => (a.remindAt?.getTime() ?? -Infinity) - (b.remindAt?.getTime() ?? -Infinity))[0];
  if (!spent) return null;
  return [...reminders.filter((r) => r !== spent).map(specOf), added];
}
