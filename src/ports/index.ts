// Interfaces the use cases need; adapters in repositories/ and events/ implement them.
//
// Glossary
// - task: one to-do of one user; a recurring task is one occurrence, its siblings share seriesId.
// - event: a CloudEvent of the catalogue (domain/events.ts), describing a change that happened.
// - outbox: the table every change writes its events to, in the transaction of the change, so a
//   change and its events commit or vanish together.
// - relay: the role that reads committed outbox rows in order and publishes them to the bus.
// - bus: whatever carries events between roles (in-process memory, Kafka, Dapr pub/sub).
// - consumer: a subscriber that reacts to some event types (audit, recurrence, notifier, …).
// - inbox: per consumer, the ids of events already applied, written with the effect, so a
//   redelivered event changes nothing.
// - unit of work: one database transaction with the repositories bound to it.
// - wakeup: after a commit that wrote outbox rows or pending reminders, the relay and schedulers
//   must look again: NOTIFY for other processes, a direct call for this one's.
import type { Priority, SortKey } from '../../contract/task.ts';
import type { AnyCloudEvent, EventType } from '../domain/events.ts';
import type { Task } from '../domain/task.ts';
import type { DeliveryQueue, NotificationRepository, WebhookRepository } from './notifications.ts';

export interface Clock {
  now(): Date;
}

export interface CursorPosition {
  /** The sort key's value of the last item: ISO string, number, text or null. */
  value: string | number | null;
  id: string;
}

export interface ListedTask {
  task: Task;
  /** Where this task stands in the requested order: what a cursor after it holds. */
  position: CursorPosition;
}

export interface TaskListQuery {
  status: 'pending' | 'completed' | 'all';
  priorities?: Priority[] | undefined;
  tags?: string[] | undefined;
  /** Words to match as prefixes, already split and cleaned. */
  words?: string[] | undefined;
  dueFrom?: Date | undefined;
  dueTo?: Date | undefined;
  /** Only pending tasks whose overdue moment is before this instant. */
  overdueBefore?: Date | undefined;
  sort: { key: SortKey; desc: boolean };
  limit: number;
  after?: CursorPosition | undefined;
}

export interface TaskRepository {
  insert(task: Task): Promise<void>;
  /**
   * A new task, its reminders and its events (the outbox) in one atomic statement: what a create
   * needs, without a transaction around it.
   */
  insertWithEvents(task: Task, events: AnyCloudEvent[]): Promise<void>;
  /** Inserts the next occurrence unless one already follows the same completion; false if so. */
  insertNext(task: Task): Promise<boolean>;
  /** Writes a new version; false when the stored version is not `expectedVersion`. */
  update(task: Task, expectedVersion: number): Promise<boolean>;
  /** A live (not deleted) task of this user, or null. */
  find(userId: string, id: string): Promise<Task | null>;
  /** Up to `limit + 1` tasks, so the caller knows whether another page exists. */
  list(userId: string, query: TaskListQuery): Promise<ListedTask[]>;
  /** The live occurrence that completing `completedId` created, or null. */
  spawnedBy(userId: string, completedId: string): Promise<Task | null>;
  /**
   * Keeps a tombstone and cancels its reminders. `releaseSeriesKey`: the tombstone no longer counts
   * as the occurrence that followed its completion, so completing that one again creates another.
   */
  markDeleted(task: Task, at: Date, options?: { releaseSeriesKey?: boolean }): Promise<void>;
  /** Live tasks of a user carrying a tag. */
  withTag(userId: string, tag: string): Promise<Task[]>;
}

export interface TagSummary {
  name: string;
  color: string | null;
  taskCount: number;
}

export interface TagRepository {
  list(userId: string): Promise<TagSummary[]>;
  setColor(userId: string, name: string, color: string): Promise<void>;
  /** True when a colour was stored. */
  removeColor(userId: string, name: string): Promise<boolean>;
}

export interface UserProfile {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  createdAt: Date;
}

export interface UserRepository {
  find(userId: string): Promise<UserProfile | null>;
  update(
    userId: string,
    patch: { name?: string | undefined; timeZone?: string | undefined },
  ): Promise<UserProfile | null>;
}

export interface ActivityEntry {
  id: string;
  type: string;
  time: Date;
  taskId: string | null;
  data: unknown;
}

export interface ActivityRepository {
  /** Idempotent on the event id. */
  record(event: AnyCloudEvent): Promise<void>;
  /** The same for several events in one statement. */
  recordMany(events: AnyCloudEvent[]): Promise<void>;
  list(
    userId: string,
    query: {
      taskId?: string | undefined;
      type?: string | undefined;
      limit: number;
      before?: { time: Date; id: string } | undefined;
    },
  ): Promise<ActivityEntry[]>;
}

