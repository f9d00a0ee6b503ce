import { nextInSeries } from '../domain/series.ts';
import type { Task } from '../domain/task.ts';
import type { AppDeps, Repositories } from '../ports/index.ts';
import { changeContext, taskEvent } from './shared.ts';

/**
 * After an occurrence was completed: creates the next one, exactly once per completion (the
 * `spawnedFrom` key holds even when two consumers race). Nothing when the task was reopened or
 * deleted meanwhile, does not recur, or its series has ended. Runs in the caller's transaction.
 */
export async function advanceSeriesIn(
  repos: Repositories,
  deps: AppDeps,
  userId: string,
  completedId: string,
): Promise<Task | null> {
  const done = await repos.tasks.find(userId, completedId);
  if (done?.status !== 'completed') return null;
  const ctx = changeContext(deps);
  const next = nextInSeries(done, ctx);
  if (!next || !(await repos.tasks.insertNext(next))) return null;
  await repos.outbox.append([taskEvent(deps, 'todo.task.created', next, ctx.now)]);
  return next;
}

/** The same in a transaction of its own: what `api` runs when `recurrence` asks it remotely. */
export function advanceSeries(deps: AppDeps, userId: string, completedId: string): Promise<Task | null> {
  return deps.uow.transaction((repos) => advanceSeriesIn(repos, deps, userId, completedId), {
    lockKey: userId,
  });
}
