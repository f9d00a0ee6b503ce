import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ActivityPageSchema, ActivityQuery } from '../../../contract/activity.ts';
import { ProblemSchema } from '../../../contract/problem.ts';
import { listActivity } from '../../app/list-activity.ts';
import type { AppDeps } from '../../ports/index.ts';
import { actorOf } from '../plugins/auth.ts';

export async function activityRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/activity',
    {
      schema: {
        tags: ['activity'],
        summary: 'The activity log, newest first',
        querystring: ActivityQuery,
        response: { 200: ActivityPageSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (req) => {
      const page = await listActivity(deps, actorOf(req), req.query);
      return {
        items: page.items.map((e) => ({ ...e, time: e.time.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
