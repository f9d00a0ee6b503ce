import { and, eq } from 'drizzle-orm';
import { type ChatMessage, ChatMessageSchema } from '../../contract/chat.ts';
import type { Db } from '../db/client.ts';
import { conversations } from '../db/schema.ts';
import { isUuid } from '../domain/ids.ts';
import type { Conversation, ConversationStore } from '../ports/conversations.ts';

/** Messages as stored; a row written by an older shape keeps the messages that still read. */
function messagesOf(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = ChatMessageSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export class DrizzleConversationStore implements ConversationStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async get(userId: string, id: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
    return row ? { ...row, messages: messagesOf(row.messages) } : null;
  }

  async save(conversation: Conversation, expectedVersion: number): Promise<boolean> {
    const values = {
      messages: conversation.messages,
      updatedAt: conversation.updatedAt,
      version: expectedVersion + 1,
    };
    if (expectedVersion === 0) {
      const inserted = await this.db
        .insert(conversations)
        .values({
          id: conversation.id,
          userId: conversation.userId,
          createdAt: conversation.createdAt,
          ...values,
        })
        .onConflictDoNothing()
        .returning({ id: conversations.id });
      return inserted.length > 0;
    }
    const updated = await this.db
      .update(conversations)
      .set(values)
      .where(
        and(
          eq(conversations.id, conversation.id),
          eq(conversations.userId, conversation.userId),
          eq(conversations.version, expectedVersion),
        ),
      )
      .returning({ id: conversations.id });
    return updated.length > 0;
  }
}
