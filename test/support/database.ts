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
        await dropDatabase(c, name);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * DROP DATABASE … WITH (FORCE), which cannot end a superuser's backend: an autovacuum worker busy
 * with the tables just written makes it fail with 42501. A plain DROP cancels autovacuum itself,
 * once our own sessions are gone, so that is the fallback. (The benchmarks use this too.)
 */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt >= 20) throw error;
    }
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()`,
      [name],
    );
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
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
