// Time in a named IANA zone, without a date library: the browser's Intl does the zone rules.
// Dates travel as 'YYYY-MM-DD', wall times as 'HH:mm', instants as ISO strings with 'Z'.

export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const partFormats = new Map<string, Intl.DateTimeFormat>();

function partFormat(zone: string): Intl.DateTimeFormat {
  let format = partFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    partFormats.set(zone, format);
  }
  return format;
}

/** The wall clock of an instant in a zone. */
export function wallParts(instant: string | number | Date, zone: string): WallParts {
  const date = instant instanceof Date ? instant : new Date(instant);
  const parts: Record<string, string> = {};
  for (const part of partFormat(zone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_INDEX[parts.weekday ?? 'Sun'] ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDate(p: { year: number; month: number; day: number }): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD' of an instant in a zone. */
export function localDate(instant: string | number | Date, zone: string): string {
  return formatDate(wallParts(instant, zone));
}

/** 'HH:mm' of an instant in a zone. */
export function localTime(instant: string | number | Date, zone: string): string {
  const p = wallParts(instant, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

export function todayIn(zone: string, now: number = Date.now()): string {
  return localDate(now, zone);
}

/**
 * The instant a wall time in a zone names. A time inside a daylight-saving gap moves forward by
 * the gap (02:30 → 03:30), as RFC 5545 and the server do; in an overlap the earlier instant wins.
 */
export function zonedToInstant(date: string, time: string, zone: string): string {
  const { year, month, day } = parseDate(date);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t: number) => {
    const p = wallParts(t, zone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
  };
  // Offsets before and after the wall time; try both, keep what maps back to the wall time.
  const before = offsetAt(wallAsUtc - 86_400_000);
  const after = offsetAt(wallAsUtc + 86_400_000);
  const candidates = [wallAsUtc - before, wallAsUtc - after].sort((x, y) => x - y);
  for (const candidate of candidates) {
    const p = wallParts(candidate, zone);
    if (p.hour === hour && p.minute === minute && formatDate(p) === date)
      return new Date(candidate).toISOString();
  }
  // In a gap neither maps back: the earlier offset moves the time forward by the gap.
  return new Date(wallAsUtc - before).toISOString();
}

/** The reader's locale for dates (tests pass one explicitly). */
export const LOCALE = typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-GB';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

export interface DueLike {
  dueAt: string | null;
  allDay: boolean;
  status: 'pending' | 'completed';
}

export interface DueLabel {
  text: string;
  /** Full date and time, for a title attribute. */
  full: string;
  overdue: boolean;
  today: boolean;
}

/** Whether a pending task is past due: an all-day task only after its day. */
export function isOverdue(task: DueLike, zone: string, now: number = Date.now()): boolean {
  if (task.status !== 'pending' || !task.dueAt) return false;
  if (task.allDay) return localDate(task.dueAt, zone) < todayIn(zone, now);
  return Date.parse(task.dueAt) < now;
}

/** "Today 09:00", "Tomorrow", "Yesterday 18:30", "Mon 24 Nov", "3 Jan 2028": as people read due dates. */
export function dueLabel(
  task: DueLike,
  zone: string,
  now: number = Date.now(),
  locale = LOCALE,
): DueLabel | null {
  if (!task.dueAt) return null;
  const date = localDate(task.dueAt, zone);
  const today = todayIn(zone, now);
  const diff = daysBetween(today, date);
  const time = task.allDay
    ? ''
    : format(locale, zone, { hour: '2-digit', minute: '2-digit' }).format(new Date(task.dueAt));
  let day: string;
  if (diff === 0) day = 'Today';
  else if (diff === 1) day = 'Tomorrow';
  else if (diff === -1) day = 'Yesterday';
  else if (diff > 1 && diff < 7) day = format(locale, zone, { weekday: 'long' }).format(new Date(task.dueAt));
  else if (date.slice(0, 4) === today.slice(0, 4))
    day = format(locale, zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(
      new Date(task.dueAt),
    );
  else
    day = format(locale, zone, { day: 'numeric', month: 'short', year: 'numeric' }).format(
      new Date(task.dueAt),
    );
  const full = format(locale, zone, {
    dateStyle: 'full',
    ...(task.allDay ? {} : { timeStyle: 'short' }),
  }).format(new Date(task.dueAt));
  return {
    text: time ? `${day} ${time}` : day,
    full: `${full} (${zone})`,
    overdue: isOverdue(task, zone, now),
    today: diff === 0,
  };
}

/** A heading for a calendar day: "Today · Sun 22 Nov", "Tomorrow · Mon 23 Nov", "Wed 25 Nov". */
export function dayHeading(date: string, today: string, locale = LOCALE): string {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day, 12));
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  const label = format(locale, 'UTC', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(d);
  const diff = daysBetween(today, date);
  if (diff === 0) return `Today · ${label}`;
  if (diff === 1) return `Tomorrow · ${label}`;
  return label;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or a date beyond a week; "in 10 min" ahead. */
export function relativeTime(
  instant: string,
  now: number = Date.now(),
  zone = 'UTC',
  locale = LOCALE,
): string {
  const seconds = Math.round((Date.parse(instant) - now) / 1000);
  const abs = Math.abs(seconds);
  const say = (n: number, unit: string) => (seconds < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`);
  if (abs < 45) return 'just now';
  if (abs < 3600) return say(Math.round(abs / 60), 'min');
  if (abs < 86_400) return say(Math.round(abs / 3600), 'h');
  if (abs < 7 * 86_400) {
    const days = Math.round(abs / 86_400);
    return say(days, days === 1 ? 'day' : 'days');
  }
  return format(locale, zone, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(instant));
}

/** A full date and time in a zone, e.g. "Sun 22 Nov 2026, 21:05". */
export function formatDateTime(instant: string, zone: string, locale = LOCALE): string {
  return format(locale, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** An occurrence as the preview answers it ('YYYY-MM-DDTHH:mm:ss' or 'YYYY-MM-DD'), for reading. */
export function formatOccurrence(occurrence: string, locale = LOCALE): string {
  const [date, time] = occurrence.split('T') as [string, string | undefined];
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day, 12));
  const label = format(locale, 'UTC', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d);
  return time ? `${label}, ${time.slice(0, 5)}` : label;
}

/** The browser's IANA zone. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
