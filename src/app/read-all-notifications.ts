import type { Actor, AppDeps } from '../ports/index.ts';
import { notificationReadEvent } from './shared.ts';

/** Marks every unread notification read; answers how many were unread (and signals when any). */
export async function readAllNotifications(deps: AppDeps, actor: Actor): Promise<{ updated: number }> {
  const updated = await deps.uow.transaction(
    async (repos) => {
      const now = deps.clock.now();
      const count = await repos.notifications.markAllRead(actor.userId, now);
      if (count > 0) await repos.outbox.append([notificationReadEvent(deps, actor.userId, null, now)]);
      return count;
    },
    { lockKey: actor.userId },
  );
  return { updated };
}
