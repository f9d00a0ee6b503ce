// The assistant with a language model (OPENAI_API_KEY): the model plans calls of the same tools,
// and this file holds it to what the tools allow. Every call's arguments are validated with the
// tool's contract schema; a task id is only accepted when a tool returned it in this turn (the
// model searches first, so it can neither guess ids nor reach another user's tasks — the use case
// checks ownership again); and the reply is built from the tools' outputs, not from the model's
// prose, so it cannot claim an action that did not happen.
import type { ChatMessage } from '../../contract/chat.ts';
import type { TaskDto } from '../../contract/task.ts';
import { listedTools } from '../mcp/listed.ts';
import { findTool } from '../mcp/tools.ts';
import type { Assistant, AssistantTurn } from '../ports/assistant.ts';
import type { Actor, Clock, Logger } from '../ports/index.ts';
import { NOT_UNDERSTOOD } from './interpreter.ts';
import type { ChatCompletions, LlmMessage, LlmTool, LlmToolCall } from './llm-client.ts';
import { type PresentContext, presentCalls } from './present.ts';
import { RecordingToolbox, type Toolbox } from './toolbox.ts';

const ROUNDS_MAX = 6;
const CALLS_MAX = 12;
const HISTORY_MAX = 20;
const OUTPUT_CHARS_MAX = 30_000;

const CLAIM =
  /\b(?:I(?:'ve| have)?|I've just|has been|have been|was|were|is now|are now)\s+(?:added|created|deleted|removed|completed|marked|moved|rescheduled|updated|renamed|set|scheduled|tagged|reopened|changed)\b/i;
const DID_NOTHING = 'I did not change anything. Could you say it another way?';

export interface LlmAssistantOptions {
  client: ChatCompletions;
  clock: Clock;
  toolboxFor(actor: Actor): Toolbox;
  /** Answers when the model cannot be reached before anything ran (the built-in interpreter). */
  fallback?: Assistant;
  logger?: Logger;
}

let llmTools: LlmTool[] | undefined;
function toolsForModel(): LlmTool[] {
  llmTools ??= listedTools().map((tool) => {
    const { $schema: _schema, ...parameters } = tool.inputSchema as Record<string, unknown>;
    return {
      type: 'function',
      function: { name: tool.name, description: tool.description ?? '', parameters },
    };
  });
  return llmTools;
}

function systemPrompt(actor: Actor, now: Date): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: actor.timeZone,
  }).format(now);
  return [
    "You manage the user's tasks in Taskstream through the tools; you cannot do anything else.",
    `It is now ${local} in the user's time zone, ${actor.timeZone}. Give times as local wall times ` +
      'YYYY-MM-DDTHH:mm:ss (or dates YYYY-MM-DD for all-day) in that zone.',
    'To change, complete, delete or remind about a task the user names, first find its id with search_tasks ' +
      '(or list_tasks); never invent or guess an id. If several tasks match, ask which one and do nothing yet.',
    'To add a task from the user’s words, prefer quick_add with their phrase. Only report what the tools returned.',
    'Answer in one or two short sentences.',
  ].join('\n');
}

/** The ids a tool output names: the only ids the model may use afterwards. */
function idsIn(output: unknown): string[] {
  const value = output as { task?: TaskDto; items?: TaskDto[] } | null;
  return [value?.task?.id, ...(value?.items ?? []).map((t) => t.id)].filter((id): id is string => !!id);
}

export class LlmAssistant implements Assistant {
  readonly kind = 'llm' as const;
  private readonly options: LlmAssistantOptions;
  constructor(options: LlmAssistantOptions) {
    this.options = options;
  }

