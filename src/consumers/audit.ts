import { EVENT_TYPES } from '../domain/events.ts';
import { defineConsumer } from '../events/consumer.ts';

/** The activity log: every event of every topic, once (keyed by event id). */
export const auditConsumer = defineConsumer({
  name: 'audit',
  consumes: EVENT_TYPES,
  // The activity row's primary key is the event id: recording twice is a no-op by itself.
  keyedByEvent: true,
  async handle(event, { repos }) {
    await repos.activity.record(event);
  },
  async handleBatch(events, { repos }) {
    await repos.activity.recordMany(events);
  },
});
