// The shape of a table row and how it becomes a full expected result.
import type { QuickAddContext, QuickAddResult, UnderstoodSpan } from '../types.ts';

/** 2026-11-22 is a Sunday: 11:00 in Berlin, 05:00 in New York, 19:00 in Tokyo. */
export const NOW = '2026-11-22T10:00:00Z';
export const ZONE = 'Europe/Berlin';

export interface Expected {
  title: string;
  priority?: QuickAddResult['priority'];
  tags?: string[];
  dueAt?: string | null;
  /** Defaults to whether dueAt is a plain date. */
  allDay?: boolean;
  /** A rule (basis "due"), or "RULE after completion". */
  recurrence?: string;
  reminders?: QuickAddResult['reminders'];
}

export interface Case {
  text: string;
  expected: Expected;
  /** "kind:text" in text order. */
  understood: string[];
  now: string;
  zone: string;
}

export function c(
  text: string,
  expected: Expected,
  understood: string[] = [],
  at: { now?: string; zone?: string } = {},
): Case {
  return { text, expected, understood, now: at.now ?? NOW, zone: at.zone ?? ZONE };
}

export function contextOf(row: Case): QuickAddContext {
  return { now: new Date(row.now), timeZone: row.zone };
}

/** The complete result a row stands for: defaults filled in, spans located in the text. */
export function fullResult(row: Case): QuickAddResult {
  const { expected } = row;
  const dueAt = expected.dueAt ?? null;
  let from = 0;
  const understood = row.understood.map((entry): UnderstoodSpan => {
    const colon = entry.indexOf(':');
    const kind = entry.slice(0, colon) as UnderstoodSpan['kind'];
    const text = entry.slice(colon + 1);
    const start = row.text.indexOf(text, from);
    if (start < 0) throw new Error(`"${text}" is not in "${row.text}" after ${from}`);
    from = start + text.length;
    return { kind, text, start, end: from };
  });
  const rule = expected.recurrence?.replace(/ after completion$/, '');
  return {
    title: expected.title,
    description: '',
    priority: expected.priority ?? 'none',
    tags: expected.tags ?? [],
    dueAt,
    allDay: expected.allDay ?? (dueAt !== null && !dueAt.includes('T')),
    timeZone: row.zone,
    recurrence: rule
      ? { rule, basis: expected.recurrence?.endsWith(' after completion') ? 'completion' : 'due' }
      : null,
    reminders: expected.reminders ?? [],
    understood,
  };
}
