// Inputs and outputs of the assistant tools (MCP `tools/call` and the chat assistant's tool calls).
// Built from the same schemas the REST routes validate with; only the wire form differs where a
// query string is awkward for a JSON caller (lists are arrays, flags are booleans).
import { z } from 'zod';
import { NOTIFICATION_LIMITS, NotificationListSchema } from './notification.ts';
import { QuickAddBody } from './quick-add.ts';
import {
  CreateTaskBody,
  LIMITS,
  ListTasksQuery,
  PatchTaskBody,
  PRIORITIES,
  ReminderInputSchema,
  ReminderSchema,
  TagNameSchema,
  TaskPageSchema,
  TaskSchema,
} from './task.ts';

/** A task id as a path parameter takes it: a malformed one is a 404 like an unknown one. */
export const TaskIdSchema = z.string().max(100);

export const TaskIdInput = z.strictObject({ id: TaskIdSchema });

export const AddTaskInput = CreateTaskBody;
export const QuickAddInput = QuickAddBody;

export const UpdateTaskInput = PatchTaskBody.extend({
  id: TaskIdSchema,
  /** The version the caller last saw: a different stored version is refused (like If-Match). */
  ifMatch: z.number().int().min(1).optional(),
});
export type UpdateTaskToolInput = z.infer<typeof UpdateTaskInput>;

export const ListTasksInput = ListTasksQuery.extend({
  priority: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  tags: z.array(TagNameSchema).max(LIMITS.tagsMax).optional(),
  overdue: z.boolean().optional(),
  limit: z.number().int().min(1).max(LIMITS.listLimitMax).default(LIMITS.listLimitDefault),
});
export type ListTasksToolInput = z.infer<typeof ListTasksInput>;

export const SEARCH_LIMIT_DEFAULT = 20;

export const SearchTasksInput = z.strictObject({
  query: z.string().trim().min(1, 'must not be empty').max(200),
  status: ListTasksQuery.shape.status.unwrap().default('all'),
  limit: z.number().int().min(1).max(LIMITS.listLimitMax).default(SEARCH_LIMIT_DEFAULT),
});
export type SearchTasksToolInput = z.infer<typeof SearchTasksInput>;

// The reminder's own fields, as the REST body validates them (minus its id: this adds a new one).
const reminderFields = ReminderInputSchema.in.shape;

export const SetReminderInput = z
  .strictObject({
    id: TaskIdSchema,
    offsetMinutes: reminderFields.offsetMinutes,
    at: reminderFields.at,
  })
  .refine((r) => (r.offsetMinutes === undefined) !== (r.at === undefined), {
    message: 'must have either offsetMinutes (minutes before the due time) or at (an instant), not both',
  });
export type SetReminderToolInput = z.infer<typeof SetReminderInput>;

export const ListNotificationsInput = z.strictObject({
  unread: z.boolean().optional(),
  limit: z.number().int().min(1).max(NOTIFICATION_LIMITS.listMax).default(NOTIFICATION_LIMITS.listDefault),
});
export type ListNotificationsToolInput = z.infer<typeof ListNotificationsInput>;

export const TaskOutput = z.object({ task: TaskSchema });
export const DeletedOutput = z.object({ id: z.string(), deleted: z.literal(true) });
export const ReminderOutput = z.object({ task: TaskSchema, reminder: ReminderSchema });
export const TaskPageOutput = TaskPageSchema;
export const NotificationsOutput = NotificationListSchema;

/** What a failed tool call answers: the problem+json fields a REST call would have given. */
export const ToolErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    status: z.number(),
    message: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ToolError = z.infer<typeof ToolErrorSchema>;
