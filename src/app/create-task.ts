import type { CreateTaskInput } from '../../contract/task.ts';
import { createTask as newTask, type Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { changeContext, taskEvent } from './shared.ts';

export async function createTask(deps: AppDeps, actor: Actor, input: CreateTaskInput): Promise<Task> {
  const ctx = changeContext(deps);
  const task = newTask(input, actor, ctx);
  // Nothing is read first, so no early user lock: the outbox takes it for the last statement.
  await deps.uow.transaction(async (repos) => {
    await repos.tasks.insert(task);
    await repos.outbox.append([taskEvent(deps, 'todo.task.created', task, ctx.now)]);
  });
  return task;
}
