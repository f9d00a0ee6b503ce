import { patchTask } from '../domain/task.ts';
import { notFound } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { changeContext, taskEvent } from './shared.ts';

/** Removes a tag from every task that has it (each an ordinary update event) and forgets its colour. */
export async function deleteTag(deps: AppDeps, actor: Actor, name: string): Promise<void> {
  await deps.uow.transaction(
    async (repos) => {
      const tasks = await repos.tasks.withTag(actor.userId, name);
      const hadColor = await repos.tags.removeColor(actor.userId, name);
      if (tasks.length === 0 && !hadColor) throw notFound('tag');
      const ctx = changeContext(deps);
      const events = [];
      for (const current of tasks) {
        const { task, changes } = patchTask(current, { tags: current.tags.filter((t) => t !== name) }, ctx);
        await repos.tasks.update(task, current.version);
        events.push(taskEvent(deps, 'todo.task.updated', task, ctx.now, changes));
      }
      await repos.outbox.append(events);
    },
    { lockKey: actor.userId },
  );
}
