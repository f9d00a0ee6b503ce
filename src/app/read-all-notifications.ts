import type { Actor, AppDeps } from '../ports/index.ts';

/** Marks every unread notification read; answers how many were unread. */
export async function readAllNotifications(deps: AppDeps, actor: Actor): Promise<{ updated: number }> {
  const updated = await deps.uow.transaction((repos) =>
    repos.notifications.markAllRead(actor.userId, deps.clock.now()),
  );
  return { updated };
}
