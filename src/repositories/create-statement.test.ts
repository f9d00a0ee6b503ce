import { describe, expect, it } from 'vitest';
import { CreateTaskBody } from '../../contract/task.ts';
import { createTask } from '../domain/task.ts';
import { CREATE_TASK, createValues, TASK_KEYS } from './create-statement.ts';
import { toRow } from './task-rows.ts';

const NOTIFY = { outbox: true, reminders: false };
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
    const values = createValues(task, [], NOTIFY);
    const used = new Set([...CREATE_TASK.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(used).toEqual(new Set(values.map((_, i) => i + 1)));
  });

  it('sends values in the driver form, and the NOTIFY decisions last', () => {
    const values = createValues(task, [], NOTIFY);
    expect(values[TASK_KEYS.indexOf('dueAt')]).toBe('2026-12-01T08:00:00.000Z');
    expect(values[TASK_KEYS.indexOf('tags')]).toBe('{"home"}');
    expect(values[TASK_KEYS.indexOf('search')]).toBe('pay rent');
    expect(values.slice(-2)).toEqual([true, false]);
  });
});
