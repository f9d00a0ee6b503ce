// The only module that reads process.env: everything else receives a parsed Config.
import { hostname } from 'node:os';
import { z } from 'zod';

export const ROLES = ['api', 'relay', 'recurrence', 'scheduler', 'notifier', 'audit', 'realtime'] as const;
export type Role = (typeof ROLES)[number];

const roleList = z
  .string()
  .default('all')
  .transform((value, ctx) => {
    const names = value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (names.length === 0 || names.includes('all')) return [...ROLES];
    const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown role(s) ${unknown.join(', ')}; known: ${ROLES.join(', ')}`,
      });
      return z.NEVER;
    }
    return names as Role[];
  });

const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  EVENT_BUS: z.enum(['memory', 'kafka', 'dapr']).default('memory'),
  KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  DAPR_HTTP_PORT: z.coerce.number().int().positive().default(3500),
  DAPR_PUBSUB: z.string().default('pubsub'),
  // Dapr's pubsub.kafka takes its consumer group from the component, not from a subscription, so
  // broadcast subscriptions need a second component whose group is per replica.
  DAPR_PUBSUB_BROADCAST: z.string().optional(),
  // Sent to the sidecar as dapr-api-token, and required from it on the subscription routes.
  DAPR_API_TOKEN: z.string().optional(),
  APP_API_TOKEN: z.string().optional(),
  // Prefix of every topic and consumer group name on kafka and dapr buses: separate
  // deployments (or test runs) can share a cluster.
  EVENT_TOPIC_PREFIX: z.string().default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  // Dapr building blocks beyond pub/sub (ADR 008). An empty store name turns that use off.
  // Secrets missing from the environment are read from this store at start when EVENT_BUS=dapr.
  DAPR_SECRET_STORE: z.string().default('secretstore'),
  // Assistant conversations live in this state store when EVENT_BUS=dapr (else in their table).
  DAPR_STATE_STORE: z.string().default('statestore'),
  // The app id `recurrence` invokes to create next occurrences when it runs apart from `api`.
  DAPR_API_APP_ID: z.string().default('api'),
  // The bindings.cron input binding (= the route it calls) of the scheduler's backstop sweep.
  DAPR_CRON_BINDING: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes')
    .default('reminder-sweep'),
  // builtin: the scheduler's own timer; dapr-jobs: a Dapr Jobs API job per next due reminder.
  REMINDER_SCHEDULER: z.enum(['builtin', 'dapr-jobs']).default('builtin'),
  // Names the per-replica consumer group of broadcast subscriptions (realtime).
  REPLICA_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only')
    .optional(),
  ROLES: roleList,
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  // `taskstream mcp` (stdio for desktop MCP clients) relays to this server with this session token.
  TASKSTREAM_URL: optionalUrl,
  TASKSTREAM_TOKEN: z.string().optional(),
  SMTP_URL: optionalUrl,
  // GET /api/stream: heartbeat comments keep proxies from closing idle streams; a client holding
  // back more than the buffer (events or bytes) is cut off and resumes; a client missing more than
  // SSE_RESUME_MAX_EVENTS is told to refetch instead of replaying them.
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(10).max(300_000).default(15_000),
  SSE_RETRY_MS: z.coerce.number().int().min(0).max(300_000).default(2_000),
  SSE_BUFFER_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  SSE_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  SSE_RESUME_MAX_EVENTS: z.coerce.number().int().min(0).default(10_000),
  NODE_ENV: z.string().default('development'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  eventBus: 'memory' | 'kafka' | 'dapr';
  kafkaBrokers: string[];
  daprHttpPort: number;
  daprPubsub: string;
  daprPubsubBroadcast: string;
  daprApiToken: string | undefined;
  appApiToken: string | undefined;
  topicPrefix: string;
  kafkaTopicPartitions: number;
  daprSecretStore: string;
  daprStateStore: string;
  daprApiAppId: string;
  daprCronBinding: string;
  reminderScheduler: 'builtin' | 'dapr-jobs';
  replicaId: string;
  roles: Role[];
  authSecret: string | undefined;
  publicUrl: string | undefined;
  logLevel: string;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  /** Where `taskstream mcp` relays to, and the bearer token it sends. */
  mcpRelay: { url: string; token: string | undefined };
  smtpUrl: string | undefined;
  sse: { heartbeatMs: number; retryMs: number; bufferEvents: number; bufferBytes: number; resumeMax: number };
  production: boolean;
}>;

export class ConfigError extends Error {}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    eventBus: e.EVENT_BUS,
    kafkaBrokers: e.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    daprHttpPort: e.DAPR_HTTP_PORT,
    daprPubsub: e.DAPR_PUBSUB,
    daprPubsubBroadcast: e.DAPR_PUBSUB_BROADCAST ?? `${e.DAPR_PUBSUB}-broadcast`,
    daprApiToken: e.DAPR_API_TOKEN || undefined,
    appApiToken: e.APP_API_TOKEN || undefined,
    topicPrefix: e.EVENT_TOPIC_PREFIX,
    kafkaTopicPartitions: e.KAFKA_TOPIC_PARTITIONS,
    daprSecretStore: e.DAPR_SECRET_STORE,
    daprStateStore: e.DAPR_STATE_STORE,
    daprApiAppId: e.DAPR_API_APP_ID,
    daprCronBinding: e.DAPR_CRON_BINDING,
    reminderScheduler: e.REMINDER_SCHEDULER,
    replicaId: e.REPLICA_ID ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '-')}-${process.pid}`,
    roles: e.ROLES,
    authSecret: e.AUTH_SECRET,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    openai: { apiKey: e.OPENAI_API_KEY || undefined, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    mcpRelay: {
      url:
        e.TASKSTREAM_URL ??
        e.PUBLIC_URL ??
        `http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
      token: e.TASKSTREAM_TOKEN || undefined,
    },
    smtpUrl: e.SMTP_URL,
    sse: {
      heartbeatMs: e.SSE_HEARTBEAT_MS,
      retryMs: e.SSE_RETRY_MS,
      bufferEvents: e.SSE_BUFFER_EVENTS,
      bufferBytes: e.SSE_BUFFER_BYTES,
      resumeMax: e.SSE_RESUME_MAX_EVENTS,
    },
    production: e.NODE_ENV === 'production',
  };
}

/** Secrets a process may read from the Dapr secret store instead of its environment (ADR 008). */
export const SECRET_NAMES = ['DATABASE_URL', 'AUTH_SECRET', 'OPENAI_API_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** The secrets the environment did not give. */
export function missingSecrets(config: Config): SecretName[] {
  const given: Record<SecretName, unknown> = {
    DATABASE_URL: config.databaseUrl,
    AUTH_SECRET: config.authSecret,
    OPENAI_API_KEY: config.openai.apiKey,
  };
  return SECRET_NAMES.filter((name) => given[name] === undefined);
}

/** Fills missing secrets with values read elsewhere, validated exactly as the environment's are. */
export function withSecrets(config: Config, values: Partial<Record<SecretName, string>>): Config {
  const parsed = schema
    .pick({ DATABASE_URL: true, AUTH_SECRET: true, OPENAI_API_KEY: true })
    .safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid secret(s) from the secret store:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    ...config,
    databaseUrl: config.databaseUrl ?? e.DATABASE_URL,
    authSecret: config.authSecret ?? e.AUTH_SECRET,
    openai: { ...config.openai, apiKey: config.openai.apiKey ?? (e.OPENAI_API_KEY || undefined) },
  };
}
