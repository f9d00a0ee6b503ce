// The task editor's form state: a task → a draft the inputs edit → the PATCH body of what changed.
// Dates and times in the draft are wall times in the task's zone.
import type { Priority, TaskDto } from '#contract/task.ts';
import { localDate, localTime, wallParts, zonedToInstant } from './dates.ts';
import { fromRecurrence, type Preset, toRecurrence } from './recurrence.ts';
import { splitOffset, toOffset, type Unit } from './reminders.ts';

export interface DraftReminder {
  /** Stable React key */
  key: string;
  /** The stored reminder's id (kept so the server keeps it), absent for new ones. */
  id?: string;
  mode: 'before' | 'at';
  amount: number;
  unit: Unit;
  /** 'YYYY-MM-DD' and 'HH:mm' in the task's zone, for mode 'at'. */
  atDate: string;
  atTime: string;
  state?: 'pending' | 'sent' | 'cancelled';
}

export interface Draft {
  title: string;
  description: string;
  priority: Priority;
  tags: string[];
  hasDue: boolean;
  dueDate: string;
  dueTime: string;
  allDay: boolean;
  timeZone: string;
  reminders: DraftReminder[];
  preset: Preset;
}

let keySeq = 0;
export const newKey = () => `r${++keySeq}`;

export function draftOf(task: TaskDto): Draft {
  const zone = task.timeZone;
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: [...task.tags],
    hasDue: Boolean(task.dueAt),
    dueDate: task.dueAt ? localDate(task.dueAt, zone) : '',
    dueTime: task.dueAt && !task.allDay ? localTime(task.dueAt, zone) : '09:00',
    allDay: task.allDay,
    timeZone: zone,
    reminders: task.reminders.map((r) => {
      const split = splitOffset(r.offsetMinutes ?? 15);
      const at = r.at ?? r.remindAt;
      return {
        key: newKey(),
        id: r.id,
        mode: r.offsetMinutes === null ? 'at' : 'before',
        amount: split.amount,
        unit: split.unit,
        atDate: at ? localDate(at, zone) : '',
        atTime: at ? localTime(at, zone) : '09:00',
        state: r.state,
      };
    }),
    preset: fromRecurrence(task.recurrence),
  };
}

/** A new reminder: 15 minutes before when there is a due time, else at 09:00 tomorrow. */
export function newReminder(draft: Draft, now: number = Date.now()): DraftReminder {
  const p = wallParts(now + 86_400_000, draft.timeZone);
  const tomorrow = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return {
    key: newKey(),
    mode: draft.hasDue ? 'before' : 'at',
    amount: draft.hasDue && draft.allDay ? 1 : 15,
    unit: draft.hasDue && draft.allDay ? 'days' : 'minutes',
    atDate: draft.hasDue ? draft.dueDate : tomorrow,
    atTime: '09:00',
  };
}

export type DueInput = { dueAt: string | null; allDay: boolean };
export function dueOf(draft: Draft): DueInput {
  if (!draft.hasDue || !draft.dueDate) return { dueAt: null, allDay: false };
  if (draft.allDay) return { dueAt: draft.dueDate, allDay: true };
  return { dueAt: `${draft.dueDate}T${draft.dueTime || '09:00'}:00`, allDay: false };
}

type ReminderBody = { id?: string; offsetMinutes: number } | { id?: string; at: string };
function remindersOf(draft: Draft): ReminderBody[] {
  return draft.reminders.map((r) => {
    const id = r.id ? { id: r.id } : {};
    if (r.mode === 'before') return { ...id, offsetMinutes: toOffset(r.amount, r.unit) };
    return { ...id, at: zonedToInstant(r.atDate, r.atTime || '09:00', draft.timeZone) };
  });
}

export interface PatchBody {
  title?: string;
  description?: string;
  priority?: Priority;
  tags?: string[];
  dueAt?: string | null;
  allDay?: boolean;
  timeZone?: string;
  recurrence?: { rule: string; basis: 'due' | 'completion' } | null;
  reminders?: ReminderBody[];
}

/** The fields of `draft` that differ from `base`, as a PATCH body (empty: nothing to save). */
export function patchOf(base: Draft, draft: Draft): PatchBody {
  const patch: PatchBody = {};
  if (draft.title.trim() !== base.title) patch.title = draft.title.trim();
  if (draft.description !== base.description) patch.description = draft.description;
  if (draft.priority !== base.priority) patch.priority = draft.priority;
  if (JSON.stringify(draft.tags) !== JSON.stringify(base.tags)) patch.tags = draft.tags;
  if (draft.timeZone !== base.timeZone) patch.timeZone = draft.timeZone;
  const due = dueOf(draft);
  const baseDue = dueOf(base);
  if (due.dueAt !== baseDue.dueAt || due.allDay !== baseDue.allDay || patch.timeZone) {
    patch.dueAt = due.dueAt;
    if (due.dueAt) patch.allDay = due.allDay;
  }
  const recurrence = toRecurrence(draft.preset);
  if (JSON.stringify(recurrence) !== JSON.stringify(toRecurrence(base.preset))) patch.recurrence = recurrence;
  const reminders = remindersOf(draft);
  if (JSON.stringify(reminders) !== JSON.stringify(remindersOf(base))) patch.reminders = reminders;
  return patch;
}

/** Problems the form can see before asking the server (it checks again). */
export function checkDraft(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = 'must not be empty';
  if (draft.hasDue && !draft.dueDate) errors.dueAt = 'pick a date, or remove the due date';
  if (draft.preset.kind !== 'none' && !(draft.hasDue && draft.dueDate))
    errors.recurrence = 'a repeating task needs a due date';
  if (draft.preset.kind === 'weekly' && draft.preset.days.length === 0)
    errors.recurrence = 'pick at least one day';
  if (draft.preset.kind === 'custom' && !draft.preset.rule.trim())
    errors.recurrence = 'enter a rule, e.g. FREQ=WEEKLY;BYDAY=MO';
  draft.reminders.forEach((r, i) => {
    if (r.mode === 'before' && !draft.hasDue)
      errors[`reminders.${i}`] = 'a reminder before the due time needs a due date';
    if (r.mode === 'before' && (!Number.isFinite(r.amount) || r.amount < 0))
      errors[`reminders.${i}`] = 'must be zero or more';
    if (r.mode === 'at' && !r.atDate) errors[`reminders.${i}`] = 'pick a date';
  });
  return errors;
}
