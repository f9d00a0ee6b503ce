// Which assistant answers POST /api/chat: a language model when OPENAI_API_KEY is set (with the
// built-in interpreter answering whenever the model cannot be reached), else the interpreter.
import { Interpreter } from '../assistant/interpreter.ts';
import { LlmAssistant } from '../assistant/llm.ts';
import { ChatCompletionsClient } from '../assistant/llm-client.ts';
import { toolboxFor } from '../assistant/toolbox.ts';
import type { Config } from '../config.ts';
import type { Assistant } from '../ports/assistant.ts';
import type { AppDeps, Logger } from '../ports/index.ts';

export function createAssistant(config: Pick<Config, 'openai'>, deps: AppDeps, logger: Logger): Assistant {
  const tools = {
    clock: deps.clock,
    toolboxFor: (actor: Parameters<typeof toolboxFor>[1]) => toolboxFor(deps, actor),
  };
  const interpreter = new Interpreter(tools);
  const { apiKey, baseUrl, model } = config.openai;
  if (!apiKey) return interpreter;
  const client = new ChatCompletionsClient({ apiKey, baseUrl, model });
  return new LlmAssistant({ ...tools, client, fallback: interpreter, logger });
}
