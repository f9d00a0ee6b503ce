// Helpers for notifier tests: a `todo.reminder.due` event as the scheduler writes it, put in the
// outbox through the repositories (as the scheduler would) so the relay carries it to the notifier.
import type { TaskDto } from '../../contract/task.ts';
import { type CloudEvent, makeEvent } from '../../src/domain/events.ts';
import { newId } from '../../src/domain/ids.ts';
import type { TestApp } from './app.ts';

export type DueEvent = CloudEvent<'todo.reminder.due'>;

export function reminderDue(task: TaskDto, userId: string, at: Date, reminderIndex = 0): DueEvent {
  const reminder = task.reminders[reminderIndex];
  if (!reminder?.remindAt) throw new Error('the task has no such timed reminder');
  return makeEvent(
    'todo.reminder.due',
    {
      reminderId: reminder.id,
      taskId: task.id,
      userId,
      title: task.title,
      dueAt: task.dueAt,
      remindAt: reminder.remindAt,
    },
    { id: newId(), source: 'taskstream/scheduler', subject: task.id, userId, time: at },
  );
}

/** Commits the event to the outbox and lets the relay deliver everything to the consumers. */
export async function fire(t: TestApp, event: DueEvent): Promise<void> {
  await t.app.deps.uow.transaction((repos) => repos.outbox.append([event]), {
    lockKey: event.partitionkey,
  });
  await t.app.settle();
}
