import type { Actor, AppDeps, TagSummary } from '../ports/index.ts';

export function listTags(deps: AppDeps, actor: Actor): Promise<TagSummary[]> {
  return deps.uow.read.tags.list(actor.userId);
}
