// What the realtime role reads from the outbox: a user's events in commit order, so a client that
// reconnects with Last-Event-ID can be brought up to date from the durable log (DESIGN §2, §4).
import {
  type AnyCloudEvent,
  EVENT_TOPIC,
  EVENT_TYPES,
  type EventType,
  type Topic,
} from '../domain/events.ts';

/** The topics `GET /api/stream` carries (DESIGN §2 `realtime`). */
export const STREAM_TOPICS: readonly Topic[] = ['task-events', 'task-updates'];

/** Every event type of those topics: what the realtime subscription asks the bus for. */
export const STREAM_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter((type) =>
  STREAM_TOPICS.includes(EVENT_TOPIC[type]),
);

/**
 * An event with its outbox position. Positions of one user's events grow in commit order (every
 * writer of a user holds that user's lock), which is what makes "after position p" a gap-free cursor.
 */
export interface LoggedEvent {
  position: number;
  event: AnyCloudEvent;
}

export interface EventPosition {
  position: number;
  /** The user the event belongs to (its partitionkey). */
  userId: string;
}

/** A user's streamed events in the outbox; rows live for the retention window (7 days). */
export interface EventLog {
  /** Where one of this user's events stands; null when unknown, pruned or someone else's. */
  positionOf(userId: string, eventId: string): Promise<number | null>;
  /** The user's newest streamed event, or null when there is none. */
  head(userId: string): Promise<{ position: number; id: string } | null>;
  /** The user's streamed events after `position`, oldest first, at most `limit`. */
  after(userId: string, position: number, limit: number): Promise<LoggedEvent[]>;
  /** How many streamed events of the user follow `position`, counting no further than `cap`. */
  countAfter(userId: string, position: number, cap: number): Promise<number>;
  /** Positions of events that arrived on the bus; ids not in the outbox are absent. */
  positionsOf(eventIds: readonly string[]): Promise<Map<string, EventPosition>>;
}
