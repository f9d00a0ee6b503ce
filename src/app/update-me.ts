import type { PatchMeInput } from '../../contract/user.ts';
import { AppError } from '../errors.ts';
import type { Actor, AppDeps, UserProfile } from '../ports/index.ts';

/** Name and default time zone; the zone applies to tasks created from now on. */
export async function updateMe(deps: AppDeps, actor: Actor, patch: PatchMeInput): Promise<UserProfile> {
  const me = await deps.uow.transaction((repos) => repos.users.update(actor.userId, patch), {
    lockKey: actor.userId,
  });
  if (!me) throw new AppError('unauthorized', 'The account of this session no longer exists.');
  return me;
}
