// Wire shapes of in-app notifications (DESIGN §4 /api/notifications).
import { z } from 'zod';
import { TaskSchema } from './task.ts';

export const NOTIFICATION_LIMITS = {
  listMax: 200,
  listDefault: 50,
  /** Snoozing longer than a year is almost certainly a typo. */
  snoozeMaxMinutes: 366 * 24 * 60,
} as const;

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  taskId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  /** Every unread notification of the user, whatever `unread` and `limit` selected. */
  unreadCount: z.number(),
});

export const ListNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(NOTIFICATION_LIMITS.listMax)
    .default(NOTIFICATION_LIMITS.listDefault),
});
export type ListNotificationsInput = z.infer<typeof ListNotificationsQuery>;

export const ReadAllAnswerSchema = z.object({ updated: z.number(), unreadCount: z.number() });

export const SnoozeBody = z.strictObject({
  minutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(NOTIFICATION_LIMITS.snoozeMaxMinutes, 'must be at most a year'),
});

export const SnoozeAnswerSchema = z.object({
  notification: NotificationSchema,
  /** The task with its new reminder, as PATCH would answer it. */
  task: TaskSchema,
  /** The reminder that fires at the end of the snooze. */
  reminderId: z.string(),
});
