import { type CloudEvent, makeEvent } from '../domain/events.ts';
import { isUuid } from '../domain/ids.ts';
import { type Notification, reminderNotification, toNotificationDto } from '../domain/notification.ts';
import type { AppDeps, Repositories } from '../ports/index.ts';

/**
 * A reminder came due: an in-app notification, its `todo.notification.created` event and, when
 * e-mail is configured, an e-mail delivery, all in the caller's transaction. Once per source
 * event: a redelivered reminder finds its notification and does nothing (null).
 */
export async function notifyReminderIn(
  repos: Repositories,
  deps: AppDeps,
  event: CloudEvent<'todo.reminder.due'>,
): Promise<Notification | null> {
  const { data } = event;
  const user = await repos.users.find(data.userId);
  // The account is gone: nobody to tell (and the row could not reference it).
  if (!user) return null;
  const task = isUuid(data.taskId) ? await repos.tasks.find(data.userId, data.taskId) : null;
  const now = deps.clock.now();
  const notification = reminderNotification({
    id: deps.newId(),
    sourceEventId: event.id,
    data,
    // The task's own zone and kind of day say best when it is due; the event is the fallback.
    due: task
      ? { dueAt: task.dueAt, allDay: task.allDay, timeZone: task.timeZone }
      : { dueAt: data.dueAt ? new Date(data.dueAt) : null, allDay: false, timeZone: user.timeZone },
    now,
  });
  if (!(await repos.notifications.insert(notification))) return null;
  const dto = toNotificationDto(notification);
  await repos.outbox.append([
    makeEvent(
      'todo.notification.created',
      { userId: data.userId, notification: dto },
      { id: deps.newId(), source: deps.source, subject: data.taskId, userId: data.userId, time: now },
    ),
  ]);
  if (deps.channels?.email)
    await repos.deliveries.enqueue([
      {
        id: deps.newId(),
        channel: 'email',
        target: user.id,
        userId: user.id,
        eventId: event.id,
        payload: { to: user.email, name: user.name, notification: dto },
        createdAt: now,
      },
    ]);
  return notification;
}
