import type { Actor, AppDeps, TagSummary } from '../ports/index.ts';

/** Colours a tag; the tag need not be on a task yet (people prepare their palette). */
export async function setTagColor(
  deps: AppDeps,
  actor: Actor,
  name: string,
  color: string,
): Promise<TagSummary> {
  await deps.uow.transaction((repos) => repos.tags.setColor(actor.userId, name, color), {
    lockKey: actor.userId,
  });
  const tags = await deps.uow.read.tags.list(actor.userId);
  return tags.find((tag) => tag.name === name) ?? { name, color, taskCount: 0 };
}
