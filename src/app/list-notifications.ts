import type { ListNotificationsInput } from '../../contract/notification.ts';
import type { Notification } from '../domain/notification.ts';
import type { Actor, AppDeps } from '../ports/index.ts';

export interface NotificationList {
  items: Notification[];
  unreadCount: number;
}

/** Newest first, at most `limit`; `unread=true` leaves out read ones. */
export async function listNotifications(
  deps: AppDeps,
  actor: Actor,
  input: ListNotificationsInput,
): Promise<NotificationList> {
  const repo = deps.uow.read.notifications;
  const [items, unreadCount] = await Promise.all([
    repo.list(actor.userId, { unreadOnly: input.unread === 'true', limit: input.limit }),
    repo.unreadCount(actor.userId),
  ]);
  return { items, unreadCount };
}
