// Where the package's own files are. The root is the directory of the nearest package.json above
// this module, so the same code finds it from the sources (src/paths.ts) and from the server
// bundle (dist/cli.mjs, ADR 010), whose modules all share the bundle's URL.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const here = fileURLToPath(import.meta.url);
export const PACKAGE_ROOT = packageRoot(here);
/** Whether this process runs the server bundle rather than the TypeScript sources. */
export const FROM_BUNDLE = !here.endsWith('.ts');
/** The SQL migrations and drizzle-kit's journal (read at run time, not bundled). */
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'src/db/migrations');
/** The built web app (`npm run build:web`). */
export const WEB_DIST_DIR = join(PACKAGE_ROOT, 'web/dist');
/** Build products kept between runs: the PGlite template. */
export const CACHE_DIR = join(PACKAGE_ROOT, '.cache');
