// The composition root: the one place adapters are chosen (database, bus, auth) and wired to the
// roles this process runs. Tests build the same thing with an in-memory database.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Config, Role } from '../config.ts';
import { CONSUMERS } from '../consumers/index.ts';
import { realtimeSubscription } from '../consumers/realtime.ts';
import { recurrenceConsumer, remoteRecurrenceConsumer } from '../consumers/recurrence.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { EVENT_TYPES } from '../domain/events.ts';
import { newId } from '../domain/ids.ts';
import { assertEveryTypeHandled, type Consumer, subscriptionFor } from '../events/consumer.ts';
import { Relay } from '../events/relay.ts';
import { buildHttpApp } from '../http/app.ts';
import { createMetrics } from '../http/plugins/metrics.ts';
import { CleanupJob } from '../jobs/cleanup.ts';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../jobs/delivery-worker.ts';
import { SmtpMailer } from '../jobs/mailer.ts';
import { ReminderScheduler } from '../jobs/reminder-scheduler.ts';
import { FetchWebhookSender } from '../jobs/webhook-sender.ts';
import type { AppDeps, Clock, EventBus, Logger } from '../ports/index.ts';
import { RealtimeHub } from '../realtime/hub.ts';
import { DrizzleConversationStore } from '../repositories/conversation-repository.ts';
import { DELIVERY_CHANNEL, DrizzleDeliveryStore } from '../repositories/delivery-repository.ts';
import {
  DrizzleDeadLetterStore,
  DrizzleOutboxStore,
  OUTBOX_CHANNEL,
} from '../repositories/outbox-repository.ts';
import { DrizzleReminderStore, REMINDERS_CHANNEL } from '../repositories/reminder-repository.ts';
import { DrizzleRetentionStore } from '../repositories/retention-repository.ts';
import { DrizzleEventLog } from '../repositories/stream-repository.ts';
import { DrizzleUnitOfWork } from '../repositories/unit-of-work.ts';
import { createAssistant } from './assistant.ts';
import { createAuthenticator, resolveAuthSecret } from './auth.ts';
import { createBus } from './bus.ts';
import { conversationStoreFor, daprAppParts, remoteSeriesFor } from './dapr.ts';

export interface Taskstream {
  config: Config;
  http: FastifyInstance;
  database: Database;
  bus: EventBus;
  deps: AppDeps;
  relay: Relay | null;
  /** Prunes expired rows; runs with the relay (one per deployment is enough, more are harmless). */
  cleanup: CleanupJob | null;
  /** The `scheduler` role's reminder timer, when this process runs it. */
  scheduler: ReminderScheduler | null;
  /** The `notifier` role's webhook and e-mail delivery worker, when this process runs it. */
  deliveries: DeliveryWorker | null;
  /** The `realtime` role's SSE fan-out, when this process runs it (it then serves GET /api/stream). */
  realtime: RealtimeHub | null;
  logger: Logger;
  /** Publishes everything committed so far and waits for consumers (memory bus): for tests. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  database?: Database;
  logger?: pino.Logger;
  /** Keep the relay idle so a test can drive it with settle(). */
  manualRelay?: boolean;
  /** Keep the scheduler's timer off so a test can drive it with runOnce() (default: manualRelay). */
  manualScheduler?: boolean;
  /** Tuning of the delivery worker (attempts, back-off, timeout, …). */
  deliveries?: Partial<DeliveryWorkerOptions>;
  /** Do not start the delivery worker: a test drives it with runDue(). */
  manualDeliveries?: boolean;
}

const systemClock: Clock = { now: () => new Date() };
const RELAY_LOCK = 7_214_001;

function sourceFor(roles: Role[]): string {
  return `taskstream/${roles.length === 1 ? roles[0] : 'api'}`;
}

