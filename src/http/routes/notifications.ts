import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ListNotificationsQuery,
  NotificationListSchema,
  NotificationSchema,
  ReadAllAnswerSchema,
  SnoozeAnswerSchema,
  SnoozeBody,
} from '../../../contract/notification.ts';
import { ProblemSchema } from '../../../contract/problem.ts';
import { listNotifications } from '../../app/list-notifications.ts';
import { readAllNotifications } from '../../app/read-all-notifications.ts';
import { readNotification } from '../../app/read-notification.ts';
import { snoozeNotification } from '../../app/snooze-notification.ts';
import { toNotificationDto } from '../../domain/notification.ts';
import { toTaskDto } from '../../domain/task.ts';
import type { AppDeps } from '../../ports/index.ts';
import { actorOf } from '../plugins/auth.ts';

const IdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema };

export async function notificationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'In-app notifications, newest first',
        description:
          '`unread=true` lists only unread ones; `limit` (1–200, default 50) caps the list. ' +
          '`unreadCount` counts every unread notification of the user whatever the filter.',
        querystring: ListNotificationsQuery,
        response: { 200: NotificationListSchema, ...errors },
      },
    },
    async (req) => {
      const list = await listNotifications(deps, actorOf(req), req.query);
      return { items: list.items.map(toNotificationDto), unreadCount: list.unreadCount };
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark every notification read',
        description: '`updated` is how many were unread.',
        response: { 200: ReadAllAnswerSchema, ...errors },
      },
    },
    async (req) => ({ ...(await readAllNotifications(deps, actorOf(req))), unreadCount: 0 }),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark a notification read (idempotent)',
        params: IdParams,
        response: { 200: NotificationSchema, ...errors },
      },
    },
    async (req) => toNotificationDto(await readNotification(deps, actorOf(req), req.params.id)),
  );

  r.post(
    '/api/notifications/:id/snooze',
    {
      schema: {
        tags,
        summary: 'Remind again in N minutes',
        description:
          'Adds a reminder at now + `minutes` to the task (a `todo.task.updated` event, like PATCH) and ' +
          'marks the notification read. A task already holding 10 reminders gives up its oldest one ' +
          'that has fired; 409 when all 10 are still pending, or the task is completed or deleted.',
        params: IdParams,
        body: SnoozeBody,
        response: { 200: SnoozeAnswerSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (req) => {
      const result = await snoozeNotification(deps, actorOf(req), req.params.id, req.body.minutes);
      return {
        notification: toNotificationDto(result.notification),
        task: toTaskDto(result.task),
        reminderId: result.reminderId,
      };
    },
  );
}
