// Whether the server bundle (dist/cli.mjs, built by scripts/build-server.mjs) matches the sources,
// so `taskstream` may run it instead of them (ADR 010). A bundle is fresh when the hash of every
// input it was built from (our sources, package.json, package-lock.json) is still the same: by
// content, so a checkout or a copy that changes timestamps alone keeps it usable.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_DIR = 'dist';
export const BUNDLE_ENTRY = `${BUNDLE_DIR}/cli.mjs`;
export const BUNDLE_MANIFEST = `${BUNDLE_DIR}/manifest.json`;

/** The bundle's syntax target: a bundle is only run by the Node major that built it. */
export const NODE_MAJOR = process.versions.node.split('.')[0];

/** Always inputs: a dependency change (the lock file) makes every bundle stale. */
export const ALWAYS = ['package.json', 'package-lock.json'];

/** The hash of `inputs` (paths relative to `root`), or null when one is missing. */
export function inputsHash(root, inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const path = join(root, input);
    if (!existsSync(path)) return null;
    hash.update(input).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * 'fresh' (run the bundle), 'stale' (built, but from other sources or for another Node major,
 * whose syntax target may not fit) or 'absent' (never built).
 */
export function bundleState(root) {
  const manifestPath = join(root, BUNDLE_MANIFEST);
  if (!existsSync(manifestPath) || !existsSync(join(root, BUNDLE_ENTRY))) return 'absent';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return 'absent';
  }
  if (!Array.isArray(manifest.inputs) || typeof manifest.hash !== 'string') return 'absent';
  if (manifest.node !== NODE_MAJOR) return 'stale';
  return inputsHash(root, manifest.inputs) === manifest.hash ? 'fresh' : 'stale';
}
