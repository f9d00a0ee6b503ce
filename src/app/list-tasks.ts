import type { ListTasksInput, Sort, SortKey } from '../../contract/task.ts';
import { isUuid } from '../domain/ids.ts';
import { PRIORITY_RANK, type Task } from '../domain/task.ts';
import { addLocalDays, resolveTimeInput } from '../domain/time.ts';
import { validationError } from '../errors.ts';
import type { Actor, AppDeps, CursorPosition, TaskListQuery } from '../ports/index.ts';

export interface TaskListPage {
  items: Task[];
  nextCursor: string | null;
}

interface CursorBody {
  s: Sort;
  v: string | number | null;
  i: string;
}

export function encodeCursor(sort: Sort, position: CursorPosition): string {
  const body: CursorBody = { s: sort, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const badCursor = () =>
  validationError([
    {
      path: 'query.cursor',
      message: 'is not a cursor of this list: it is damaged or was made for another sort',
    },
  ]);

export function decodeCursor(cursor: string, sort: Sort): CursorPosition {
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!body || typeof body !== 'object' || body.s !== sort || typeof body.i !== 'string' || !isUuid(body.i))
    throw badCursor();
  const key = sort.replace(/^-/, '') as SortKey;
  const v = body.v;
  // The value goes into SQL as a smallint, text or timestamptz: accept only what this module
  // writes, so a forged cursor is a 400 and never a database error (out of range, NUL, year 0).
  const valid =
    key === 'priority'
      ? Number.isInteger(v) && PRIORITY_RANKS.has(v as number)
      : key === 'title'
        ? typeof v === 'string' && !v.includes('\u0000')
        : (typeof v === 'string' && isCursorInstant(v)) || (key === 'dueAt' && v === null);
  if (!valid || v === undefined) throw badCursor();
  return { value: v, id: body.i };
}

const PRIORITY_RANKS = new Set(Object.values(PRIORITY_RANK));

/** An instant exactly as Date#toISOString writes it, in a year Postgres can read. */
function isCursorInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value.startsWith('0000')) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

const SEARCH_WORDS_MAX = 10;

/**
 * Words for a prefix search: letters and digits only, so nothing reaches tsquery syntax. Every word
 * must match, so words beyond the cap are refused rather than silently dropped (which would list
 * tasks that do not contain them).
 */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  const words = [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  if (words.length > SEARCH_WORDS_MAX)
    throw validationError([{ path: 'query.q', message: `must have at most ${SEARCH_WORDS_MAX} words` }]);
  return words;
}

function boundary(value: string | undefined, timeZone: string, end: boolean): Date | undefined {
  if (value === undefined) return undefined;
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  // A date as the upper bound includes that whole day: the range is [from, to).
  const target = isDate && end ? addLocalDays(value, 1) : value;
  return resolveTimeInput(target, timeZone).instant;
}

export async function listTasks(deps: AppDeps, actor: Actor, input: ListTasksInput): Promise<TaskListPage> {
  const desc = input.sort.startsWith('-');
  const query: TaskListQuery = {
    status: input.status,
    priorities: input.priority,
    tags: input.tags,
    words: searchWords(input.q),
    dueFrom: boundary(input.dueFrom, actor.timeZone, false),
    dueTo: boundary(input.dueTo, actor.timeZone, true),
    overdueBefore: input.overdue === 'true' ? deps.clock.now() : undefined,
    sort: { key: input.sort.replace(/^-/, '') as SortKey, desc },
    limit: input.limit,
    after: input.cursor ? decodeCursor(input.cursor, input.sort) : undefined,
  };
  const rows = await deps.uow.read.tasks.list(actor.userId, query);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => row.task),
    nextCursor: rows.length > input.limit && last ? encodeCursor(input.sort, last.position) : null,
  };
}
