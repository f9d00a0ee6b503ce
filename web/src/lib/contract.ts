// The plain values of contract/ the web app uses (types come from contract/ directly). The build
// replaces this module with the same values as data (web/vite.config.ts, inlineContractValues), so
// the bundle does not carry zod and every schema around them; tests and the type checker read it
// as written.
export { CHAT_LIMITS } from '#contract/chat.ts';
export { WEEKDAY_NAMES } from '#contract/recurrence.ts';
export { STREAM_EVENT_TYPES, STREAM_RESET } from '#contract/stream.ts';
export { TAG_COLORS } from '#contract/tag.ts';
export { LIMITS, PRIORITIES, SORTS } from '#contract/task.ts';
