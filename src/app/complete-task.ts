import { completeTask as complete, type Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { ownTask, taskEvent } from './shared.ts';

/** Idempotent: completing a completed task returns it unchanged and emits nothing. */
export function completeTask(deps: AppDeps, actor: Actor, id: string): Promise<Task> {
  return deps.uow.transaction(
    async (repos) => {
      const current = await ownTask(repos, actor, id);
      const now = deps.clock.now();
      const task = complete(current, now);
      if (!task) return current;
      await repos.tasks.update(task, current.version);
      await repos.outbox.append([taskEvent(deps, 'todo.task.completed', task, now)]);
      return task;
    },
    { lockKey: actor.userId },
  );
}
