// Routes only a Dapr sidecar calls (beyond pub/sub, see dapr.ts), never the browser:
//   POST /internal/series/advance   service invocation from `recurrence` (api only): next occurrence
//   POST /job/:name                 the Jobs API calling back (scheduler, REMINDER_SCHEDULER=dapr-jobs)
//   OPTIONS|POST /<binding>         the bindings.cron input binding (scheduler's backstop sweep)
// Every one is guarded by APP_API_TOKEN: the sidecar, started with the same token, sends it as
// dapr-api-token on everything it forwards, and nothing else on the machine has it. The internal
// write route is not mounted at all without a token (an open door to task writes otherwise).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { advanceSeries } from '../../app/advance-series.ts';
import type { AppDeps } from '../../ports/index.ts';
import { sendProblem } from '../plugins/problem.ts';

export const SERIES_ADVANCE_PATH = '/internal/series/advance';

export interface DaprAppRouteOptions {
  appApiToken?: string | undefined;
  /** Serve the internal series route with these deps (the `api` role in the distributed shape). */
  series?: AppDeps | undefined;
  /** Called for POST /job/<name>; resolves when the job's work is done. */
  onJob?: ((name: string) => Promise<void>) | undefined;
  /** Input bindings this app serves: route name (= binding name) → what a trigger does. */
  bindings?: Record<string, () => Promise<void>> | undefined;
}

const AdvanceBody = z.strictObject({ userId: z.string().min(1).max(200), completedId: z.uuid() });

export async function daprAppRoutes(app: FastifyInstance, options: DaprAppRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    // Job and binding bodies are whatever Dapr sends (often empty): never a 415 or a parse error.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const token = options.appApiToken ? Buffer.from(options.appApiToken) : null;
    const guard = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!token) return;
      const given = Buffer.from(headerOf(request, 'dapr-api-token') ?? '');
      if (given.length !== token.length || !timingSafeEqual(given, token))
        return sendProblem(reply, 'unauthorized', 'Only the Dapr sidecar may call this (dapr-api-token).');
    };
    const hidden = { schema: { hide: true }, onRequest: guard };

    if (options.series && token) {
      const deps = options.series;
      scope.post(SERIES_ADVANCE_PATH, hidden, async (request, reply) => {
        let body: unknown;
        try {
          body = JSON.parse(String(request.body ?? ''));
        } catch {
          body = null;
        }
        const parsed = AdvanceBody.safeParse(body);
        if (!parsed.success)
          return sendProblem(reply, 'validation', 'Expected { userId, completedId }.', [
            { path: 'body', message: parsed.error.issues[0]?.message ?? 'is invalid' },
          ]);
        const next = await advanceSeries(deps, parsed.data.userId, parsed.data.completedId);
        request.log.debug(
          { caller: headerOf(request, 'dapr-caller-app-id'), nextId: next?.id ?? null },
          'series advanced on request',
        );
        return reply.send({ nextId: next?.id ?? null });
      });
    }

    if (options.onJob) {
      const onJob = options.onJob;
      scope.post<{ Params: { name: string } }>('/job/:name', hidden, async (request, reply) => {
        await onJob(request.params.name);
        return reply.send({});
      });
    }

    for (const [name, run] of Object.entries(options.bindings ?? {})) {
      // daprd probes OPTIONS /<binding> and disables the binding unless it gets 2xx or 405.
      scope.options(`/${name}`, { schema: { hide: true } }, async (_request, reply) =>
        reply.code(204).send(),
      );
      scope.post(`/${name}`, hidden, async (_request, reply) => {
        await run();
        return reply.send({});
      });
    }
  });
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
