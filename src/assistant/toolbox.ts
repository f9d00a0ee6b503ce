// The tools as the assistant sees them: the catalogue bound to one user, each call recorded with
// its input and output, so the reply and the stored conversation show exactly what ran.
import type { ToolCall } from '../../contract/chat.ts';
import { runTool, type ToolResult } from '../mcp/call.ts';
import type { Actor, AppDeps } from '../ports/index.ts';

export interface Toolbox {
  call(tool: string, input: Record<string, unknown>): Promise<ToolResult>;
}

export const toolboxFor = (deps: AppDeps, actor: Actor): Toolbox => ({
  call: (tool, input) => runTool(deps, actor, tool, input),
});

/** Runs tools through `toolbox` and keeps the record of every call, in order. */
export class RecordingToolbox implements Toolbox {
  readonly calls: ToolCall[] = [];
  private readonly toolbox: Toolbox;
  constructor(toolbox: Toolbox) {
    this.toolbox = toolbox;
  }

  async call(tool: string, input: Record<string, unknown>): Promise<ToolResult> {
    const result = await this.toolbox.call(tool, input);
    this.calls.push({ tool, input, output: result.ok ? result.output : { error: result.error } });
    return result;
  }

  /** Records a call that was refused before it ran (the LLM path's id check). */
  refuse(tool: string, input: unknown, message: string): void {
    this.calls.push({ tool, input, output: { error: { code: 'not_found', status: 404, message } } });
  }
}
