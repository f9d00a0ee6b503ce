import { z } from 'zod';
import { storableText } from './task.ts';

export const ActivityItemSchema = z.object({
  id: z.string(),
  type: z.string(),
  time: z.string(),
  taskId: z.string().nullable(),
  data: z.unknown(),
});
export type ActivityItem = z.infer<typeof ActivityItemSchema>;

export const ActivityQuery = z.strictObject({
  taskId: storableText().max(100).optional(),
  type: storableText().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type ActivityQueryInput = z.infer<typeof ActivityQuery>;

export const ActivityPageSchema = z.object({
  items: z.array(ActivityItemSchema),
  nextCursor: z.string().nullable(),
});
