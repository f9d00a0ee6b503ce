// The task and the rules every change to it obeys. Pure: time and ids come in as arguments.
import type {
  CreateTaskInput,
  PatchTaskInput,
  Priority,
  ReminderInput,
  Status,
  TaskDto,
} from '../../contract/task.ts';
import { type FieldError, validationError } from '../errors.ts';
import { ruleProblem } from './recurrence/index.ts';
import { addLocalDays, localDateOf, localWallTime, resolveTimeInput, startOfLocalDay } from './time.ts';

export type ReminderState = 'pending' | 'sent' | 'cancelled';
export type RecurrenceBasis = 'due' | 'completion';

export interface Reminder {
  id: string;
  offsetMinutes: number | null;
  at: Date | null;
  remindAt: Date | null;
  state: ReminderState;
}

export interface Recurrence {
  rule: string;
  basis: RecurrenceBasis;
}

export interface Task {
  id: string;
  userId: string;
  title: string;
  description: string;
  status: Status;
  priority: Priority;
  tags: string[];
  /** For an all-day task: the instant its local date begins in `timeZone`. */
  dueAt: Date | null;
  allDay: boolean;
  timeZone: string;
  recurrence: Recurrence | null;
  reminders: Reminder[];
  seriesId: string | null;
  /** DTSTART of the series' current rule, local to timeZone (a date for all-day series). */
  seriesStart: string | null;
  /** Position in the series counted from seriesStart; COUNT ends the series. */
  occurrenceIndex: number;
  /** The completed occurrence this one was created after (unique: one next per completion). */
  spawnedFrom: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const EDITABLE_FIELDS = [
  'title',
  'description',
  'priority',
  'tags',
  'dueAt',
  'allDay',
  'timeZone',
  'recurrence',
  'reminders',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };

export interface ChangeContext {
  now: Date;
  newId: () => string;
}

/** When a pending task counts as overdue: its due time, or for an all-day task the next local midnight. */
export function overdueAt(task: Pick<Task, 'dueAt' | 'allDay' | 'timeZone'>): Date | null {
  if (!task.dueAt) return null;
  if (!task.allDay) return task.dueAt;
  return startOfLocalDay(addLocalDays(localDateOf(task.dueAt, task.timeZone), 1), task.timeZone);
}

export function remindAtOf(
  reminder: Pick<Reminder, 'offsetMinutes' | 'at'>,
  dueAt: Date | null,
): Date | null {
  if (reminder.at) return reminder.at;
  if (reminder.offsetMinutes !== null && dueAt)
    return new Date(dueAt.getTime() - reminder.offsetMinutes * 60_000);
  return null;
}

interface ResolvedDue {
  dueAt: Date | null;
  allDay: boolean;
}

function resolveDue(value: string | null, allDay: boolean | undefined, timeZone: string): ResolvedDue {
  if (value === null) return { dueAt: null, allDay: false };
  const resolved = resolveTimeInput(value, timeZone);
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const wholeDay = allDay ?? isDateOnly;
  if (wholeDay) return { dueAt: startOfLocalDay(resolved.localDate, timeZone), allDay: true };
  return { dueAt: resolved.instant, allDay: false };
}

function buildReminders(
  specs: ReminderInput[],
  existing: Reminder[],
  dueAt: Date | null,
  ctx: ChangeContext,
): Reminder[] {
  const byId = new Map(existing.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const result: Reminder[] = [];
  for (const spec of specs) {
    const offsetMinutes = 'offsetMinutes' in spec ? spec.offsetMinutes : null;
    const at = 'at' in spec ? new Date(spec.at) : null;
    const key = offsetMinutes !== null ? `o${offsetMinutes}` : `a${at?.getTime()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const remindAt = remindAtOf({ offsetMinutes, at }, dueAt);
    const previous = spec.id ? byId.get(spec.id) : undefined;
    const unchanged = previous && previous.remindAt?.getTime() === remindAt?.getTime();
    result.push({
      id: previous?.id ?? ctx.newId(),
      offsetMinutes,
      at,
      remindAt,
      state: unchanged ? previous.state : 'pending',
    });
  }
  return result;
}

/** Re-times offset reminders after the due time moved; a moved reminder is pending again. */
function retimeReminders(reminders: Reminder[], dueAt: Date | null): Reminder[] {
  return reminders.map((reminder) => {
    const remindAt = remindAtOf(reminder, dueAt);
    if (remindAt?.getTime() === reminder.remindAt?.getTime()) return reminder;
    return { ...reminder, remindAt, state: reminder.state === 'cancelled' ? 'cancelled' : 'pending' };
  });
}

/** Where a series starts: the due time of the occurrence the rule was (re)set on. */
function seriesStartOf(task: Pick<Task, 'dueAt' | 'allDay' | 'timeZone' | 'recurrence'>): string | null {
  if (!task.recurrence || !task.dueAt) return null;
  return task.allDay ? localDateOf(task.dueAt, task.timeZone) : localWallTime(task.dueAt, task.timeZone);
}

function checkConsistency(task: Task): void {
  const errors: FieldError[] = [];
  if (task.recurrence) {
    const problem = ruleProblem(task.recurrence.rule, { allDay: task.allDay });
    if (problem) errors.push({ path: 'recurrence.rule', message: problem });
    if (!task.dueAt) errors.push({ path: 'recurrence', message: 'a recurring task needs dueAt' });
  }
  task.reminders.forEach((reminder, i) => {
    if (reminder.offsetMinutes !== null && !task.dueAt)
      errors.push({
        path: `reminders.${i}.offsetMinutes`,
        message: 'a reminder before the due time needs dueAt',
      });
  });
  if (errors.length > 0) throw validationError(errors);
}

export function createTask(
  input: CreateTaskInput,
  owner: { userId: string; timeZone: string },
  ctx: ChangeContext,
): Task {
  const timeZone = input.timeZone ?? owner.timeZone;
  const due = resolveDue(input.dueAt, input.allDay, timeZone);
  const id = ctx.newId();
  const task: Task = {
    id,
    userId: owner.userId,
    title: input.title,
    description: input.description,
    status: 'pending',
    priority: input.priority,
    tags: input.tags,
    dueAt: due.dueAt,
    allDay: due.allDay,
    timeZone,
    recurrence: input.recurrence,
    reminders: buildReminders(input.reminders, [], due.dueAt, ctx),
    seriesId: input.recurrence ? id : null,
    seriesStart: null,
    occurrenceIndex: 0,
    spawnedFrom: null,
    completedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  };
  checkConsistency(task);
  return { ...task, seriesStart: seriesStartOf(task) };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface TaskChange {
  task: Task;
  changes: EditableField[];
}

/** Applies a partial edit. Returns the fields that really changed; none means no new version. */
export function patchTask(task: Task, patch: PatchTaskInput, ctx: ChangeContext): TaskChange {
  const timeZone = patch.timeZone ?? task.timeZone;
  let due: ResolvedDue = { dueAt: task.dueAt, allDay: task.allDay };
  if (patch.dueAt !== undefined) due = resolveDue(patch.dueAt, patch.allDay, timeZone);
  else if (task.dueAt && (patch.allDay !== undefined || timeZone !== task.timeZone)) {
    // Keep the local date of an all-day task when its zone changes; a timed task keeps its instant.
    const allDay = patch.allDay ?? task.allDay;
    const localDate = localDateOf(task.dueAt, task.timeZone);
    due = allDay
      ? { dueAt: startOfLocalDay(localDate, timeZone), allDay: true }
      : { dueAt: task.dueAt, allDay: false };
  }
  let reminders = task.reminders;
  if (patch.reminders !== undefined)
    reminders = buildReminders(patch.reminders, task.reminders, due.dueAt, ctx);
  else if (due.dueAt?.getTime() !== task.dueAt?.getTime())
    reminders = retimeReminders(task.reminders, due.dueAt);

  const recurrence = patch.recurrence === undefined ? task.recurrence : patch.recurrence;
  const next: Task = {
    ...task,
    title: patch.title ?? task.title,
    description: patch.description ?? task.description,
    priority: patch.priority ?? task.priority,
    tags: patch.tags ?? task.tags,
    dueAt: due.dueAt,
    allDay: due.allDay,
    timeZone,
    recurrence,
    reminders,
    seriesId: recurrence ? (task.seriesId ?? task.id) : task.seriesId,
  };
  const changes = EDITABLE_FIELDS.filter((field) => !sameValue(task[field], next[field]));
  if (changes.length === 0) return { task, changes };
  checkConsistency(next);
  // A new rule, zone or kind of day applies from this occurrence on: it becomes the series start.
  // Moving only the due date keeps the series' rhythm (the next one still follows the rule).
  const reanchor =
    changes.includes('recurrence') ||
    changes.includes('timeZone') ||
    changes.includes('allDay') ||
    !task.seriesStart;
  const anchored = reanchor ? { seriesStart: seriesStartOf(next), occurrenceIndex: 0 } : {};
  return { task: { ...next, ...anchored, updatedAt: ctx.now, version: task.version + 1 }, changes };
}

/** PUT: every editable field from the input, defaults for what it leaves out. */
export function replaceTask(task: Task, input: CreateTaskInput, ctx: ChangeContext): TaskChange {
  return patchTask(task, { ...input, timeZone: input.timeZone ?? task.timeZone, allDay: input.allDay }, ctx);
}

/** Null when the task is already completed: completing twice changes nothing. */
export function completeTask(task: Task, now: Date): Task | null {
  if (task.status === 'completed') return null;
  return {
    ...task,
    status: 'completed',
    completedAt: now,
    reminders: task.reminders.map((r) => (r.state === 'pending' ? { ...r, state: 'cancelled' } : r)),
    updatedAt: now,
    version: task.version + 1,
  };
}

/** Null when the task is already pending. Reminders still ahead become pending again. */
export function reopenTask(task: Task, now: Date): Task | null {
  if (task.status === 'pending') return null;
  return {
    ...task,
    status: 'pending',
    completedAt: null,
    reminders: task.reminders.map((r) =>
      r.state === 'cancelled' && r.remindAt && r.remindAt > now ? { ...r, state: 'pending' } : r,
    ),
    updatedAt: now,
    version: task.version + 1,
  };
}

/** The task as its deletion leaves it (what its `todo.task.deleted` event carries). */
export function deletedTask(task: Task, at: Date): Task {
  return {
    ...task,
    reminders: task.reminders.map((r) => (r.state === 'pending' ? { ...r, state: 'cancelled' } : r)),
    updatedAt: at,
    version: task.version + 1,
  };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The wire form of a task (DESIGN §4), also the `task` of every task event. */
export function toTaskDto(task: Task): TaskDto {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    tags: task.tags,
    dueAt: iso(task.dueAt),
    allDay: task.allDay,
    timeZone: task.timeZone,
    recurrence: task.recurrence ? { rule: task.recurrence.rule, basis: task.recurrence.basis } : null,
    reminders: task.reminders.map((r) => ({
      id: r.id,
      offsetMinutes: r.offsetMinutes,
      at: iso(r.at),
      remindAt: iso(r.remindAt),
      state: r.state,
    })),
    seriesId: task.seriesId,
    completedAt: iso(task.completedAt),
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    version: task.version,
  };
}
