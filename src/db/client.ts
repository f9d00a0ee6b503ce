// Opens the database the configuration names: PGlite (Postgres in WASM, files under DATA_DIR) or a
// real Postgres pool. Both speak the same SQL, so everything above this file is shared.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.ts';
import { templateFor } from './pglite-template.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** Calls `onNotify` on every NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * Holds a session-level advisory lock on a dedicated connection (leader election among
   * replicas); resolves to its release function, or null when someone else holds it. `onLost`
   * runs if the connection breaks: the server has then released the lock, and another replica may
   * take it.
   */
  tryLock(key: number, onLost?: () => void): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for real Postgres; absent for PGlite. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string | undefined;
  poolMax?: number;
}

const MIGRATION_LOCK = 7_214_002; // any constant: serialises migrations of processes sharing a database
/**
 * Extensions the schema's indexes need, created before migrations (drizzle-kit does not emit
 * them). btree_gin lets the tag and search GIN indexes lead with user_id, so a filter reads only
 * that user's entries. It is a trusted extension: a database owner may create it.
 */
export const PREREQUISITES = 'CREATE EXTENSION IF NOT EXISTS btree_gin';

/** Connections per process to real Postgres. */
export const DEFAULT_POOL_MAX = 10;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.poolMax ?? DEFAULT_POOL_MAX)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const loadDataDir = await templateFor(dataDir);
  const options = { extensions: { btree_gin }, ...(loadDataDir ? { loadDataDir } : {}) };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    migrate: async () => {
      await client.exec(PREREQUISITES);
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    ping: async () => {
      await client.query('select 1');
    },
    listen: async (channel, onNotify) => {
      const unsubscribe = await client.listen(channel, onNotify);
      return async () => unsubscribe();
    },
    // One PGlite database belongs to one process: there is nobody to compete with.
    tryLock: async () => async () => {},
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Set<pg.Client>();
  return {
    kind: 'postgres',
    db,
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await client.query(PREREQUISITES);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, onNotify) => {
      // A dedicated connection; when it breaks (a Postgres restart, a network blip) it is opened
      // again with back-off, and the listener is poked once, since notifications sent meanwhile
      // are gone (every listener also polls, so this only restores promptness).
      let current: pg.Client | null = null;
      let stopped = false;
      let failures = 0;
      const connect = async (): Promise<void> => {
        if (stopped) return;
        const client = new pg.Client({ connectionString: url });
        let broken = false;
        const onBroken = () => {
          if (broken || stopped) return;
          broken = true;
          listeners.delete(client);
          client.end().catch(() => {});
          const delay = Math.min(10_000, 200 * 2 ** Math.min(failures++, 6));
          setTimeout(() => void connect().catch(() => {}), delay).unref();
        };
        client.on('error', onBroken);
        client.on('end', onBroken);
        client.on('notification', (message) => {
          if (message.channel === channel) onNotify();
        });
        try {
          await client.connect();
          await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (error) {
          if (current === null) {
            // The first connection: the caller hears of it, and nothing retries behind its back.
            stopped = true;
            client.end().catch(() => {});
            throw error;
          }
          onBroken();
          return;
        }
        if (stopped) return void client.end().catch(() => {});
        const reconnected = current !== null;
        current = client;
        failures = 0;
        listeners.add(client);
        if (reconnected) onNotify();
      };
      await connect();
      return async () => {
        stopped = true;
        if (current) {
          listeners.delete(current);
          await current.end().catch(() => {});
        }
      };
    },
    tryLock: async (key, onLost) => {
      const client = new pg.Client({ connectionString: url });
      let released = false;
      const lost = () => {
        if (released) return;
        released = true;
        listeners.delete(client);
        onLost?.();
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.connect();
      const result = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
        key,
      ]);
      if (!result.rows[0]?.locked) {
        released = true;
        await client.end().catch(() => {});
        return null;
      }
      listeners.add(client);
      return async () => {
        released = true;
        listeners.delete(client);
        await client.end().catch(() => {});
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      await pool.end();
    },
  };
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
