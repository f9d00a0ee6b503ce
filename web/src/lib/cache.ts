// Applying a live task event to a cached list (pages of GET /api/tasks) without refetching: the
// row is replaced by the newer version, or removed when deleted or no longer matching. New rows
// are not inserted here (their place depends on the server's order): the caller refetches.
import type { TaskDto, TaskPage } from '#contract/task.ts';

export interface Pages {
  pages: TaskPage[];
  pageParams: unknown[];
}

export function patchPages(
  data: Pages | undefined,
  task: TaskDto,
  action: 'upsert' | 'delete',
  stillMatches: boolean | 'unknown',
): Pages | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((item) => item.id === task.id);
    if (index < 0) return page;
    const current = page.items[index]!;
    if (action === 'delete' || stillMatches === false) {
      changed = true;
      return { ...page, items: page.items.filter((item) => item.id !== task.id) };
    }
    if (
      task.version < current.version ||
      (task.version === current.version && task.updatedAt === current.updatedAt)
    )
      return page;
    changed = true;
    const items = page.items.slice();
    items[index] = task;
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}

/** Every task of the pages, once each (a row can move between pages while others write). */
export function flattenPages(data: Pages | undefined): TaskDto[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: TaskDto[] = [];
  for (const page of data.pages)
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  return out;
}
