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
  SMTP_URL: optionalUrl,
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
  replicaId: string;
  roles: Role[];
  authSecret: string | undefined;
  publicUrl: string | undefined;
  logLevel: string;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  smtpUrl: string | undefined;
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
    replicaId: e.REPLICA_ID ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '-')}-${process.pid}`,
    roles: e.ROLES,
    authSecret: e.AUTH_SECRET,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    openai: { apiKey: e.OPENAI_API_KEY || undefined, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    smtpUrl: e.SMTP_URL,
    production: e.NODE_ENV === 'production',
  };
}
