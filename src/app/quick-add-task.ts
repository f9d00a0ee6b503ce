import type { QuickAddParse } from '../../contract/quick-add.ts';
import { CreateTaskBody } from '../../contract/task.ts';
import { parseQuickAdd } from '../domain/quick-add/index.ts';
import { describeRule } from '../domain/recurrence/index.ts';
import type { Task } from '../domain/task.ts';
import { validationError } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { createTask } from './create-task.ts';

/** What a line of text would become, without saving it (the quick-add bar shows this first). */
export function parseQuickAddText(deps: AppDeps, actor: Actor, text: string): QuickAddParse {
  const parsed = parseQuickAdd(text, { now: deps.clock.now(), timeZone: actor.timeZone });
  const { title, priority, tags, dueAt, allDay, timeZone, recurrence, reminders, understood } = parsed;
  return {
    task: { title, priority, tags, dueAt, allDay, timeZone, recurrence, reminders },
    understood,
    recurrence: parsed.recurrence
      ? describeRule(parsed.recurrence.rule, { basis: parsed.recurrence.basis, timeZone: actor.timeZone })
      : null,
  };
}

/** Creates the task a line of text describes; the same validation as any other create. */
export function quickAddTask(deps: AppDeps, actor: Actor, text: string): Promise<Task> {
  const parsed = parseQuickAdd(text, { now: deps.clock.now(), timeZone: actor.timeZone });
  const { understood: _spans, ...fields } = parsed;
  const input = CreateTaskBody.safeParse(fields);
  if (!input.success)
    throw validationError(
      input.error.issues.map((issue) => ({
        path: 'body.text',
        message: `${issue.path.join('.')} ${issue.message}`,
      })),
    );
  return createTask(deps, actor, input.data);
}