  async respond(actor: Actor, history: readonly ChatMessage[], message: string): Promise<AssistantTurn> {
    const now = this.options.clock.now();
    const ctx: PresentContext = { now, timeZone: actor.timeZone };
    const tools = new RecordingToolbox(this.options.toolboxFor(actor));
    const known = new Set<string>();
    const messages: LlmMessage[] = [
      { role: 'system', content: systemPrompt(actor, now) },
      ...history.slice(-HISTORY_MAX).map((m): LlmMessage => ({ role: m.role, content: m.content })),
      { role: 'user', content: message },
    ];
    let text = '';
    let stopped: string | null = `I stopped after ${ROUNDS_MAX} steps.`;
    for (let round = 0; round < ROUNDS_MAX; round++) {
      let reply: Awaited<ReturnType<ChatCompletions['complete']>>;
      try {
        reply = await this.options.client.complete(messages, toolsForModel());
      } catch (error) {
        this.options.logger?.warn({ err: error }, 'language model failed');
        if (tools.calls.length === 0 && this.options.fallback) {
          const turn = await this.options.fallback.respond(actor, history, message);
          return {
            ...turn,
            reply: `(The language model is unavailable; the built-in assistant answered.) ${turn.reply}`,
          };
        }
        stopped = 'The language model stopped answering, so I stopped here.';
        break;
      }
      if (reply.toolCalls.length === 0) {
        text = reply.content?.trim() ?? '';
        stopped = null;
        break;
      }
      messages.push({ role: 'assistant', content: reply.content, tool_calls: reply.toolCalls });
      for (const call of reply.toolCalls) {
        const content =
          tools.calls.length >= CALLS_MAX
            ? 'Refused: too many tool calls in one turn.'
            : await this.run(tools, call, known);
        messages.push({ role: 'tool', tool_call_id: call.id, content: content.slice(0, OUTPUT_CHARS_MAX) });
      }
    }
    return { reply: this.compose(tools, text, stopped, ctx), toolCalls: tools.calls };
  }

  /** Validates and runs one call the model asked for; what it answers goes back to the model. */
  private async run(tools: RecordingToolbox, call: LlmToolCall, known: Set<string>): Promise<string> {
    const name = call.function.name;
    const tool = findTool(name);
    let args: unknown;
    try {
      args = JSON.parse(call.function.arguments || '{}');
    } catch {
      args = undefined;
    }
    if (!tool || !args || typeof args !== 'object' || Array.isArray(args)) {
      const why = tool ? 'its arguments are not a JSON object' : `there is no tool named ${name}`;
      tools.refuse(name, call.function.arguments, `Refused: ${why}.`);
      return JSON.stringify({ error: { code: 'validation', message: `Refused: ${why}.` } });
    }
    const id = (args as { id?: unknown }).id;
    if (tool.takesTaskId && (typeof id !== 'string' || !known.has(id))) {
      const why = `the task id ${JSON.stringify(id)} was not returned by a tool in this conversation turn; find the task with search_tasks first`;
      tools.refuse(name, args, `Refused: ${why}.`);
      return JSON.stringify({ error: { code: 'not_found', message: `Refused: ${why}.` } });
    }
    const result = await tools.call(name, args as Record<string, unknown>);
    if (!result.ok) return JSON.stringify({ error: result.error });
    for (const seen of idsIn(result.output)) known.add(seen);
    return JSON.stringify(result.output);
  }

  /** The reply: what the tools did; the model's own words only for a question or when no tool ran. */
  private compose(
    tools: RecordingToolbox,
    text: string,
    stopped: string | null,
    ctx: PresentContext,
  ): string {
    const facts = presentCalls(tools.calls, ctx);
    if (tools.calls.length === 0) {
      if (stopped) return stopped;
      if (!text) return NOT_UNDERSTOOD;
      return CLAIM.test(text) ? DID_NOTHING : text;
    }
    const question = text.endsWith('?') ? (text.match(/[^.!?\n]*\?$/)?.[0]?.trim() ?? '') : '';
    return [facts, question && !CLAIM.test(question) ? question : '', stopped ?? '']
      .filter(Boolean)
      .join('\n');
  }
}
