import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/problem.ts';
import { PutTagBody, TagSchema } from '../../../contract/tag.ts';
import { TagNameSchema } from '../../../contract/task.ts';
import { deleteTag } from '../../app/delete-tag.ts';
import { listTags } from '../../app/list-tags.ts';
import { setTagColor } from '../../app/set-tag-color.ts';
import type { AppDeps } from '../../ports/index.ts';
import { actorOf } from '../plugins/auth.ts';

const NameParams = z.object({ name: TagNameSchema });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema };

export async function tagRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tags'];

  r.get(
    '/api/tags',
    {
      schema: {
        tags,
        summary: 'Tags with colours and pending task counts',
        response: { 200: z.array(TagSchema), ...errors },
      },
    },
    async (req) => listTags(deps, actorOf(req)),
  );

  r.put(
    '/api/tags/:name',
    {
      schema: {
        tags,
        summary: 'Set a tag colour',
        params: NameParams,
        body: PutTagBody,
        response: { 200: TagSchema, ...errors },
      },
    },
    async (req) => setTagColor(deps, actorOf(req), req.params.name, req.body.color),
  );

  r.delete(
    '/api/tags/:name',
    {
      schema: {
        tags,
        summary: 'Remove a tag from every task',
        params: NameParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteTag(deps, actorOf(req), req.params.name);
      return reply.code(204).send();
    },
  );
}