export interface Outbox {
  append(events: AnyCloudEvent[]): Promise<void>;
}

export interface Inbox {
  /** Records that `consumer` handles `eventId`; false when it already did. */
  claim(consumer: string, eventId: string): Promise<boolean>;
  /** The same for several events at once; returns the ids that were not handled before. */
  claimMany(consumer: string, eventIds: string[]): Promise<Set<string>>;
}

export interface Repositories {
  tasks: TaskRepository;
  tags: TagRepository;
  users: UserRepository;
  activity: ActivityRepository;
  outbox: Outbox;
  inbox: Inbox;
  notifications: NotificationRepository;
  webhooks: WebhookRepository;
  deliveries: DeliveryQueue;
}

export interface UnitOfWork {
  /**
   * Runs `work` in one transaction. `lockKey` (a user id) serialises that user's writers from the
   * start: needed by read-modify-write work. (Appending to the outbox takes the same lock anyway,
   * so that user's outbox order is always their commit order.)
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>, options?: { lockKey?: string }): Promise<T>;
  /** Repositories outside any transaction, for reads. */
  readonly read: Repositories;
}

/**
 * Who must hear of a commit. A NOTIFY costs Postgres a signal and a backend wakeup per listener
 * per commit (a sixth of a create's CPU in bench:api), so it is sent only when a relay or
 * scheduler outside this process may need it; this process's own are called directly.
 */
export interface Wakeups {
  /** Whether a commit writing outbox rows must NOTIFY: false while this process's relay leads. */
  notifyOutbox(): boolean;
  /**
   * Whether a commit writing a pending reminder due at `at` must NOTIFY: false when this
   * process's scheduler is armed for `at` or earlier (every scheduler looks again by then).
   */
  notifyReminders(at: Date): boolean;
  /** After a commit that wrote outbox rows without NOTIFY: wakes this process's relay. */
  outboxCommitted(): void;
}

/** For processes without a relay or scheduler of their own, and for tests: always NOTIFY. */
export const NOTIFY_ALWAYS: Wakeups = {
  notifyOutbox: () => true,
  notifyReminders: () => true,
  outboxCommitted: () => {},
};

/** A request's headers as Node parses them. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** What every use case receives. */
export interface AppDeps {
  uow: UnitOfWork;
  clock: Clock;
  newId: () => string;
  /** CloudEvents `source` of events this process writes, e.g. taskstream/api. */
  source: string;
  /** Channels configured beyond in-app notifications and webhooks: e-mail when SMTP_URL is set. */
  channels?: { email: boolean };
}

/** The signed-in user a use case acts for. */
export interface Actor {
  userId: string;
  timeZone: string;
}

/** A subscriber on the bus: one consumer group receiving the given types, in order per user. */
export interface Subscription {
  group: string;
  types: readonly EventType[];
  /**
   * Every replica receives every event (one consumer group per replica, e.g. realtime fan-out to
   * the SSE clients connected to that replica) instead of the replicas sharing the events.
   */
  broadcast?: boolean;
  /** Throwing asks for redelivery; the bus retries with back-off, then dead-letters. */
  deliver(event: AnyCloudEvent): Promise<void>;
  /**
   * Optional: several events (in order) in one go, all or nothing. A bus may use it for throughput
   * and must fall back to `deliver`, one by one, when it throws (so a poison event is isolated).
   */
  deliverBatch?(events: AnyCloudEvent[]): Promise<void>;
}

export interface EventBus {
  readonly name: string;
  /** Resolves once the bus has accepted every event (for the memory bus: once every group handled it). */
  publish(events: AnyCloudEvent[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** Whether the bus can take events right now (readiness). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PendingEvent {
  position: number;
  event: AnyCloudEvent;
}

/** The relay's view of the outbox. */
export interface OutboxStore {
  /** Oldest unpublished events first, at most `limit`. */
  pending(limit: number): Promise<PendingEvent[]>;
  markPublished(positions: number[], at: Date): Promise<void>;
  lag(now: Date): Promise<{ count: number; oldestSeconds: number }>;
}

export interface DeadLetterStore {
  record(consumer: string, event: AnyCloudEvent, error: string, attempts: number): Promise<void>;
}

/** The part of pino the core uses, so tests can pass a silent one. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Authenticator {
  /** Serves /api/auth/* (sign-up, sign-in, sign-out, session, …) as a Fetch handler. */
  handle(request: Request): Promise<Response>;
  /** The actor of a request's cookie or bearer token, or null. */
  /** Node's header object is read as is; WHATWG Headers are built only when the session is looked up. */
  actor(headers: Headers | RequestHeaders): Promise<Actor | null>;
  /** Drops remembered sessions of a user (after their profile changed). */
  forgetUser(userId: string): void;
}
