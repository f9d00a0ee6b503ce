import { z } from 'zod';
import { STORABLE, STORABLE_MESSAGE, TimeZoneSchema } from './task.ts';

export const MeSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
});
export type MeDto = z.infer<typeof MeSchema>;

export const PatchMeBody = z.strictObject({
  name: z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().min(1, 'must not be empty').max(200).regex(STORABLE, STORABLE_MESSAGE))
    .optional(),
  timeZone: TimeZoneSchema.optional(),
});
export type PatchMeInput = z.infer<typeof PatchMeBody>;
