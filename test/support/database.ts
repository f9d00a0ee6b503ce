// A fresh database per test file: PGlite in memory, or a new database on the real Postgres of
// TEST_DATABASE_URL (project "postgres"). Under CI the real one is required, never skipped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

export function wantsRealPostgres(): boolean {
  return process.env.TEST_DB === 'pg';
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: the "postgres" test project needs a real Postgres ' +
        '(scripts/infra/postgres-up prints one). Under CI=true this is an error, not a skip.',
    );
  return url;
}

/** Creates an empty database on the real server and returns its URL. */
export async function createRealDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = adminUrl();
  const name = `ts_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        // FORCE cannot end a superuser's backend (an autovacuum worker busy with the tables the
        // file just wrote): 42501. The worker finishes soon, so try again for a while.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '42501' || attempt >= 40) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (!wantsRealPostgres()) {
    const database = await openDatabase({});
    return { database, url: undefined, drop: () => database.close() };
  }
  const real = await createRealDatabase();
  const database = await openDatabase({ url: real.url, poolMax: 5 });
  return {
    database,
    url: real.url,
    async drop() {
      await database.close();
      await real.drop();
    },
  };
}
