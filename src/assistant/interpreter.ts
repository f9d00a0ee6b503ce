// The built-in assistant (no language model): intent rules and the quick-add parser turn a message
// into tool calls over the same tools as MCP; replies are built from the tools' answers. When it
// does not understand, it says so and does nothing.
import type { ChatMessage, Clarification } from '../../contract/chat.ts';
import type { NotificationItem } from '../../contract/notification.ts';
import type { TaskDto } from '../../contract/task.ts';
import { parseQuickAdd } from '../domain/quick-add/index.ts';
import type { Assistant, AssistantTurn } from '../ports/assistant.ts';
import type { Actor, Clock } from '../ports/index.ts';
import { ACTION_VERBS, perform } from './actions.ts';
import { type Intent, type TaskAction, understand } from './intents.ts';
import { type Context, normalize } from './phrases.ts';
import { addedText, errorText, listText, notificationsText, quoted, said, taskLine } from './present.ts';
import { pick, resolve } from './resolve.ts';
import { RecordingToolbox, type Toolbox } from './toolbox.ts';

export const EXAMPLES =
  '‘add call mom every sunday at 6pm’, ‘what’s overdue?’, ‘move my dentist task to friday 3pm’, ' +
  '‘done with the report’, ‘remind me an hour before the standup’ or ‘delete the groceries task’';
export const NOT_UNDERSTOOD = `Sorry, I did not understand that, so I did nothing. You can say things like ${EXAMPLES}.`;
const HELP =
  `I manage your tasks. Tell me what to add, ask what is due or overdue, or name a task to complete, move, ` +
  `rename, tag, prioritise, remind you about or delete — for example ${EXAMPLES}.`;
const LIST_LIMIT = 20;

export interface InterpreterOptions {
  clock: Clock;
  /** The tools bound to a user. */
  toolboxFor(actor: Actor): Toolbox;
}

interface Answer {
  reply: string;
  clarification?: Clarification;
}

function actionOf(clarification: Clarification): TaskAction | null {
  const { action, args } = clarification;
  if (action === 'update') return args.change ? ({ action, change: args.change } as TaskAction) : null;
  if (action === 'remind') return args.reminder ? ({ action, reminder: args.reminder } as TaskAction) : null;
  return { action };
}

export class Interpreter implements Assistant {
  readonly kind = 'interpreter' as const;
  private readonly options: InterpreterOptions;
  constructor(options: InterpreterOptions) {
    this.options = options;
  }

  async respond(actor: Actor, history: readonly ChatMessage[], message: string): Promise<AssistantTurn> {
    const ctx: Context = { now: this.options.clock.now(), timeZone: actor.timeZone };
    const tools = new RecordingToolbox(this.options.toolboxFor(actor));
    const text = normalize(message);
    const answer =
      (await this.answerClarification(text, history, tools, ctx)) ??
      (await this.handle(text, message, history, tools, ctx));
    return { reply: answer.reply, toolCalls: tools.calls, clarification: answer.clarification };
  }

  /** "the second one" after "which one?": act on the picked candidates. Null: not an answer. */
  private async answerClarification(
    text: string,
    history: readonly ChatMessage[],
    tools: Toolbox,
    ctx: Context,
  ): Promise<Answer | null> {
    const last = history.at(-1);
    const clarification = last?.role === 'assistant' ? last.clarification : undefined;
    if (!clarification) return null;
    const picked = pick(text, clarification);
    if (picked === null) return null;
    if (picked === 'cancel') return { reply: 'OK, I left everything as it was.' };
    const action = actionOf(clarification);
    if (!action) return null;
    const lines: string[] = [];
    for (const index of picked) {
      const task = clarification.candidates[index];
      if (task) lines.push(await perform(tools, task, action, ctx));
    }
    return { reply: lines.join('\n') };
  }

