// A client of the OpenAI Chat Completions API with tool calling, over fetch (ADR 009): one
// endpoint, any OpenAI-compatible server (OPENAI_BASE_URL), responses checked with zod so a
// server that answers something else fails clearly instead of deep inside the assistant.
import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface LlmToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type LlmMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: LlmToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface LlmTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

const ReplySchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                type: z.literal('function').optional(),
                function: z.object({ name: z.string(), arguments: z.string().default('{}') }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
});

export interface LlmReply {
  content: string | null;
  toolCalls: LlmToolCall[];
}

export interface ChatCompletions {
  complete(messages: LlmMessage[], tools: LlmTool[]): Promise<LlmReply>;
}

export class LlmError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'LlmError';
    this.status = status;
  }
}

export interface ClientOptions {
  apiKey: string;
  model: string;
  baseUrl?: string | undefined;
  timeoutMs?: number;
  /** Waits before the one retry of a 429 or 5xx (Retry-After is honoured up to this). */
  retryDelayMs?: number;
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);

export class ChatCompletionsClient implements ChatCompletions {
  private readonly options: ClientOptions;
  private readonly url: string;
  constructor(options: ClientOptions) {
    this.options = options;
    this.url = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/chat/completions`;
  }

  async complete(messages: LlmMessage[], tools: LlmTool[]): Promise<LlmReply> {
    const body = JSON.stringify({ model: this.options.model, messages, tools, tool_choice: 'auto' });
    let response = await this.post(body);
    if (RETRYABLE.has(response.status)) {
      const limit = this.options.retryDelayMs ?? 2000;
      const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN) * 1000;
      await response.body?.cancel();
      await new Promise((resolve) =>
        setTimeout(resolve, Number.isFinite(retryAfter) ? Math.min(retryAfter, limit) : limit / 4),
      );
      response = await this.post(body);
    }
    const text = await response.text();
    if (!response.ok)
      throw new LlmError(
        `The model server answered ${response.status}: ${text.slice(0, 300)}`,
        response.status,
      );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new LlmError('The model server did not answer JSON.', response.status);
    }
    const parsed = ReplySchema.safeParse(json);
    if (!parsed.success)
      throw new LlmError('The model server answered something other than a chat completion.');
    const message = parsed.data.choices[0]?.message;
    return {
      content: message?.content ?? null,
      toolCalls: (message?.tool_calls ?? []).map((c) => ({
        id: c.id,
        type: 'function',
        function: c.function,
      })),
    };
  }

  private async post(body: string): Promise<Response> {
    try {
      return await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new LlmError(`Could not reach the model server at ${this.url}: ${(error as Error).message}`);
    }
  }
}
