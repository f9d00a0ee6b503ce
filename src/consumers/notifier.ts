import { notifyReminderIn } from '../app/notify-reminder.ts';
import { defineConsumer } from '../events/consumer.ts';

/**
 * A due reminder becomes an in-app notification, a `todo.notification.created` event (task-updates)
 * and, with SMTP configured, an e-mail delivery (DESIGN §2 `notifier`). Takes the user's lock
 * because it appends to the outbox: that keeps the user's events in commit order.
 */
export const notifierConsumer = defineConsumer({
  name: 'notifier',
  consumes: ['todo.reminder.due'],
  lockUser: true,
  async handle(event, { repos, deps }) {
    await notifyReminderIn(repos, deps, event);
  },
});
