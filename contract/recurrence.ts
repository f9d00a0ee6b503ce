import { z } from 'zod';
import { LIMITS, RECURRENCE_BASES } from './task.ts';

/** RFC 5545 weekday codes and their English names: rule descriptions, the editor's day toggles. */
export const WEEKDAY_NAMES = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
} as const;

export const PreviewBody = z.strictObject({
  rule: z.string().trim().min(1, 'must not be empty').max(LIMITS.ruleMax),
  /** DTSTART as a local wall time YYYY-MM-DDTHH:mm:ss, or a date YYYY-MM-DD for all-day series. */
  start: z.string().max(40),
  /** IANA zone of `start` and the rule; default: the user's zone. */
  timeZone: z.string().max(64).optional(),
  count: z.number().int().min(1).max(1000).optional(),
  exdates: z.array(z.string().max(40)).max(1000).optional(),
  basis: z.enum(RECURRENCE_BASES).optional(),
});
export type PreviewInput = z.infer<typeof PreviewBody>;

export const PreviewAnswer = z.object({
  occurrences: z.array(z.string()),
  utc: z.array(z.string()),
  /** The rule in plain English, e.g. "Every week on Monday and Wednesday". */
  description: z.string(),
});
export type PreviewResult = z.infer<typeof PreviewAnswer>;
