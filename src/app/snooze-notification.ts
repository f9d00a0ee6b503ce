import { LIMITS } from '../../contract/task.ts';
import { isUuid } from '../domain/ids.ts';
import { type Notification, snoozedReminders } from '../domain/notification.ts';
import { patchTask, type Task } from '../domain/task.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { markReadIn } from './read-notification.ts';
import { changeContext, taskEvent } from './shared.ts';

export interface SnoozeResult {
  notification: Notification;
  task: Task;
  reminderId: string;
}

/**
 * "Remind me again in N minutes": adds an absolute reminder at now + N to the task through the
 * same domain edit as PATCH (so it emits `todo.task.updated`, and the scheduler fires it), and
 * marks the notification read — in one transaction. A task with 10 reminders gives up its oldest
 * one that already fired; when all 10 are still pending, nothing changes and the answer is 409.
 */
export async function snoozeNotification(
  deps: AppDeps,
  actor: Actor,
  id: string,
  minutes: number,
): Promise<SnoozeResult> {
  return deps.uow.transaction(
    async (repos) => {
      const notification = isUuid(id) ? await repos.notifications.find(actor.userId, id) : null;
      if (!notification) throw notFound('notification');
      const current = notification.taskId ? await repos.tasks.find(actor.userId, notification.taskId) : null;
      if (!current)
        throw new AppError('conflict', 'The task of this notification no longer exists: nothing to snooze.');
      if (current.status === 'completed')
        throw new AppError('conflict', 'The task is completed: reopen it to be reminded again.');

      const ctx = changeContext(deps);
      const at = new Date(ctx.now.getTime() + minutes * 60_000);
      const reminders = snoozedReminders(current.reminders, at, LIMITS.remindersMax);
      if (!reminders)
        throw new AppError(
          'conflict',
          `The task already has ${LIMITS.remindersMax} reminders that have not fired yet: remove one, then snooze again.`,
        );
      const { task, changes } = patchTask(current, { reminders }, ctx);
      if (changes.length > 0) {
        if (!(await repos.tasks.update(task, current.version)))
          throw new AppError('conflict', 'The task changed while it was being saved; try again.');
        await repos.outbox.append([taskEvent(deps, 'todo.task.updated', task, ctx.now, changes)]);
      }
      // A pending reminder at that very instant already existed: it is the one that will fire.
      const reminder = task.reminders.find((r) => r.remindAt?.getTime() === at.getTime());
      if (!reminder) throw new Error('snooze: the new reminder is missing from the task');
      const read = await markReadIn(repos, deps, actor.userId, notification.id, ctx.now);
      return { notification: read ?? notification, task, reminderId: reminder.id };
    },
    { lockKey: actor.userId },
  );
}
