import { describe, expect, it } from 'vitest';
import { flattenPages, type Pages, patchPages } from './cache.ts';
import { task } from './fixtures.ts';
import { needsRefetch } from './live-rules.ts';

const pages = (...ids: string[][]): Pages => ({
  pages: ids.map((list, i) => ({
    items: list.map((id) => task({ id })),
    nextCursor: i < ids.length - 1 ? `c${i}` : null,
  })),
  pageParams: ids.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});

describe('patching cached pages with a live task', () => {
  it('replaces a row with a newer version, keeps an older one out', () => {
    const data = pages(['a', 'b'], ['c']);
    const newer = task({ id: 'c', title: 'changed', version: 2, updatedAt: '2026-11-02T00:00:00Z' });
    const patched = patchPages(data, newer, 'upsert', true)!;
    expect(patched.pages[1]?.items[0]?.title).toBe('changed');
    expect(patched.pages[0]).toBe(data.pages[0]);
    const older = task({ id: 'c', title: 'stale', version: 1 });
    expect(patchPages(patched, older, 'upsert', true)).toBe(patched);
  });

  it('removes deleted rows and rows that no longer match', () => {
    const data = pages(['a', 'b'], ['c']);
    expect(flattenPages(patchPages(data, task({ id: 'b' }), 'delete', true)).map((t) => t.id)).toEqual([
      'a',
      'c',
    ]);
    expect(
      flattenPages(patchPages(data, task({ id: 'a', version: 2 }), 'upsert', false)).map((t) => t.id),
    ).toEqual(['b', 'c']);
  });

  it('leaves the data alone when the task is not in it', () => {
    const data = pages(['a']);
    expect(patchPages(data, task({ id: 'z', version: 5 }), 'upsert', true)).toBe(data);
    expect(patchPages(undefined, task(), 'upsert', true)).toBeUndefined();
  });

  it('flattens pages without duplicates (a row that moved between pages)', () => {
    expect(flattenPages(pages(['a', 'b'], ['b', 'c'])).map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(flattenPages(undefined)).toEqual([]);
  });
});

describe('when a live event needs the list refetched', () => {
  it('refetches when the row may have to appear', () => {
    expect(needsRefetch({ present: false, action: 'upsert', verdict: true, sort: 'dueAt' })).toBe(true);
    expect(needsRefetch({ present: false, action: 'upsert', verdict: 'unknown', sort: 'dueAt' })).toBe(true);
    expect(needsRefetch({ present: false, action: 'upsert', verdict: false, sort: 'dueAt' })).toBe(false);
    expect(needsRefetch({ present: true, action: 'delete', verdict: true, sort: 'dueAt' })).toBe(false);
  });
  it('refetches when the row moves in the sort order', () => {
    const base = { present: true, action: 'upsert' as const, verdict: true as const };
    expect(needsRefetch({ ...base, sort: 'dueAt', changes: ['title'] })).toBe(false);
    expect(needsRefetch({ ...base, sort: '-dueAt', changes: ['dueAt'] })).toBe(true);
    expect(needsRefetch({ ...base, sort: 'priority', changes: ['priority', 'tags'] })).toBe(true);
    expect(needsRefetch({ ...base, sort: '-updatedAt' })).toBe(true);
    expect(needsRefetch({ ...base, sort: 'dueAt' })).toBe(false);
  });
  it('refetches a search when its words changed', () => {
    expect(
      needsRefetch({
        present: true,
        action: 'upsert',
        verdict: 'unknown',
        sort: 'dueAt',
        changes: ['title'],
      }),
    ).toBe(true);
    expect(
      needsRefetch({ present: true, action: 'upsert', verdict: 'unknown', sort: 'dueAt', changes: ['tags'] }),
    ).toBe(false);
  });
});
