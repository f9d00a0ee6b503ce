import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { UserProfile, UserRepository } from '../ports/index.ts';

const profile = {
  id: users.id,
  name: users.name,
  email: users.email,
  timeZone: users.timeZone,
  createdAt: users.createdAt,
};

export class DrizzleUserRepository implements UserRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async find(userId: string): Promise<UserProfile | null> {
    const [row] = await this.db.select(profile).from(users).where(eq(users.id, userId));
    return row ?? null;
  }

  async update(userId: string, patch: { name?: string | undefined; timeZone?: string | undefined }) {
    const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.timeZone !== undefined) set.timeZone = patch.timeZone;
    const [row] = await this.db.update(users).set(set).where(eq(users.id, userId)).returning(profile);
    return row ?? null;
  }
}
