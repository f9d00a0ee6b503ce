// Wire shapes of the assistant chat (DESIGN §4 POST /api/chat), shared by the server and the web
// app's chat panel: send `{ message, conversationId? }`, keep the answer's `conversationId` for the
// next message, show `reply`, and (optionally) the tool calls that produced it.
import { z } from 'zod';
import { STORABLE, STORABLE_MESSAGE, TaskSchema } from './task.ts';

export const CHAT_LIMITS = {
  messageMax: 2000,
  /** Messages kept per conversation; older ones drop off (the model only reads the recent ones). */
  historyMax: 100,
} as const;

export const ChatBody = z.strictObject({
  message: z
    .string()
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(CHAT_LIMITS.messageMax, `must be at most ${CHAT_LIMITS.messageMax} characters`)
        .regex(STORABLE, STORABLE_MESSAGE),
    ),
  conversationId: z.uuid('must be a conversation id from an earlier answer').optional(),
});
export type ChatInput = z.infer<typeof ChatBody>;

/**
 * One tool the assistant ran: its name, the validated input and what it answered — a tool's
 * output (contract/tools.ts) or `{ error: { code, status, message, errors? } }` when it failed.
 */
export const ToolCallSchema = z.object({
  tool: z.string(),
  input: z.unknown(),
  output: z.unknown(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const ChatAnswerSchema = z.object({
  conversationId: z.string(),
  reply: z.string(),
  toolCalls: z.array(ToolCallSchema),
});
export type ChatAnswer = z.infer<typeof ChatAnswerSchema>;

/** A question the assistant asked and the answers it can take ("which one: 1 or 2?"). */
export const ClarificationSchema = z.object({
  action: z.enum(['complete', 'reopen', 'delete', 'update', 'remind']),
  /** The rest of the tool input, without the task id the answer picks. */
  args: z.record(z.string(), z.unknown()),
  /** The matching tasks as the search returned them (what a pick needs to act without asking again). */
  candidates: z.array(
    TaskSchema.pick({
      id: true,
      title: true,
      status: true,
      tags: true,
      dueAt: true,
      allDay: true,
      timeZone: true,
    }),
  ),
});
export type Clarification = z.infer<typeof ClarificationSchema>;

export const ChatMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  at: z.string(),
  toolCalls: z.array(ToolCallSchema).optional(),
  clarification: ClarificationSchema.optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  messages: z.array(ChatMessageSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConversationDto = z.infer<typeof ConversationSchema>;
