// The bare baseline: Fastify + one pg.Pool (the same size as Taskstream's), each request one SQL
// statement equivalent to what Taskstream does: INSERT … RETURNING for create (no auth, no
// validation library, no outbox, no reminders), and the very SELECT the task repository issues
// for a list page (captured from Taskstream at start, so the same WHERE, ORDER BY, LIMIT, indexes
// and plan even when the repository changes).
import { getTableColumns } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { v7 } from 'uuid';
import { tasks } from '../../src/db/schema.ts';
import { searchText } from '../../src/repositories/task-rows.ts';
import { PRIORITY_RANK } from './seed.ts';

/** The columns the task repository reads: every column of the table but the search vector. */
export const TASK_COLUMNS = Object.values(getTableColumns(tasks))
  .filter((column) => column.name !== 'search')
  .map((column) => `"${column.name}"`)
  .join(', ');

export interface Statement {
  text: string;
  values: unknown[];
}

const SORT_COLUMN: Record<string, string> = {
  dueAt: 'due_at',
  priority: 'priority_rank',
  title: 'title_key',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

export interface ListParams {
  status?: string;
  priority?: string;
  tags?: string;
  q?: string;
  sort?: string;
  limit?: string;
}

const csv = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The list statement's filter and order as the repository writes them (src/repositories/list-statement.ts),
 * for counting matches; the load sends the statement captured from Taskstream itself.
 */
export function listStatement(userId: string, params: ListParams): Statement {
  const values: unknown[] = [userId];
  const where = ['"tasks"."user_id" = $1', '"tasks"."deleted_at" is null'];
  const status = params.status ?? 'pending';
  if (status !== 'all') {
    values.push(status);
    where.push(`"tasks"."status" = $${values.length}`);
  }
  const priorities = csv(params.priority);
  if (priorities.length > 0) {
    const refs = priorities.map((p) => {
      values.push(p);
      return `$${values.length}`;
    });
    where.push(`"tasks"."priority" in (${refs.join(', ')})`);
  }
  const tags = csv(params.tags);
  if (tags.length > 0) {
    values.push(tags);
    where.push(`"tasks"."tags" @> $${values.length}::text[]`);
  }
  const words = (params.q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length > 0) {
    values.push(words.map((w) => `'${w}':*`).join(' & '));
    where.push(`"tasks"."search" @@ to_tsquery('simple', $${values.length})`);
  }
  const sort = params.sort ?? 'dueAt';
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const column = `"tasks"."${SORT_COLUMN[key] ?? 'due_at'}"`;
  const dir = desc ? 'desc' : 'asc';
  const order =
    key === 'dueAt'
      ? `${column} ${desc ? 'DESC' : 'ASC'} NULLS LAST, "tasks"."id" ${dir}`
      : `${column} ${dir}, "tasks"."id" ${dir}`;
  values.push(Number(params.limit ?? 50) + 1);
  return {
    text: `select ${TASK_COLUMNS} from "tasks" where (${where.join(' and ')}) order by ${order} limit $${values.length}`,
    values,
  };
}

interface CreateBody {
  title: string;
  description?: string;
  priority?: keyof typeof PRIORITY_RANK;
  tags?: string[];
  dueAt?: string | null;
}

export interface Baseline {
  app: FastifyInstance;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

export async function startBaseline(options: {
  databaseUrl: string;
  poolMax: number;
  userId: string;
  /** Statements captured from Taskstream, by query string; others are built by listStatement. */
  listStatements?: Map<string, Statement>;
  /** What GET /stats answers (baseline-server.ts: its event-loop delay and GCs). */
  stats?: () => unknown;
}): Promise<Baseline> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax });
  pool.on('error', () => {});
  const app = Fastify({ logger: false });

  app.post('/tasks', async (request, reply) => {
    const body = request.body as CreateBody;
    const now = new Date();
    const priority = body.priority ?? 'none';
    const dueAt = body.dueAt ? new Date(body.dueAt) : null;
    const title = body.title.trim();
    const description = body.description ?? '';
    const result = await pool.query(
      `insert into "tasks" ("id", "user_id", "title", "title_key", "search", "description", "status",
         "priority", "priority_rank", "tags", "due_at", "all_day", "time_zone", "overdue_at", "created_at",
         "updated_at", "version")
       values ($1, $2, $3, $4, to_tsvector('simple', $5), $6, 'pending', $7, $8, $9, $10, false, 'UTC', $10,
         $11, $11, 1)
       returning ${TASK_COLUMNS}`,
      [
        v7(),
        options.userId,
        title,
        title.toLowerCase(),
        searchText({ title, description }),
        description,
        priority,
        PRIORITY_RANK[priority],
        body.tags ?? [],
        dueAt,
        now,
      ],
    );
    return reply.code(201).send(result.rows[0]);
  });

  app.get('/tasks', async (request) => {
    const query = request.url.slice(request.url.indexOf('?') + 1);
    const statement =
      options.listStatements?.get(query) ?? listStatement(options.userId, request.query as ListParams);
    const result = await pool.query(statement);
    return { items: result.rows, nextCursor: null };
  });

  const stats = options.stats;
  if (stats) app.get('/stats', async () => stats());

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    pool,
    url: address,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
