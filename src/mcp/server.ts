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
} from '@modelcontextprotocol/sdk/types.js';
import type { ToolError } from '../../contract/tools.ts';
import { ERROR_CODES } from '../errors.ts';
import type { Actor, AppDeps, Logger } from '../ports/index.ts';
import { runTool } from './call.ts';
import { listedTools } from './listed.ts';
import { findTool } from './tools.ts';

export const SERVER_INFO = { name: 'taskstream', title: 'Taskstream', version: '1.0.0' };

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
