// The assistant behind POST /api/chat: the built-in interpreter or a language model, both planning
// calls of the same tools (src/mcp/tools) for one user.
import type { ChatMessage, Clarification, ToolCall } from '../../contract/chat.ts';
import type { Actor } from './index.ts';

export interface AssistantTurn {
  /** What to tell the user, built from what the tools answered. */
  reply: string;
  /** Every tool the turn ran, in order, with its input and output. */
  toolCalls: ToolCall[];
  /** A question awaiting the user's pick, read back on the next turn (the server keeps no state). */
  clarification?: Clarification | undefined;
}

export interface Assistant {
  readonly kind: 'interpreter' | 'llm';
  respond(actor: Actor, history: readonly ChatMessage[], message: string): Promise<AssistantTurn>;
}
