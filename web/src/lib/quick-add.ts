// What quick add understood, as pieces of the typed text: plain runs and marked spans.
export type SpanKind = 'date' | 'time' | 'recurrence' | 'priority' | 'tag' | 'reminder';

export interface Understood {
  kind: SpanKind;
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  kind: SpanKind | null;
  /** Where it starts in the text (a stable key). */
  start: number;
}

/** Splits `text` at the understood spans (out-of-range or overlapping spans are dropped). */
export function segments(text: string, understood: readonly Understood[]): Segment[] {
  const spans = understood
    .filter(
      (s) =>
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.end <= text.length &&
        s.start < s.end,
    )
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at) out.push({ text: text.slice(at, span.start), kind: null, start: at });
    out.push({ text: text.slice(span.start, span.end), kind: span.kind, start: span.start });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null, start: at });
  return out;
}
