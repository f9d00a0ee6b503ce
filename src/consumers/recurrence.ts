import { advanceSeriesIn } from '../app/advance-series.ts';
import { defineConsumer } from '../events/consumer.ts';

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
