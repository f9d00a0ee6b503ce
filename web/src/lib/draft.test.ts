import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf, dueOf, newReminder, patchOf } from './draft.ts';
import { task } from './fixtures.ts';

const base = task({
  title: 'Water plants',
  priority: 'high',
  tags: ['home'],
  dueAt: '2026-11-23T08:00:00.000Z',
  timeZone: 'Europe/Berlin',
  recurrence: { rule: 'FREQ=DAILY', basis: 'due' },
  reminders: [
    { id: 'r1', offsetMinutes: 10, at: null, remindAt: '2026-11-23T07:50:00.000Z', state: 'pending' },
    {
      id: 'r2',
      offsetMinutes: null,
      at: '2026-11-22T17:30:00.000Z',
      remindAt: '2026-11-22T17:30:00.000Z',
      state: 'sent',
    },
  ],
});

describe('the editor draft', () => {
  it('reads a task as wall times in its zone', () => {
    const draft = draftOf(base);
    expect(draft).toMatchObject({
      title: 'Water plants',
      hasDue: true,
      dueDate: '2026-11-23',
      dueTime: '09:00',
      allDay: false,
      preset: { kind: 'daily', interval: 1 },
    });
    expect(draft.reminders.map((r) => [r.id, r.mode, r.amount, r.unit, r.atDate, r.atTime])).toEqual([
      ['r1', 'before', 10, 'minutes', '2026-11-23', '08:50'],
      ['r2', 'at', 15, 'minutes', '2026-11-22', '18:30'],
    ]);
  });

  it('patches only what changed', () => {
    const start = draftOf(base);
    expect(patchOf(start, start)).toEqual({});
    expect(patchOf(start, { ...start, title: '  Water the plants ' })).toEqual({ title: 'Water the plants' });
    expect(patchOf(start, { ...start, dueTime: '10:30' })).toEqual({
      dueAt: '2026-11-23T10:30:00',
      allDay: false,
    });
    expect(patchOf(start, { ...start, allDay: true })).toEqual({ dueAt: '2026-11-23', allDay: true });
    expect(patchOf(start, { ...start, hasDue: false, preset: { kind: 'none' }, reminders: [] })).toEqual({
      dueAt: null,
      recurrence: null,
      reminders: [],
    });
    expect(patchOf(start, { ...start, preset: { kind: 'weekly', interval: 1, days: ['MO', 'TH'] } })).toEqual(
      {
        recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO,TH', basis: 'due' },
      },
    );
  });

  it('sends reminders with their ids, and absolute ones as instants', () => {
    const start = draftOf(base);
    const [first, second] = start.reminders;
    const changed = {
      ...start,
      reminders: [{ ...first!, amount: 1, unit: 'hours' as const, id: undefined }, second!],
    };
    expect(patchOf(start, changed).reminders).toEqual([
      { offsetMinutes: 60 },
      { id: 'r2', at: '2026-11-22T17:30:00.000Z' },
    ]);
  });

  it('starts new reminders sensibly', () => {
    const start = draftOf(base);
    expect(newReminder(start)).toMatchObject({ mode: 'before', amount: 15, unit: 'minutes' });
    expect(newReminder({ ...start, allDay: true })).toMatchObject({
      mode: 'before',
      amount: 1,
      unit: 'days',
    });
    const noDue = { ...start, hasDue: false };
    expect(newReminder(noDue, Date.parse('2026-11-22T10:00:00Z'))).toMatchObject({
      mode: 'at',
      atDate: '2026-11-23',
      atTime: '09:00',
    });
  });

  it('finds problems before the server does', () => {
    const start = draftOf(base);
    expect(checkDraft(start)).toEqual({});
    expect(checkDraft({ ...start, title: '  ' })).toEqual({ title: 'must not be empty' });
    expect(checkDraft({ ...start, hasDue: false })).toMatchObject({
      recurrence: 'a repeating task needs a due date',
      'reminders.0': 'a reminder before the due time needs a due date',
    });
    expect(checkDraft({ ...start, preset: { kind: 'weekly', interval: 1, days: [] } })).toEqual({
      recurrence: 'pick at least one day',
    });
    expect(checkDraft({ ...start, preset: { kind: 'custom', rule: ' ', basis: 'due' } })).toMatchObject({
      recurrence: expect.any(String),
    });
    expect(dueOf({ ...start, hasDue: false })).toEqual({ dueAt: null, allDay: false });
  });
});
