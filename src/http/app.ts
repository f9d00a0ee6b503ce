// The Fastify application: plugins, then routes. Routes validate, authenticate, call one use case
// and present its result; they never reach the database themselves.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ChatServices } from '../app/chat.ts';
import { AppError } from '../errors.ts';
import type { AppDeps, Authenticator, Logger } from '../ports/index.ts';
import { requireSession } from './plugins/auth.ts';
import { type Metrics, registerMetrics } from './plugins/metrics.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { problemBody, registerProblemHandlers } from './plugins/problem.ts';
import { registerWeb, type WebOptions } from './plugins/web.ts';
import { activityRoutes } from './routes/activity.ts';
import { authRoutes } from './routes/auth.ts';
import { chatRoutes } from './routes/chat.ts';
import { healthRoutes, type ReadinessCheck } from './routes/health.ts';
import { mcpRoutes } from './routes/mcp.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { recurrenceRoutes } from './routes/recurrence.ts';
import { type StreamRouteOptions, streamRoutes } from './routes/stream.ts';
import { tagRoutes } from './routes/tags.ts';
import { taskRoutes } from './routes/tasks.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export interface HttpOptions {
  deps: AppDeps;
  auth: Authenticator;
  metrics: Metrics;
  /** Refreshes gauges (outbox lag, …) just before /metrics answers. */
  refreshMetrics: () => Promise<void>;
  readiness: ReadinessCheck[];
  baseUrl: string;
  logger: Logger | false;
  /** POST /api/chat (and GET /api/chat/{id}), where the `api` role runs the assistant. */
  chat?: ChatServices;
  /** Extra routes other roles mount on the same server (e.g. Dapr subscriptions). */
  extraRoutes?: ((app: FastifyInstance) => Promise<void>)[];
  /** GET /api/stream, where the `realtime` role runs (its hub holds the connections). */
  stream?: Omit<StreamRouteOptions, 'metrics'>;
  /** The built web app at `/` (web/dist); false: not served by this process. */
  web?: WebOptions | false;
}

export const BODY_LIMIT = 1024 * 1024;

export async function buildHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger === false ? undefined : (options.logger as never),
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors Fastify raises before routing (bad percent-encoding, over-long paths) are problems too.
    frameworkErrors: (error, _request, res) => {
      const reply = res as FastifyReply;
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void reply
        .code(status)
        .type('application/problem+json')
        .send(
          problemBody(status, error.code ?? 'bad_request', error.message, [
            { path: 'url', message: error.message },
          ]),
        );
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Our own DTOs are already in wire shape: plain JSON.stringify keeps responses fast.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // An empty body with a JSON content type is common for POST /complete; treat it as no body.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        new AppError('validation', 'The body is not valid JSON.', [
          { path: 'body', message: (error as Error).message },
        ]),
      );
    }
  });

  registerProblemHandlers(app);
  await registerOpenApi(app);
  registerMetrics(app, options.metrics, options.refreshMetrics);
  await healthRoutes(app, options.readiness);
  await authRoutes(app, options.auth, options.baseUrl);

  await app.register(async (api) => {
    requireSession(api, options.auth);
    await taskRoutes(api, options.deps);
    await tagRoutes(api, options.deps);
    await meRoutes(api, options.deps, options.auth);
    await activityRoutes(api, options.deps);
    await recurrenceRoutes(api);
    await notificationRoutes(api, options.deps);
    await webhookRoutes(api, options.deps);
    if (options.chat) await chatRoutes(api, options.deps, options.chat);
    if (options.stream) await streamRoutes(api, { ...options.stream, metrics: options.metrics });
  });
  // Authenticated like /api, but failures answer as JSON-RPC errors: its clients speak MCP.
  await mcpRoutes(app, {
    deps: options.deps,
    auth: options.auth,
    baseUrl: options.baseUrl,
    logger: options.logger === false ? undefined : options.logger,
  });
  for (const mount of options.extraRoutes ?? []) await mount(app);
  // Last: every path no route above claims (and that is not an API path) is a page of the app.
  if (options.web !== false) await registerWeb(app, options.web);
  return app;
}
