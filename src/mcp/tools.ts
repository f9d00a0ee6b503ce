// The tool catalogue: what MCP clients (POST /mcp, `taskstream mcp`) and the chat assistant can do.
// Each tool is a transport like a route: its input schema comes from contract/, it calls one use
// case — the same one the REST route calls — and presents the result in the wire shapes.
import type { z } from 'zod';
import {
  AddTaskInput,
  DeletedOutput,
  ListNotificationsInput,
  ListTasksInput,
  NotificationsOutput,
  QuickAddInput,
  ReminderOutput,
  SearchTasksInput,
  SetReminderInput,
  TaskIdInput,
  TaskOutput,
  TaskPageOutput,
  UpdateTaskInput,
} from '../../contract/tools.ts';
import { addReminder } from '../app/add-reminder.ts';
import { completeTask } from '../app/complete-task.ts';
import { createTask } from '../app/create-task.ts';
import { deleteTask } from '../app/delete-task.ts';
import { listNotifications } from '../app/list-notifications.ts';
import { listTasks } from '../app/list-tasks.ts';
import { quickAddTask } from '../app/quick-add-task.ts';
import { reopenTask } from '../app/reopen-task.ts';
import { updateTask } from '../app/update-task.ts';
import { toNotificationDto } from '../domain/notification.ts';
import { toTaskDto } from '../domain/task.ts';
import type { Actor, AppDeps } from '../ports/index.ts';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint: false;
}

export interface Tool {
  name: string;
  title: string;
  description: string;
  /** A zod object (MCP lists it as JSON Schema): validation is the contract's, as for the route. */
  input: z.ZodType<unknown, unknown>;
  output: z.ZodType;
  annotations: ToolAnnotations;
  /** Descriptions added to the listed JSON Schema's properties, for models and people. */
  hints: Record<string, string>;
  /** Whether the input names a task by `id` (the LLM path checks such ids before running). */
  takesTaskId: boolean;
  run(deps: AppDeps, actor: Actor, input: unknown): Promise<Record<string, unknown>>;
}

function tool<I extends z.ZodType<unknown, unknown>, O extends z.ZodType>(definition: {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  hints?: Record<string, string>;
  run(deps: AppDeps, actor: Actor, input: z.output<I>): Promise<z.input<O>>;
}): Tool {
  const shape = (definition.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  return {
    ...definition,
    hints: definition.hints ?? {},
    takesTaskId: 'id' in shape,
    run: (deps, actor, input) => definition.run(deps, actor, input as z.output<I>) as never,
  };
}

const readOnly: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
const write: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };

const ID_HINT = 'The task id, from list_tasks or search_tasks (never guessed).';
const TIME_HINT =
  "A local wall time YYYY-MM-DDTHH:mm:ss in the task's time zone (the user's by default), a date " +
  'YYYY-MM-DD (all day), or an instant with offset such as 2026-03-01T09:00:00Z.';
const TASK_FIELD_HINTS = {
  title: 'What to do, 1–500 characters.',
  priority: 'none (default), low, medium, high or urgent.',
  tags: 'Tag names without #, at most 20.',
  dueAt: `When it is due, or null for no due date. ${TIME_HINT}`,
  allDay: 'True for a date without a time (implied by a date-only dueAt).',
  timeZone: "IANA zone the due time and rule are read in; default: the user's.",
  recurrence:
    'Repeat rule: { rule: RFC 5545 RRULE body such as "FREQ=WEEKLY;BYDAY=MO", basis: "due" | "completion" }; needs dueAt.',
  reminders:
    'Reminders: each { offsetMinutes } before dueAt or { at } an instant with offset; at most 10. On update this replaces the list.',
};

