// `node src/db/build-template.ts`: captures the PGlite template (see pglite-template.ts). Run by
// scripts/prepare.mjs at `npm ci`; safe to run again (it only rewrites the file).
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR } from '../paths.ts';
import { PREREQUISITES } from './client.ts';
import { saveTemplate, TRIM_TEMPLATE, templatePath } from './pglite-template.ts';
import * as schema from './schema.ts';

export async function buildTemplate(): Promise<string> {
  const client = new PGlite({ extensions: { btree_gin } });
  try {
    await client.waitReady;
    await client.exec(PREREQUISITES);
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    for (const statement of TRIM_TEMPLATE) await client.exec(statement);
    return await saveTemplate(client);
  } finally {
    await client.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const path = await buildTemplate();
  console.log(
    `PGlite template ${templatePath() === path ? 'written' : 'at'} ${path} (${Math.round(performance.now() - started)} ms)`,
  );
}
