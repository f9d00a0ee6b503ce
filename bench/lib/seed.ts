// Seeds a user's tasks straight into Postgres (multi-row INSERT … SELECT FROM unnest), with
// realistic variety and a fixed random seed so every run measures the same data.
import type pg from 'pg';
import { v7 } from 'uuid';
import { searchText } from '../../src/repositories/task-rows.ts';

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from a list with Zipf-like weights (1/rank): a few common values, a long tail. */
function zipf<T>(items: readonly T[]): (random: () => number) => T {
  const weights = items.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return (random) => {
    const r = random();
    const i = cumulative.findIndex((c) => r < c);
    return items[i === -1 ? items.length - 1 : i]!;
  };
}

export const TAGS = [
  'work',
  'home',
  'errands',
  'finance',
  'health',
  'family',
  'urgent-ish',
  'reading',
  'travel',
  'shopping',
  'garden',
  'car',
  'school',
  'music',
  'fitness',
  'kids',
  'taxes',
  'side-project',
  'friends',
  'ideas',
] as const;

const VERBS = [
  'review',
  'prepare',
  'send',
  'call',
  'write',
  'update',
  'fix',
  'plan',
  'book',
  'pay',
  'order',
  'check',
  'clean',
  'schedule',
  'draft',
  'finish',
  'read',
  'buy',
  'renew',
  'organise',
] as const;

const OBJECTS = [
  'report',
  'invoice',
  'meeting notes',
  'budget',
  'dentist appointment',
  'slides',
  'groceries',
  'flight',
  'newsletter',
  'contract',
  'insurance',
  'car service',
  'birthday present',
  'tax return',
  'roadmap',
  'release notes',
  'backup',
  'garden shed',
  'library books',
  'passport',
  'quarterly review',
  'onboarding guide',
  'team lunch',
  'hotel',
  'gym membership',
  'blog post',
  'design doc',
  'bike repair',
  'photo album',
  'recipe list',
] as const;

const QUALIFIERS = [
  'for Monday',
  'before the deadline',
  'with Alex',
  'for the team',
  'this week',
  'again',
  'for mum',
  'at the office',
  'online',
  'first draft',
] as const;

const FILLER = (
  'the a and to of in for on with about after before check make sure ask send include add note ' +
  'remember follow up details numbers figures list items share feedback agenda minutes link ' +
  'attachment email phone receipt copy version changes comments questions answers summary ' +
  'update status next steps owner date time place budget cost total estimate plan scope risk ' +
  'client customer vendor supplier manager colleague neighbour doctor school teacher bank'
).split(' ');

export const PRIORITY_RANK = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 } as const;
type Priority = keyof typeof PRIORITY_RANK;
const PRIORITY_SHARE: [Priority, number][] = [
  ['none', 0.3],
  ['low', 0.2],
  ['medium', 0.25],
  ['high', 0.15],
  ['urgent', 0.1],
];

export interface SeedSummary {
  tasks: number;
  reminders: number;
  completed: number;
  withDueDate: number;
  byPriority: Record<string, number>;
  ms: number;
}

const DAY = 86_400_000;

