// The routes a Dapr sidecar calls: GET /dapr/subscribe (read once, when the app port first
// accepts connections) and one POST route per subscribed topic. Answers are always 200 with a
// status, so the sidecar's resiliency policy — not HTTP error handling — decides on redelivery.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type DaprStatus = 'SUCCESS' | 'RETRY' | 'DROP';

/** What the Dapr bus offers the HTTP layer (kept structural: http/ does not import events/). */
export interface DaprSubscriber {
  subscriptions(): unknown[];
  handle(
    pubsub: string,
    topic: string,
    body: string,
    meta: { partition?: string | undefined; offset?: string | undefined },
  ): Promise<DaprStatus>;
  handleBulk(pubsub: string, topic: string, body: string): Promise<{ entryId: string; status: DaprStatus }[]>;
}

export interface DaprRouteOptions {
  /**
   * APP_API_TOKEN: when set, the sidecar (started with the same APP_API_TOKEN) sends it as
   * dapr-api-token, and calls without it are refused, so nobody else can inject events.
   */
  appApiToken?: string | undefined;
}

export async function daprRoutes(
  app: FastifyInstance,
  subscriber: DaprSubscriber,
  options: DaprRouteOptions = {},
): Promise<void> {
  await app.register(async (scope) => {
    // Bodies stay raw text: the bus decodes them, and a broken one must become DROP, not a 400.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    if (options.appApiToken) {
      const expected = Buffer.from(options.appApiToken);
      scope.addHook('onRequest', async (request, reply) => {
        const given = Buffer.from(header(request, 'dapr-api-token') ?? '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          return reply.code(401).send({ status: 'DROP', detail: 'dapr-api-token required' });
      });
    }

    scope.get('/dapr/subscribe', async () => subscriber.subscriptions());

    scope.post<{ Params: { pubsub: string; topic: string } }>(
      '/dapr/events/:pubsub/:topic',
      async (request, reply) => {
        const body = typeof request.body === 'string' ? request.body : '';
        const status = await subscriber.handle(request.params.pubsub, request.params.topic, body, {
          partition: header(request, '__partition'),
          offset: header(request, '__offset'),
        });
        return reply.code(200).send({ status });
      },
    );

    // Bulk subscriptions: a status per entry. A malformed envelope answers 400, and the sidecar
    // retries the whole bulk (its resiliency policy bounds that).
    scope.post<{ Params: { pubsub: string; topic: string } }>(
      '/dapr/bulk/:pubsub/:topic',
      async (request, reply) => {
        const body = typeof request.body === 'string' ? request.body : '';
        try {
          const statuses = await subscriber.handleBulk(request.params.pubsub, request.params.topic, body);
          return reply.code(200).send({ statuses });
        } catch (error) {
          return reply.code(400).send({ detail: error instanceof Error ? error.message : String(error) });
        }
      },
    );
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
