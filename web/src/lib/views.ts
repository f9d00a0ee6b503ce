// The list's views and filters: what the URL says → the query GET /api/tasks takes, and how the
// rows are grouped under headings.
import type { Priority, Sort, TaskDto } from '#contract/task.ts';
import { PRIORITIES, SORTS } from './contract.ts';
import { addDays, dayHeading, isOverdue, localDate, todayIn } from './dates.ts';

export type ViewId = 'inbox' | 'today' | 'upcoming' | 'overdue' | 'completed';
export type StatusFilter = 'pending' | 'completed' | 'all';

export const VIEWS: { id: ViewId; path: string; label: string; empty: string }[] = [
  {
    id: 'inbox',
    path: '/',
    label: 'All tasks',
    empty: 'No tasks yet. Add one above — try “Call mom every Sunday at 6pm”.',
  },
  { id: 'today', path: '/today', label: 'Today', empty: 'Nothing due today. Enjoy the day.' },
  { id: 'upcoming', path: '/upcoming', label: 'Upcoming', empty: 'Nothing coming up.' },
  { id: 'overdue', path: '/overdue', label: 'Overdue', empty: 'Nothing overdue. Nicely done.' },
  { id: 'completed', path: '/completed', label: 'Completed', empty: 'Nothing completed yet.' },
];

export function viewOfPath(path: string): ViewId | null {
  return VIEWS.find((v) => v.path === path)?.id ?? null;
}

export interface Filters {
  status: StatusFilter | null;
  priority: Priority[];
  tags: string[];
  q: string;
  /** 'YYYY-MM-DD', inclusive */
  dueFrom: string;
  /** 'YYYY-MM-DD', inclusive (the API's dueTo date includes that whole day) */
  dueTo: string;
  overdue: boolean;
  sort: Sort | null;
}

