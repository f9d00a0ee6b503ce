// Which events a webhook receives. A webhook lists filters; each is an event type of the catalogue
// ("todo.task.completed"), "*" for every type, or a prefix ending in ".*" ("todo.task.*") that
// covers at least one type. Prefixes keep working when the catalogue grows (a new task event type
// reaches "todo.task.*" subscribers without them editing the webhook).
import { EVENT_TYPES, isEventType } from './events.ts';

const PREFIX = /^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)*\.\*$/;

export function matchesEventFilter(filter: string, type: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) return type.startsWith(filter.slice(0, -1));
  return filter === type;
}

export function matchesEventFilters(filters: readonly string[], type: string): boolean {
  return filters.some((filter) => matchesEventFilter(filter, type));
}

/** Why a filter is not acceptable, or null when it is. */
export function eventFilterProblem(filter: string): string | null {
  if (filter === '*' || isEventType(filter)) return null;
  if (PREFIX.test(filter)) {
    if (EVENT_TYPES.some((type) => matchesEventFilter(filter, type))) return null;
    return `matches no event type; known types: ${EVENT_TYPES.join(', ')}`;
  }
  return `must be an event type (${EVENT_TYPES.join(', ')}), "*" or a prefix such as "todo.task.*"`;
}
