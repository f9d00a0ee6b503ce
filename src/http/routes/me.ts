import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../contract/problem.ts';
import { MeSchema, PatchMeBody } from '../../../contract/user.ts';
import { getMe } from '../../app/get-me.ts';
import { updateMe } from '../../app/update-me.ts';
import type { AppDeps, Authenticator, UserProfile } from '../../ports/index.ts';
import { actorOf } from '../plugins/auth.ts';

const present = (me: UserProfile) => ({ ...me, createdAt: me.createdAt.toISOString() });
const errors = { 400: ProblemSchema, 401: ProblemSchema };

export async function meRoutes(app: FastifyInstance, deps: AppDeps, auth: Authenticator): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/me',
    { schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: MeSchema, ...errors } } },
    async (req) => present(await getMe(deps, actorOf(req))),
  );
  r.patch(
    '/api/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Change name or time zone',
        body: PatchMeBody,
        response: { 200: MeSchema, ...errors },
      },
    },
    async (req) => {
      const me = await updateMe(deps, actorOf(req), req.body);
      // The remembered session carries the old zone; new tasks must use the new one at once.
      auth.forgetUser(me.id);
      return present(me);
    },
  );
}
