import type { CreateTaskInput } from '../../contract/task.ts';
import { createTask as newTask, type Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { changeContext, taskEvent } from './shared.ts';

export async function createTask(deps: AppDeps, actor: Actor, input: CreateTaskInput): Promise<Task> {
  const ctx = changeContext(deps);
  const task = newTask(input, actor, ctx);
  // Nothing is read first: one atomic statement writes the task and its event (the user lock is
  // taken inside it, for the outbox).
  await deps.uow.read.tasks.insertWithEvents(task, [taskEvent(deps, 'todo.task.created', task, ctx.now)]);
  return task;
}
