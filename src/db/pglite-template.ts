// A migrated, empty PGlite data directory captured once (at `npm ci`, by scripts/prepare.mjs) and
// unpacked for every fresh embedded database: initdb in WASM costs several seconds of CPU, the
// unpacking a fraction of that. Keyed by PGlite's version and the migrations, so a stale template
// is never used; without one, PGlite simply runs initdb as usual.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

const root = new URL('../../', import.meta.url);
const migrationsDir = new URL('./migrations/', import.meta.url);

let cachedKey: string | null = null;

/** Changes whenever PGlite or any migration changes. */
export function templateKey(): string {
  if (cachedKey) return cachedKey;
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    readFileSync(new URL('node_modules/@electric-sql/pglite/package.json', root), 'utf8'),
  );
  hash.update(`pglite ${pglite.version}\n`);
  for (const name of readdirSync(migrationsDir, { recursive: true }).map(String).sort()) {
    const file = new URL(name, migrationsDir);
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(file));
  }
  cachedKey = hash.digest('hex').slice(0, 16);
  return cachedKey;
}

export function templatePath(): string {
  return fileURLToPath(new URL(`.cache/pglite-${templateKey()}.tar.gz`, root));
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
  await mkdir(fileURLToPath(new URL('.cache/', root)), { recursive: true });
  const dump = await client.dumpDataDir('gzip');
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, path);
  return path;
}
