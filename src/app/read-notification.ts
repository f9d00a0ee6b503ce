import { isUuid } from '../domain/ids.ts';
import type { Notification } from '../domain/notification.ts';
import { notFound } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';

/** Idempotent: reading it again keeps the first read time. A foreign or unknown id is a 404. */
export async function readNotification(deps: AppDeps, actor: Actor, id: string): Promise<Notification> {
  const read = isUuid(id)
    ? await deps.uow.transaction((repos) => repos.notifications.markRead(actor.userId, id, deps.clock.now()))
    : null;
  if (!read) throw notFound('notification');
  return read;
}
