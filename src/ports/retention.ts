// What the cleanup job needs: removing rows whose purpose has passed.

export interface RetentionPolicy {
  /** Published outbox rows: the window SSE clients can resume from with Last-Event-ID. */
  outboxDays: number;
  /** Inbox entries: longer than any bus keeps a message for redelivery (Kafka's default is 7 days). */
  inboxDays: number;
  /** Finished webhook and e-mail deliveries, kept for the owner's delivery log. */
  deliveryDays: number;
  /** Notifications read this long ago. */
  readNotificationDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  outboxDays: 7,
  inboxDays: 14,
  deliveryDays: 30,
  readNotificationDays: 90,
};

export interface RetentionStore {
  /** Deletes up to `batch` expired rows per table; returns how many went, by table. */
  prune(now: Date, policy: RetentionPolicy, batch: number): Promise<Record<string, number>>;
}
