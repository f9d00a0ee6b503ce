// Which Dapr building blocks (beyond pub/sub, see bus.ts) this process uses, from the
// configuration and the roles it runs (ADR 008):
//   service invocation  `recurrence` apart from `api` asks it for next occurrences; `api` serves that
//   Jobs API            the `scheduler` role arms jobs instead of its timer (REMINDER_SCHEDULER=dapr-jobs)
//   bindings.cron       the `scheduler` role's backstop sweep
//   state               the assistant's conversations in a Dapr state store
// (Secrets are read before any of this: main/secrets.ts.)
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { DaprClient } from '../events/dapr-client.ts';
import { DaprConversationStore } from '../events/dapr-conversations.ts';
import { DaprSeriesService } from '../events/dapr-series.ts';
import { daprAppRoutes } from '../http/routes/dapr-app.ts';
import { JobsReminderDriver } from '../jobs/jobs-reminder-driver.ts';
import type { ReminderScheduler } from '../jobs/reminder-scheduler.ts';
import type { ConversationStore } from '../ports/conversations.ts';
import type { AppDeps, Clock, Logger } from '../ports/index.ts';
import type { SeriesService } from '../ports/series.ts';

type DaprConfig = Pick<
  Config,
  | 'eventBus'
  | 'roles'
  | 'daprHttpPort'
  | 'daprApiToken'
  | 'appApiToken'
  | 'daprStateStore'
  | 'daprApiAppId'
  | 'daprCronBinding'
  | 'reminderScheduler'
>;

function clientFor(config: DaprConfig): DaprClient {
  return new DaprClient({ httpPort: config.daprHttpPort, apiToken: config.daprApiToken });
}

/**
 * The remote way to advance a series, when this process runs `recurrence` but not `api` on Dapr;
 * null when the consumer advances series in its own transaction (one process, or no Dapr).
 */
export function remoteSeriesFor(config: DaprConfig): SeriesService | null {
  const runs = (role: Config['roles'][number]) => config.roles.includes(role);
  if (config.eventBus !== 'dapr' || !runs('recurrence') || runs('api')) return null;
  return new DaprSeriesService(clientFor(config), config.daprApiAppId);
}

/** Conversations in the Dapr state store on EVENT_BUS=dapr (unless DAPR_STATE_STORE is empty). */
export function conversationStoreFor(
  config: DaprConfig,
  otherwise: () => ConversationStore,
): ConversationStore {
  if (config.eventBus !== 'dapr' || config.daprStateStore === '') return otherwise();
  return new DaprConversationStore(clientFor(config), config.daprStateStore);
}

export interface DaprAppParts {
  /** Routes the sidecar calls: internal series route, job callback, cron binding. */
  routes: ((app: FastifyInstance) => Promise<void>)[];
  /** Drives the scheduler when REMINDER_SCHEDULER=dapr-jobs; null when it runs its own timer. */
  reminders: JobsReminderDriver | null;
}

export function daprAppParts(
  config: DaprConfig,
  parts: {
    deps: AppDeps;
    clock: Clock;
    logger: Logger;
    scheduler: ReminderScheduler | null;
    listenReminders: (onNotify: () => void) => Promise<() => Promise<void>>;
  },
): DaprAppParts {
  const { logger, scheduler } = parts;
  const onDapr = config.eventBus === 'dapr';
  const jobs = clientFor(config);
  const reminders =
    scheduler && config.reminderScheduler === 'dapr-jobs'
      ? new JobsReminderDriver({
          scheduler,
          timer: { schedule: (name, at) => jobs.scheduleJob(name, at) },
          clock: parts.clock,
          logger,
          listen: parts.listenReminders,
        })
      : null;
  const serveSeries = onDapr && config.roles.includes('api');
  if (serveSeries && !config.appApiToken && !config.roles.includes('recurrence'))
    logger.warn(
      {},
      'APP_API_TOKEN is not set: POST /internal/series/advance stays unmounted, so a separate recurrence role cannot create next occurrences',
    );
  const sweep =
    scheduler && (onDapr || reminders)
      ? { [config.daprCronBinding]: async () => (reminders ? reminders.trigger() : scheduler.poke()) }
      : undefined;
  if (!serveSeries && !reminders && !sweep) return { routes: [], reminders };
  return {
    reminders,
    routes: [
      (app) =>
        daprAppRoutes(app, {
          appApiToken: config.appApiToken,
          series: serveSeries ? parts.deps : undefined,
          onJob: reminders
            ? async (name) => {
                if (name === reminders.jobName) await reminders.trigger();
                else logger.warn({ job: name }, 'callback for a job this app does not know: ignored');
              }
            : undefined,
          bindings: sweep,
        }),
    ],
  };
}
