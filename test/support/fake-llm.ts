// A stand-in for an OpenAI-compatible server: a real HTTP listener on 127.0.0.1 speaking the Chat
// Completions protocol (POST /v1/chat/completions, tool calls included). Each test scripts what
// the "model" answers given the request it received, and can read every request afterwards.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: FakeToolCall[]; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; description: string; parameters: any } }[];
  tool_choice?: unknown;
}

export interface FakeToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** What the scripted model answers: text, tool calls, or an HTTP failure. */
export type FakeAnswer =
  | { content: string; toolCalls?: undefined }
  | { content?: string | null; toolCalls: { name: string; arguments: unknown }[] }
  | { status: number; body?: string };

export type Script = (request: ChatRequest, turn: number) => FakeAnswer;

export interface FakeLlm {
  /** Base URL to configure as OPENAI_BASE_URL (ends in /v1). */
  baseUrl: string;
  requests: { headers: Record<string, string | string[] | undefined>; body: ChatRequest }[];
  /** Sets what the model answers from now on (`turn` counts requests since). */
  script(script: Script): void;
  close(): Promise<void>;
}

/** The tool results the request carries, parsed: what "the model" has seen so far. */
export function toolResults(request: ChatRequest): any[] {
  return request.messages.filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content ?? 'null'));
}

export const lastUserMessage = (request: ChatRequest) =>
  [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';

export async function startFakeLlm(): Promise<FakeLlm> {
  let current: Script = () => ({ content: 'No script.' });
  let turn = 0;
  const requests: FakeLlm['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      requests.push({ headers: req.headers, body });
      const answer = current(body, turn++);
      if ('status' in answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body ?? '{"error":{"message":"scripted failure"}}');
        return;
      }
      const toolCalls = answer.toolCalls?.map((call) => ({
        id: `call_${randomUUID()}`,
        type: 'function' as const,
        function: {
          name: call.name,
          arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
        },
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${randomUUID()}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: answer.content ?? null,
                ...(toolCalls ? { tool_calls: toolCalls } : {}),
              },
              finish_reason: toolCalls ? 'tool_calls' : 'stop',
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(script) {
      current = script;
      turn = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
