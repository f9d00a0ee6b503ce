import { z } from 'zod';

export const TAG_COLORS = [
  'grey',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'pink',
] as const;

/** A named palette colour or a #rrggbb value. */
export const TagColorSchema = z.union([
  z.enum(TAG_COLORS),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb'),
]);

export const TagSchema = z.object({ name: z.string(), color: z.string().nullable(), taskCount: z.number() });
export type TagDto = z.infer<typeof TagSchema>;

export const PutTagBody = z.strictObject({ color: TagColorSchema });
