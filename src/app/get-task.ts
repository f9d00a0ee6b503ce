import type { Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { ownTask } from './shared.ts';

export function getTask(deps: AppDeps, actor: Actor, id: string): Promise<Task> {
  return ownTask(deps.uow.read, actor, id);
}
