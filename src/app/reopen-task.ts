import { isUntouchedOccurrence } from '../domain/series.ts';
import { deletedTask, reopenTask as reopen, type Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { ownTask, taskEvent } from './shared.ts';

/**
 * Idempotent: reopening a pending task returns it unchanged and emits nothing. Reopening a
 * completed occurrence undoes its completion, so the next occurrence that completion created goes
 * too while nobody has touched it; completing again then creates it again. (When the completion's
 * event has not reached `recurrence` yet, there is nothing to take back: it finds the task
 * pending and creates nothing.)
 */
export function reopenTask(deps: AppDeps, actor: Actor, id: string): Promise<Task> {
  return deps.uow.transaction(
    async (repos) => {
      const current = await ownTask(repos, actor, id);
      const now = deps.clock.now();
      const task = reopen(current, now);
      if (!task) return current;
      await repos.tasks.update(task, current.version);
      const events = [taskEvent(deps, 'todo.task.reopened', task, now)];
      const next = await repos.tasks.spawnedBy(actor.userId, task.id);
      if (next && isUntouchedOccurrence(next)) {
        await repos.tasks.markDeleted(next, now, { releaseSeriesKey: true });
        events.push(taskEvent(deps, 'todo.task.deleted', deletedTask(next, now), now));
      }
      await repos.outbox.append(events);
      return task;
    },
    { lockKey: actor.userId },
  );
}
