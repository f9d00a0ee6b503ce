import { AppError } from '../errors.ts';
import type { Actor, AppDeps, UserProfile } from '../ports/index.ts';

export async function getMe(deps: AppDeps, actor: Actor): Promise<UserProfile> {
  const me = await deps.uow.read.users.find(actor.userId);
  if (!me) throw new AppError('unauthorized', 'The account of this session no longer exists.');
  return me;
}
