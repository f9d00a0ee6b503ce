// Wire shapes of tasks, shared by the server (validation, OpenAPI) and the web app (types).
// Limits live here because both sides enforce them: the form and the API must agree.
import { z } from 'zod';

export const LIMITS = {
  titleMax: 500,
  descriptionMax: 10_000,
  tagsMax: 20,
  tagMax: 50,
  remindersMax: 10,
  /** A reminder more than a year before its due time is almost certainly a typo. */
  reminderOffsetMaxMinutes: 366 * 24 * 60,
  listLimitMax: 200,
  listLimitDefault: 50,
  ruleMax: 500,
} as const;

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const STATUSES = ['pending', 'completed'] as const;
export const REMINDER_STATES = ['pending', 'sent', 'cancelled'] as const;
export const RECURRENCE_BASES = ['due', 'completion'] as const;
export const SORT_KEYS = ['dueAt', 'priority', 'title', 'createdAt', 'updatedAt'] as const;
export const SORTS = SORT_KEYS.flatMap((key) => [key, `-${key}`] as const);

export type Priority = (typeof PRIORITIES)[number];
export type Status = (typeof STATUSES)[number];
export type SortKey = (typeof SORT_KEYS)[number];
export type Sort = SortKey | `-${SortKey}`;

const timeZoneCache = new Map<string, string | null>();
/** The IANA name of a zone as stored, or null when the runtime does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  const cached = timeZoneCache.get(zone);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  // Offsets like "+05:00" are valid for Intl but are not IANA zones: rules would drift across DST.
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) && zone.length <= 64) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
      // ICU resolves some current names to legacy ones (Asia/Kolkata → Asia/Calcutta): keep the
      // name the person chose, only fixing its case when ICU knows it under the same name.
      result = resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
    } catch {
      result = null;
    }
  }
  timeZoneCache.set(zone, result);
  return result;
}

export const TimeZoneSchema = z
  .string()
  .refine((zone) => canonicalTimeZone(zone) !== null, {
    message: 'must be an IANA time zone such as Europe/Berlin',
  })
  .transform((zone) => canonicalTimeZone(zone) as string);

const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Years a time value may name. Postgres has no year 0 and does not read the expanded years
 * (+010000-…) JavaScript writes past 9999; zones (±1 day), reminders (up to a year earlier) and a
 * date-only upper bound (+1 day) move an instant a little, so the range keeps clear of both ends.
 */
const YEAR_MIN = 1000;
const YEAR_MAX = 9998;
const YEAR_RANGE_MESSAGE = `must be between the years ${YEAR_MIN} and ${YEAR_MAX}`;
function inYearRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

/**
 * A point in time as a client sends it: an instant with offset, a local wall time (read in the
 * task's zone) or a date (an all-day value). Kept as text: which zone applies is decided later.
 */
export const TimeInputSchema = z
  .string()
  .refine(
    (value) => {
      if (OFFSET_DATE_TIME.test(value)) return !Number.isNaN(Date.parse(value));
      if (LOCAL_DATE_TIME.test(value)) return !Number.isNaN(Date.parse(`${value}Z`));
      if (DATE_ONLY.test(value)) return !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && isRealDate(value);
      return false;
    },
    {
      message:
        'must be an ISO 8601 date-time with offset (2026-03-01T09:00:00Z), a local date-time or a date',
      abort: true,
    },
  )
  .refine(inYearRange, { message: YEAR_RANGE_MESSAGE });

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export type TimeInputKind = 'instant' | 'local' | 'date';
export function timeInputKind(value: string): TimeInputKind {
  if (DATE_ONLY.test(value)) return 'date';
  if (LOCAL_DATE_TIME.test(value)) return 'local';
  return 'instant';
}

export const InstantSchema = z
  .string()
  .refine((value) => OFFSET_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 date-time with offset, e.g. 2026-03-01T09:00:00Z',
    abort: true,
  })
  .refine(inYearRange, { message: YEAR_RANGE_MESSAGE });

/** Text Postgres can store: no NUL character (text and jsonb refuse it) and no unpaired surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting NUL is the point
export const STORABLE = /^[^\u0000\p{Cs}]*$/u;
export const STORABLE_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** A string Postgres can store (see STORABLE). */
export const storableText = () => z.string().regex(STORABLE, STORABLE_MESSAGE);

const title = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(LIMITS.titleMax, `must be at most ${LIMITS.titleMax} characters`)
      .regex(STORABLE, STORABLE_MESSAGE),
  );
const description = z
  .string()
  .max(LIMITS.descriptionMax, `must be at most ${LIMITS.descriptionMax} characters`)
  .regex(STORABLE, STORABLE_MESSAGE);

