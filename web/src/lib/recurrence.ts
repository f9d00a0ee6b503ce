// Recurrence presets of the task editor ⇄ RRULE bodies (RFC 5545), as the API stores them.
// A rule that is not exactly one of the presets stays "custom" and is edited as text.
import { WEEKDAY_NAMES } from './contract.ts';
import { parseDate, weekdayOf } from './dates.ts';

export const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export { WEEKDAY_NAMES };
/** Monday first, as the week toggles show them. */
export const WEEK_ORDER: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WORKWEEK: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export type Basis = 'due' | 'completion';
export interface Recurrence {
  rule: string;
  basis: Basis;
}

export type Preset =
  | { kind: 'none' }
  | { kind: 'daily'; interval: number }
  | { kind: 'weekdays' }
  | { kind: 'weekly'; interval: number; days: Weekday[] }
  | { kind: 'monthly-day'; interval: number; day: number }
  | { kind: 'monthly-weekday'; interval: number; nth: number; day: Weekday }
  | { kind: 'yearly'; interval: number }
  | { kind: 'after-completion'; days: number }
  | { kind: 'custom'; rule: string; basis: Basis };

export type PresetKind = Preset['kind'];

export const PRESET_LABELS: Record<PresetKind, string> = {
  none: 'Does not repeat',
  daily: 'Daily',
  weekdays: 'Every weekday (Mon–Fri)',
  weekly: 'Weekly on chosen days',
  'monthly-day': 'Monthly on a day',
  'monthly-weekday': 'Monthly on a weekday (e.g. last Friday)',
  yearly: 'Yearly',
  'after-completion': 'Every N days after completion',
  custom: 'Custom (RRULE)',
};

const clampInterval = (n: number) => (Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), 999) : 1);
const withInterval = (body: string, interval: number) =>
  clampInterval(interval) > 1 ? `${body};INTERVAL=${clampInterval(interval)}` : body;
const sortDays = (days: Weekday[]) => WEEK_ORDER.filter((d) => days.includes(d));

