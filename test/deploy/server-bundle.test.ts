// When `taskstream` may run the server bundle instead of the sources (bin/server-bundle.js,
// ADR 010): only while every input it was built from has the same content, for the same Node major.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript without declarations, run by bin/taskstream.js before any TypeScript
import { ALWAYS, BUNDLE_ENTRY, BUNDLE_MANIFEST, bundleState, inputsHash } from '../../bin/server-bundle.js';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
const inputs = [...ALWAYS, 'src/main/cli.ts', 'contract/task.ts'];
const major = process.versions.node.split('.')[0];

function build(node = major): void {
  write(BUNDLE_ENTRY, 'export {};\n');
  write(BUNDLE_MANIFEST, JSON.stringify({ node, hash: inputsHash(root, inputs), inputs }));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'taskstream-server-bundle-'));
  write('package.json', '{"name":"taskstream"}');
  write('package-lock.json', '{"lockfileVersion":3}');
  write('src/main/cli.ts', 'export const a = 1;\n');
  write('contract/task.ts', 'export const b = 2;\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the server bundle', () => {
  it('is absent until built, and fresh right after', () => {
    expect(bundleState(root)).toBe('absent');
    build();
    expect(bundleState(root)).toBe('fresh');
  });

  it('is stale once a source changes, and fresh again when the change is undone', () => {
    build();
    write('src/main/cli.ts', 'export const a = 2;\n');
    expect(bundleState(root)).toBe('stale');
    write('src/main/cli.ts', 'export const a = 1;\n');
    expect(bundleState(root)).toBe('fresh');
  });

  it('is stale when a dependency changes (the lock file) or an input is gone', () => {
    build();
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    expect(bundleState(root)).toBe('stale');
    build();
    rmSync(join(root, 'contract/task.ts'));
    expect(bundleState(root)).toBe('stale');
  });

  it('stays fresh when only timestamps change (a checkout, a copy into an image)', () => {
    build();
    utimesSync(join(root, 'src/main/cli.ts'), new Date(), new Date(Date.now() + 86_400_000));
    expect(bundleState(root)).toBe('fresh');
  });

  it('is stale when built by another Node major, and absent without its entry or a readable manifest', () => {
    build(String(Number(major) - 2));
    expect(bundleState(root)).toBe('stale');
    build();
    rmSync(join(root, BUNDLE_ENTRY));
    expect(bundleState(root)).toBe('absent');
    build();
    write(BUNDLE_MANIFEST, '{ not json');
    expect(bundleState(root)).toBe('absent');
  });
});
