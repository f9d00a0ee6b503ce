// One line per assistant tool call: "quick_add → “Call mom”", "list_tasks → 3 tasks",
// "complete_task ✗ Not found".
export interface ToolCallLike {
  tool: string;
  input: unknown;
  output: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function toolSummary(call: ToolCallLike): { text: string; failed: boolean } {
  const output = call.output;
  if (isObject(output) && isObject(output.error)) {
    const message = typeof output.error.message === 'string' ? output.error.message : 'failed';
    return { text: `${call.tool} ✗ ${message}`, failed: true };
  }
  if (isObject(output)) {
    if (isObject(output.task) && typeof output.task.title === 'string')
      return { text: `${call.tool} → “${output.task.title}”`, failed: false };
    if (Array.isArray(output.items)) {
      const n = output.items.length;
      const noun = call.tool.includes('notification') ? 'notification' : 'task';
      return { text: `${call.tool} → ${n} ${noun}${n === 1 ? '' : 's'}`, failed: false };
    }
    if (output.deleted === true) return { text: `${call.tool} → deleted`, failed: false };
  }
  return { text: call.tool, failed: false };
}
