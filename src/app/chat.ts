import { CHAT_LIMITS, type ChatInput, type ChatMessage, type ToolCall } from '../../contract/chat.ts';
import { AppError, notFound } from '../errors.ts';
import type { Assistant } from '../ports/assistant.ts';
import type { Conversation, ConversationStore } from '../ports/conversations.ts';
import type { Actor, AppDeps } from '../ports/index.ts';

export interface ChatServices {
  conversations: ConversationStore;
  assistant: Assistant;
}

export interface ChatResult {
  conversationId: string;
  reply: string;
  toolCalls: ToolCall[];
}

const SAVE_ATTEMPTS = 3;

/**
 * One turn of the assistant: read the conversation, let the assistant act through its tools, and
 * append the message and the reply. Everything between requests lives in the conversation, so any
 * replica can take the next message. Two turns of the same conversation at once both keep their
 * messages: a stale save re-reads and appends again (the tools already acted; losing the record
 * of it would be worse than interleaving).
 */
export async function chat(
  deps: Pick<AppDeps, 'clock' | 'newId'>,
  services: ChatServices,
  actor: Actor,
  input: ChatInput,
): Promise<ChatResult> {
  const { conversations, assistant } = services;
  const existing = input.conversationId ? await conversations.get(actor.userId, input.conversationId) : null;
  if (input.conversationId && !existing) throw notFound('conversation');
  const received = deps.clock.now();
  const turn = await assistant.respond(actor, existing?.messages ?? [], input.message);
  const answered = deps.clock.now();

  const added: ChatMessage[] = [
    { role: 'user', content: input.message, at: received.toISOString() },
    {
      role: 'assistant',
      content: turn.reply,
      at: answered.toISOString(),
      ...(turn.toolCalls.length > 0 ? { toolCalls: turn.toolCalls } : {}),
      ...(turn.clarification ? { clarification: turn.clarification } : {}),
    },
  ];
  let current: Conversation = existing ?? {
    id: deps.newId(),
    userId: actor.userId,
    messages: [],
    createdAt: received,
    updatedAt: received,
    version: 0,
  };
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const messages = [...current.messages, ...added].slice(-CHAT_LIMITS.historyMax);
    if (await conversations.save({ ...current, messages, updatedAt: answered }, current.version))
      return { conversationId: current.id, reply: turn.reply, toolCalls: turn.toolCalls };
    const fresh = await conversations.get(actor.userId, current.id);
    if (!fresh) throw notFound('conversation');
    current = fresh;
  }
  throw new AppError(
    'conflict',
    'The conversation kept changing while it was being saved; send the message again.',
  );
}
