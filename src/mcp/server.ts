// The MCP server of one signed-in user: `tools/list` and `tools/call` over the tool catalogue.
// Built per request (the HTTP endpoint is stateless) with the SDK's low-level Server, so the
// validation and error shapes are the catalogue's own — the same ones the chat assistant sees —
// and the JSON Schemas are computed once per process rather than per request.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolError } from '../../contract/tools.ts';
import { ERROR_CODES } from '../errors.ts';
import type { Actor, AppDeps, Logger } from '../ports/index.ts';
import { runTool } from './call.ts';
import { findTool, TOOLS, type Tool } from './tools.ts';

export const SERVER_INFO = { name: 'taskstream', title: 'Taskstream', version: '1.0.0' };

type JsonSchema = {
  type: 'object';
  properties?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

/** The tool's schemas as JSON Schema (draft-07, like the SDK), with the catalogue's field hints. */
export function jsonSchemas(tool: Tool): { input: JsonSchema; output: JsonSchema } {
  const input = z.toJSONSchema(tool.input, { io: 'input', target: 'draft-7' }) as JsonSchema;
  for (const [field, hint] of Object.entries(tool.hints)) {
    const property = input.properties?.[field];
    if (property && property.description === undefined) property.description = hint;
  }
  const output = z.toJSONSchema(tool.output, { io: 'output', target: 'draft-7' }) as JsonSchema;
  return { input, output };
}

let listed: McpTool[] | undefined;

/** The answer of `tools/list`: the same for every user, so built once. */
export function listedTools(): McpTool[] {
  listed ??= TOOLS.map((tool) => {
    const { input, output } = jsonSchemas(tool);
    return {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: input,
      outputSchema: output,
      annotations: { title: tool.title, ...tool.annotations },
    };
  });
  return listed;
}

const TITLES: Record<string, string> = Object.fromEntries(
  Object.entries(ERROR_CODES).map(([code, { title }]) => [code, title]),
);

/** The text of a tool error: what went wrong and, for bad input, each field. */
export function errorText(error: ToolError['error']): string {
  return `${TITLES[error.code] ?? 'Failed'}: ${error.message}`;
}

export function createMcpServer(deps: AppDeps, actor: Actor, logger?: Logger): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: {} },
    instructions:
      `Taskstream: the user's tasks. Find a task's id with search_tasks or list_tasks before changing it; ` +
      `never guess ids. Local times are read in the user's time zone, ${actor.timeZone}.`,
  });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listedTools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    // An unknown tool is a protocol error (the client asked for something not listed); anything
    // about the arguments is a tool error the caller, or its model, can read and correct.
    if (!findTool(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    try {
      const result = await runTool(deps, actor, name, args);
      if (result.ok)
        return {
          content: [{ type: 'text', text: JSON.stringify(result.output) }],
          structuredContent: result.output,
        };
      return { isError: true, content: [{ type: 'text', text: errorText(result.error) }] };
    } catch (error) {
      logger?.error({ err: error, tool: name }, 'MCP tool failed');
      return {
        isError: true,
        content: [{ type: 'text', text: 'Something went wrong on our side; try again.' }],
      };
    }
  });
  return server;
}