export async function seedTasks(
  pool: pg.Pool,
  options: { userId: string; count: number; seed?: number; now?: Date; timeZone?: string },
): Promise<SeedSummary> {
  const started = performance.now();
  const random = prng(options.seed ?? 42);
  const now = (options.now ?? new Date()).getTime();
  const zone = options.timeZone ?? 'UTC';
  const verb = zipf(VERBS);
  const object = zipf(OBJECTS);
  const tag = zipf(TAGS);
  const filler = zipf(FILLER);
  const priorityOf = (): Priority => {
    let r = random();
    for (const [p, share] of PRIORITY_SHARE) {
      r -= share;
      if (r < 0) return p;
    }
    return 'none';
  };

  const summary: SeedSummary = {
    tasks: 0,
    reminders: 0,
    completed: 0,
    withDueDate: 0,
    byPriority: {},
    ms: 0,
  };
  const chunk = 2500;
  for (let offset = 0; offset < options.count; offset += chunk) {
    const n = Math.min(chunk, options.count - offset);
    const t = {
      id: [] as string[],
      title: [] as string[],
      titleKey: [] as string[],
      search: [] as string[],
      description: [] as string[],
      status: [] as string[],
      priority: [] as string[],
      rank: [] as number[],
      tags: [] as string[],
      dueAt: [] as (string | null)[],
      allDay: [] as boolean[],
      overdueAt: [] as (string | null)[],
      completedAt: [] as (string | null)[],
      createdAt: [] as string[],
      updatedAt: [] as string[],
      version: [] as number[],
    };
    const r = {
      id: [] as string[],
      taskId: [] as string[],
      offset: [] as number[],
      remindAt: [] as string[],
      state: [] as string[],
    };
    for (let i = 0; i < n; i++) {
      const created = now - Math.floor(random() * 90 * DAY);
      const updated = created + Math.floor(random() * (now - created));
      const id = v7({ msecs: created });
      const title = [
        verb(random),
        object(random),
        random() < 0.35 ? QUALIFIERS[Math.floor(random() * 10)] : '',
      ]
        .join(' ')
        .trim();
      const words = random() < 0.4 ? 0 : 5 + Math.floor(random() * 21);
      const description = Array.from({ length: words }, () =>
        random() < 0.05 ? object(random) : filler(random),
      ).join(' ');
      const completed = random() < 0.2;
      const priority = priorityOf();
      const tagCount = Math.floor(random() * 4);
      const tags = new Set<string>();
      while (tags.size < tagCount) tags.add(tag(random));
      let due: number | null = null;
      let allDay = false;
      if (random() >= 0.15) {
        allDay = random() < 0.25;
        due = now + Math.floor((random() * 2 - 1) * 60 * DAY);
        if (allDay) due = Math.floor(due / DAY) * DAY;
        else due = Math.floor(due / (15 * 60_000)) * 15 * 60_000;
      }
      const overdue = due === null ? null : allDay ? due + DAY : due;
      const completedAt = completed ? updated : null;

      const shownTitle = title.charAt(0).toUpperCase() + title.slice(1);
      t.id.push(id);
      t.title.push(shownTitle);
      // The stored sort and search keys, computed as the repository computes them.
      t.titleKey.push(shownTitle.toLowerCase());
      t.search.push(searchText({ title: shownTitle, description }));
      t.description.push(description);
      t.status.push(completed ? 'completed' : 'pending');
      t.priority.push(priority);
      t.rank.push(PRIORITY_RANK[priority]);
      t.tags.push([...tags].join(','));
      t.dueAt.push(due === null ? null : new Date(due).toISOString());
      t.allDay.push(allDay);
      t.overdueAt.push(overdue === null ? null : new Date(overdue).toISOString());
      t.completedAt.push(completedAt === null ? null : new Date(completedAt).toISOString());
      t.createdAt.push(new Date(created).toISOString());
      t.updatedAt.push(new Date(updated).toISOString());
      t.version.push(1 + Math.floor(random() * 3));

      summary.tasks++;
      if (completed) summary.completed++;
      if (due !== null) summary.withDueDate++;
      summary.byPriority[priority] = (summary.byPriority[priority] ?? 0) + 1;

      if (due !== null && random() < 0.3) {
        const minutes = [10, 30, 60, 1440][Math.floor(random() * 4)]!;
        const at = due - minutes * 60_000;
        r.id.push(v7({ msecs: created }));
        r.taskId.push(id);
        r.offset.push(minutes);
        r.remindAt.push(new Date(at).toISOString());
        r.state.push(completed ? 'cancelled' : at < now ? 'sent' : 'pending');
        summary.reminders++;
      }
    }
    await pool.query(
      `INSERT INTO tasks (id, user_id, title, title_key, search, description, status, priority, priority_rank,
         tags, due_at, all_day, time_zone, overdue_at, completed_at, created_at, updated_at, version)
       SELECT id, $1, title, title_key, to_tsvector('simple', search), description, status, priority, rank,
         string_to_array(tags, ','), due_at, all_day, $2, overdue_at, completed_at, created_at, updated_at, version
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::smallint[], $11::text[], $12::timestamptz[], $13::boolean[], $14::timestamptz[], $15::timestamptz[],
         $16::timestamptz[], $17::timestamptz[], $18::int[])
         AS s(id, title, title_key, search, description, status, priority, rank, tags, due_at, all_day,
              overdue_at, completed_at, created_at, updated_at, version)`,
      [
        options.userId,
        zone,
        t.id,
        t.title,
        t.titleKey,
        t.search,
        t.description,
        t.status,
        t.priority,
        t.rank,
        t.tags,
        t.dueAt,
        t.allDay,
        t.overdueAt,
        t.completedAt,
        t.createdAt,
        t.updatedAt,
        t.version,
      ],
    );
    if (r.id.length > 0)
      await pool.query(
        `INSERT INTO reminders (id, task_id, user_id, position, offset_minutes, remind_at, state, sent_at)
         SELECT id, task_id, $1, 0, offset_minutes, remind_at, state,
                CASE WHEN state = 'sent' THEN remind_at END
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[], $6::text[])
           AS s(id, task_id, offset_minutes, remind_at, state)`,
        [options.userId, r.id, r.taskId, r.offset, r.remindAt, r.state],
      );
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
