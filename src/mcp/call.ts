// Running one tool for one user: validate with the tool's contract schema, call its use case, and
// turn what a caller did wrong into the same codes and field paths a REST call would answer
// (a foreign id is the same not_found as an unknown one). Shared by MCP and the chat assistant.
import type { z } from 'zod';
import type { ToolError } from '../../contract/tools.ts';
import { AppError, ERROR_CODES, type FieldError } from '../errors.ts';
import type { Actor, AppDeps } from '../ports/index.ts';
import { findTool, type Tool } from './tools.ts';

export type ToolResult =
  | { ok: true; input: unknown; output: Record<string, unknown> }
  | { ok: false; input: unknown; error: ToolError['error'] };

/** Field errors of a failed parse, named like the problem+json errors of a route (`title`, `reminders.0.at`). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: 'is not a known field',
      }));
    return [{ path: path || '(input)', message: issue.message }];
  });
}

export function toolError(error: AppError): ToolError['error'] {
  return {
    code: error.code,
    status: error.status,
    message: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function validationFailure(tool: string, errors: FieldError[]): ToolError['error'] {
  return {
    code: 'validation',
    status: ERROR_CODES.validation.status,
    message: `Invalid arguments for ${tool}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    errors,
  };
}

/** Parses `args` with the tool's schema; the parsed (defaulted, trimmed) input or the field errors. */
export function parseToolInput(
  tool: Tool,
  args: unknown,
): { ok: true; input: unknown } | { ok: false; errors: FieldError[] } {
  const parsed = tool.input.safeParse(args ?? {});
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/**
 * Runs a tool. Mistakes of the caller (bad input, unknown id, conflicts) come back as
 * `{ ok: false, error }`; anything else is a bug and throws.
 */
export async function runTool(deps: AppDeps, actor: Actor, name: string, args: unknown): Promise<ToolResult> {
  const tool = findTool(name);
  if (!tool)
    return {
      ok: false,
      input: args,
      error: { code: 'not_found', status: 404, message: `There is no tool named ${name}.` },
    };
  const parsed = parseToolInput(tool, args);
  if (!parsed.ok) return { ok: false, input: args, error: validationFailure(name, parsed.errors) };
  try {
    return { ok: true, input: parsed.input, output: await tool.run(deps, actor, parsed.input) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, input: parsed.input, error: toolError(error) };
    throw error;
  }
}
