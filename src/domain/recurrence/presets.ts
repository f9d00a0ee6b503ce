// The repeat choices a person picks from (recurrence editor, quick add, assistant), mapped to
// RRULE bodies and back. A rule that is not one of these is still fine; it just has no preset.
import { validationError } from '../../errors.ts';
import type { Recurrence } from '../task.ts';
import { formatRule, MAX_INTERVAL, parseRule, type RuleParts, WEEKDAYS, type Weekday } from './parse.ts';
import { ruleProblem } from './validate.ts';

export type CompletionUnit = 'day' | 'week' | 'month' | 'year';

/** `interval` is "every N …" (default 1). Days and months left out come from the task's start. */
export type Preset =
  | { kind: 'daily'; interval?: number }
  | { kind: 'weekdays' }
  /** Weekly on chosen days ("every 2 weeks on Mon, Fri"); no days: the start's weekday. */
  | { kind: 'weekly'; days?: Weekday[]; interval?: number }
  /** Day of the month 1..31, or -1 for the last day; none: the start's day. */
  | { kind: 'monthly-day'; day?: number; interval?: number }
  /** "The last Friday": position 1..5 or -1..-5 (from the end). */
  | { kind: 'monthly-weekday'; weekday: Weekday; position: number; interval?: number }
  /** Month 1..12 and day 1..31 together, or neither (the start's date). */
  | { kind: 'yearly'; month?: number; day?: number; interval?: number }
  /** "Every 3 days after done": counted from each completion (basis "completion"). */
  | { kind: 'after-completion'; every: number; unit: CompletionUnit };

export type PresetKind = Preset['kind'];

const WORKWEEK: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const UNIT_FREQ = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' } as const;

function checkedInterval(value: number | undefined, path: string): number {
  const interval = value ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL)
    throw validationError([{ path, message: `must be a whole number from 1 to ${MAX_INTERVAL}` }]);
  return interval;
}

function sortDays(days: readonly Weekday[]): Weekday[] {
  return [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
}

function partsOf(preset: Preset): RuleParts {
  switch (preset.kind) {
    case 'daily':
      return { freq: 'DAILY', interval: checkedInterval(preset.interval, 'interval') };
    case 'weekdays':
      return { freq: 'WEEKLY', interval: 1, byDay: WORKWEEK.map((weekday) => ({ weekday })) };
    case 'weekly': {
      const interval = checkedInterval(preset.interval, 'interval');
      const days = preset.days && preset.days.length > 0 ? sortDays(preset.days) : undefined;
      return { freq: 'WEEKLY', interval, ...(days ? { byDay: days.map((weekday) => ({ weekday })) } : {}) };
    }
    case 'monthly-day': {
      const interval = checkedInterval(preset.interval, 'interval');
      return { freq: 'MONTHLY', interval, ...(preset.day === undefined ? {} : { byMonthDay: [preset.day] }) };
    }
    case 'monthly-weekday':
      return {
        freq: 'MONTHLY',
        interval: checkedInterval(preset.interval, 'interval'),
        byDay: [{ weekday: preset.weekday, ordinal: preset.position }],
      };
    case 'yearly': {
      const interval = checkedInterval(preset.interval, 'interval');
      if ((preset.month === undefined) !== (preset.day === undefined))
        throw validationError([{ path: 'month', message: 'give both month and day, or neither' }]);
      const date =
        preset.month === undefined ? {} : { byMonth: [preset.month], byMonthDay: [preset.day ?? 1] };
      return { freq: 'YEARLY', interval, ...date };
    }
    case 'after-completion':
      return { freq: UNIT_FREQ[preset.unit], interval: checkedInterval(preset.every, 'every') };
  }
}

/** The rule and basis of a preset; throws a validation error for values no rule allows (day 32 …). */
export function presetToRule(preset: Preset): Recurrence {
  const rule = formatRule(partsOf(preset));
  // The rule's own checks word the problem (e.g. "BYMONTHDAY values must be 1 to 31 …").
  const problem = ruleProblem(rule);
  if (problem) throw validationError([{ path: 'recurrence', message: problem }]);
  return { rule, basis: preset.kind === 'after-completion' ? 'completion' : 'due' };
}

const BY_KEYS = [
  'byDay',
  'byMonthDay',
  'byYearDay',
  'byWeekNo',
  'byMonth',
  'bySetPos',
  'byHour',
  'byMinute',
  'bySecond',
] as const;

function onlyParts(rule: RuleParts, allowed: readonly (typeof BY_KEYS)[number][]): boolean {
  return BY_KEYS.every((key) => allowed.includes(key) || rule[key] === undefined);
}

/** The preset a rule is, or null when it is something else (COUNT, UNTIL, BYSETPOS, …). */
export function ruleToPreset(recurrence: Recurrence | string): Preset | null {
  const { rule: text, basis } =
    typeof recurrence === 'string' ? { rule: recurrence, basis: 'due' } : recurrence;
  const parsed = parseRule(text);
  if (!parsed.ok) return null;
  const rule = parsed.rule;
  const { freq, interval } = rule;
  if (rule.count !== undefined || rule.until !== undefined || (rule.wkst && rule.wkst !== 'MO')) return null;
  if (basis === 'completion') {
    const unit = (Object.keys(UNIT_FREQ) as CompletionUnit[]).find((u) => UNIT_FREQ[u] === freq);
    return unit && onlyParts(rule, []) ? { kind: 'after-completion', every: interval, unit } : null;
  }
  const plainDays = rule.byDay?.every((d) => d.ordinal === undefined)
    ? rule.byDay.map((d) => d.weekday)
    : undefined;
  switch (freq) {
    case 'DAILY':
      return onlyParts(rule, []) ? { kind: 'daily', interval } : null;
    case 'WEEKLY':
      if (!onlyParts(rule, ['byDay']) || (rule.byDay && !plainDays)) return null;
      if (interval === 1 && plainDays && sortDays(plainDays).join() === WORKWEEK.join())
        return { kind: 'weekdays' };
      return plainDays
        ? { kind: 'weekly', days: sortDays(plainDays), interval }
        : { kind: 'weekly', interval };
    case 'MONTHLY': {
      if (onlyParts(rule, [])) return { kind: 'monthly-day', interval };
      const day = rule.byMonthDay?.[0];
      if (onlyParts(rule, ['byMonthDay']) && rule.byMonthDay?.length === 1 && day !== undefined && day >= -1)
        return { kind: 'monthly-day', day, interval };
      const only = rule.byDay?.[0];
      if (onlyParts(rule, ['byDay']) && rule.byDay?.length === 1 && only?.ordinal !== undefined)
        return { kind: 'monthly-weekday', weekday: only.weekday, position: only.ordinal, interval };
      return null;
    }
    case 'YEARLY': {
      if (onlyParts(rule, [])) return { kind: 'yearly', interval };
      const [month, day] = [rule.byMonth?.[0], rule.byMonthDay?.[0]];
      const single = rule.byMonth?.length === 1 && rule.byMonthDay?.length === 1;
      if (
        onlyParts(rule, ['byMonth', 'byMonthDay']) &&
        single &&
        month !== undefined &&
        day !== undefined &&
        day > 0
      )
        return { kind: 'yearly', month, day, interval };
      return null;
    }
    default:
      return null;
  }
}
