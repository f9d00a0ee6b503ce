// Test data for the web logic tests.
import type { TaskDto } from '#contract/task.ts';

export function task(overrides: Partial<TaskDto> = {}): TaskDto {
  return {
    id: 't1',
    title: 'Task',
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
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}
