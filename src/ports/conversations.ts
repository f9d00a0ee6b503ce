// Where assistant conversations live. Kept to get/save with an optimistic version so any key-value
// store with compare-and-set (the conversations table, a Dapr state store with ETags) can hold them.
import type { ChatMessage } from '../../contract/chat.ts';

export interface Conversation {
  id: string;
  userId: string;
  messages: ChatMessage[];
  createdAt: Date;
  updatedAt: Date;
  /** 1 after the first save; each save adds one. */
  version: number;
}

export interface ConversationStore {
  /** The user's conversation, or null (another user's id is the same null). */
  get(userId: string, id: string): Promise<Conversation | null>;
  /**
   * Stores `conversation` with `version = expectedVersion + 1`; `expectedVersion` 0 creates it.
   * False when the stored version is not `expectedVersion` (someone saved in between).
   */
  save(conversation: Conversation, expectedVersion: number): Promise<boolean>;
}
