import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './events.ts';
import { eventFilterProblem, matchesEventFilter, matchesEventFilters } from './webhook.ts';

describe('event filters', () => {
  it('match exact types, "*" and dotted prefixes', () => {
    expect(matchesEventFilter('todo.task.completed', 'todo.task.completed')).toBe(true);
    expect(matchesEventFilter('todo.task.completed', 'todo.task.created')).toBe(false);
    expect(matchesEventFilter('*', 'todo.reminder.due')).toBe(true);
    expect(matchesEventFilter('todo.task.*', 'todo.task.deleted')).toBe(true);
    expect(matchesEventFilter('todo.task.*', 'todo.reminder.due')).toBe(false);
    // A prefix stops at a dot: "todo.t.*" is not a prefix of "todo.task.created".
    expect(matchesEventFilter('todo.t.*', 'todo.task.created')).toBe(false);
    expect(matchesEventFilters(['todo.reminder.due', 'todo.task.*'], 'todo.task.updated')).toBe(true);
    expect(matchesEventFilters([], 'todo.task.updated')).toBe(false);
  });

  it('accept catalogue types, "*" and prefixes that cover a type; explain the rest', () => {
    for (const type of EVENT_TYPES) expect(eventFilterProblem(type)).toBeNull();
    expect(eventFilterProblem('*')).toBeNull();
    expect(eventFilterProblem('todo.*')).toBeNull();
    expect(eventFilterProblem('todo.task.*')).toBeNull();
    expect(eventFilterProblem('todo.task.exploded')).toMatch(/must be an event type/);
    expect(eventFilterProblem('todo.nothing.*')).toMatch(/matches no event type/);
    expect(eventFilterProblem('todo*')).toMatch(/must be an event type/);
    expect(eventFilterProblem('')).toMatch(/must be an event type/);
  });

  it('an accepted filter matches at least one catalogue type', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z.*]{0,20}$/), (filter) => {
        if (eventFilterProblem(filter) === null)
          expect(EVENT_TYPES.some((type) => matchesEventFilter(filter, type))).toBe(true);
      }),
    );
  });
});
