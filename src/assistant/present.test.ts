import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../../contract/chat.ts';
import { fakeTask } from './corpus/fake-tools.ts';
import {
  addedText,
  durationText,
  formatInstant,
  listText,
  notificationsText,
  presentCalls,
} from './present.ts';
import { pick } from './resolve.ts';

const ctx = { now: new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Berlin' };
const id = (n: number) => `0190b7a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('replies', () => {
  it('formats times in the task zone, with the year only when it is not this one', () => {
    expect(formatInstant('2026-11-27T14:00:00Z', 'Europe/Berlin', ctx)).toBe('Fri 27 Nov, 15:00');
    expect(formatInstant('2027-01-05T00:00:00Z', 'Europe/Berlin', ctx, true)).toBe('Tue 5 Jan 2027');
    expect(formatInstant('2026-11-27T14:00:00Z', 'America/New_York', ctx)).toBe(
      'Fri 27 Nov, 09:00 (America/New_York)',
    );
  });

  it('says how long before', () => {
    expect([0, 15, 60, 90, 1440, 10080 + 60].map(durationText)).toEqual([
      'when it is due',
      '15 minutes before',
      '1 hour before',
      '1 hour 30 minutes before',
      '1 day before',
      '1 week 1 hour before',
    ]);
  });

  it('describes an added task with everything it got', () => {
    const task = fakeTask({
      id: id(1),
      title: 'Pay rent',
      dueAt: '2026-12-01T08:00:00.000Z',
      recurrence: { rule: 'FREQ=MONTHLY;BYMONTHDAY=1', basis: 'due' },
      priority: 'high',
      tags: ['home'],
      reminders: [{ id: id(9), offsetMinutes: 1440, at: null, remindAt: null, state: 'pending' }],
    });
    expect(addedText(task, ctx)).toBe(
      'Added “Pay rent”, due Tue 1 Dec, 09:00, repeating every month on the 1st, priority high, #home, reminding you 1 day before.',
    );
  });

  it('lists tasks, in the singular when there is one', () => {
    const late = fakeTask({
      id: id(1),
      title: 'Call',
      dueAt: '2026-11-21T10:00:00.000Z',
      priority: 'urgent',
    });
    const done = fakeTask({ id: id(2), title: 'Laundry', status: 'completed' });
    expect(listText([late], 'overdue tasks', false, ctx)).toBe(
      'One overdue task:\n1. “Call” — was due Sat 21 Nov, 11:00 (!urgent)',
    );
    expect(listText([late, done], 'tasks', true, ctx)).toBe(
      '2+ tasks:\n1. “Call” — was due Sat 21 Nov, 11:00 (!urgent)\n2. “Laundry” (done)\n…and more.',
    );
    expect(listText([], 'tasks due today', false, ctx)).toBe('You have no tasks due today.');
  });

  it('lists notifications', () => {
    const item = {
      id: id(3),
      kind: 'reminder',
      taskId: id(1),
      title: 'Call',
      body: 'Due Sun',
      createdAt: '',
      readAt: null,
    };
    expect(notificationsText([item], 1, true)).toBe('1 unread notification:\n• Call — Due Sun (new)');
    expect(notificationsText([], 0, false)).toBe('You have no notifications.');
  });

  it('presents a turn of tool calls: actions, not the look-ups behind them, and failures as failures', () => {
    const task = fakeTask({ id: id(1), title: 'Dentist', dueAt: '2026-11-27T14:00:00.000Z' });
    const calls: ToolCall[] = [
      { tool: 'search_tasks', input: { query: 'dentist' }, output: { items: [task], nextCursor: null } },
      { tool: 'delete_task', input: { id: id(1) }, output: { id: id(1), deleted: true } },
      {
        tool: 'complete_task',
        input: { id: id(7) },
        output: { error: { code: 'not_found', status: 404, message: 'No such task.' } },
      },
      {
        tool: 'set_reminder',
        input: {},
        output: {
          task,
          reminder: { id: id(5), offsetMinutes: 60, at: null, remindAt: null, state: 'pending' },
        },
      },
      { tool: 'reopen_task', input: {}, output: { task } },
      { tool: 'list_notifications', input: {}, output: { items: [], unreadCount: 0 } },
    ];
    expect(presentCalls(calls, ctx).split('\n')).toEqual([
      'Deleted “Dentist”.',
      'I could not find that task (complete_task), so nothing changed.',
      'I will remind you 1 hour before for “Dentist”.',
      'Reopened “Dentist”.',
    ]);
    expect(presentCalls(calls.slice(0, 1), ctx)).toBe(
      'One matching task:\n1. “Dentist” — due Fri 27 Nov, 15:00',
    );
    expect(presentCalls(calls.slice(-1), ctx)).toBe('You have no notifications.');
  });
});

describe('answers to "which one?"', () => {
  const clarification = {
    action: 'complete' as const,
    args: {},
    candidates: ['Write quarterly report', 'Report expenses', 'Report bug'].map((title, i) => ({
      id: id(i),
      title,
      status: 'pending' as const,
      tags: [],
      dueAt: null,
      allDay: false,
      timeZone: 'UTC',
    })),
  };
  it.each([
    ['2', [1]],
    ['#3', [2]],
    ['the first one', [0]],
    ['second', [1]],
    ['last', [2]],
    ['expenses', [1]],
    ['the one about bug', [2]],
    ['all of them', [0, 1, 2]],
    ['never mind', 'cancel'],
    ['4', null],
    ['report', null],
    ['what is overdue', null],
  ])('%s', (text, expected) => expect(pick(text, clarification)).toEqual(expected));
});