export const TagNameSchema = z
  .string()
  .transform((value) => value.trim().replace(/^#/, ''))
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(LIMITS.tagMax, `must be at most ${LIMITS.tagMax} characters`)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
      .regex(/^[^,\u0000-\u001f\u007f]+$/, 'must not contain commas or control characters')
      .regex(STORABLE, STORABLE_MESSAGE),
  );

const tags = z
  .array(TagNameSchema)
  .max(LIMITS.tagsMax, `at most ${LIMITS.tagsMax} tags`)
  .transform((list) => [...new Set(list)]);

/**
 * A reminder is `{ offsetMinutes }` (before dueAt) or `{ at }` (an instant), never both. One object
 * with a check rather than a union, so a bad offset is reported at `reminders.N.offsetMinutes`
 * (a union only says "Invalid input" at `reminders.N` once every branch failed).
 */
export const ReminderInputSchema = z
  .strictObject({
    id: z.uuid().optional(),
    offsetMinutes: z
      .number()
      .int('must be a whole number of minutes')
      .min(0, 'must not be negative')
      .max(LIMITS.reminderOffsetMaxMinutes, 'must be at most a year')
      .optional(),
    at: InstantSchema.optional(),
  })
  .refine((r) => (r.offsetMinutes === undefined) !== (r.at === undefined), {
    message: 'must have either offsetMinutes (minutes before dueAt) or at (an instant), not both',
  })
  .transform(
    ({ id, offsetMinutes, at }): { id?: string; offsetMinutes: number } | { id?: string; at: string } =>
      at === undefined
        ? { ...(id === undefined ? {} : { id }), offsetMinutes: offsetMinutes as number }
        : { ...(id === undefined ? {} : { id }), at },
  );
export type ReminderInput = z.output<typeof ReminderInputSchema>;

export const RecurrenceSchema = z.strictObject({
  rule: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(LIMITS.ruleMax)
    .transform((rule) => rule.replace(/^RRULE:/i, '')),
  basis: z.enum(RECURRENCE_BASES).default('due'),
});
export type RecurrenceInput = z.infer<typeof RecurrenceSchema>;

const reminders = z
  .array(ReminderInputSchema)
  .max(LIMITS.remindersMax, `at most ${LIMITS.remindersMax} reminders`);

export const CreateTaskBody = z.strictObject({
  title,
  description: description.default(''),
  priority: z.enum(PRIORITIES).default('none'),
  tags: tags.default([]),
  dueAt: TimeInputSchema.nullable().default(null),
  allDay: z.boolean().optional(),
  timeZone: TimeZoneSchema.optional(),
  recurrence: RecurrenceSchema.nullable().default(null),
  reminders: reminders.default([]),
});
export type CreateTaskInput = z.infer<typeof CreateTaskBody>;

/** PUT: the same fields as create; what is left out is reset to its default. */
export const ReplaceTaskBody = CreateTaskBody;
export type ReplaceTaskInput = CreateTaskInput;

export const PatchTaskBody = z.strictObject({
  title: title.optional(),
  description: description.optional(),
  priority: z.enum(PRIORITIES).optional(),
  tags: tags.optional(),
  dueAt: TimeInputSchema.nullable().optional(),
  allDay: z.boolean().optional(),
  timeZone: TimeZoneSchema.optional(),
  recurrence: RecurrenceSchema.nullable().optional(),
  reminders: reminders.optional(),
});
export type PatchTaskInput = z.infer<typeof PatchTaskBody>;

export const ReminderSchema = z.object({
  id: z.string(),
  offsetMinutes: z.number().nullable(),
  at: z.string().nullable(),
  remindAt: z.string().nullable(),
  state: z.enum(REMINDER_STATES),
});

export const TaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  tags: z.array(z.string()),
  dueAt: z.string().nullable(),
  allDay: z.boolean(),
  timeZone: z.string(),
  recurrence: z.object({ rule: z.string(), basis: z.enum(RECURRENCE_BASES) }).nullable(),
  reminders: z.array(ReminderSchema),
  seriesId: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TaskDto = z.infer<typeof TaskSchema>;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

export const ListTasksQuery = z.strictObject({
  status: z.enum(['pending', 'completed', 'all']).default('pending'),
  priority: csv(z.enum(PRIORITIES)).optional(),
  tags: csv(TagNameSchema).optional(),
  q: z.string().max(200).optional(),
  dueFrom: TimeInputSchema.optional(),
  dueTo: TimeInputSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(SORTS as unknown as [Sort, ...Sort[]]).default('dueAt'),
  limit: z.coerce.number().int().min(1).max(LIMITS.listLimitMax).default(LIMITS.listLimitDefault),
  cursor: z.string().max(1000).optional(),
});
export type ListTasksInput = z.infer<typeof ListTasksQuery>;

export const TaskPageSchema = z.object({ items: z.array(TaskSchema), nextCursor: z.string().nullable() });
export type TaskPage = z.infer<typeof TaskPageSchema>;
