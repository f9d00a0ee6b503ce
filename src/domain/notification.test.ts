import { describe, expect, it } from 'vitest';
import { dueLine, reminderNotification, snoozedReminders, toNotificationDto } from './notification.ts';
import type { Reminder } from './task.ts';

const reminder = (n: number, state: Reminder['state'], remindAt: string): Reminder => ({
  id: `r${n}`,
  offsetMinutes: null,
  at: new Date(remindAt),
  remindAt: new Date(remindAt),
  state,
});

describe('dueLine', () => {
  it('tells the due time in the task zone, a date only for all-day tasks', () => {
    const dueAt = new Date('2026-11-24T14:00:00Z');
    expect(dueLine({ dueAt, allDay: false, timeZone: 'Europe/Berlin' })).toBe(
      'Due Tue 24 Nov 2026, 15:00 CET',
    );
    expect(dueLine({ dueAt, allDay: false, timeZone: 'America/New_York' })).toBe(
      'Due Tue 24 Nov 2026, 09:00 GMT-5',
    );
    const allDay = new Date('2026-11-30T23:00:00Z'); // 1 December in Berlin
    expect(dueLine({ dueAt: allDay, allDay: true, timeZone: 'Europe/Berlin' })).toBe('Due Tue 1 Dec 2026');
    expect(dueLine({ dueAt: null, allDay: false, timeZone: 'UTC' })).toBe('Reminder');
  });
});

describe('reminderNotification', () => {
  it('is unread, carries the task and reminder, and has the DESIGN wire shape', () => {
    const now = new Date('2026-11-24T13:00:00Z');
    const n = reminderNotification({
      id: 'n1',
      sourceEventId: 'e1',
      data: {
        reminderId: 'r1',
        taskId: 't1',
        userId: 'u1',
        title: 'Dentist',
        dueAt: '2026-11-24T14:00:00.000Z',
        remindAt: '2026-11-24T13:00:00.000Z',
      },
      due: { dueAt: new Date('2026-11-24T14:00:00Z'), allDay: false, timeZone: 'UTC' },
      now,
    });
    expect(toNotificationDto(n)).toEqual({
      id: 'n1',
      kind: 'reminder',
      taskId: 't1',
      title: 'Dentist',
      body: 'Due Tue 24 Nov 2026, 14:00 UTC',
      createdAt: '2026-11-24T13:00:00.000Z',
      readAt: null,
    });
    expect(n).toMatchObject({ reminderId: 'r1', sourceEventId: 'e1', userId: 'u1' });
  });
});

describe('snoozedReminders', () => {
  const at = new Date('2026-11-24T15:00:00Z');

  it('keeps every reminder by id and adds one at the snooze time', () => {
    const offset: Reminder = { ...reminder(1, 'sent', '2026-11-24T13:00:00Z'), at: null, offsetMinutes: 60 };
    expect(snoozedReminders([offset, reminder(2, 'pending', '2026-11-25T09:00:00Z')], at, 10)).toEqual([
      { id: 'r1', offsetMinutes: 60 },
      { id: 'r2', at: '2026-11-25T09:00:00.000Z' },
      { at: '2026-11-24T15:00:00.000Z' },
    ]);
  });

  it('when full, the oldest reminder that already fired makes room', () => {
    const full = Array.from({ length: 10 }, (_, i) =>
      reminder(
        i,
        i === 3 || i === 7 ? 'sent' : 'pending',
        `2026-11-${String(20 + (i % 5)).padStart(2, '0')}T09:00:00Z`,
      ),
    );
    const result = snoozedReminders(full, at, 10)!;
    expect(result).toHaveLength(10);
    // r3 fired on the 23rd, r7 on the 22nd: r7 is the older one.
    expect(result.map((r) => r.id)).not.toContain('r7');
    expect(result.map((r) => r.id)).toContain('r3');
    expect(result.at(-1)).toEqual({ at: '2026-11-24T15:00:00.000Z' });
  });

  it('treats a cancelled reminder as spent too, and refuses when all ten are pending', () => {
    const pending = Array.from({ length: 10 }, (_, i) => reminder(i, 'pending', '2026-11-25T09:00:00Z'));
    expect(snoozedReminders(pending, at, 10)).toBeNull();
    const oneCancelled = pending.map((r, i) => (i === 5 ? { ...r, state: 'cancelled' as const } : r));
    expect(snoozedReminders(oneCancelled, at, 10)!.map((r) => r.id)).not.toContain('r5');
  });
});
