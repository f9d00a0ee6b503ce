// What `GET /api/stream` sends (DESIGN §4), shared by the server and the web app. Every message is
//   event: <CloudEvents type>\nid: <event id>\ndata: <the CloudEvent as one line of JSON>\n\n
// plus one control message, `stream.reset`, and `: ping` comments as heartbeats.
import { z } from 'zod';
import { NotificationSchema } from './notification.ts';
import { TaskSchema } from './task.ts';

export const STREAM_TASK_TYPES = [
  'todo.task.created',
  'todo.task.updated',
  'todo.task.completed',
  'todo.task.reopened',
  'todo.task.deleted',
] as const;
export const STREAM_UPDATE_TYPES = ['todo.notification.created', 'todo.notification.read'] as const;
/** Every CloudEvents type the stream carries: the task-events and task-updates topics. */
export const STREAM_EVENT_TYPES = [...STREAM_TASK_TYPES, ...STREAM_UPDATE_TYPES] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

/** Sent instead of a backlog when the stream cannot resume from the client's Last-Event-ID. */
export const STREAM_RESET = 'stream.reset';

const envelope = {
  specversion: z.literal('1.0'),
  id: z.string(),
  source: z.string(),
  subject: z.string(),
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  /** The user id: every event on a user's stream carries theirs. */
  partitionkey: z.string(),
};

export const TaskEventDataSchema = z.object({
  userId: z.string(),
  task: TaskSchema,
  /** The fields an update touched. */
  changes: z.array(z.string()).optional(),
});

export const NotificationEventDataSchema = z.object({
  userId: z.string(),
  notification: NotificationSchema,
});

export const TaskStreamEventSchema = z.object({
  ...envelope,
  type: z.enum(STREAM_TASK_TYPES),
  data: TaskEventDataSchema,
});

/**
 * A client-only signal: notifications were read (or snoozed), so every open tab can update its
 * bell. `notification` is the one read, or null when every unread one was (read-all).
 */
export const NotificationReadEventDataSchema = z.object({
  userId: z.string(),
  notification: NotificationSchema.nullable(),
});

export const NotificationStreamEventSchema = z.object({
  ...envelope,
  type: z.literal('todo.notification.created'),
  data: NotificationEventDataSchema,
});

export const NotificationReadStreamEventSchema = z.object({
  ...envelope,
  type: z.literal('todo.notification.read'),
  data: NotificationReadEventDataSchema,
});

/** The `data:` of every event message: a CloudEvent, discriminated by `type`. */
export const StreamEventSchema = z.discriminatedUnion('type', [
  TaskStreamEventSchema,
  NotificationStreamEventSchema,
  NotificationReadStreamEventSchema,
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;

export const STREAM_RESET_REASONS = ['unknown-last-event-id', 'too-far-behind'] as const;

/**
 * The `data:` of a `stream.reset` message. The client cannot be brought up to date event by event
 * (its Last-Event-ID is unknown, expired, not its own, or too far behind): it should refetch what it
 * shows. The message's `id:` (when the user has any event) is the newest event, where the stream
 * continues from, so a later reconnect resumes normally.
 */
export const StreamResetSchema = z.object({
  reason: z.enum(STREAM_RESET_REASONS),
  /** The Last-Event-ID the client sent. */
  lastEventId: z.string(),
});
export type StreamReset = z.infer<typeof StreamResetSchema>;

/** Query of `GET /api/stream`: `lastEventId` for clients that cannot send the Last-Event-ID header. */
export const StreamQuery = z.object({
  lastEventId: z.string().optional(),
});