export const TOOLS: readonly Tool[] = [
  tool({
    name: 'add_task',
    title: 'Add a task',
    description:
      'Creates a task from structured fields. For a line of natural language ("Pay rent every month on the 1st #home"), use quick_add.',
    input: AddTaskInput,
    output: TaskOutput,
    annotations: write,
    hints: TASK_FIELD_HINTS,
    run: async (deps, actor, input) => ({ task: toTaskDto(await createTask(deps, actor, input)) }),
  }),
  tool({
    name: 'quick_add',
    title: 'Add a task from a sentence',
    description:
      'Creates a task from one line of natural language: dates and times ("tomorrow 5pm", "next friday"), ' +
      'recurrence ("every sunday at 6pm", "every month on the 1st"), priority ("!high", "p1"), tags ("#home") ' +
      'and reminders ("remind me 1 hour before"). The rest is the title.',
    input: QuickAddInput,
    output: TaskOutput,
    annotations: write,
    hints: { text: 'e.g. "Call mom every sunday at 6pm #family remind me 30 minutes before"' },
    run: async (deps, actor, input) => ({ task: toTaskDto(await quickAddTask(deps, actor, input.text)) }),
  }),
  tool({
    name: 'list_tasks',
    title: 'List tasks',
    description:
      'Lists tasks with filters: status (pending by default, completed or all), priorities, tags (has all), ' +
      'q (words in title or description), due range, overdue; sorted and paged like GET /api/tasks.',
    input: ListTasksInput,
    output: TaskPageOutput,
    annotations: readOnly,
    hints: {
      status: 'pending (default), completed or all.',
      priority: 'Any of these priorities.',
      tags: 'Tasks carrying all of these tags.',
      q: 'Words that must each start a word of the title or description (case-insensitive).',
      dueFrom: `Due at or after this. ${TIME_HINT}`,
      dueTo: `Due before this; a date includes that whole day. ${TIME_HINT}`,
      overdue: 'true: only pending tasks past their due time.',
      sort: 'dueAt (default, nulls last), priority, title, createdAt or updatedAt; prefix - for descending.',
      limit: 'Page size, 1–200 (default 50).',
      cursor: 'nextCursor of the previous page.',
    },
    run: async (deps, actor, input) => {
      const overdue = input.overdue === undefined ? undefined : input.overdue ? 'true' : 'false';
      const page = await listTasks(deps, actor, { ...input, overdue });
      return { items: page.items.map(toTaskDto), nextCursor: page.nextCursor };
    },
  }),
  tool({
    name: 'search_tasks',
    title: 'Search tasks',
    description:
      "Finds the user's tasks whose title or description contain every word of the query (as word " +
      'prefixes, case-insensitive). Use it to find the id of a task the user names.',
    input: SearchTasksInput,
    output: TaskPageOutput,
    annotations: readOnly,
    hints: {
      query: 'Words to look for, e.g. "dentist" or "quarterly report".',
      status: 'all (default), pending or completed.',
      limit: 'At most this many, 1–200 (default 20).',
    },
    run: async (deps, actor, input) => {
      const page = await listTasks(deps, actor, {
        status: input.status,
        q: input.query,
        sort: 'dueAt',
        limit: input.limit,
      });
      return { items: page.items.map(toTaskDto), nextCursor: page.nextCursor };
    },
  }),
  tool({
    name: 'update_task',
    title: 'Change a task',
    description:
      'Changes only the fields given (title, description, priority, tags, dueAt, allDay, timeZone, recurrence, ' +
      'reminders). To move a task, set dueAt. With ifMatch, refuses when the task changed since that version.',
    input: UpdateTaskInput,
    output: TaskOutput,
    annotations: { ...write, idempotentHint: true },
    hints: {
      id: ID_HINT,
      ifMatch: 'The version last seen; refused when the task is at another one.',
      ...TASK_FIELD_HINTS,
    },
    run: async (deps, actor, { id, ifMatch, ...patch }) => ({
      task: toTaskDto(await updateTask(deps, actor, id, patch, { ifMatch })),
    }),
  }),
  tool({
    name: 'complete_task',
    title: 'Complete a task',
    description:
      'Marks a task done (completing it again changes nothing). A recurring task then gets its next occurrence.',
    input: TaskIdInput,
    output: TaskOutput,
    annotations: { ...write, idempotentHint: true },
    hints: { id: ID_HINT },
    run: async (deps, actor, input) => ({ task: toTaskDto(await completeTask(deps, actor, input.id)) }),
  }),
  tool({
    name: 'reopen_task',
    title: 'Reopen a task',
    description: 'Marks a completed task pending again.',
    input: TaskIdInput,
    output: TaskOutput,
    annotations: { ...write, idempotentHint: true },
    hints: { id: ID_HINT },
    run: async (deps, actor, input) => ({ task: toTaskDto(await reopenTask(deps, actor, input.id)) }),
  }),
  tool({
    name: 'delete_task',
    title: 'Delete a task',
    description: 'Deletes a task; for a recurring task this ends the series.',
    input: TaskIdInput,
    output: DeletedOutput,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    hints: { id: ID_HINT },
    run: async (deps, actor, input) => {
      await deleteTask(deps, actor, input.id);
      return { id: input.id, deleted: true as const };
    },
  }),
  tool({
    name: 'set_reminder',
    title: 'Add a reminder',
    description:
      'Adds a reminder to a task, keeping its others: offsetMinutes before the due time (the task needs one), ' +
      'or at an instant.',
    input: SetReminderInput,
    output: ReminderOutput,
    annotations: { ...write, idempotentHint: true },
    hints: {
      id: ID_HINT,
      offsetMinutes: 'Minutes before the due time, e.g. 60 for an hour before.',
      at: 'An instant with offset, e.g. 2026-03-01T08:30:00+01:00.',
    },
    run: async (deps, actor, { id, offsetMinutes, at }) => {
      const spec = at === undefined ? { offsetMinutes: offsetMinutes ?? 0 } : { at };
      const added = await addReminder(deps, actor, id, spec);
      const task = toTaskDto(added.task);
      const reminder = task.reminders.find((r) => r.id === added.reminder.id);
      if (!reminder) throw new Error('set_reminder: the reminder is missing from the task');
      return { task, reminder };
    },
  }),
  tool({
    name: 'list_notifications',
    title: 'List notifications',
    description: 'In-app notifications (fired reminders), newest first, with the count of unread ones.',
    input: ListNotificationsInput,
    output: NotificationsOutput,
    annotations: readOnly,
    hints: { unread: 'true: only unread ones.', limit: 'At most this many, 1–200 (default 50).' },
    run: async (deps, actor, input) => {
      const list = await listNotifications(deps, actor, {
        unread: input.unread ? 'true' : undefined,
        limit: input.limit,
      });
      return { items: list.items.map(toNotificationDto), unreadCount: list.unreadCount };
    },
  }),
];

const BY_NAME = new Map(TOOLS.map((t) => [t.name, t]));

export function findTool(name: string): Tool | undefined {
  return BY_NAME.get(name);
}
