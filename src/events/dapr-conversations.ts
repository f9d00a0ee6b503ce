// The assistant's conversations in a Dapr state store (state.postgresql v2 in deploy/dapr), used
// when EVENT_BUS=dapr. The port speaks versions; the store speaks ETags: a save checks the stored
// version and writes with the ETag it was read under, so two writers racing on one conversation
// cannot both win (first-write concurrency), exactly as the table's `WHERE version = …` does.
import { type ChatMessage, ChatMessageSchema } from '../../contract/chat.ts';
import { isUuid } from '../domain/ids.ts';
import type { Conversation, ConversationStore } from '../ports/conversations.ts';
import type { DaprClient } from './dapr-client.ts';

/** What is stored under `conversation:<id>` (Dapr prefixes keys with the app id). */
interface StoredConversation {
  id: string;
  userId: string;
  messages: unknown;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** ETags remembered from reads, so the usual get-then-save costs no second read. */
const MAX_REMEMBERED = 1_000;

export class DaprConversationStore implements ConversationStore {
  private readonly client: DaprClient;
  private readonly store: string;
  private readonly etags = new Map<string, { version: number; etag: string }>();

  constructor(client: DaprClient, store: string) {
    this.client = client;
    this.store = store;
  }

  async get(userId: string, id: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    const item = await this.client.getState<StoredConversation>(this.store, keyOf(id));
    if (!item || item.value.userId !== userId) return null;
    this.remember(id, item.value.version, item.etag);
    return fromStored(item.value);
  }

  async save(conversation: Conversation, expectedVersion: number): Promise<boolean> {
    const stored: StoredConversation = {
      id: conversation.id,
      userId: conversation.userId,
      messages: conversation.messages,
      createdAt: conversation.createdAt.toISOString(),
      updatedAt: conversation.updatedAt.toISOString(),
      version: expectedVersion + 1,
    };
    const key = keyOf(conversation.id);
    if (expectedVersion === 0) return this.client.saveState(this.store, key, stored, { create: true });

    let known = this.etags.get(conversation.id);
    if (known?.version !== expectedVersion) {
      // Not read through this store instance (another replica served the get): read it now.
      const current = await this.client.getState<StoredConversation>(this.store, key);
      if (!current || current.value.userId !== conversation.userId) return false;
      known = { version: current.value.version, etag: current.etag };
    }
    if (known.version !== expectedVersion) return false;
    const saved = await this.client.saveState(this.store, key, stored, { etag: known.etag });
    // The new ETag is unknown until the next read; a stale entry would only cost a failed save.
    this.etags.delete(conversation.id);
    return saved;
  }

  private remember(id: string, version: number, etag: string): void {
    this.etags.delete(id);
    this.etags.set(id, { version, etag });
    if (this.etags.size > MAX_REMEMBERED) this.etags.delete(this.etags.keys().next().value!);
  }
}

function keyOf(id: string): string {
  return `conversation:${id}`;
}

function fromStored(value: StoredConversation): Conversation {
  return {
    id: value.id,
    userId: value.userId,
    messages: messagesOf(value.messages),
    createdAt: new Date(value.createdAt),
    updatedAt: new Date(value.updatedAt),
    version: value.version,
  };
}

/** Messages as stored; one written by an older shape keeps the messages that still read. */
function messagesOf(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = ChatMessageSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}
