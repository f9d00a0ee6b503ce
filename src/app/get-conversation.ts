import { notFound } from '../errors.ts';
import type { Conversation, ConversationStore } from '../ports/conversations.ts';
import type { Actor } from '../ports/index.ts';

/** The actor's conversation with the assistant; a foreign or unknown id is the same 404. */
export async function getConversation(
  conversations: ConversationStore,
  actor: Actor,
  id: string,
): Promise<Conversation> {
  const conversation = await conversations.get(actor.userId, id);
  if (!conversation) throw notFound('conversation');
  return conversation;
}
