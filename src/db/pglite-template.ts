// A migrated, empty PGlite data directory captured once (at `npm ci`, by scripts/prepare.mjs) and
// unpacked for every fresh embedded database: initdb in WASM costs several seconds of CPU, the
// unpacking a fraction of that. Keyed by PGlite's version and the migrations, so a stale template
// is never used; without one, PGlite simply runs initdb as usual.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { CACHE_DIR, MIGRATIONS_DIR, PACKAGE_ROOT } from '../paths.ts';

/**
 * Drops the template databases from the template: a fresh data directory then holds 490 files
 * instead of 1,090, and creating a file is most of a cold start's cost on a slow disk (0.85 s
 * instead of 1.45 s to a ready PGlite on these machines). Taskstream uses only the `postgres`
 * database; in an embedded data directory, CREATE DATABASE needs `TEMPLATE postgres`.
 */
export const TRIM_TEMPLATE = [
  "UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')",
  // One by one: DROP DATABASE refuses to run inside the implicit transaction of a multi-statement exec.
  'DROP DATABASE template0',
  'DROP DATABASE template1',
  'CHECKPOINT',
];

let cachedKey: string | null = null;

/** Changes whenever PGlite or any migration changes. */
export function templateKey(): string {
  if (cachedKey) return cachedKey;
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    readFileSync(join(PACKAGE_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  );
  hash.update(`pglite ${pglite.version}\n`).update(TRIM_TEMPLATE.join(';'));
  for (const name of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    const file = join(MIGRATIONS_DIR, name);
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(file));
  }
  cachedKey = hash.digest('hex').slice(0, 16);
  return cachedKey;
}

export function templatePath(): string {
  return join(CACHE_DIR, `pglite-${templateKey()}.tar.gz`);
}

/** The template for a database about to be created (in memory, or in an empty directory). */
export async function templateFor(dataDir: string | undefined): Promise<Blob | undefined> {
  if (dataDir && existsSync(`${dataDir}/PG_VERSION`)) return undefined;
  const path = templatePath();
  if (!existsSync(path)) return undefined;
  return new Blob([await readFile(path)]);
}

/** Writes the template of a freshly migrated database (atomically: readers never see half a file). */
export async function saveTemplate(client: PGlite): Promise<string> {
  const path = templatePath();
  await mkdir(CACHE_DIR, { recursive: true });
  const dump = await client.dumpDataDir('gzip');
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, path);
  return path;
}
