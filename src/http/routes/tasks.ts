import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/problem.ts';
import { QuickAddBody, QuickAddParseAnswer } from '../../../contract/quick-add.ts';
import {
  CreateTaskBody,
  ListTasksQuery,
  PatchTaskBody,
  ReplaceTaskBody,
  TaskPageSchema,
  TaskSchema,
} from '../../../contract/task.ts';
import { completeTask } from '../../app/complete-task.ts';
import { createTask } from '../../app/create-task.ts';
import { deleteTask } from '../../app/delete-task.ts';
import { getTask } from '../../app/get-task.ts';
import { listTasks } from '../../app/list-tasks.ts';
import { parseQuickAddText, quickAddTask } from '../../app/quick-add-task.ts';
import { reopenTask } from '../../app/reopen-task.ts';
import { replaceTask } from '../../app/replace-task.ts';
import { updateTask } from '../../app/update-task.ts';
import { type Task, toTaskDto } from '../../domain/task.ts';
import { validationError } from '../../errors.ts';
import type { AppDeps } from '../../ports/index.ts';
import { actorOf } from '../plugins/auth.ts';

const IdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema };

function sendTask(reply: FastifyReply, task: Task, status = 200) {
  return reply.code(status).header('etag', `"${task.version}"`).send(toTaskDto(task));
}

/** If-Match: 3, "3" or W/"3" — the task version the client last saw. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match)
    throw validationError([{ path: 'header.if-match', message: 'must be the task version, e.g. "3"' }]);
  return Number(match[1]);
}

export async function taskRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];

  r.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'List tasks',
        querystring: ListTasksQuery,
        response: { 200: TaskPageSchema, ...errors },
      },
    },
    async (req) => {
      const page = await listTasks(deps, actorOf(req), req.query);
      return { items: page.items.map(toTaskDto), nextCursor: page.nextCursor };
    },
  );

  r.post(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'Create a task',
        body: CreateTaskBody,
        response: { 201: TaskSchema, ...errors },
      },
    },
    async (req, reply) => {
      const task = await createTask(deps, actorOf(req), req.body);
      return sendTask(reply.header('location', `/api/tasks/${task.id}`), task, 201);
    },
  );

  r.post(
    '/api/tasks/quick',
    {
      schema: {
        tags,
        summary: 'Create a task from a line of natural language',
        description: 'e.g. "Pay rent every month on the 1st at 9am #home !high remind 1 day before"',
        body: QuickAddBody,
        response: { 201: TaskSchema, ...errors },
      },
    },
    async (req, reply) => {
      const task = await quickAddTask(deps, actorOf(req), req.body.text);
      return sendTask(reply.header('location', `/api/tasks/${task.id}`), task, 201);
    },
  );

  r.post(
    '/api/tasks/quick/parse',
    {
      schema: {
        tags,
        summary: 'What quick add would create from a line, without saving it',
        body: QuickAddBody,
        response: { 200: QuickAddParseAnswer, ...errors },
      },
    },
    async (req) => parseQuickAddText(deps, actorOf(req), req.body.text),
  );

  r.get(
    '/api/tasks/:id',
    { schema: { tags, summary: 'Get a task', params: IdParams, response: { 200: TaskSchema, ...errors } } },
    async (req, reply) => sendTask(reply, await getTask(deps, actorOf(req), req.params.id)),
  );

  r.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Change some fields (If-Match honoured)',
        params: IdParams,
        body: PatchTaskBody,
        response: { 200: TaskSchema, 412: ProblemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      return sendTask(reply, await updateTask(deps, actorOf(req), req.params.id, req.body, { ifMatch }));
    },
  );

  r.put(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Replace the editable fields (If-Match honoured)',
        params: IdParams,
        body: ReplaceTaskBody,
        response: { 200: TaskSchema, 412: ProblemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      return sendTask(reply, await replaceTask(deps, actorOf(req), req.params.id, req.body, { ifMatch }));
    },
  );

  r.delete(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a task (ends a series)',
        params: IdParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteTask(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete a task (idempotent)',
        params: IdParams,
        response: { 200: TaskSchema, ...errors },
      },
    },
    async (req, reply) => sendTask(reply, await completeTask(deps, actorOf(req), req.params.id)),
  );

  r.post(
    '/api/tasks/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a completed task',
        params: IdParams,
        response: { 200: TaskSchema, ...errors },
      },
    },
    async (req, reply) => sendTask(reply, await reopenTask(deps, actorOf(req), req.params.id)),
  );
}
