// Ports of the notifier: in-app notifications, outgoing webhooks and the durable delivery queue
// that carries webhook calls and e-mails.
//
// Glossary
// - notification: an in-app message to one user (today: a reminder came due), read or unread.
// - webhook: a URL of a user that receives the events it subscribed to, signed with its secret.
// - delivery: one message to one target (a webhook call, an e-mail) for one event, queued in the
//   database and retried with back-off until delivered or given up ('failed').
// - lease: a worker claims due deliveries by pushing their next attempt past the send timeout, so
//   other workers skip them while it sends; a worker that dies mid-send is retried once it expires.
import type { NotificationDto } from '../domain/events.ts';
import type { Notification } from '../domain/notification.ts';

export interface NotificationRepository {
  /** False when a notification of this kind already answers the same source event. */
  insert(notification: Notification): Promise<boolean>;
  /** Newest first. */
  list(userId: string, query: { unreadOnly: boolean; limit: number }): Promise<Notification[]>;
  unreadCount(userId: string): Promise<number>;
  find(userId: string, id: string): Promise<Notification | null>;
  /** Marks it read unless it already is (the first read time stays); null when there is no such one. */
  markRead(userId: string, id: string, at: Date): Promise<Notification | null>;
  /** How many were unread. */
  markAllRead(userId: string, at: Date): Promise<number>;
}

export interface Webhook {
  id: string;
  userId: string;
  url: string;
  /** Event filters: types, "*" or prefixes like "todo.task.*" (domain/webhook.ts). */
  events: string[];
  secret: string;
  createdAt: Date;
}

export interface WebhookRepository {
  list(userId: string): Promise<Webhook[]>;
  /** The webhooks of several users at once (for a batch of events). */
  listForUsers(userIds: string[]): Promise<Webhook[]>;
  find(userId: string, id: string): Promise<Webhook | null>;
  count(userId: string): Promise<number>;
  insert(webhook: Webhook): Promise<void>;
  /** False when the user has no such webhook. */
  delete(userId: string, id: string): Promise<boolean>;
}

export type DeliveryChannel = 'webhook' | 'email';
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** What an e-mail delivery carries: the recipient as of queueing and the notification to tell. */
export interface EmailPayload {
  to: string;
  name: string;
  notification: NotificationDto;
}

export interface NewDelivery {
  id: string;
  channel: DeliveryChannel;
  /** The webhook id, or the user id for e-mail. */
  target: string;
  userId: string;
  eventId: string;
  /** For a webhook: the CloudEvent as written to the outbox. For e-mail: an EmailPayload. */
  payload: unknown;
  /** Also its first attempt time. */
  createdAt: Date;
}

export interface DeliveryRecord {
  id: string;
  channel: DeliveryChannel;
  target: string;
  eventId: string;
  eventType: string | null;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The queue as seen inside a transaction: writers add, the owner's views read. */
export interface DeliveryQueue {
  /** Adds deliveries (at most one per channel, target and event) and wakes workers at commit. */
  enqueue(deliveries: NewDelivery[]): Promise<number>;
  /** Drops the still-pending deliveries of a target (its webhook was deleted). */
  cancelPending(channel: DeliveryChannel, target: string): Promise<void>;
  /** Newest first. */
  recent(userId: string, channel: DeliveryChannel, target: string, limit: number): Promise<DeliveryRecord[]>;
}

export interface ClaimedDelivery {
  id: string;
  channel: DeliveryChannel;
  target: string;
  userId: string;
  eventId: string;
  payload: unknown;
  /** Attempts so far, counting the one just claimed. */
  attempts: number;
  /** For a webhook delivery: where it goes and what signs it; null when the webhook was deleted. */
  webhook: { url: string; secret: string } | null;
}

/** The delivery worker's view of the queue; each call is its own transaction. */
export interface DeliveryStore {
  /**
   * Leases up to `limit` due pending deliveries (oldest due first, FOR UPDATE SKIP LOCKED, so
   * workers never share one), skipping `excludeTargets` and taking at most `perTarget` of any one
   * target (counting `inFlight`, what this worker already sends to it).
   */
  claim(
    now: Date,
    options: { limit: number; leaseMs: number; perTarget: number; inFlight: ReadonlyMap<string, number> },
  ): Promise<ClaimedDelivery[]>;
  markDelivered(id: string, at: Date): Promise<void>;
  retryAt(id: string, at: Date, error: string): Promise<void>;
  /** Gives up: the row stays, with the last error, for the owner to see. */
  markFailed(id: string, error: string): Promise<void>;
  /** The earliest next attempt of any pending delivery (leased ones included), or null. */
  nextDueAt(): Promise<Date | null>;
}

/** Sends one webhook call; resolves on a 2xx answer, throws otherwise. */
export interface WebhookSender {
  send(
    webhook: { url: string; secret: string },
    message: { eventId: string; deliveryId: string; attempt: number; event: unknown },
    signal: AbortSignal,
  ): Promise<void>;
}

/** Sends one e-mail; resolves once the server accepted it, throws otherwise. */
export interface Mailer {
  sendReminder(payload: EmailPayload, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
