// When a live task event needs the list refetched: the row may have to appear, or move.
const SORT_FIELD: Record<string, string> = {
  dueAt: 'dueAt',
  priority: 'priority',
  title: 'title',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

export function needsRefetch(input: {
  /** The task is in the cached list. */
  present: boolean;
  action: 'upsert' | 'delete';
  /** Whether it matches the list's query (from matchesQuery). */
  verdict: boolean | 'unknown';
  /** The list's sort, e.g. '-dueAt'. */
  sort: string;
  /** The fields an update touched; undefined for other events. */
  changes?: string[] | undefined;
}): boolean {
  const { present, action, verdict, changes } = input;
  // Removed locally already, or cannot be in the list.
  if (action === 'delete' || verdict === false) return false;
  // It may belong in the list: only the server knows where.
  if (!present) return true;
  const field = SORT_FIELD[input.sort.replace(/^-/, '')] ?? 'dueAt';
  // Every update changes updatedAt; status changes only move rows sorted by it.
  if (field === 'updatedAt') return true;
  if (!changes) return false;
  if (changes.includes(field)) return true;
  // A search list: edited words may have taken it out.
  return verdict === 'unknown' && (changes.includes('title') || changes.includes('description'));
}
