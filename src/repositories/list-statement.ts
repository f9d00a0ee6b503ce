// The list page's statement, built by Drizzle once per shape of query and then reused with new
// values. Building it on every request cost about an eighth of a list request's server CPU, and
// mapping its 51 rows through Drizzle as much again (bench:api profile). A shape is which filters
// are present, how many priorities, the sort and the kind of cursor; every value is a parameter.
// There are finitely many shapes (a few thousand), so the cache needs no eviction.
import { and, asc, desc, eq, fillPlaceholders, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { SortKey } from '../../contract/task.ts';
import { tasks } from '../db/schema.ts';
import type { TaskListQuery } from '../ports/index.ts';
import { taskColumns } from './task-rows.ts';

const SORT_COLUMN = {
  dueAt: tasks.dueAt,
  priority: tasks.priorityRank,
  title: tasks.titleKey,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
} as const;

const SORT_CAST: Record<SortKey, string> = {
  dueAt: 'timestamptz',
  priority: 'smallint',
  title: 'text',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
};

const $ = (name: string) => sql.placeholder(name);

function afterCondition(query: TaskListQuery): SQL | undefined {
  const after = query.after;
  if (!after) return undefined;
  const { key, desc: descending } = query.sort;
  const column = SORT_COLUMN[key];
  const op = sql.raw(descending ? '<' : '>');
  if (after.value === null) {
    // Only dueAt is nullable; nulls come last in both directions, ordered by id among themselves.
    return and(isNull(column), sql`${tasks.id} ${op} ${$('afterId')}::uuid`);
  }
  const value = sql`${$('afterValue')}::${sql.raw(SORT_CAST[key])}`;
  const beyond = sql`(${column}, ${tasks.id}) ${op} (${value}, ${$('afterId')}::uuid)`;
  return key === 'dueAt' ? sql`(${beyond} OR ${column} IS NULL)` : beyond;
}

function build(query: TaskListQuery) {
  const conditions: (SQL | undefined)[] = [eq(tasks.userId, $('userId')), isNull(tasks.deletedAt)];
  if (query.status !== 'all') conditions.push(eq(tasks.status, $('status')));
  if (query.priorities?.length)
    conditions.push(
      inArray(
        tasks.priority,
        query.priorities.map((_, i) => $(`priority${i}`)),
      ),
    );
  if (query.tags?.length) conditions.push(sql`${tasks.tags} @> ${$('tags')}::text[]`);
  if (query.words?.length) conditions.push(sql`${tasks.search} @@ to_tsquery('simple', ${$('tsquery')})`);
  if (query.dueFrom) conditions.push(sql`${tasks.dueAt} >= ${$('dueFrom')}::timestamptz`);
  if (query.dueTo) conditions.push(sql`${tasks.dueAt} < ${$('dueTo')}::timestamptz`);
  if (query.overdueBefore)
    conditions.push(
      and(eq(tasks.status, 'pending'), sql`${tasks.overdueAt} < ${$('overdueBefore')}::timestamptz`),
    );
  conditions.push(afterCondition(query));

  const column = SORT_COLUMN[query.sort.key];
  const direction = query.sort.desc ? desc : asc;
  const order =
    query.sort.key === 'dueAt'
      ? [sql`${column} ${sql.raw(query.sort.desc ? 'DESC' : 'ASC')} NULLS LAST`, direction(tasks.id)]
      : [direction(column), direction(tasks.id)];
  const { sql: text, params } = new QueryBuilder()
    .select(taskColumns)
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...order)
    .limit($('limit'))
    .toSQL();
  return { text, params };
}

/** What decides the statement's text; two queries of one shape differ only in their values. */
export function listShape(query: TaskListQuery): string {
  const cursor = query.after ? (query.after.value === null ? 'null' : 'value') : '';
  return [
    query.status === 'all' ? '' : 'status',
    query.priorities?.length ?? 0,
    query.tags?.length ? 'tags' : '',
    query.words?.length ? 'words' : '',
    query.dueFrom ? 'from' : '',
    query.dueTo ? 'to' : '',
    query.overdueBefore ? 'overdue' : '',
    cursor,
    query.sort.key,
    query.sort.desc ? 'desc' : 'asc',
  ].join('|');
}

const built = new Map<string, ReturnType<typeof build>>();

/**
 * The statement of a list page, one row past the limit (the next page's evidence). It runs
 * unnamed, so Postgres plans it with its values: a generic plan cannot see how many tasks a user
 * has or how rare a tag is.
 */
export function listStatement(userId: string, query: TaskListQuery): { text: string; values: unknown[] } {
  const shape = listShape(query);
  let statement = built.get(shape);
  if (!statement) {
    statement = build(query);
    built.set(shape, statement);
  }
  const values: Record<string, unknown> = {
    userId,
    status: query.status,
    tags: query.tags,
    tsquery: query.words?.map((word) => `'${word}':*`).join(' & '),
    dueFrom: query.dueFrom?.toISOString(),
    dueTo: query.dueTo?.toISOString(),
    overdueBefore: query.overdueBefore?.toISOString(),
    afterValue: query.after?.value,
    afterId: query.after?.id,
    limit: query.limit + 1,
  };
  query.priorities?.forEach((priority, i) => {
    values[`priority${i}`] = priority;
  });
  return { text: statement.text, values: fillPlaceholders(statement.params, values) };
}
