// A stand-in for the tool catalogue over a fixed list of tasks, for the interpreter's unit tests:
// inputs are validated with the real tool schemas (so the interpreter must send what MCP clients
// must send), search matches word prefixes like the real list, and writes echo the task changed.
import type { TaskDto } from '../../../contract/task.ts';
import { parseQuickAdd } from '../../domain/quick-add/index.ts';
import { resolveTimeInput } from '../../domain/time.ts';
import { parseToolInput, type ToolResult, validationFailure } from '../../mcp/call.ts';
import { findTool } from '../../mcp/tools.ts';
import type { Toolbox } from '../toolbox.ts';

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function fakeTask(fields: Partial<TaskDto> & Pick<TaskDto, 'id' | 'title'>): TaskDto {
  return {
    description: '',
    status: 'pending',
    priority: 'none',
    tags: [],
    dueAt: null,
    allDay: false,
    timeZone: 'Europe/Berlin',
    recurrence: null,
    reminders: [],
    seriesId: null,
    completedAt: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    version: 1,
    ...fields,
  };
}

const notFound = (input: unknown): ToolResult => ({
  ok: false,
  input,
  error: { code: 'not_found', status: 404, message: 'No such task.' },
});

const ZONE = 'Europe/Berlin';

/** The fields of any tool's parsed input this fake reads. */
type Input = {
  id?: string;
  text: string;
  title: string;
  query: string;
  status?: string;
  offsetMinutes?: number;
  at?: string;
  [field: string]: unknown;
};

export class FakeTools implements Toolbox {
  private readonly tasks: TaskDto[];
  private readonly now: Date;
  constructor(tasks: TaskDto[], now: Date) {
    this.tasks = tasks;
    this.now = now;
  }

  async call(tool: string, args: Record<string, unknown>): Promise<ToolResult> {
    const definition = findTool(tool);
    if (!definition) throw new Error(`no tool ${tool}`);
    const parsed = parseToolInput(definition, args);
    if (!parsed.ok) return { ok: false, input: args, error: validationFailure(tool, parsed.errors) };
    const input = parsed.input as Input;
    const task = typeof input.id === 'string' ? this.tasks.find((t) => t.id === input.id) : undefined;
    const ok = (output: Record<string, unknown>): ToolResult => ({ ok: true, input, output });
    switch (tool) {
      case 'search_tasks': {
        const query = words(input.query);
        const items = this.tasks.filter(
          (t) =>
            (input.status === 'all' || t.status === input.status) &&
            query.every((q) => words(`${t.title} ${t.description}`).some((w) => w.startsWith(q))),
        );
        return ok({ items, nextCursor: null });
      }
      case 'list_tasks':
        return ok({
          items: this.tasks.filter((t) => t.status === (input.status ?? 'pending')).slice(0, 3),
          nextCursor: null,
        });
      case 'list_notifications':
        return ok({ items: [], unreadCount: 0 });
      case 'quick_add': {
        const parsed = parseQuickAdd(input.text, { now: this.now, timeZone: ZONE });
        const due = parsed.dueAt ? resolveTimeInput(parsed.dueAt, ZONE).instant : null;
        const reminders = parsed.reminders.map((r, i) => ({
          id: `00000000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
          offsetMinutes: 'offsetMinutes' in r ? r.offsetMinutes : null,
          at: 'at' in r ? r.at : null,
          remindAt:
            'at' in r ? r.at : due && new Date(due.getTime() - r.offsetMinutes * 60_000).toISOString(),
          state: 'pending' as const,
        }));
        return ok({
          task: fakeTask({
            id: '00000000-0000-7000-8000-00000000ffff',
            title: parsed.title,
            priority: parsed.priority,
            tags: parsed.tags,
            dueAt: due?.toISOString() ?? null,
            allDay: parsed.allDay,
            recurrence: parsed.recurrence,
            reminders,
          }),
        });
      }
      case 'add_task':
        return ok({ task: fakeTask({ id: '00000000-0000-7000-8000-00000000fffe', title: input.title }) });
      default:
        break;
    }
    if (!task) return notFound(input);
    switch (tool) {
      case 'complete_task':
        return ok({ task: { ...task, status: 'completed' } });
      case 'reopen_task':
        return ok({ task: { ...task, status: 'pending' } });
      case 'delete_task':
        return ok({ id: task.id, deleted: true });
      case 'update_task': {
        const { id: _id, ifMatch: _ifMatch, ...patch } = input;
        const dueAt =
          typeof patch.dueAt === 'string'
            ? resolveTimeInput(patch.dueAt, task.timeZone).instant.toISOString()
            : patch.dueAt;
        return ok({ task: { ...task, ...patch, ...(patch.dueAt === undefined ? {} : { dueAt }) } });
      }
      case 'set_reminder': {
        const reminder = {
          id: '00000000-0000-7000-8000-0000000000aa',
          offsetMinutes: input.offsetMinutes ?? null,
          at: input.at ?? null,
          remindAt: input.at ?? task.dueAt,
          state: 'pending',
        };
        return ok({ task: { ...task, reminders: [...task.reminders, reminder] }, reminder });
      }
      default:
        throw new Error(`the fake does not know ${tool}`);
    }
  }
}
