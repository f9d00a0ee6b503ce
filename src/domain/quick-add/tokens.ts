// The unambiguous tokens of quick add (#tags and priority marks) and the title left behind.
import { LIMITS, type Priority } from '../../../contract/task.ts';
import { consume, type Scan } from './types.ts';

// A token starts at the beginning, after whitespace, an opening bracket, a comma, a semicolon or
// an already consumed span (masked as '|').
const BEFORE = String.raw`(?<=^|[\s(,;|])`;
const AFTER = String.raw`(?=$|[\s,.;:)|])`;

/**
 * Priority marks. Words: !urgent, !high, !medium (also !med, !normal), !low, !none.
 * Todoist numbers: !1 or p1 = urgent, !2 or p2 = high, !3 or p3 = medium, !4 or p4 = none
 * (Todoist's p4 is its default "no priority"; `low` has no number).
 * Exclamation marks alone: !! = high, !!! (or more) = urgent; a single ! is punctuation.
 */
const PRIORITY_BY_WORD: Record<string, Priority> = {
  urgent: 'urgent',
  high: 'high',
  medium: 'medium',
  med: 'medium',
  normal: 'medium',
  low: 'low',
  none: 'none',
  '1': 'urgent',
  '2': 'high',
  '3': 'medium',
  '4': 'none',
};
const PRIORITY_RE = new RegExp(
  `${BEFORE}(?:!(urgent|high|medium|med|normal|low|none|[1-4])|(!{2,})|p([1-4]))${AFTER}`,
  'giu',
);

/** Consumes every priority mark; the last one wins (a later mark reads as a correction). */
export function takePriority(scan: Scan): Priority {
  let priority: Priority = 'none';
  for (const match of scan.masked.matchAll(PRIORITY_RE)) {
    const [whole, word, bangs, p] = match;
    if (word !== undefined) priority = PRIORITY_BY_WORD[word.toLowerCase()] ?? 'none';
    else if (bangs !== undefined) priority = bangs.length === 2 ? 'high' : 'urgent';
    else if (p !== undefined) priority = PRIORITY_BY_WORD[p] ?? 'none';
    consume(scan, 'priority', match.index, match.index + whole.length);
  }
  return priority;
}

const TAG_RE = new RegExp(`${BEFORE}#([\\p{L}\\p{N}_\\-/]+)`, 'gu');

/**
 * `#word`: letters, digits, -, _ and /; trailing -, _ or / are punctuation, not part of the tag.
 * A tag needs a letter (`#123` is an issue number) and at most LIMITS.tagMax characters; tags keep
 * their spelling and are de-duplicated case-insensitively (the first spelling wins); beyond
 * LIMITS.tagsMax the rest stay in the title.
 */
export function takeTags(scan: Scan): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const match of scan.masked.matchAll(TAG_RE)) {
    const name = (match[1] ?? '').replace(/[-_/]+$/, '');
    if (!/\p{L}/u.test(name) || name.length > LIMITS.tagMax) continue;
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      if (tags.length >= LIMITS.tagsMax) continue;
      seen.add(key);
      tags.push(name);
    }
    consume(scan, 'tag', match.index, match.index + 1 + name.length);
  }
  return tags;
}

// Words that only link a consumed date or rule to the title ("Submit report by #work friday"):
// dropped when they touch such a span. Not "in", "on", "for": they end real titles ("Check in",
// "Log on", "Shop for"); "on friday" and "by friday" are part of the date's own span anyway.
const LINK = '(?:at|by|due|every|each|starting|until|till|@)';
// Markers for consumed dates, times, rules and reminders while tidying; LINKED when the span
// begins with its own connector ("Stand by at 5pm" keeps its "by").
const WHEN = '\uE000';
const LINKED = '\uE001';
const LINK_BEFORE = new RegExp(String.raw`(?:^|\s)${LINK}\s*${WHEN}`, 'gi');
const LINK_AFTER = new RegExp(String.raw`([${WHEN}${LINKED}])\s*${LINK}\s*(?=$|[${WHEN}${LINKED}])`, 'gi');
const STARTS_LINKED = /^(?:at|on|by|due|in|from|until|till|before|starting|@)\b/i;
const EDGE_PUNCTUATION = /^[\s,;:\-–—|/&]+|[\s,;:\-–—|/&]+$/g;

/**
 * The text without its consumed spans: linking words next to a consumed date dropped (tags and
 * priority marks in between do not count), whitespace collapsed, stray punctuation tidied. Never
 * empty: when everything was consumed, the original text is the title.
 */
export function titleOf(scan: Scan): string {
  const original = collapse(scan.text);
  if (scan.spans.length === 0) return original || 'Untitled';
  let text = '';
  let at = 0;
  for (const span of [...scan.spans].sort((a, b) => a.start - b.start)) {
    const marker =
      span.kind === 'tag' || span.kind === 'priority' ? '' : STARTS_LINKED.test(span.text) ? LINKED : WHEN;
    text += `${clean(scan.text.slice(at, span.start))} ${marker} `;
    at = span.end;
  }
  text = collapse(text + clean(scan.text.slice(at)));
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = collapse(text.replace(LINK_BEFORE, ` ${WHEN}`).replace(LINK_AFTER, '$1 '));
  }
  const title = clean(text)
    .replace(/\s+([,;:.!?)])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(EDGE_PUNCTUATION, '');
  return collapse(title) || original || 'Untitled';
}

const clean = (text: string) => text.replace(/[\uE000\uE001]/g, ' ');

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
