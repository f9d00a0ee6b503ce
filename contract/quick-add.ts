import { z } from 'zod';
import { PRIORITIES, RECURRENCE_BASES } from './task.ts';

export const QuickAddBody = z.strictObject({
  text: z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters')),
});

/** What quick add understood, before saving: the task it would create and the words it used. */
export const QuickAddParseAnswer = z.object({
  task: z.object({
    title: z.string(),
    priority: z.enum(PRIORITIES),
    tags: z.array(z.string()),
    dueAt: z.string().nullable(),
    allDay: z.boolean(),
    timeZone: z.string(),
    recurrence: z.object({ rule: z.string(), basis: z.enum(RECURRENCE_BASES) }).nullable(),
    reminders: z.array(z.union([z.object({ offsetMinutes: z.number() }), z.object({ at: z.string() })])),
  }),
  understood: z.array(
    z.object({
      kind: z.enum(['date', 'time', 'recurrence', 'priority', 'tag', 'reminder']),
      text: z.string(),
      start: z.number(),
      end: z.number(),
    }),
  ),
  /** The recurrence in plain English, when there is one. */
  recurrence: z.string().nullable(),
});
export type QuickAddParse = z.infer<typeof QuickAddParseAnswer>;
