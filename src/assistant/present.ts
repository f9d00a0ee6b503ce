// Replies in plain English, built only from what the tools answered: a reply never says a task
// was added, moved or deleted unless the tool's output shows it, and never names a task the tools
// did not return. Both the interpreter and the LLM path speak through these functions.
import type { ToolCall } from '../../contract/chat.ts';
import type { NotificationItem } from '../../contract/notification.ts';
import type { TaskDto } from '../../contract/task.ts';
import type { ToolError } from '../../contract/tools.ts';
import { describeRule } from '../domain/recurrence/index.ts';

export interface PresentContext {
  now: Date;
  timeZone: string;
}

type DueFields = Pick<TaskDto, 'dueAt' | 'allDay' | 'timeZone'>;

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone and shape.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    formats.set(key, found);
  }
  return found;
}

/** "Fri 27 Nov, 15:00" in the task's zone (the year only when it is not this year's). */
export function formatInstant(iso: string, timeZone: string, ctx: PresentContext, dateOnly = false): string {
  const date = new Date(iso);
  const year = (d: Date) => format(timeZone, { year: 'numeric' }).format(d);
  const parts = format(timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(year(date) === year(ctx.now) ? {} : { year: 'numeric' }),
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  const day = [part('weekday'), part('day'), part('month'), part('year')].filter(Boolean).join(' ');
  const zone = timeZone === ctx.timeZone ? '' : ` (${timeZone})`;
  return dateOnly ? day : `${day}, ${part('hour')}:${part('minute')}${zone}`;
}

export const dueText = (task: DueFields, ctx: PresentContext): string | null =>
  task.dueAt ? formatInstant(task.dueAt, task.timeZone, ctx, task.allDay) : null;

export function durationText(minutes: number): string {
  if (minutes === 0) return 'when it is due';
  const units: [number, string][] = [
    [7 * 24 * 60, 'week'],
    [24 * 60, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  const parts: string[] = [];
  let rest = minutes;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    rest -= n * size;
  }
  return `${parts.join(' ')} before`;
}

/** A task title in a reply: “…”. Only tools supply them (tests hold replies to that). */
export const quoted = (title: string) => `“${title}”`;
/** The user's own words, or an example of what to say, in a reply: ‘…’. */
export const said = (text: string) => `‘${text}’`;

/** "“Pay rent” — due Tue 1 Dec (!high)". */
export function taskLine(
  task: Pick<TaskDto, 'title' | 'status' | 'dueAt' | 'allDay' | 'timeZone'> &
    Partial<Pick<TaskDto, 'priority'>>,
  ctx: PresentContext,
): string {
  const due = dueText(task, ctx);
  const overdue = task.status === 'pending' && task.dueAt && Date.parse(task.dueAt) < ctx.now.getTime();
  const priority = task.priority === 'high' || task.priority === 'urgent' ? ` (!${task.priority})` : '';
  const state = task.status === 'completed' ? ' (done)' : '';
  return `${quoted(task.title)}${due ? ` — ${overdue ? 'was due' : 'due'} ${due}` : ''}${priority}${state}`;
}

export function addedText(task: TaskDto, ctx: PresentContext): string {
  const details: string[] = [];
  const due = dueText(task, ctx);
  if (due) details.push(`due ${due}`);
  if (task.recurrence) {
    const rule = describeRule(task.recurrence.rule, {
      basis: task.recurrence.basis,
      timeZone: task.timeZone,
    });
    details.push(`repeating ${rule.charAt(0).toLowerCase()}${rule.slice(1)}`);
  }
  if (task.priority !== 'none') details.push(`priority ${task.priority}`);
  if (task.tags.length > 0) details.push(task.tags.map((t) => `#${t}`).join(' '));
  const reminders = task.reminders
    .filter((r) => r.state === 'pending')
    .map((r) => reminderText(r, task, ctx));
  if (reminders.length > 0) details.push(`reminding you ${reminders.join(' and ')}`);
  return `Added ${quoted(task.title)}${details.length > 0 ? `, ${details.join(', ')}` : ''}.`;
}

export function reminderText(
  reminder: TaskDto['reminders'][number],
  task: Pick<TaskDto, 'timeZone'>,
  ctx: PresentContext,
): string {
  if (reminder.at) return `at ${formatInstant(reminder.at, task.timeZone, ctx)}`;
  return durationText(reminder.offsetMinutes ?? 0);
}

/** "2 overdue tasks:" and a numbered line each; `what` is the plural noun phrase ("overdue tasks"). */
export function listText(items: TaskDto[], what: string, more: boolean, ctx: PresentContext): string {
  if (items.length === 0) return `You have no ${what}.`;
  const noun = items.length === 1 ? what.replace(/\btasks\b/, 'task') : what;
  const head = `${items.length === 1 ? 'One' : items.length}${more ? '+' : ''} ${noun}:`;
  const lines = items.map((task, i) => `${i + 1}. ${taskLine(task, ctx)}`);
  return [head, ...lines, ...(more ? ['…and more.'] : [])].join('\n');
}

export function notificationsText(
  items: NotificationItem[],
  unreadCount: number,
  unreadOnly: boolean,
): string {
  if (items.length === 0)
    return unreadOnly ? 'You have no unread notifications.' : 'You have no notifications.';
  const head = `${unreadCount} unread notification${unreadCount === 1 ? '' : 's'}${unreadOnly ? '' : `; the latest ${items.length}`}:`;
  return [head, ...items.map((n) => `• ${n.title} — ${n.body}${n.readAt ? '' : ' (new)'}`)].join('\n');
}

export function errorText(error: ToolError['error'], subject?: string): string {
  const about = subject ? ` ${subject}` : '';
  switch (error.code) {
    case 'not_found':
      return `I could not find that task${about}, so nothing changed.`;
    case 'validation':
      return `I could not do that${about}: ${error.errors?.map((e) => e.message).join('; ') ?? error.message}`;
    default:
      return `I could not do that${about}: ${error.message}`;
  }
}

const asTask = (value: unknown): TaskDto | null =>
  value && typeof value === 'object' && 'task' in value ? ((value as { task: TaskDto }).task ?? null) : null;
const errorOf = (value: unknown): ToolError['error'] | null =>
  value && typeof value === 'object' && 'error' in value ? (value as ToolError).error : null;

/** One line per tool call, from its output alone; what the LLM path replies with. */
export function callText(call: ToolCall, ctx: PresentContext): string | null {
  const error = errorOf(call.output);
  if (error) return errorText(error, `(${call.tool})`);
  const task = asTask(call.output);
  switch (call.tool) {
    case 'add_task':
    case 'quick_add':
      return task ? addedText(task, ctx) : null;
    case 'complete_task':
      return task ? `Marked ${quoted(task.title)} as done.` : null;
    case 'reopen_task':
      return task ? `Reopened ${quoted(task.title)}.` : null;
    case 'update_task':
      return task
        ? `Updated ${quoted(task.title)}${task.dueAt ? ` (due ${dueText(task, ctx)})` : ''}.`
        : null;
    case 'set_reminder': {
      const reminder = (call.output as { reminder?: TaskDto['reminders'][number] }).reminder;
      return task && reminder
        ? `I will remind you ${reminderText(reminder, task, ctx)} for ${quoted(task.title)}.`
        : null;
    }
    case 'delete_task':
      return 'Deleted the task.';
    case 'list_tasks':
    case 'search_tasks': {
      const page = call.output as { items: TaskDto[]; nextCursor: string | null };
      const what = call.tool === 'search_tasks' ? 'matching tasks' : 'tasks';
      return listText(page.items, what, page.nextCursor !== null, ctx);
    }
    case 'list_notifications': {
      const list = call.output as { items: NotificationItem[]; unreadCount: number };
      return notificationsText(list.items, list.unreadCount, false);
    }
    default:
      return null;
  }
}

const READS = new Set(['list_tasks', 'search_tasks', 'list_notifications']);

/**
 * The reply for a turn of tool calls: a line per call. Look-ups that only served an action
 * ("search, then complete") are left out once an action succeeded; a deleted task is named by the
 * title an earlier call of the turn returned for its id.
 */
export function presentCalls(calls: readonly ToolCall[], ctx: PresentContext): string {
  const titles = new Map<string, string>();
  const acted = calls.some((c) => !READS.has(c.tool) && !errorOf(c.output));
  const lines: string[] = [];
  for (const call of calls) {
    const output = call.output as { task?: TaskDto; items?: TaskDto[] } | null;
    for (const task of [output?.task, ...(output?.items ?? [])]) if (task) titles.set(task.id, task.title);
    if (acted && READS.has(call.tool) && !errorOf(call.output)) continue;
    const id = (call.input as { id?: unknown } | null)?.id;
    const line =
      call.tool === 'delete_task' && !errorOf(call.output)
        ? `Deleted ${typeof id === 'string' && titles.has(id) ? quoted(titles.get(id) ?? '') : 'the task'}.`
        : callText(call, ctx);
    if (line) lines.push(line);
  }
  return lines.join('\n');
}
