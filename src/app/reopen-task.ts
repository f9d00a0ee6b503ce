import { reopenTask as reopen, type Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { ownTask, taskEvent } from './shared.ts';

/** Idempotent: reopening a pending task returns it unchanged and emits nothing. */
export function reopenTask(deps: AppDeps, actor: Actor, id: string): Promise<Task> {
  return deps.uow.transaction(
    async (repos) => {
      const current = await ownTask(repos, actor, id);
      const now = deps.clock.now();
      const task = reopen(current, now);
      if (!task) return current;
      await repos.tasks.update(task, current.version);
      await repos.outbox.append([taskEvent(deps, 'todo.task.reopened', task, now)]);
      return task;
    },
    { lockKey: actor.userId },
  );
}
