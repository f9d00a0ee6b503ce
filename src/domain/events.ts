// The event catalogue (DESIGN §3): every event type, its topic and its data. A consumer lists the
// types it applies to from this map, so a handler for a type not in it does not compile.
import type { TaskDto } from '../../contract/task.ts';
import type { EditableField } from './task.ts';

export const TOPICS = ['task-events', 'reminders', 'task-updates'] as const;
export type Topic = (typeof TOPICS)[number];

export interface TaskEventData {
  userId: string;
  task: TaskDto;
  changes?: EditableField[];
}

export interface ReminderDueData {
  reminderId: string;
  taskId: string;
  userId: string;
  title: string;
  dueAt: string | null;
  remindAt: string;
}

export interface NotificationDto {
  id: string;
  kind: string;
  taskId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationCreatedData {
  userId: string;
  notification: NotificationDto;
}

/** Notifications were read: the one read, or null when every unread one was (read-all). */
export interface NotificationReadData {
  userId: string;
  notification: NotificationDto | null;
}

export interface EventDataMap {
  'todo.task.created': TaskEventData;
  'todo.task.updated': TaskEventData;
  'todo.task.completed': TaskEventData;
  'todo.task.reopened': TaskEventData;
  'todo.task.deleted': TaskEventData;
  'todo.reminder.due': ReminderDueData;
  'todo.notification.created': NotificationCreatedData;
  'todo.notification.read': NotificationReadData;
}
export type EventType = keyof EventDataMap;

export const EVENT_TOPIC: { readonly [T in EventType]: Topic } = {
  'todo.task.created': 'task-events',
  'todo.task.updated': 'task-events',
  'todo.task.completed': 'task-events',
  'todo.task.reopened': 'task-events',
  'todo.task.deleted': 'task-events',
  'todo.reminder.due': 'reminders',
  'todo.notification.created': 'task-updates',
  'todo.notification.read': 'task-updates',
};
export const EVENT_TYPES = Object.keys(EVENT_TOPIC) as EventType[];
export const TASK_EVENT_TYPES = EVENT_TYPES.filter(
  (t) => EVENT_TOPIC[t] === 'task-events',
) as TaskEventType[];
export type TaskEventType = {
  [T in EventType]: EventDataMap[T] extends TaskEventData ? T : never;
}[EventType];

/**
 * Signals for the user's own open clients (DESIGN §3: "client-only signals"): the stream and the
 * activity log carry them; webhooks and e-mail do not.
 */
export const CLIENT_SIGNAL_TYPES: readonly EventType[] = ['todo.notification.read'];

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_TOPIC, value);

/** CloudEvents 1.0, structured JSON mode (ADR 003). */
export interface CloudEvent<T extends EventType = EventType> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  /** Kafka message key: the user id, so one user's events stay in order. */
  partitionkey: string;
  data: EventDataMap[T];
}

/** Any event of the catalogue, discriminated by `type`. */
export type AnyCloudEvent = { [T in EventType]: CloudEvent<T> }[EventType];

export function makeEvent<T extends EventType>(
  type: T,
  data: EventDataMap[T],
  meta: { id: string; source: string; subject: string; userId: string; time: Date },
): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: meta.id,
    source: meta.source,
    type,
    subject: meta.subject,
    time: meta.time.toISOString(),
    datacontenttype: 'application/json',
    partitionkey: meta.userId,
    data,
  };
}
