import type { PatchTaskInput } from '../../contract/task.ts';
import { patchTask, type Task, type TaskChange } from '../domain/task.ts';
import { AppError } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { changeContext, ownTask, taskEvent } from './shared.ts';

export interface UpdateOptions {
  /** The version the client last saw (If-Match); a different stored version is a 412. */
  ifMatch?: number | undefined;
}

export type Edit = (task: Task, ctx: ReturnType<typeof changeContext>) => TaskChange;

export async function applyEdit(
  deps: AppDeps,
  actor: Actor,
  id: string,
  edit: Edit,
  options: UpdateOptions,
): Promise<Task> {
  return deps.uow.transaction(
    async (repos) => {
      const current = await ownTask(repos, actor, id);
      if (options.ifMatch !== undefined && options.ifMatch !== current.version)
        throw new AppError(
          'precondition_failed',
          `The task is at version ${current.version}, not ${options.ifMatch}: reload it and try again.`,
        );
      const ctx = changeContext(deps);
      const { task, changes } = edit(current, ctx);
      if (changes.length === 0) return current;
      const written = await repos.tasks.update(task, current.version);
      if (!written) throw new AppError('conflict', 'The task changed while it was being saved; try again.');
      await repos.outbox.append([taskEvent(deps, 'todo.task.updated', task, ctx.now, changes)]);
      return task;
    },
    { lockKey: actor.userId },
  );
}

/** PATCH: changes only the fields given. */
export function updateTask(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: PatchTaskInput,
  options: UpdateOptions = {},
) {
  return applyEdit(deps, actor, id, (task, ctx) => patchTask(task, patch, ctx), options);
}
