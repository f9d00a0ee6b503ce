import { deletedTask } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { ownTask, taskEvent } from './shared.ts';

/**
 * Deletes a task (kept as a tombstone for history). For a recurring task this ends the series:
 * the pending occurrence is the only one that could create a next one.
 */
export function deleteTask(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  return deps.uow.transaction(
    async (repos) => {
      const current = await ownTask(repos, actor, id);
      const now = deps.clock.now();
      await repos.tasks.markDeleted(current, now);
      await repos.outbox.append([taskEvent(deps, 'todo.task.deleted', deletedTask(current, now), now)]);
    },
    { lockKey: actor.userId },
  );
}
