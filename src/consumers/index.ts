// Every consumer and the role that runs it. main/ subscribes those of the roles it starts, and
// refuses to start when the catalogue has an event type that none of them handles.
import type { Role } from '../config.ts';
import type { Consumer } from '../events/consumer.ts';
import { auditConsumer } from './audit.ts';
import { notifierConsumer } from './notifier.ts';
import { recurrenceConsumer } from './recurrence.ts';
import { webhookFanoutConsumer } from './webhook-fanout.ts';

export interface RoleConsumer {
  role: Role;
  consumer: Consumer;
}

export const CONSUMERS: readonly RoleConsumer[] = [
  { role: 'audit', consumer: auditConsumer as Consumer },
  { role: 'recurrence', consumer: recurrenceConsumer as Consumer },
  { role: 'notifier', consumer: notifierConsumer as Consumer },
  { role: 'notifier', consumer: webhookFanoutConsumer as Consumer },
];
