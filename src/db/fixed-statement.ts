// Statements whose text never changes, built once and run by name. On real Postgres a named
// statement is parsed and planned once per connection: for the create statement (three inserts in
// CTEs) planning cost more than executing, and building its text through Drizzle on every call cost
// a quarter of the server's CPU per request (bench:api). PGlite ignores the name.
import type { Db } from './client.ts';

export interface FixedStatement {
  /** Unique per text: a connection keeps the first text it prepared under a name. */
  readonly name: string;
  readonly text: string;
}

/** Runs the statement and resolves to its rows as the driver parsed them (int8 may be a string). */
export function runFixed<Row = Record<string, unknown>>(
  db: Db,
  statement: FixedStatement,
  values: unknown[],
): Promise<Row[]> {
  return run(db, statement.text, values, statement.name);
}

/**
 * Runs a statement unnamed (planned with its values on every run) and resolves to its rows as the
 * driver parsed them: for text built once elsewhere whose best plan depends on the values.
 */
export function runUnnamed<Row = Record<string, unknown>>(
  db: Db,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  return run(db, text, values, undefined);
}

async function run<Row>(db: Db, text: string, values: unknown[], name: string | undefined): Promise<Row[]> {
  const result = (await db._.session
    .prepareQuery({ sql: text, params: values }, undefined, name, false)
    .execute()) as { rows: Row[] };
  return result.rows;
}