export async function createTaskstream(config: Config, overrides: Overrides = {}): Promise<Taskstream> {
  assertEveryTypeHandled(
    EVENT_TYPES,
    CONSUMERS.map((c) => c.consumer),
  );
  const logger = overrides.logger ?? pino({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  await database.migrate();

  // The relay and scheduler are built below, after the consumers that use `deps`.
  const local: { relay: Relay | null; scheduler: ReminderScheduler | null } = {
    relay: null,
    scheduler: null,
  };
  const uow = new DrizzleUnitOfWork(database.db, {
    notifyOutbox: () => !local.relay?.leading,
    notifyReminders: (at) => {
      const armedFor = local.scheduler?.armedFor;
      return !armedFor || at < armedFor;
    },
    outboxCommitted: () => local.relay?.poke(),
  });
  const deps: AppDeps = {
    uow,
    clock,
    newId,
    source: sourceFor(config.roles),
    channels: { email: config.smtpUrl !== undefined },
  };
  const runs = (role: Role) => config.roles.includes(role);

  const { bus, routes: busRoutes } = await createBus(config, {
    logger,
    deadLetters: new DrizzleDeadLetterStore(database.db),
  });
  // Apart from `api` on Dapr, `recurrence` asks api to write next occurrences (ADR 008).
  const remoteSeries = remoteSeriesFor(config);
  for (const { role, consumer } of CONSUMERS)
    if (runs(role))
      await bus.subscribe(
        subscriptionFor(
          remoteSeries && consumer.name === recurrenceConsumer.name
            ? (remoteRecurrenceConsumer(remoteSeries) as Consumer)
            : consumer,
          deps,
        ),
      );
  // Not an inbox consumer (see consumers/realtime.ts): a broadcast subscription feeding the hub.
  const realtime = runs('realtime')
    ? new RealtimeHub({
        log: new DrizzleEventLog(database.db),
        logger,
        heartbeatMs: config.sse.heartbeatMs,
        retryMs: config.sse.retryMs,
        limits: { maxEvents: config.sse.bufferEvents, maxBytes: config.sse.bufferBytes },
        resumeMax: config.sse.resumeMax,
      })
    : null;
  if (realtime) await bus.subscribe(realtimeSubscription(realtime));

  const outboxStore = new DrizzleOutboxStore(database.db);
  const relay = runs('relay')
    ? new Relay({
        store: outboxStore,
        bus,
        clock,
        logger,
        listen: (onNotify) => database.listen(OUTBOX_CHANNEL, onNotify),
        acquireLeadership: (onLost) => database.tryLock(RELAY_LOCK, onLost),
      })
    : null;

  local.relay = relay;
  const scheduler = runs('scheduler')
    ? new ReminderScheduler({
        store: new DrizzleReminderStore(database.db),
        clock,
        logger,
        newId,
        listen: (onNotify) => database.listen(REMINDERS_CHANNEL, onNotify),
      })
    : null;
  // Jobs API, cron binding and internal invocation routes, where the configuration asks for them.
  const dapr = daprAppParts(config, {
    deps,
    clock,
    logger,
    scheduler,
    listenReminders: (onNotify) => database.listen(REMINDERS_CHANNEL, onNotify),
  });

  // Under the Jobs API the scheduler arms no timer of its own: NOTIFY stays on for the driver.
  local.scheduler = dapr.reminders ? null : scheduler;

  const baseUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const mailer =
    config.smtpUrl && runs('notifier') ? new SmtpMailer({ smtpUrl: config.smtpUrl, appUrl: baseUrl }) : null;
  const deliveries = runs('notifier')
    ? new DeliveryWorker({
        store: new DrizzleDeliveryStore(database.db),
        clock,
        logger,
        webhooks: new FetchWebhookSender({ clock }),
        mailer,
        listen: (onNotify) => database.listen(DELIVERY_CHANNEL, onNotify),
        ...overrides.deliveries,
      })
    : null;
  const auth = createAuthenticator(database.db, {
    secret: await resolveAuthSecret(database.db, config.authSecret),
    baseURL: baseUrl,
    production: config.production,
  });
  const metrics = createMetrics();
  scheduler?.onFired((fired, at) => {
    for (const r of fired) metrics.reminderLateness.observe((at.getTime() - r.remindAt.getTime()) / 1000);
  });
  const http = await buildHttpApp({
    deps,
    auth,
    metrics,
    baseUrl,
    logger: overrides.logger === undefined ? (logger as unknown as Logger) : false,
    refreshMetrics: async () => {
      const lag = await outboxStore.lag(clock.now());
      metrics.outboxLag.set(lag.count);
      metrics.outboxLagSeconds.set(lag.oldestSeconds);
    },
    readiness: [
      { name: 'database', check: () => database.ping().then(() => true) },
      { name: 'bus', check: () => bus.healthy() },
    ],
    extraRoutes: [...busRoutes, ...dapr.routes],
    // The assistant: its conversations in the table, or the Dapr state store on EVENT_BUS=dapr.
    ...(runs('api')
      ? {
          chat: {
            conversations: conversationStoreFor(config, () => new DrizzleConversationStore(database.db)),
            assistant: createAssistant(config, deps, logger),
          },
        }
      : {}),
    // Where realtime runs, this process serves /api/stream (distributed: the ingress sends it here).
    ...(realtime ? { stream: { hub: realtime } } : {}),
  });

  const cleanup = runs('relay')
    ? new CleanupJob({ store: new DrizzleRetentionStore(database.db), clock, logger })
    : null;
  if (relay && !overrides.manualRelay) await relay.start();
  if (cleanup && !overrides.manualRelay) cleanup.start();
  if (scheduler && !(overrides.manualScheduler ?? overrides.manualRelay))
    await (dapr.reminders ?? scheduler).start();
  if (deliveries && !overrides.manualDeliveries) await deliveries.start();

  return {
    config,
    http,
    database,
    bus,
    deps,
    relay,
    cleanup,
    scheduler,
    deliveries,
    realtime,
    logger,
    async settle() {
      if (!relay) return;
      await relay.drain();
    },
    async close() {
      realtime?.close();
      await http.close();
      await dapr.reminders?.stop();
      await scheduler?.stop();
      await cleanup?.stop();
      await relay?.stop();
      await deliveries?.stop();
      await mailer?.close();
      await bus.close();
      if (!overrides.database) await database.close();
    },
  };
}
