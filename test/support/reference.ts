// The list semantics of DESIGN §4, written out independently of the server so integration tests can
// compare GET /api/tasks with what it should answer. Works on Task DTOs as the API returns them.
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { TaskDto } from '../../contract/task.ts';
import { type Db, queryRows } from '../../src/db/client.ts';

export const ALL_SORTS = [
  'dueAt',
  '-dueAt',
  'priority',
  '-priority',
  'title',
  '-title',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type SortParam = (typeof ALL_SORTS)[number];

/** The query parameters of GET /api/tasks as a client writes them (all strings). */
export interface ListParams {
  status?: string;
  priority?: string;
  tags?: string;
  q?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: string;
  sort?: string;
}

export interface ReferenceContext {
  /** The server's clock at the time of the request. */
  now: Date;
  /** The signed-in user's zone: local times and dates in dueFrom/dueTo are read in it. */
  userTimeZone: string;
}

const RANK: Record<TaskDto['priority'], number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };

const csv = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** Words for search: runs of letters and digits, lower-cased. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** q: every word of the query is a case-insensitive prefix of some word of the title or description. */
export function matchesSearch(task: TaskDto, q: string): boolean {
  const wanted = wordsOf(q);
  const words = wordsOf(`${task.title} ${task.description}`);
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}

/**
 * A dueFrom/dueTo value as an instant (ms): an instant with offset as is, a local date-time in the
 * user's zone, a date as the start of that day in the user's zone — or, as the (exclusive) upper
 * bound, the start of the next day, so the whole named day is included.
 */
export function boundaryMs(value: string, zone: string, upper: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = Temporal.PlainDate.from(value).add({ days: upper ? 1 : 0 });
    return day.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value))
    return Temporal.PlainDateTime.from(value).toZonedDateTime(zone, { disambiguation: 'compatible' })
      .epochMilliseconds;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`reference: not a time value: ${value}`);
  return ms;
}

/** When a task is late: a timed task at its due time, an all-day task when its local day has ended. */
export function lateFromMs(task: TaskDto): number | null {
  if (task.dueAt === null) return null;
  const due = Date.parse(task.dueAt);
  if (!task.allDay) return due;
  const localDay = Temporal.Instant.fromEpochMilliseconds(due)
    .toZonedDateTimeISO(task.timeZone)
    .toPlainDate();
  return localDay.add({ days: 1 }).toZonedDateTime({ timeZone: task.timeZone }).epochMilliseconds;
}

export function isOverdue(task: TaskDto, now: Date): boolean {
  const late = lateFromMs(task);
  return task.status === 'pending' && late !== null && late < now.getTime();
}

export function matchesFilters(task: TaskDto, params: ListParams, ctx: ReferenceContext): boolean {
  const status = params.status ?? 'pending';
  if (status !== 'all' && task.status !== status) return false;
  const priorities = csv(params.priority);
  if (priorities.length > 0 && !priorities.includes(task.priority)) return false;
  const tags = csv(params.tags).map((tag) => tag.replace(/^#/, ''));
  if (!tags.every((tag) => task.tags.includes(tag))) return false;
  if (params.q !== undefined && !matchesSearch(task, params.q)) return false;
  if (params.dueFrom !== undefined || params.dueTo !== undefined) {
    if (task.dueAt === null) return false;
    const due = Date.parse(task.dueAt);
    if (params.dueFrom !== undefined && due < boundaryMs(params.dueFrom, ctx.userTimeZone, false))
      return false;
    if (params.dueTo !== undefined && due >= boundaryMs(params.dueTo, ctx.userTimeZone, true)) return false;
  }
  if (params.overdue === 'true' && !isOverdue(task, ctx.now)) return false;
  return true;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * How two lower-cased titles compare. By default code-point order, which is what Postgres does in
 * the C / C.UTF-8 collations (PGlite, our CI cluster); tests can pass the database's own order so
 * the reference still holds on a cluster created with another collation (see collationOrder).
 */
export type TitleOrder = (a: string, b: string) => number;

/**
 * The order of a sort parameter: the key ascending, or descending with '-'; ties broken by id in the
 * same direction; dueAt puts tasks without a due date last in both directions; titles compare
 * case-insensitively.
 */
export function comparatorFor(
  sort: string,
  titleOrder: TitleOrder = compareText,
): (a: TaskDto, b: TaskDto) => number {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const dir = descending ? -1 : 1;
  const byId = (a: TaskDto, b: TaskDto) => dir * compareText(a.id, b.id);
  switch (key) {
    case 'dueAt':
      return (a, b) => {
        if (a.dueAt === null || b.dueAt === null) {
          if (a.dueAt === b.dueAt) return byId(a, b);
          return a.dueAt === null ? 1 : -1;
        }
        return dir * (Date.parse(a.dueAt) - Date.parse(b.dueAt)) || byId(a, b);
      };
    case 'priority':
      return (a, b) => dir * (RANK[a.priority] - RANK[b.priority]) || byId(a, b);
    case 'title':
      return (a, b) => dir * titleOrder(a.title.toLowerCase(), b.title.toLowerCase()) || byId(a, b);
    case 'createdAt':
      return (a, b) => dir * (Date.parse(a.createdAt) - Date.parse(b.createdAt)) || byId(a, b);
    case 'updatedAt':
      return (a, b) => dir * (Date.parse(a.updatedAt) - Date.parse(b.updatedAt)) || byId(a, b);
    default:
      throw new Error(`reference: unknown sort ${sort}`);
  }
}

/** What GET /api/tasks should list, in order, over all pages. */
export function referenceList(
  tasks: TaskDto[],
  params: ListParams,
  ctx: ReferenceContext & { titleOrder?: TitleOrder },
): TaskDto[] {
  return tasks
    .filter((task) => matchesFilters(task, params, ctx))
    .sort(comparatorFor(params.sort ?? 'dueAt', ctx.titleOrder));
}

/**
 * The database's collation order of some (already lower-cased) strings, as a TitleOrder. Only the
 * comparison of two strings is borrowed from the database; lower-casing, directions and tie-breaks
 * stay the reference's own.
 */
export async function collationOrder(db: Db, keys: string[]): Promise<TitleOrder> {
  const distinct = [...new Set(keys)];
  const rows = await queryRows<{ k: string }>(
    db,
    sql`SELECT k FROM unnest(${sql.param(distinct)}::text[]) AS k ORDER BY k`,
  );
  const rank = new Map(rows.map((row, i) => [row.k, i]));
  return (a, b) => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined || rb === undefined)
      throw new Error(`collationOrder: no rank for ${ra === undefined ? a : b}`);
    return ra - rb;
  };
}

/** A small seeded PRNG (mulberry32) so generated data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
