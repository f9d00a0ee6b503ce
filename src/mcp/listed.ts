// The tool catalogue as MCP lists it (JSON Schemas of input and output), apart from the MCP SDK so
// the assistant can offer the same tools to a model without loading the SDK at start.
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { TOOLS, type Tool } from './tools.ts';

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
