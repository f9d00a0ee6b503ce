import { isUuid } from '../domain/ids.ts';
import type { Notification } from '../domain/notification.ts';
import { notFound } from '../errors.ts';
import type { Actor, AppDeps, Repositories } from '../ports/index.ts';
import { notificationReadEvent } from './shared.ts';

/**
 * Idempotent: reading it again keeps the first read time and signals nothing. A foreign or unknown
 * id is a 404. A first read tells the user's other tabs (`todo.notification.read`).
 */
export async function readNotification(deps: AppDeps, actor: Actor, id: string): Promise<Notification> {
  if (!isUuid(id)) throw notFound('notification');
  const read = await deps.uow.transaction(
    (repos) => markReadIn(repos, deps, actor.userId, id, deps.clock.now()),
    // Every writer of a user's events holds the user's lock: their order is the commit order.
    { lockKey: actor.userId },
  );
  if (!read) throw notFound('notification');
  return read;
}

/** Marks it read in the caller's transaction, with the signal when this is its first read. */
export async function markReadIn(
  repos: Repositories,
  deps: AppDeps,
  userId: string,
  id: string,
  now: Date,
): Promise<Notification | null> {
  const notification = await repos.notifications.markRead(userId, id, now);
  if (notification?.readAt?.getTime() === now.getTime())
    await repos.outbox.append([notificationReadEvent(deps, userId, notification, now)]);
  return notification;
}
