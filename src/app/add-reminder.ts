import { LIMITS, type ReminderInput } from '../../contract/task.ts';
import { patchTask, type Reminder, type Task } from '../domain/task.ts';
import { AppError } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { changeContext, ownTask, taskEvent } from './shared.ts';

export interface AddedReminder {
  task: Task;
  reminder: Reminder;
}

type NewReminder = { offsetMinutes: number } | { at: string };

const asInput = (r: Reminder): ReminderInput =>
  r.at ? { id: r.id, at: r.at.toISOString() } : { id: r.id, offsetMinutes: r.offsetMinutes ?? 0 };

const sameSpec = (r: Reminder, spec: NewReminder): boolean =>
  'at' in spec
    ? r.at?.getTime() === Date.parse(spec.at)
    : r.at === null && r.offsetMinutes === spec.offsetMinutes;

/**
 * "Remind me an hour before": adds one reminder to the task's list, keeping the others (and their
 * states), through the same domain edit as PATCH, read and written in one transaction so a
 * concurrent edit cannot drop it. Asking for a reminder the task already has changes nothing.
 */
export function addReminder(
  deps: AppDeps,
  actor: Actor,
  id: string,
  spec: NewReminder,
): Promise<AddedReminder> {
  return deps.uow.transaction(
    async (repos) => {
      const current = await ownTask(repos, actor, id);
      const existing = current.reminders.find((r) => sameSpec(r, spec) && r.state !== 'cancelled');
      if (existing) return { task: current, reminder: existing };
      if (current.status === 'completed')
        throw new AppError('conflict', 'The task is completed: reopen it before adding a reminder.');
      // A cancelled reminder of the same kind gives way: the domain would otherwise keep it as a
      // duplicate of the new one, still cancelled.
      const kept = current.reminders.filter((r) => !sameSpec(r, spec));
      if (kept.length >= LIMITS.remindersMax)
        throw new AppError(
          'conflict',
          `The task already has ${LIMITS.remindersMax} reminders: remove one, then add another.`,
        );
      const ctx = changeContext(deps);
      const reminders = [...kept.map(asInput), spec];
      const { task, changes } = patchTask(current, { reminders }, ctx);
      if (!(await repos.tasks.update(task, current.version)))
        throw new AppError('conflict', 'The task changed while it was being saved; try again.');
      await repos.outbox.append([taskEvent(deps, 'todo.task.updated', task, ctx.now, changes)]);
      const reminder = task.reminders.at(-1);
      if (!reminder) throw new Error('addReminder: the new reminder is missing from the task');
      return { task, reminder };
    },
    { lockKey: actor.userId },
  );
}
