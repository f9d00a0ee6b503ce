// What the interpreter does to a task it has resolved: one tool call, and a reply made from the
// tool's answer (or from its error: a failed call is reported as failed, never as done).
import type { TaskDto } from '../../contract/task.ts';
import { Temporal } from '../domain/time.ts';
import type { Change, TaskAction } from './intents.ts';
import { dueText, durationText, errorText, type PresentContext, quoted, reminderText } from './present.ts';
import type { Candidate } from './resolve.ts';
import type { Toolbox } from './toolbox.ts';

/** The due time `minutes` later, keeping the wall time across DST for whole days. */
function shifted(task: Candidate, minutes: number): { dueAt: string; allDay: boolean } | null {
  if (!task.dueAt) return null;
  const zoned = Temporal.Instant.from(task.dueAt).toZonedDateTimeISO(task.timeZone);
  const days = minutes / (24 * 60);
  if (task.allDay)
    return {
      dueAt: zoned
        .toPlainDate()
        .add({ days: Math.max(1, Math.round(days)) })
        .toString(),
      allDay: true,
    };
  const later = Number.isInteger(days) ? zoned.add({ days }) : zoned.add({ minutes });
  return { dueAt: later.toPlainDateTime().toString({ smallestUnit: 'second' }), allDay: false };
}

/** The update_task input for a change, or a reply explaining why there is none. */
function updateInput(task: Candidate, change: Change): Record<string, unknown> | string {
  switch (change.kind) {
    case 'due':
      return change.dueAt === null
        ? { id: task.id, dueAt: null }
        : { id: task.id, dueAt: change.dueAt, allDay: change.allDay ?? false };
    case 'shift': {
      const due = shifted(task, change.minutes);
      return due
        ? { id: task.id, ...due }
        : `${quoted(task.title)} has no due date to move; tell me when it is due instead.`;
    }
    case 'title':
      return { id: task.id, title: change.title };
    case 'priority':
      return { id: task.id, priority: change.priority };
    case 'tags':
      return { id: task.id, tags: [...new Set([...task.tags, ...change.add])] };
  }
}

function updatedText(before: Candidate, after: TaskDto, change: Change, ctx: PresentContext): string {
  switch (change.kind) {
    case 'due':
    case 'shift': {
      const due = dueText(after, ctx);
      return due
        ? `Moved ${quoted(after.title)} to ${due}.`
        : `Removed the due date of ${quoted(after.title)}.`;
    }
    case 'title':
      return `Renamed ${quoted(before.title)} to ${quoted(after.title)}.`;
    case 'priority':
      return `Set the priority of ${quoted(after.title)} to ${after.priority}.`;
    case 'tags':
      return `Tagged ${quoted(after.title)} ${after.tags.map((t) => `#${t}`).join(' ')}.`;
  }
}

const taskOf = (output: Record<string, unknown>) => output.task as TaskDto;

export async function perform(
  tools: Toolbox,
  task: Candidate,
  action: TaskAction,
  ctx: PresentContext,
): Promise<string> {
  const name = quoted(task.title);
  switch (action.action) {
    case 'complete': {
      const result = await tools.call('complete_task', { id: task.id });
      if (!result.ok) return errorText(result.error, `with ${name}`);
      const done = taskOf(result.output);
      return `Marked ${quoted(done.title)} as done.${done.recurrence ? ' It repeats, so the next one follows.' : ''}`;
    }
    case 'reopen': {
      const result = await tools.call('reopen_task', { id: task.id });
      return result.ok
        ? `Reopened ${quoted(taskOf(result.output).title)}.`
        : errorText(result.error, `with ${name}`);
    }
    case 'delete': {
      const result = await tools.call('delete_task', { id: task.id });
      return result.ok ? `Deleted ${name}.` : errorText(result.error, `with ${name}`);
    }
    case 'update': {
      const input = updateInput(task, action.change);
      if (typeof input === 'string') return input;
      const result = await tools.call('update_task', input);
      return result.ok
        ? updatedText(task, taskOf(result.output), action.change, ctx)
        : errorText(result.error, `with ${name}`);
    }
    case 'remind': {
      const { reminder } = action;
      if ('offsetMinutes' in reminder && !task.dueAt)
        return `${name} has no due date, so there is no ‘${durationText(reminder.offsetMinutes)}’. Tell me when it is due, or ask for a reminder at a time.`;
      const result = await tools.call('set_reminder', { id: task.id, ...reminder });
      if (!result.ok) return errorText(result.error, `with ${name}`);
      const after = taskOf(result.output);
      const added = result.output.reminder as TaskDto['reminders'][number];
      const due = dueText(after, ctx);
      return `I will remind you ${reminderText(added, after, ctx)} for ${quoted(after.title)}${due ? ` (due ${due})` : ''}.`;
    }
  }
}

export const ACTION_VERBS: Record<TaskAction['action'], string> = {
  complete: 'mark as done',
  reopen: 'reopen',
  delete: 'delete',
  update: 'change',
  remind: 'set the reminder on',
};
