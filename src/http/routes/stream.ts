// GET /api/stream: the signed-in user's task-events and task-updates as Server-Sent Events
// (DESIGN §4). Mounted where the `realtime` role runs; authenticated like every /api route.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Counter, Gauge } from 'prom-client';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/problem.ts';
import { STREAM_RESET, StreamQuery } from '../../../contract/stream.ts';
import { AppError } from '../../errors.ts';
import { SSE_HEADERS } from '../../realtime/frames.ts';
import type { RealtimeHub } from '../../realtime/hub.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Metrics } from '../plugins/metrics.ts';

export interface StreamRouteOptions {
  hub: RealtimeHub;
  metrics?: Metrics;
}

const DESCRIPTION = `Every \`task-events\` and \`task-updates\` event of the signed-in user, as they happen.
Each message is \`event: <CloudEvents type>\`, \`id: <event id>\`, \`data: <the CloudEvent as one line of JSON>\`.
The stream starts with \`retry:\` (and, on a fresh start, an \`id:\` to resume from), sends \`: ping\`
comments while idle, and resumes after a reconnect: send \`Last-Event-ID\` (or \`?lastEventId=\`) and the
events missed since come first, in order, then live ones. If that id cannot be resumed from (unknown,
expired after 7 days, or too far behind), a \`${STREAM_RESET}\` message says so: refetch, then keep reading.
A client that does not keep up with its events is disconnected; it reconnects and resumes.`;

export async function streamRoutes(app: FastifyInstance, options: StreamRouteOptions): Promise<void> {
  const { hub } = options;
  if (options.metrics) registerStreamMetrics(options.metrics, hub);
  // Open streams never finish by themselves: the server could not close while they last.
  app.addHook('preClose', async () => hub.close());

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/stream',
    {
      schema: {
        tags: ['stream'],
        summary: 'Live events of the signed-in user (Server-Sent Events)',
        description: DESCRIPTION,
        querystring: StreamQuery,
        // Loose: a headers schema replaces request.headers with what it parsed.
        headers: z.looseObject({ 'last-event-id': z.string().optional() }),
        response: {
          200: {
            description: 'A text/event-stream that stays open',
            content: {
              'text/event-stream': {
                schema: z
                  .string()
                  .describe('event: <type>\\nid: <event id>\\ndata: <CloudEvent JSON>\\n\\n …'),
              },
            },
          },
          401: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!hub.accepting) throw new AppError('unavailable', 'The server is shutting down; reconnect.');
      // The header is what EventSource sends on its own reconnects, so it wins over the query.
      const header = request.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' ? header : undefined) ?? request.query.lastEventId;
      reply.hijack();
      request.raw.socket.setNoDelay(true);
      reply.raw.writeHead(200, SSE_HEADERS);
      await hub.open(actor.userId, lastEventId, reply.raw);
    },
  );
}

function registerStreamMetrics(metrics: Metrics, hub: RealtimeHub): void {
  new Gauge({
    name: 'taskstream_sse_streams',
    help: 'Open Server-Sent Events streams',
    registers: [metrics.registry],
    collect() {
      this.set(hub.stats().streams);
    },
  });
  new Gauge({
    name: 'taskstream_sse_buffered_events',
    help: 'Events held back by streams (catching up or waiting for slow clients)',
    registers: [metrics.registry],
    collect() {
      this.set(hub.stats().buffered);
    },
  });
  new Counter({
    name: 'taskstream_sse_disconnects_total',
    help: 'Streams ended, by reason (client, overflow: a slow client cut off, shutdown, error)',
    labelNames: ['reason'] as const,
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(hub.stats().disconnects)) this.inc({ reason }, count);
    },
  });
}
