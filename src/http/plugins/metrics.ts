// Prometheus metrics: request rate and latency by route, plus gauges the composition root feeds.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { FROM_BUNDLE } from '../../paths.ts';

export interface Metrics {
  registry: Registry;
  /** Outbox rows not yet published, and the age of the oldest. */
  outboxLag: Gauge;
  outboxLagSeconds: Gauge;
  /** How long after its remindAt each reminder's firing committed (the scheduler feeds it). */
  reminderLateness: Histogram;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'taskstream_' });
  new Gauge({
    name: 'taskstream_build_info',
    help: 'Always 1; its labels say what runs: the server bundle (dist/) or the sources',
    labelNames: ['code'] as const,
    registers: [registry],
  }).set({ code: FROM_BUNDLE ? 'bundle' : 'sources' }, 1);
  return {
    registry,
    outboxLag: new Gauge({
      name: 'taskstream_outbox_pending',
      help: 'Outbox events not yet published',
      registers: [registry],
    }),
    outboxLagSeconds: new Gauge({
      name: 'taskstream_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event',
      registers: [registry],
    }),
    reminderLateness: new Histogram({
      name: 'taskstream_reminder_lateness_seconds',
      help: 'Time from a reminder being due to its firing being committed',
      // Up to minutes: reminders that came due while no scheduler ran fire late, at start.
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics, refresh: () => Promise<void>): void {
  const duration = new Histogram({
    name: 'taskstream_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration
      .labels({ method: request.method, route, status: String(reply.statusCode) })
      .observe(reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    await refresh().catch(() => {});
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
