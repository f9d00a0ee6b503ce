import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../contract/problem.ts';
import { PreviewAnswer, PreviewBody } from '../../../contract/recurrence.ts';
import { previewRecurrence } from '../../app/preview-recurrence.ts';
import { actorOf } from '../plugins/auth.ts';

export async function recurrenceRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/recurrence/preview',
    {
      schema: {
        tags: ['recurrence'],
        summary: 'The first occurrences of an RRULE from a local start in a zone',
        body: PreviewBody,
        response: { 200: PreviewAnswer, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (req) => previewRecurrence(actorOf(req), req.body),
  );
}
