import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { NOTIFY_ALWAYS, type Repositories, type UnitOfWork, type Wakeups } from '../ports/index.ts';
import { DrizzleActivityRepository } from './activity-repository.ts';
import { CommitSignals } from './commit-signals.ts';
import { DrizzleDeliveryQueue } from './delivery-repository.ts';
import { DrizzleInbox } from './inbox-repository.ts';
import { DrizzleNotificationRepository } from './notification-repository.ts';
import { DrizzleOutbox } from './outbox-repository.ts';
import { DrizzleTagRepository } from './tag-repository.ts';
import { DrizzleTaskRepository } from './task-repository.ts';
import { DrizzleUserRepository } from './user-repository.ts';
import { DrizzleWebhookRepository } from './webhook-repository.ts';

export function repositoriesFor(db: Db, signals: CommitSignals): Repositories {
  return {
    tasks: new DrizzleTaskRepository(db, signals),
    tags: new DrizzleTagRepository(db),
    users: new DrizzleUserRepository(db),
    activity: new DrizzleActivityRepository(db),
    outbox: new DrizzleOutbox(db, signals),
    inbox: new DrizzleInbox(db),
    notifications: new DrizzleNotificationRepository(db),
    webhooks: new DrizzleWebhookRepository(db),
    deliveries: new DrizzleDeliveryQueue(db),
  };
}

export class DrizzleUnitOfWork implements UnitOfWork {
  readonly read: Repositories;
  private readonly db: Db;
  private readonly wakeups: Wakeups;
  constructor(db: Db, wakeups: Wakeups = NOTIFY_ALWAYS) {
    this.db = db;
    this.wakeups = wakeups;
    this.read = repositoriesFor(db, new CommitSignals(wakeups, true));
  }

  async transaction<T>(
    work: (repos: Repositories) => Promise<T>,
    options?: { lockKey?: string },
  ): Promise<T> {
    const signals = new CommitSignals(this.wakeups, false);
    const result = await this.db.transaction(async (tx) => {
      if (options?.lockKey)
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${options.lockKey}, 0))`);
      return work(repositoriesFor(tx as unknown as Db, signals));
    });
    signals.committed();
    return result;
  }
}