/** The API's `recurrence` for a preset (null: does not repeat). */
export function toRecurrence(preset: Preset): Recurrence | null {
  switch (preset.kind) {
    case 'none':
      return null;
    case 'daily':
      return { rule: withInterval('FREQ=DAILY', preset.interval), basis: 'due' };
    case 'weekdays':
      return { rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', basis: 'due' };
    case 'weekly': {
      const days = sortDays(preset.days);
      const body = days.length > 0 ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : 'FREQ=WEEKLY';
      return { rule: withInterval(body, preset.interval), basis: 'due' };
    }
    case 'monthly-day':
      return { rule: withInterval(`FREQ=MONTHLY;BYMONTHDAY=${preset.day}`, preset.interval), basis: 'due' };
    case 'monthly-weekday':
      return {
        rule: withInterval(`FREQ=MONTHLY;BYDAY=${preset.nth}${preset.day}`, preset.interval),
        basis: 'due',
      };
    case 'yearly':
      return { rule: withInterval('FREQ=YEARLY', preset.interval), basis: 'due' };
    case 'after-completion':
      return { rule: withInterval('FREQ=DAILY', preset.days), basis: 'completion' };
    case 'custom':
      return { rule: preset.rule.trim().replace(/^RRULE:/i, ''), basis: preset.basis };
  }
}

function parts(rule: string): Map<string, string> | null {
  const map = new Map<string, string>();
  for (const piece of rule.replace(/^RRULE:/i, '').split(';')) {
    if (!piece) continue;
    const [key, value, ...rest] = piece.split('=');
    if (!key || value === undefined || rest.length > 0) return null;
    const name = key.trim().toUpperCase();
    if (map.has(name)) return null;
    map.set(name, value.trim().toUpperCase());
  }
  return map;
}

/** The preset a stored recurrence is, or `custom` when it is anything else. */
export function fromRecurrence(recurrence: Recurrence | null): Preset {
  if (!recurrence) return { kind: 'none' };
  const custom: Preset = { kind: 'custom', rule: recurrence.rule, basis: recurrence.basis };
  const p = parts(recurrence.rule);
  if (!p) return custom;
  const freq = p.get('FREQ');
  const intervalText = p.get('INTERVAL') ?? '1';
  if (!/^[1-9]\d{0,2}$/.test(intervalText)) return custom;
  const interval = Number(intervalText);
  const keys = [...p.keys()].filter((k) => k !== 'FREQ' && k !== 'INTERVAL').sort();
  const only = (...allowed: string[]) =>
    keys.length === allowed.length && allowed.every((k) => keys.includes(k));

  if (recurrence.basis === 'completion')
    return freq === 'DAILY' && only() ? { kind: 'after-completion', days: interval } : custom;

  if (freq === 'DAILY' && only()) return { kind: 'daily', interval };
  if (freq === 'YEARLY' && only()) return { kind: 'yearly', interval };
  if (freq === 'WEEKLY' && only('BYDAY')) {
    const days = p.get('BYDAY')!.split(',');
    if (!days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) return custom;
    if (new Set(days).size !== days.length) return custom;
    if (interval === 1 && days.length === 5 && WORKWEEK.every((d) => days.includes(d)))
      return { kind: 'weekdays' };
    return { kind: 'weekly', interval, days: sortDays(days) };
  }
  if (freq === 'WEEKLY' && only()) return { kind: 'weekly', interval, days: [] };
  if (freq === 'MONTHLY' && only('BYMONTHDAY')) {
    const day = p.get('BYMONTHDAY')!;
    if (!/^(-1|[1-9]|[12]\d|3[01])$/.test(day)) return custom;
    return { kind: 'monthly-day', interval, day: Number(day) };
  }
  if (freq === 'MONTHLY' && only('BYDAY')) {
    const match = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(p.get('BYDAY')!);
    if (!match) return custom;
    return { kind: 'monthly-weekday', interval, nth: Number(match[1]), day: match[2] as Weekday };
  }
  return custom;
}

/**
 * A preset of the given kind filled in from the due date (a date 'YYYY-MM-DD', or null): weekly on
 * its weekday, monthly on its day of the month, or on its weekday's place in the month (the 4th or
 * last Friday). Switching presets keeps the current rule as the custom text.
 */
export function presetOfKind(kind: PresetKind, dueDate: string | null, current: Preset): Preset {
  const weekday = dueDate ? WEEKDAYS[weekdayOf(dueDate)]! : 'MO';
  const dayOfMonth = dueDate ? parseDate(dueDate).day : 1;
  const interval = 'interval' in current ? current.interval : 1;
  switch (kind) {
    case 'none':
      return { kind };
    case 'daily':
      return { kind, interval };
    case 'weekdays':
      return { kind };
    case 'weekly':
      return { kind, interval, days: current.kind === 'weekly' ? current.days : [weekday] };
    case 'monthly-day':
      return { kind, interval, day: dayOfMonth };
    case 'monthly-weekday':
      return { kind, interval, nth: nthOfMonth(dueDate), day: weekday };
    case 'yearly':
      return { kind, interval };
    case 'after-completion':
      return { kind, days: current.kind === 'after-completion' ? current.days : 7 };
    case 'custom': {
      const now = toRecurrence(current);
      return { kind, rule: now?.rule ?? 'FREQ=WEEKLY', basis: now?.basis ?? 'due' };
    }
  }
}

/** Which of its weekday a date is in its month: 1–4, or -1 when it is the last one (the 5th too). */
export function nthOfMonth(date: string | null): number {
  if (!date) return 1;
  const { year, month, day } = parseDate(date);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day + 7 > daysInMonth) return -1;
  return Math.ceil(day / 7);
}

export const NTH_LABELS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};