export const NO_FILTERS: Filters = {
  status: null,
  priority: [],
  tags: [],
  q: '',
  dueFrom: '',
  dueTo: '',
  overdue: false,
  sort: null,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export function parseFilters(search: URLSearchParams): Filters {
  const status = search.get('status');
  const sort = search.get('sort');
  const dueFrom = search.get('dueFrom') ?? '';
  const dueTo = search.get('dueTo') ?? '';
  return {
    status: status === 'pending' || status === 'completed' || status === 'all' ? status : null,
    priority: list(search.get('priority')).filter((p): p is Priority =>
      (PRIORITIES as readonly string[]).includes(p),
    ),
    tags: list(search.get('tags')),
    q: (search.get('q') ?? '').slice(0, 200),
    dueFrom: DATE.test(dueFrom) ? dueFrom : '',
    dueTo: DATE.test(dueTo) ? dueTo : '',
    overdue: search.get('overdue') === 'true',
    sort: sort && (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : null,
  };
}

/** The URL's search part for filters (defaults left out), keeping other parameters of `base`. */
export function filtersToSearch(filters: Filters, base = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const key of ['status', 'priority', 'tags', 'q', 'dueFrom', 'dueTo', 'overdue', 'sort'])
    out.delete(key);
  if (filters.status) out.set('status', filters.status);
  if (filters.priority.length) out.set('priority', filters.priority.join(','));
  if (filters.tags.length) out.set('tags', filters.tags.join(','));
  if (filters.q.trim()) out.set('q', filters.q);
  if (filters.dueFrom) out.set('dueFrom', filters.dueFrom);
  if (filters.dueTo) out.set('dueTo', filters.dueTo);
  if (filters.overdue) out.set('overdue', 'true');
  if (filters.sort) out.set('sort', filters.sort);
  return out;
}

export function activeFilterCount(filters: Filters): number {
  return (
    (filters.status ? 1 : 0) +
    (filters.priority.length ? 1 : 0) +
    (filters.tags.length ? 1 : 0) +
    (filters.dueFrom || filters.dueTo ? 1 : 0) +
    (filters.overdue ? 1 : 0)
  );
}

/** The query of GET /api/tasks (without cursor and limit) for a view with filters on top. */
export function listQuery(view: ViewId, filters: Filters, today: string): Record<string, string> {
  let status: StatusFilter = 'pending';
  let sort: Sort = 'dueAt';
  let dueFrom = '';
  let dueTo = '';
  let overdue = false;
  switch (view) {
    case 'today':
      dueTo = today;
      break;
    case 'upcoming':
      dueFrom = addDays(today, 1);
      break;
    case 'overdue':
      overdue = true;
      break;
    case 'completed':
      status = 'completed';
      sort = '-updatedAt';
      break;
    case 'inbox':
      break;
  }
  if (filters.status && view !== 'completed' && view !== 'overdue') status = filters.status;
  if (filters.sort) sort = filters.sort;
  if (filters.dueFrom && (!dueFrom || filters.dueFrom > dueFrom)) dueFrom = filters.dueFrom;
  if (filters.dueTo && (!dueTo || filters.dueTo < dueTo)) dueTo = filters.dueTo;
  overdue ||= filters.overdue;

  const query: Record<string, string> = { status, sort };
  if (filters.priority.length) query.priority = filters.priority.join(',');
  if (filters.tags.length) query.tags = filters.tags.join(',');
  if (filters.q.trim()) query.q = filters.q.trim();
  if (dueFrom) query.dueFrom = dueFrom;
  if (dueTo) query.dueTo = dueTo;
  if (overdue) query.overdue = 'true';
  return query;
}

/**
 * Whether a task belongs in a list with this query: true, false, or 'unknown' when only the server
 * can tell (the full-text search `q`). Used to drop a row at once when an event moves it out.
 */
export function matchesQuery(
  task: TaskDto,
  query: Record<string, string>,
  zone: string,
  now: number = Date.now(),
): boolean | 'unknown' {
  const status = query.status ?? 'pending';
  if (status !== 'all' && task.status !== status) return false;
  if (query.priority && !query.priority.split(',').includes(task.priority)) return false;
  if (query.tags && !query.tags.split(',').every((tag) => task.tags.includes(tag))) return false;
  if (query.overdue === 'true' && !isOverdue(task, zone, now)) return false;
  if (query.dueFrom || query.dueTo) {
    if (!task.dueAt) return false;
    const date = localDate(task.dueAt, zone);
    if (query.dueFrom && date < query.dueFrom) return false;
    if (query.dueTo && date > query.dueTo) return false;
  }
  return query.q ? 'unknown' : true;
}

export interface Group {
  key: string;
  heading: string | null;
  tasks: TaskDto[];
}

/** Today: "Overdue" then "Today"; Upcoming: one heading per day; other views: one list. */
export function groupTasks(view: ViewId, tasks: TaskDto[], zone: string, now: number = Date.now()): Group[] {
  if (view === 'today') {
    const overdue = tasks.filter((t) => isOverdue(t, zone, now));
    const rest = tasks.filter((t) => !isOverdue(t, zone, now));
    return [
      ...(overdue.length ? [{ key: 'overdue', heading: 'Overdue', tasks: overdue }] : []),
      ...(rest.length
        ? [{ key: 'today', heading: dayHeading(todayIn(zone, now), todayIn(zone, now)), tasks: rest }]
        : []),
    ];
  }
  if (view === 'upcoming') {
    const today = todayIn(zone, now);
    const groups: Group[] = [];
    for (const task of tasks) {
      const date = task.dueAt ? localDate(task.dueAt, zone) : 'none';
      let group = groups.at(-1);
      if (!group || group.key !== date) {
        group = { key: date, heading: date === 'none' ? 'No date' : dayHeading(date, today), tasks: [] };
        groups.push(group);
      }
      group.tasks.push(task);
    }
    return groups;
  }
  return tasks.length ? [{ key: 'all', heading: null, tasks }] : [];
}