  private async handle(
    text: string,
    original: string,
    history: readonly ChatMessage[],
    tools: Toolbox,
    ctx: Context,
  ): Promise<Answer> {
    const intent: Intent = understand(text, ctx, /\?\s*$/.test(original));
    switch (intent.kind) {
      case 'greet':
        return { reply: `Hello! ${HELP}` };
      case 'thanks':
        return { reply: 'You are welcome.' };
      case 'help':
        return { reply: HELP };
      case 'unknown':
        return { reply: intent.hint ?? NOT_UNDERSTOOD };
      case 'add':
        return { reply: await this.add(intent.text, intent.remind, tools, ctx) };
      case 'list': {
        const result = await tools.call('list_tasks', { limit: LIST_LIMIT, ...intent.input });
        if (!result.ok) return { reply: errorText(result.error) };
        const page = result.output as { items: TaskDto[]; nextCursor: string | null };
        return { reply: listText(page.items, intent.label, page.nextCursor !== null, ctx) };
      }
      case 'search': {
        const input = intent.status
          ? { query: intent.query, status: intent.status }
          : { query: intent.query };
        const result = await tools.call('search_tasks', input);
        if (!result.ok) return { reply: errorText(result.error) };
        const page = result.output as { items: TaskDto[]; nextCursor: string | null };
        return {
          reply: listText(page.items, `tasks matching ${said(intent.query)}`, page.nextCursor !== null, ctx),
        };
      }
      case 'notifications': {
        const result = await tools.call('list_notifications', intent.unread ? { unread: true } : {});
        if (!result.ok) return { reply: errorText(result.error) };
        const list = result.output as { items: NotificationItem[]; unreadCount: number };
        return { reply: notificationsText(list.items, list.unreadCount, intent.unread) };
      }
      case 'task':
        return this.onTask(intent, history, tools, ctx);
    }
  }

  private async add(text: string, remind: boolean, tools: Toolbox, ctx: Context): Promise<string> {
    // "remind me to …" asks for a reminder when the task is due: only possible with a due time.
    const parsed = remind ? parseQuickAdd(text, { now: ctx.now, timeZone: ctx.timeZone }) : null;
    const withReminder = parsed?.dueAt && parsed.reminders.length === 0 && !parsed.allDay;
    const result = await tools.call('quick_add', {
      text: withReminder ? `${text} remind me when due` : text,
    });
    if (!result.ok) return errorText(result.error);
    const task = result.output.task as TaskDto;
    const note =
      remind && !task.reminders.length
        ? ` It has no due time, so there is no reminder yet: say when, e.g. ‘remind me about ${task.title} tomorrow at 9am’.`
        : '';
    return `${addedText(task, ctx)}${note}`;
  }

  private async onTask(
    intent: Extract<Intent, { kind: 'task' }>,
    history: readonly ChatMessage[],
    tools: Toolbox,
    ctx: Context,
  ): Promise<Answer> {
    const { target, kind: _kind, ...action } = intent;
    const found = await resolve(tools, target, action.action, history);
    switch (found.kind) {
      case 'one':
        return { reply: await perform(tools, found.task, action, ctx) };
      case 'none':
        return {
          reply:
            target.kind === 'pronoun'
              ? 'Which task do you mean? Name it, e.g. ‘done with the report’.'
              : `I could not find a task matching ${said(found.text)}, so nothing changed.`,
        };
      case 'already':
        return {
          reply:
            action.action === 'reopen'
              ? `${quoted(found.task.title)} is not completed: it is still open.`
              : `${quoted(found.task.title)} is already done.`,
        };
      case 'error':
        return { reply: errorText(found.error) };
      case 'many': {
        const phrase = target.kind === 'words' ? said(target.text) : 'that';
        const lines = found.tasks.map((t, i) => `${i + 1}. ${taskLine(t, ctx)}`);
        const args =
          action.action === 'update'
            ? { change: action.change }
            : action.action === 'remind'
              ? { reminder: action.reminder }
              : {};
        return {
          reply: [
            `Several tasks match ${phrase}:`,
            ...lines,
            `Which one should I ${ACTION_VERBS[action.action]}? Answer with its number, or ‘none’.`,
          ].join('\n'),
          clarification: { action: action.action, args, candidates: found.tasks },
        };
      }
    }
  }
}
