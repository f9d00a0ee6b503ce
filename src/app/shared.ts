// Pieces every task use case needs: loading a task the actor owns, and describing a change as an event.

import { type CloudEvent, makeEvent, type TaskEventType } from '../domain/events.ts';
import { isUuid } from '../domain/ids.ts';
import { type Notification, toNotificationDto } from '../domain/notification.ts';
import { type EditableField, type Task, toTaskDto } from '../domain/task.ts';
import { notFound } from '../errors.ts';
import type { Actor, AppDeps, Repositories } from '../ports/index.ts';

/** The actor's live task; a foreign, deleted or malformed id is the same 404. */
export async function ownTask(repos: Repositories, actor: Actor, id: string): Promise<Task> {
  const task = isUuid(id) ? await repos.tasks.find(actor.userId, id) : null;
  if (!task) throw notFound();
  return task;
}

export function taskEvent(
  deps: Pick<AppDeps, 'newId' | 'source'>,
  type: TaskEventType,
  task: Task,
  at: Date,
  changes?: EditableField[],
): CloudEvent<TaskEventType> {
  const data = changes
    ? { userId: task.userId, task: toTaskDto(task), changes }
    : { userId: task.userId, task: toTaskDto(task) };
  return makeEvent(type, data, {
    id: deps.newId(),
    source: deps.source,
    subject: task.id,
    userId: task.userId,
    time: at,
  });
}

/** The stream's signal that notifications were read: `notification`, or every unread one (null). */
export function notificationReadEvent(
  deps: Pick<AppDeps, 'newId' | 'source'>,
  userId: string,
  notification: Notification | null,
  at: Date,
): CloudEvent<'todo.notification.read'> {
  return makeEvent(
    'todo.notification.read',
    { userId, notification: notification ? toNotificationDto(notification) : null },
    {
      id: deps.newId(),
      source: deps.source,
      subject: notification?.taskId ?? userId,
      userId,
      time: at,
    },
  );
}

export const changeContext = (deps: Pick<AppDeps, 'clock' | 'newId'>) => ({
  now: deps.clock.now(),
  newId: deps.newId,
});
