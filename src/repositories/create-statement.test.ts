import { describe, expect, it } from 'vitest';
import { CreateTaskBody } from '../../contract/task.ts';
import { createTask } from '../domain/task.ts';
import { CREATE_TASK, createValues, TASK_KEYS } from './create-statement.ts';
import { toRow } from './task-rows.ts';

let n = 0;
const task = createTask(
  CreateTaskBody.parse({
    title: 'Pay rent',
    tags: ['home'],
    dueAt: '2026-12-01T09:00',
    reminders: [{ offsetMinutes: 30 }],
    recurrence: { rule: 'FREQ=MONTHLY' },
  }),
  { userId: 'u1', timeZone: 'Europe/Berlin' },
  {
    now: new Date('2026-11-22T10:00:00Z'),
    newId: () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  },
);

describe('the fixed create statement', () => {
  it('writes every column toRow maps, each once', () => {
    expect([...TASK_KEYS].sort()).toEqual(Object.keys(toRow(task)).sort());
  });

  it('numbers one parameter per value', () => {
    const values = createValues(task, []);
    const used = new Set([...CREATE_TASK.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(used).toEqual(new Set(values.map((_, i) => i + 1)));
  });

  it('sends values in the driver form and wakes schedulers only for a pending reminder', () => {
    const values = createValues(task, []);
    expect(values[TASK_KEYS.indexOf('dueAt')]).toBe('2026-12-01T08:00:00.000Z');
    expect(values[TASK_KEYS.indexOf('tags')]).toBe('{"home"}');
    expect(values[TASK_KEYS.indexOf('search')]).toBe('pay rent');
    expect(values.at(-1)).toBe(true);
    expect(createValues({ ...task, reminders: [] }, []).at(-1)).toBe(false);
  });
});
