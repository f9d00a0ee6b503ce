import { advanceSeriesIn } from '../app/advance-series.ts';
import { defineConsumer } from '../events/consumer.ts';
import type { SeriesService } from '../ports/series.ts';

/** On completion of a recurring task, the next occurrence appears (DESIGN §2 `recurrence`). */
export const recurrenceConsumer = defineConsumer({
  name: 'recurrence',
  consumes: ['todo.task.completed'],
  lockUser: true,
  async handle(event, { repos, deps }) {
    if (!event.data.task.recurrence) return;
    await advanceSeriesIn(repos, deps, event.data.userId, event.data.task.id);
  },
});

/**
 * The same consumer when another process owns task writes (distributed shape: `api`, asked
 * through Dapr service invocation). Same name, so the same consumer group and inbox key. It must
 * not take the user's lock: `api` takes it for the write, and holding it here while waiting for
 * that answer would deadlock the two transactions. The inbox entry still commits only after `api`
 * answered; a crash in between redelivers, and `api` creates nothing the second time.
 */
export function remoteRecurrenceConsumer(series: SeriesService) {
  return defineConsumer({
    name: recurrenceConsumer.name,
    consumes: recurrenceConsumer.consumes,
    async handle(event) {
      if (!event.data.task.recurrence) return;
      await series.advance(event.data.userId, event.data.task.id);
    },
  });
}
