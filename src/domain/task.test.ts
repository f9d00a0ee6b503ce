import { describe, expect, it } from 'vitest';
import { CreateTaskBody } from '../../contract/task.ts';
import { AppError } from '../errors.ts';
import { isUntouchedOccurrence } from './series.ts';
import {
  completeTask,
  createTask,
  deletedTask,
  overdueAt,
  patchTask,
  reopenTask,
  replaceTask,
  type Task,
  toTaskDto,
} from './task.ts';

let n = 0;
const ctx = (now = '2026-11-22T10:00:00Z') => ({
  now: new Date(now),
  newId: () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
});
const owner = { userId: 'u1', timeZone: 'Europe/Berlin' };
const make = (input: Record<string, unknown>) => createTask(CreateTaskBody.parse(input), owner, ctx());

describe('createTask', () => {
  it('fills defaults and takes the owner zone', () => {
    const task = make({ title: 'x' });
    expect(task).toMatchObject({
      status: 'pending',
      priority: 'none',
      timeZone: 'Europe/Berlin',
      version: 1,
      seriesId: null,
    });
  });

  it('treats a date as all-day and a local time as wall time in the zone', () => {
    expect(make({ title: 'x', dueAt: '2026-03-29' })).toMatchObject({
      allDay: true,
      dueAt: new Date('2026-03-28T23:00:00Z'),
    });
    // 02:30 does not exist in Berlin on 2026-03-29: it moves forward to 03:30 CEST.
    expect(make({ title: 'x', dueAt: '2026-03-29T02:30:00' }).dueAt).toEqual(
      new Date('2026-03-29T01:30:00Z'),
    );
    expect(make({ title: 'x', dueAt: '2026-11-22T18:00:00Z', allDay: true })).toMatchObject({
      allDay: true,
      dueAt: new Date('2026-11-21T23:00:00Z'),
    });
  });

  it('starts a series for a recurring task', () => {
    const task = make({ title: 'x', dueAt: '2026-12-01', recurrence: { rule: 'FREQ=DAILY' } });
    expect(task.seriesId).toBe(task.id);
  });

  it('collects every consistency problem', () => {
    try {
      make({ title: 'x', recurrence: { rule: 'FREQ=NEVER' }, reminders: [{ offsetMinutes: 5 }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).errors?.map((e) => e.path)).toEqual([
        'recurrence.rule',
        'recurrence',
        'reminders.0.offsetMinutes',
      ]);
    }
  });

  it('drops duplicate reminders', () => {
    const task = make({
      title: 'x',
      dueAt: '2026-12-01T10:00:00Z',
      reminders: [{ offsetMinutes: 5 }, { offsetMinutes: 5 }],
    });
    expect(task.reminders).toHaveLength(1);
  });
});

describe('overdueAt', () => {
  it('is the due time, or the end of the local day for all-day tasks', () => {
    expect(overdueAt(make({ title: 'x', dueAt: '2026-12-01T10:00:00Z' }))).toEqual(
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(overdueAt(make({ title: 'x', dueAt: '2026-12-01' }))).toEqual(new Date('2026-12-01T23:00:00Z'));
    // The day before the autumn change is 25 hours long.
    expect(overdueAt(make({ title: 'x', dueAt: '2026-10-25' }))).toEqual(new Date('2026-10-25T23:00:00Z'));
    expect(overdueAt(make({ title: 'x' }))).toBeNull();
  });
});

describe('patchTask', () => {
  const base = () => make({ title: 'x', dueAt: '2026-12-01T10:00:00Z', reminders: [{ offsetMinutes: 60 }] });

  it('reports only fields that changed and keeps the version otherwise', () => {
    const task = base();
    expect(patchTask(task, { title: 'x' }, ctx()).changes).toEqual([]);
    const { task: next, changes } = patchTask(task, { title: 'y', tags: ['a'] }, ctx('2026-11-23T00:00:00Z'));
    expect(changes).toEqual(['title', 'tags']);
    expect(next).toMatchObject({ version: 2, updatedAt: new Date('2026-11-23T00:00:00Z') });
  });

  it('re-times offset reminders with the due date and makes them pending again', () => {
    const task = { ...base() };
    task.reminders = task.reminders.map((r) => ({ ...r, state: 'sent' as const }));
    const { task: next, changes } = patchTask(task, { dueAt: '2026-12-02T10:00:00Z' }, ctx());
    expect(changes).toEqual(['dueAt', 'reminders']);
    expect(next.reminders[0]).toMatchObject({
      remindAt: new Date('2026-12-02T09:00:00Z'),
      state: 'pending',
      id: task.reminders[0]!.id,
    });
  });

  it('keeps the local date of an all-day task when its zone changes', () => {
    const task = make({ title: 'x', dueAt: '2026-12-01' });
    const { task: next } = patchTask(task, { timeZone: 'America/New_York' }, ctx());
    expect(next.dueAt).toEqual(new Date('2026-12-01T05:00:00Z'));
  });

  it('turns a timed task into an all-day one on its local date', () => {
    const task = make({ title: 'x', dueAt: '2026-12-01T22:30:00Z' });
    const { task: next } = patchTask(task, { allDay: true }, ctx());
    // 22:30Z is 23:30 on Dec 1 in Berlin, so the all-day task sits on Dec 1 (starting 23:00Z on Nov 30).
    expect(next).toMatchObject({ allDay: true, dueAt: new Date('2026-11-30T23:00:00Z') });
  });

  it('refuses clearing the due date of a recurring task', () => {
    const task = make({ title: 'x', dueAt: '2026-12-01', recurrence: { rule: 'FREQ=DAILY' } });
    expect(() => patchTask(task, { dueAt: null }, ctx())).toThrow(AppError);
  });

  it('keeps the state of reminders given back unchanged by id', () => {
    const task = base();
    const sent: Task = { ...task, reminders: task.reminders.map((r) => ({ ...r, state: 'sent' })) };
    const { task: next } = patchTask(
      sent,
      { reminders: [{ id: task.reminders[0]!.id, offsetMinutes: 60 }, { offsetMinutes: 10 }] },
      ctx(),
    );
    expect(next.reminders.map((r) => r.state)).toEqual(['sent', 'pending']);
  });

  it('replace resets what is left out', () => {
    const task = make({ title: 'x', priority: 'high', tags: ['a'], dueAt: '2026-12-01' });
    const { task: next } = replaceTask(task, CreateTaskBody.parse({ title: 'y' }), ctx());
    expect(next).toMatchObject({
      title: 'y',
      priority: 'none',
      tags: [],
      dueAt: null,
      allDay: false,
      timeZone: 'Europe/Berlin',
    });
  });
});

describe('complete and reopen', () => {
  it('are idempotent and move reminders', () => {
    const task = make({ title: 'x', dueAt: '2026-12-01T10:00:00Z', reminders: [{ offsetMinutes: 60 }] });
    const done = completeTask(task, new Date('2026-11-23T00:00:00Z'))!;
    expect(done).toMatchObject({ status: 'completed', version: 2 });
    expect(done.reminders[0]!.state).toBe('cancelled');
    expect(completeTask(done, new Date())).toBeNull();
    const open = reopenTask(done, new Date('2026-11-24T00:00:00Z'))!;
    expect(open).toMatchObject({ status: 'pending', completedAt: null, version: 3 });
    expect(open.reminders[0]!.state).toBe('pending');
    expect(reopenTask(open, new Date())).toBeNull();
    // A reminder whose time has passed stays cancelled when reopened late.
    expect(reopenTask(done, new Date('2026-12-05T00:00:00Z'))!.reminders[0]!.state).toBe('cancelled');
  });
});

describe('deletedTask and isUntouchedOccurrence', () => {
  it('a deletion cancels the pending reminders only and makes a new version', () => {
    const task = make({
      title: 'x',
      dueAt: '2026-11-23T09:00:00',
      reminders: [{ offsetMinutes: 10 }, { offsetMinutes: 60 }],
    });
    const sent = {
      ...task,
      reminders: [{ ...task.reminders[0]!, state: 'sent' as const }, task.reminders[1]!],
    };
    const at = new Date('2026-11-22T11:00:00Z');
    const gone = deletedTask(sent, at);
    expect(gone.reminders.map((r) => r.state)).toEqual(['sent', 'cancelled']);
    expect(gone).toMatchObject({ updatedAt: at, version: 2, status: 'pending' });
  });

  it('an occurrence is untouched while pending at its first version', () => {
    const task = make({ title: 'x' });
    expect(isUntouchedOccurrence(task)).toBe(true);
    expect(isUntouchedOccurrence({ ...task, version: 2 })).toBe(false);
    expect(isUntouchedOccurrence({ ...task, status: 'completed' })).toBe(false);
  });
});

describe('toTaskDto', () => {
  it('renders instants in UTC with Z', () => {
    const dto = toTaskDto(
      make({ title: 'x', dueAt: '2026-12-01T10:00:00+01:00', reminders: [{ at: '2026-12-01T08:00:00Z' }] }),
    );
    expect(dto.dueAt).toBe('2026-12-01T09:00:00.000Z');
    expect(dto.reminders[0]).toMatchObject({
      at: '2026-12-01T08:00:00.000Z',
      offsetMinutes: null,
      remindAt: '2026-12-01T08:00:00.000Z',
    });
  });
});
