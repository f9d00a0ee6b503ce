// Better Auth (ADR 002): e-mail and password accounts, cookie sessions for browsers and bearer
// tokens (the same session token) for API clients. Wired here because it needs the database.
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import { canonicalTimeZone } from '../../contract/task.ts';
import type { Db } from '../db/client.ts';
import { accounts, appSecrets, sessions, users, verifications } from '../db/schema.ts';
import { newId } from '../domain/ids.ts';
import { webHeaders } from '../http/plugins/auth.ts';
import type { Authenticator } from '../ports/index.ts';
import { SessionCache, sessionKey } from './session-cache.ts';

/** AUTH_SECRET when configured; otherwise one generated on first start and kept in the database. */
export async function resolveAuthSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insert(appSecrets)
    .values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'auth_secret'));
  if (!row) throw new Error('could not store the generated auth secret');
  return row.value;
}

export function createAuthenticator(
  db: Db,
  options: { secret: string; baseURL: string; production: boolean },
) {
  const auth = betterAuth({
    appName: 'Taskstream',
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: '/api/auth',
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        timeZone: {
          type: 'string',
          required: false,
          defaultValue: 'UTC',
          input: true,
          fieldName: 'timeZone',
        },
      },
    },
    databaseHooks: {
      user: {
        create: {
          // An unknown zone would break every date of the account: keep only valid IANA names.
          before: async (user) => {
            const zone = typeof user.timeZone === 'string' ? canonicalTimeZone(user.timeZone) : null;
            return { data: { ...user, timeZone: zone ?? 'UTC' } };
          },
        },
      },
    },
    plugins: [bearer()],
    // Origin checks on even under NODE_ENV=test, so tests see what production does.
    advanced: {
      database: { generateId: () => newId() },
      useSecureCookies: options.production,
      disableOriginCheck: false,
    },
    rateLimit: { enabled: options.production },
    telemetry: { enabled: false },
    logger: { disabled: !options.production },
  });

  const cache = new SessionCache();
  const authenticator: Authenticator = {
    async handle(request) {
      const response = await auth.handler(request);
      // Sign-out, revoked sessions, changed passwords or profiles: forget what we remembered.
      if (request.method === 'POST' && !/\/sign-(in|up)\//.test(new URL(request.url).pathname)) cache.clear();
      return response;
    },
    async actor(headers) {
      const key = sessionKey(headers);
      if (!key) return null;
      return cache.resolve(key, async () => {
        const session = await auth.api.getSession({ headers: webHeaders(headers) });
        if (!session) return null;
        const zone = (session.user as { timeZone?: string }).timeZone;
        const actor = { userId: session.user.id, timeZone: zone && canonicalTimeZone(zone) ? zone : 'UTC' };
        return { actor, sessionExpiresAt: new Date(session.session.expiresAt) };
      });
    },
    forgetUser: (userId) => cache.forgetUser(userId),
  };
  return authenticator;
}
