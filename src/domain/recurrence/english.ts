// Small English helpers shared by the descriptions and the validation messages.

export { WEEKDAY_NAMES } from '../../../contract/recurrence.ts';

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `month ${month}`;
}

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** 1 → "first", -1 → "last", -2 → "second-to-last", 7 → "7th", -7 → "7th-to-last". */
export function position(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth'];
  if (n === -1) return 'last';
  const size = Math.abs(n);
  const base = words[size - 1] ?? ordinal(size);
  return n < 0 ? `${base}-to-last` : base;
}

/** ["a"] → "a"; ["a","b"] → "a and b"; ["a","b","c"] → "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${n} ${word}s`;
}
