// Questions about the task list ("what's overdue?", "anything due friday?", "show #work tasks") as
// list_tasks / search_tasks / list_notifications inputs. Precision over recall: a question the
// rules cannot place is left to the caller, which says it did not understand.
import type { Priority } from '../../contract/task.ts';
import { type Context, dayRange } from './phrases.ts';

export type QueryIntent =
  /** `label` names the list in the reply: "overdue tasks", "tasks due today". */
  | { kind: 'list'; input: Record<string, unknown>; label: string }
  | { kind: 'search'; query: string; status?: 'pending' | 'completed' }
  | { kind: 'notifications'; unread: boolean };

const QUESTION =
  /^(?:what|which|show|list|display|view|see|get|give me|tell me|do I have|have I got|any|anything|is there|are there|how many|how much|when|where|my|all|whats|are|is|did I|have I|what have|need to know)\b/i;
const BARE_QUERY =
  /^(?:(?:my |all |the )?(?:tasks|todos|to-dos|todo list|to-do list|task list|list|agenda|plan|schedule)(?: for .+)?|overdue(?: tasks)?|today|tomorrow|this week|next week|upcoming|due (?:today|tomorrow|this week|soon)|(?:today|tomorrow)'?s? (?:tasks|agenda|list|plan)|(?:urgent|high priority|important|completed|finished|done) tasks|(?:my |unread |new |all )?(?:notifications|alerts)|inbox|#[\p{L}\p{N}_-]+(?: tasks)?)$/iu;

export function isQuestion(text: string, asked: boolean): boolean {
  return asked || QUESTION.test(text) || BARE_QUERY.test(text);
}

const priorityFilter = (lower: string): { values: Priority[]; label: string } | null => {
  if (/\burgent\b/.test(lower)) return { values: ['urgent'], label: 'urgent' };
  if (/\b(?:high[- ]priority|important|top[- ]priority|high prio|high)\b/.test(lower))
    return { values: ['high', 'urgent'], label: 'high-priority' };
  if (/\b(?:medium|normal)[- ]priority\b/.test(lower))
    return { values: ['medium'], label: 'medium-priority' };
  if (/\blow[- ]priority\b/.test(lower)) return { values: ['low'], label: 'low-priority' };
  return null;
};

function tagsOf(text: string): string[] {
  const tags = [...text.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => (m[1] ?? '').toLowerCase());
  const named = text.match(
    /\b(?:tagged|tag|labell?ed|label|with the tag)\s+(?:with\s+|as\s+)?#?([\p{L}\p{N}_-]+)/iu,
  );
  if (named?.[1]) tags.push(named[1].toLowerCase());
  return [...new Set(tags)];
}

const SEARCH_TAIL =
  /\b(?:about|regarding|mentioning|related to|concerning|containing|called|named|titled|with the word)\s+(.+)$/i;

/** A question as a tool input, or null when it asks for nothing the tools answer. */
export function understandQuestion(text: string, ctx: Context): QueryIntent | null {
  const lower = text.toLowerCase();
  if (
    /\b(?:notifications?|alerts?|inbox|what did I miss|anything new|reminders? (?:that )?(?:fired|went off))\b/i.test(
      text,
    )
  )
    return { kind: 'notifications', unread: /\b(?:unread|new|miss)\b/.test(lower) };

  const pendingWords = /\b(?:not|left|remaining|still|yet|open|pending|to do|todo)\b/.test(lower);
  const completedWords =
    /\b(?:completed|finished|done|accomplished|did i (?:do|finish|complete)|have i (?:done|finished|completed))\b/.test(
      lower,
    );
  const status = completedWords && !pendingWords ? 'completed' : undefined;

  const about = text.match(SEARCH_TAIL)?.[1];
  const when =
    text.match(/^(?:when|where) (?:is|are|was) (?:the |my )?(.+?)(?: due| scheduled| planned)?$/i)?.[1] ??
    text.match(
      /^(?:is|are|was|has) (?:the |my )?(.+?) (?:done|finished|complete|completed|overdue|scheduled|due\b.*)$/i,
    )?.[1];
  const subject = about ?? when;
  if (subject) {
    const query = subject
      .replace(/\b(?:tasks?|todos?|anything|something|the|my)\b/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    // "Is the report done?" asks about one task, whatever its state: show it with its state.
    if (query) return status && !when ? { kind: 'search', query, status } : { kind: 'search', query };
  }

  const input: Record<string, unknown> = {};
  // The reply names the list: adjectives before "tasks", qualifiers after ("overdue tasks tagged #work").
  const adjectives: string[] = [];
  const qualifiers: string[] = [];
  if (status) {
    input.status = 'completed';
    input.sort = '-updatedAt';
    adjectives.push('completed');
  }
  if (/\b(?:overdue|late|past due|missed|behind)\b/.test(lower) && !status) {
    input.overdue = true;
    adjectives.push('overdue');
  }
  const priority = priorityFilter(lower);
  if (priority) {
    input.priority = priority.values;
    adjectives.push(priority.label);
  }
  const tags = tagsOf(text);
  if (tags.length > 0) {
    input.tags = tags;
    qualifiers.push(`tagged ${tags.map((t) => `#${t}`).join(' ')}`);
  }
  // Due dates only narrow pending work: the list filters by due date, not by completion date.
  const range = status ? null : dayRange(text, ctx);
  if (range) {
    input.dueFrom = range.from;
    input.dueTo = range.to;
    qualifiers.push(`due ${range.label}`);
  } else if (/\bnext\b/.test(lower) && !status) {
    input.limit = 5;
    adjectives.push('next');
  } else if (/\b(?:due|upcoming|coming up|soon)\b/.test(lower) && !input.overdue && !status) {
    input.dueFrom = dayRange('today', ctx)?.from;
    qualifiers.push('coming up');
  }
  const label = [...adjectives, 'tasks', ...qualifiers].join(' ');
  if (adjectives.length + qualifiers.length > 0) return { kind: 'list', input, label };
  // A general question about the list: the pending tasks.
  if (
    /\b(?:tasks?|todos?|to-dos?|to do|list|agenda|plate|plan|schedule|on for|have to do|need to do|should I do|work on)\b/.test(
      lower,
    )
  )
    return { kind: 'list', input, label: 'pending tasks' };
  return null;
}
