import { EVENT_TYPES } from '../domain/events.ts';
import { defineConsumer } from '../events/consumer.ts';

/** The activity log: every event of every topic, once (keyed by event id). */
export const auditConsumer = defineConsumer({
  name: 'audit',
  consumes: EVENT_TYPES,
  async handle(event, { repos }) {
    await repos.activity.record(event);
  },
  async handleBatch(events, { repos }) {
    await repos.activity.recordMany(events);
  },
});
