import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Repositories, UnitOfWork } from '../ports/index.ts';
import { DrizzleActivityRepository } from './activity-repository.ts';
import { DrizzleDeliveryQueue } from './delivery-repository.ts';
import { DrizzleInbox } from './inbox-repository.ts';
import { DrizzleNotificationRepository } from './notification-repository.ts';
import { DrizzleOutbox } from './outbox-repository.ts';
import { DrizzleTagRepository } from './tag-repository.ts';
import { DrizzleTaskRepository } from './task-repository.ts';
import { DrizzleUserRepository } from './user-repository.ts';
import { DrizzleWebhookRepository } from './webhook-repository.ts';

export function repositoriesFor(db: Db): Repositories {
  return {
    tasks: new DrizzleTaskRepository(db),
    tags: new DrizzleTagRepository(db),
    users: new DrizzleUserRepository(db),
    activity: new DrizzleActivityRepository(db),
    outbox: new DrizzleOutbox(db),
    inbox: new DrizzleInbox(db),
    notifications: new DrizzleNotificationRepository(db),
    webhooks: new DrizzleWebhookRepository(db),
    deliveries: new DrizzleDeliveryQueue(db),
  };
}

export class DrizzleUnitOfWork implements UnitOfWork {
  readonly read: Repositories;
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
    this.read = repositoriesFor(db);
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>, options?: { lockKey?: string }): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (options?.lockKey)
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${options.lockKey}, 0))`);
      return work(repositoriesFor(tx as unknown as Db));
    });
  }
}
