// Shapes shared by the quick-add parser's parts.
import type { Priority } from '../../../contract/task.ts';

export type SpanKind = 'date' | 'time' | 'recurrence' | 'priority' | 'tag' | 'reminder';

/** A part of the text the parser understood and consumed; `end` is exclusive. */
export interface UnderstoodSpan {
  kind: SpanKind;
  text: string;
  start: number;
  end: number;
}

export type QuickAddReminder = { offsetMinutes: number } | { at: string };

export interface QuickAddContext {
  now: Date;
  /** IANA zone the phrase is read in; relative phrases resolve against `now` in this zone. */
  timeZone: string;
  locale?: 'en';
}

/** A `CreateTaskInput` (contract/task.ts) plus what the parser understood, for highlighting. */
export interface QuickAddResult {
  title: string;
  description: string;
  priority: Priority;
  tags: string[];
  /** `YYYY-MM-DDTHH:mm:ss` local wall time in `timeZone`, or `YYYY-MM-DD` when `allDay`. */
  dueAt: string | null;
  allDay: boolean;
  timeZone: string;
  recurrence: { rule: string; basis: 'due' | 'completion' } | null;
  reminders: QuickAddReminder[];
  understood: UnderstoodSpan[];
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * The working copy of the text: consumed characters are replaced by MASK so later passes (and
 * chrono) neither see them nor join phrases across them. Indexes stay those of the original text.
 */
export interface Scan {
  readonly text: string;
  masked: string;
  spans: UnderstoodSpan[];
}

export const MASK = '|';

export function newScan(text: string): Scan {
  return { text, masked: text.replaceAll(MASK, ' '), spans: [] };
}

/** Marks [start, end) as understood, without the whitespace at its edges. */
export function consume(scan: Scan, kind: SpanKind, from: number, to: number): UnderstoodSpan {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(scan.text[start]!)) start++;
  while (end > start && /\s/.test(scan.text[end - 1]!)) end--;
  const span = { kind, text: scan.text.slice(start, end), start, end };
  scan.spans.push(span);
  scan.masked = scan.masked.slice(0, start) + MASK.repeat(end - start) + scan.masked.slice(end);
  return span;
}

/** True when no character in [start, end) was consumed yet. */
export function isFree(scan: Scan, start: number, end: number): boolean {
  return !scan.masked.slice(start, end).includes(MASK);
}
