// Short English text for a rule ("Every week on Monday and Wednesday"), for the UI and the
// assistant. Written here rather than taken from rrule-temporal's toText, which calls
// BYMONTHDAY=-3 "the last day of the month", formats UNTIL with the process locale and zone, and
// always appends the time of day (a task shows its own due time).
import { Temporal } from '../time.ts';
import { joinWords, monthName, ordinal, plural, position, WEEKDAY_NAMES } from './english.ts';
import { type ByDay, parseRule, type RuleParts } from './parse.ts';

export interface DescribeOptions {
  basis?: 'due' | 'completion';
  /** Zone to show an UNTIL instant's date in; default UTC. */
  timeZone?: string;
}

const UNIT = {
  YEARLY: 'year',
  MONTHLY: 'month',
  WEEKLY: 'week',
  DAILY: 'day',
  HOURLY: 'hour',
  MINUTELY: 'minute',
  SECONDLY: 'second',
};
const WORKWEEK = 'MO,TU,WE,TH,FR';

function sameDays(days: readonly ByDay[], list: string): boolean {
  return (
    days.every((d) => d.ordinal === undefined) &&
    days
      .map((d) => d.weekday)
      .sort()
      .join() === list.split(',').sort().join()
  );
}

function dayOfMonth(day: number): string {
  if (day === -1) return 'the last day';
  return day > 0 ? `the ${ordinal(day)}` : `the ${ordinal(-day)}-to-last day`;
}

function weekdayText(day: ByDay, inMonth: boolean): string {
  const name = WEEKDAY_NAMES[day.weekday];
  if (day.ordinal === undefined) return name;
  const scope = inMonth ? '' : ' of the year';
  return `the ${position(day.ordinal)} ${name}${scope}`;
}

/** What BYSETPOS picks among: "weekday", "day", "weekend day", "day that is a Tuesday or Thursday". */
function setText(days: readonly ByDay[]): string {
  if (sameDays(days, WORKWEEK)) return 'weekday';
  if (sameDays(days, 'MO,TU,WE,TH,FR,SA,SU')) return 'day';
  if (sameDays(days, 'SA,SU')) return 'weekend day';
  const names = days.map((d) => WEEKDAY_NAMES[d.weekday]);
  if (names.length === 1) return names[0] ?? 'day';
  return `day that is a ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function untilText(rule: RuleParts, timeZone: string): string {
  const until = rule.until;
  if (!until) return rule.count === undefined ? '' : `, ${rule.count === 1 ? 'once' : `${rule.count} times`}`;
  const date =
    until.kind === 'date'
      ? until.date
      : Temporal.Instant.from(until.instant).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `, until ${monthName(month)} ${day}, ${year}`;
}

function timesText(rule: RuleParts): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (rule.byHour && rule.byMinute && rule.byHour.length * rule.byMinute.length <= 6)
    return ` at ${joinWords(rule.byHour.flatMap((h) => (rule.byMinute ?? []).map((m) => `${pad(h)}:${pad(m)}`)))}`;
  const parts: string[] = [];
  if (rule.byHour)
    parts.push(`at ${rule.byHour.length === 1 ? 'hour' : 'hours'} ${joinWords(rule.byHour.map(String))}`);
  if (rule.byMinute)
    parts.push(`at minute${rule.byMinute.length === 1 ? '' : 's'} ${joinWords(rule.byMinute.map(String))}`);
  if (rule.bySecond)
    parts.push(`at second${rule.bySecond.length === 1 ? '' : 's'} ${joinWords(rule.bySecond.map(String))}`);
  return parts.length > 0 ? ` ${parts.join(', ')}` : '';
}

/** "on …" for the day-level parts, without BYMONTH (said last, as "in June and July"). */
function daysText(rule: RuleParts): string {
  const { byDay, byMonthDay, bySetPos } = rule;
  const inMonth = rule.freq === 'MONTHLY' || rule.byMonth !== undefined;
  if (bySetPos && byDay) return ` on the ${joinWords(bySetPos.map(position))} ${setText(byDay)}`;
  const out: string[] = [];
  if (byMonthDay && byDay) {
    const names = byDay.map((d) => weekdayText(d, inMonth));
    out.push(`on ${joinWords(byMonthDay.map(dayOfMonth))} when it is a ${names.join(' or ')}`);
  } else if (byMonthDay) out.push(`on ${joinWords(byMonthDay.map(dayOfMonth))}`);
  else if (byDay) out.push(`on ${joinWords(byDay.map((d) => weekdayText(d, inMonth)))}`);
  if (rule.byYearDay) out.push(`on day ${joinWords(rule.byYearDay.map(String))} of the year`);
  if (rule.byWeekNo) out.push(`in week ${joinWords(rule.byWeekNo.map(String))}`);
  if (bySetPos && !byDay)
    out.push(`(occurrence ${joinWords(bySetPos.map(String))} of each ${UNIT[rule.freq]})`);
  return out.length > 0 ? ` ${out.join(' ')}` : '';
}

function baseText(rule: RuleParts): string {
  const { freq, interval, byDay } = rule;
  const simple = byDay && !rule.byMonthDay && !rule.bySetPos && !rule.byYearDay && !rule.byWeekNo;
  if (interval === 1 && simple && (freq === 'DAILY' || freq === 'WEEKLY') && sameDays(byDay, WORKWEEK))
    return 'Every weekday';
  if (
    freq === 'YEARLY' &&
    rule.byMonth?.length === 1 &&
    rule.byMonthDay?.length === 1 &&
    !byDay &&
    !rule.bySetPos
  ) {
    const day = rule.byMonthDay[0] ?? 1;
    const date =
      day > 0
        ? `${monthName(rule.byMonth[0] ?? 1)} ${day}`
        : `${dayOfMonth(day)} of ${monthName(rule.byMonth[0] ?? 1)}`;
    return `Every ${interval === 1 ? 'year' : plural(interval, 'year')} on ${date}`;
  }
  const every = `Every ${interval === 1 ? UNIT[freq] : plural(interval, UNIT[freq])}`;
  const months = rule.byMonth ? ` in ${joinWords(rule.byMonth.map(monthName))}` : '';
  return `${every}${daysText(rule)}${months}`;
}

/** Plain English for an RRULE body; "Custom rule" when it cannot be read. */
export function describeRule(text: string, options: DescribeOptions = {}): string {
  const parsed = parseRule(text);
  if (!parsed.ok) return 'Custom rule';
  const rule = parsed.rule;
  let result = `${baseText(rule)}${timesText(rule)}`;
  if (options.basis === 'completion') {
    const plain =
      rule.byDay || rule.byMonthDay || rule.byMonth || rule.byYearDay || rule.byWeekNo || rule.byHour;
    result += plain ? ', counted from completion' : ' after completion';
  }
  if (rule.wkst && rule.wkst !== 'MO' && rule.interval > 1 && rule.freq === 'WEEKLY')
    result += ` (weeks start on ${WEEKDAY_NAMES[rule.wkst]})`;
  return `${result}${untilText(rule, options.timeZone ?? 'UTC')}`;
}
