export { parseQuickAdd } from './parse.ts';
export type { QuickAddContext, QuickAddReminder, QuickAddResult, SpanKind, UnderstoodSpan } from './types.ts';
