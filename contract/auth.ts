// Bodies of the two auth calls API clients use; the rest of /api/auth/* is Better Auth's own.
import { z } from 'zod';

const email = z.email('must be an e-mail address').max(254);
const password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');

export const SignUpBody = z.strictObject({
  name: z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().min(1, 'must not be empty').max(200)),
  email,
  password,
  /** IANA zone for the account's dates; the web app sends the browser's. Unknown zones become UTC. */
  timeZone: z.string().max(64).optional(),
  image: z.string().max(2000).optional(),
  callbackURL: z.string().max(2000).optional(),
  rememberMe: z.boolean().optional(),
});

export const SignInBody = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(128),
  callbackURL: z.string().max(2000).optional(),
  rememberMe: z.boolean().optional(),
});

export const SessionAnswer = z.object({
  token: z.string().nullable(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), timeZone: z.string() }).loose(),
});
