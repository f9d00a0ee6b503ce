import type { ReplaceTaskInput } from '../../contract/task.ts';
import { replaceTask as replaceFields, type Task } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { applyEdit, type UpdateOptions } from './update-task.ts';

/** PUT: every editable field, defaults for those left out. */
export function replaceTask(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: ReplaceTaskInput,
  options: UpdateOptions = {},
): Promise<Task> {
  return applyEdit(deps, actor, id, (task, ctx) => replaceFields(task, input, ctx), options);
}
