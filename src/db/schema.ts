// The database schema. Better Auth owns users/sessions/accounts/verifications (its shape, our
// table names); everything else is Taskstream's. Migrations are generated from this file.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const textC = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: tstz('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: tstz('access_token_expires_at'),
    refreshTokenExpiresAt: tstz('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = pgTable('verifications', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: tstz('expires_at').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['pending', 'completed'] }).notNull(),
    priority: text('priority', { enum: ['none', 'low', 'medium', 'high', 'urgent'] }).notNull(),
    /** Sort key for priority; kept in step with `priority` by the repository. */
    priorityRank: smallint('priority_rank').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    dueAt: tstz('due_at'),
    allDay: boolean('all_day').notNull().default(false),
    timeZone: text('time_zone').notNull(),
    /** When a pending task becomes overdue (due time, or the end of an all-day task's date). */
    overdueAt: tstz('overdue_at'),
    recurrenceRule: text('recurrence_rule'),
    recurrenceBasis: text('recurrence_basis', { enum: ['due', 'completion'] }),
    seriesId: uuid('series_id'),
    /** DTSTART of the series' current rule: a local wall time (or date) in time_zone. */
    seriesStart: text('series_start'),
    /** Position of this occurrence counted from series_start (0 = the start); COUNT ends the series. */
    occurrenceIndex: integer('occurrence_index').notNull().default(0),
    /** The completed occurrence this one follows; unique, so each completion spawns at most one. */
    spawnedFrom: uuid('spawned_from'),
    completedAt: tstz('completed_at'),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    deletedAt: tstz('deleted_at'),
    version: integer('version').notNull(),
    /**
     * Sort key of `sort=title`: the title lower-cased by the application (Postgres' lower() only
     * folds ASCII under the C locale PGlite uses) in code-point order, the same on every cluster.
     */
    titleKey: textC('title_key').notNull(),
    /** Words of title and description, lower-cased and split on anything but letters and digits. */
    search: tsvector('search').notNull(),
  },
  (t) => [
    index('tasks_user_status_due_idx').on(t.userId, t.status, t.dueAt, t.id).where(sql`deleted_at IS NULL`),
    index('tasks_user_status_created_idx')
      .on(t.userId, t.status, t.createdAt, t.id)
      .where(sql`deleted_at IS NULL`),
    index('tasks_user_status_updated_idx')
      .on(t.userId, t.status, t.updatedAt, t.id)
      .where(sql`deleted_at IS NULL`),
    index('tasks_user_status_priority_idx')
      .on(t.userId, t.status, t.priorityRank, t.id)
      .where(sql`deleted_at IS NULL`),
    index('tasks_user_status_title_idx')
      .on(t.userId, t.status, t.titleKey, t.id)
      .where(sql`deleted_at IS NULL`),
    // user_id first (btree_gin): a tag or word filter reads one user's entries, not everyone's.
    index('tasks_search_idx').using('gin', t.userId, t.search).where(sql`deleted_at IS NULL`),
    index('tasks_tags_idx').using('gin', t.userId, t.tags).where(sql`deleted_at IS NULL`),
    index('tasks_series_idx').on(t.seriesId),
    uniqueIndex('tasks_spawned_from_idx').on(t.spawnedFrom),
  ],
);

export const reminders = pgTable(
  'reminders',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    position: smallint('position').notNull(),
    offsetMinutes: integer('offset_minutes'),
    at: tstz('at'),
    remindAt: tstz('remind_at'),
    state: text('state', { enum: ['pending', 'sent', 'cancelled'] }).notNull(),
    sentAt: tstz('sent_at'),
  },
  (t) => [
    index('reminders_task_idx').on(t.taskId),
    index('reminders_due_idx').on(t.remindAt).where(sql`state = 'pending' AND remind_at IS NOT NULL`),
  ],
);

export const tagColors = pgTable(
  'tag_colors',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.name] })],
);

/** Events written in the same transaction as the change; the relay publishes them in order. */
export const outbox = pgTable(
  'outbox',
  {
    position: bigint('position', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid('event_id').notNull(),
    topic: text('topic').notNull(),
    partitionKey: text('partition_key').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: tstz('created_at').notNull(),
    publishedAt: tstz('published_at'),
  },
  (t) => [
    uniqueIndex('outbox_event_idx').on(t.eventId),
    // SSE resume: a user's events after a given one, in order.
    index('outbox_user_position_idx').on(t.partitionKey, t.position),
    index('outbox_pending_idx').on(t.position).where(sql`published_at IS NULL`),
  ],
);

/** Event ids a consumer has applied, written with its effect: redelivery changes nothing. */
export const inbox = pgTable(
  'inbox',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    handledAt: tstz('handled_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/** Events a consumer gave up on after bounded retries, with the error, for an operator to replay. */
export const deadLetters = pgTable(
  'dead_letters',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    failedAt: tstz('failed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/** The activity log: one row per event, keyed by event id, so recording twice is a no-op. */
export const activity = pgTable(
  'activity',
  {
    eventId: uuid('event_id').primaryKey(),
    userId: text('user_id').notNull(),
    taskId: uuid('task_id'),
    type: text('type').notNull(),
    time: tstz('time').notNull(),
    data: jsonb('data').notNull(),
  },
  (t) => [
    index('activity_user_time_idx').on(t.userId, t.time, t.eventId),
    index('activity_task_time_idx').on(t.taskId, t.time, t.eventId),
  ],
);

/** Secrets the app generates for itself on first start (e.g. the auth secret in embedded mode). */
export const appSecrets = pgTable('app_secrets', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/** In-app notifications; one per source event, so a redelivered reminder notifies once. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    taskId: uuid('task_id'),
    reminderId: uuid('reminder_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    sourceEventId: uuid('source_event_id').notNull(),
    createdAt: tstz('created_at').notNull(),
    readAt: tstz('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_source_idx').on(t.sourceEventId, t.kind),
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
  ],
);

/** Outgoing webhooks of a user: JSON CloudEvents signed with the webhook's secret. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    secret: text('secret').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [index('webhooks_user_idx').on(t.userId)],
);

/**
 * The durable queue of outgoing deliveries (webhook calls, e-mails): a row per target and event,
 * retried with back-off until delivered or given up; a dead endpoint only delays its own rows.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel', { enum: ['webhook', 'email'] }).notNull(),
    /** The webhook id, or the user id for e-mail. */
    target: text('target').notNull(),
    userId: text('user_id').notNull(),
    eventId: uuid('event_id').notNull(),
    payload: jsonb('payload').notNull(),
    state: text('state', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: tstz('created_at').notNull(),
    deliveredAt: tstz('delivered_at'),
  },
  (t) => [
    uniqueIndex('deliveries_once_idx').on(t.channel, t.target, t.eventId),
    index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`),
  ],
);

/**
 * Assistant conversations: the messages of one chat, so the server keeps no state between
 * requests and history survives restarts. (With Dapr, the state store can hold them instead.)
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    messages: jsonb('messages').notNull(),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('conversations_user_idx').on(t.userId, t.updatedAt)],
);
