import type { ActivityQueryInput } from '../../contract/activity.ts';
import { isUuid } from '../domain/ids.ts';
import { validationError } from '../errors.ts';
import type { ActivityEntry, Actor, AppDeps } from '../ports/index.ts';

export interface ActivityPage {
  items: ActivityEntry[];
  nextCursor: string | null;
}

const badCursor = () =>
  validationError([{ path: 'query.cursor', message: 'is not a cursor of the activity log' }]);

function decode(cursor: string): { time: Date; id: string } {
  try {
    const { t, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Only what this module writes (Date#toISOString of a stored time): anything else would reach
    // SQL as an out-of-range timestamp and fail there instead of here.
    const time = typeof t === 'string' ? new Date(t) : new Date(Number.NaN);
    const exact =
      /^\d{4}-/.test(t) && !t.startsWith('0000') && !Number.isNaN(time.getTime()) && time.toISOString() === t;
    if (!exact || typeof i !== 'string' || !isUuid(i)) throw badCursor();
    return { time, id: i };
  } catch {
    throw badCursor();
  }
}

/** Newest first. An unknown or foreign taskId simply has no entries. */
export async function listActivity(
  deps: AppDeps,
  actor: Actor,
  input: ActivityQueryInput,
): Promise<ActivityPage> {
  if (input.taskId !== undefined && !isUuid(input.taskId)) return { items: [], nextCursor: null };
  const rows = await deps.uow.read.activity.list(actor.userId, {
    taskId: input.taskId,
    type: input.type,
    limit: input.limit,
    before: input.cursor ? decode(input.cursor) : undefined,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(JSON.stringify({ t: last.time.toISOString(), i: last.id })).toString('base64url')
      : null;
  return { items, nextCursor };
}
