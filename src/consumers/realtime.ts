// The realtime role's subscription. Not a Consumer of the registry (index.ts): those claim each
// event in the inbox with their effect, once per role, while realtime has no durable effect and
// every replica must see every event for the clients connected to it. So it is a broadcast
// subscription (one consumer group per replica on Kafka and Dapr) that main/ subscribes when the
// role runs, and it never touches the inbox.
import type { AnyCloudEvent } from '../domain/events.ts';
import type { Subscription } from '../ports/index.ts';
import { STREAM_EVENT_TYPES } from '../ports/stream.ts';

export const REALTIME_GROUP = 'realtime';

/** Hands task-events and task-updates to the hub; returns at once, never failing a delivery. */
export function realtimeSubscription(hub: { deliver(event: AnyCloudEvent): void }): Subscription {
  return {
    group: REALTIME_GROUP,
    types: STREAM_EVENT_TYPES,
    broadcast: true,
    deliver: async (event) => hub.deliver(event),
  };
}
