// Reminders: offsets before the due time, or absolute times (instants in UTC).
import { type Case, c } from './case.ts';

export const reminderCases: Case[] = [
  c(
    'Dentist tomorrow at 3pm remind me 30 minutes before',
    { title: 'Dentist', dueAt: '2026-11-23T15:00:00', reminders: [{ offsetMinutes: 30 }] },
    ['date:tomorrow at 3pm', 'reminder:remind me 30 minutes before'],
  ),
  c(
    'Flight friday 7am remind me 1 day before',
    { title: 'Flight', dueAt: '2026-11-27T07:00:00', reminders: [{ offsetMinutes: 1440 }] },
    ['date:friday 7am', 'reminder:remind me 1 day before'],
  ),
  c(
    'Call Ana tomorrow 5pm remind me 1 hour before and 10 min before',
    {
      title: 'Call Ana',
      dueAt: '2026-11-23T17:00:00',
      reminders: [{ offsetMinutes: 60 }, { offsetMinutes: 10 }],
    },
    ['date:tomorrow 5pm', 'reminder:remind me 1 hour before and 10 min before'],
  ),
  c(
    'Meeting monday 10am remind 1 day and 1 hour before',
    {
      title: 'Meeting',
      dueAt: '2026-11-23T10:00:00',
      reminders: [{ offsetMinutes: 1440 }, { offsetMinutes: 60 }],
    },
    ['date:monday 10am', 'reminder:remind 1 day and 1 hour before'],
  ),
  c(
    'Dentist tomorrow at 3pm remind me at 8am',
    { title: 'Dentist', dueAt: '2026-11-23T15:00:00', reminders: [{ at: '2026-11-23T07:00:00Z' }] },
    ['date:tomorrow at 3pm', 'reminder:remind me at 8am'],
  ),
  c(
    'Pay bill friday remind me 2 days before',
    { title: 'Pay bill', dueAt: '2026-11-27', reminders: [{ offsetMinutes: 2880 }] },
    ['date:friday', 'reminder:remind me 2 days before'],
  ),
  c('Call mom remind me 30 minutes before', { title: 'Call mom remind me 30 minutes before' }),
  c('Call mom remind me at 6pm', { title: 'Call mom', reminders: [{ at: '2026-11-22T17:00:00Z' }] }, [
    'reminder:remind me at 6pm',
  ]),
  c('Call mom remind me tomorrow at 9', { title: 'Call mom', reminders: [{ at: '2026-11-23T08:00:00Z' }] }, [
    'reminder:remind me tomorrow at 9',
  ]),
  c(
    'Exam dec 1 remind me half an hour before',
    { title: 'Exam', dueAt: '2026-12-01', reminders: [{ offsetMinutes: 30 }] },
    ['date:dec 1', 'reminder:remind me half an hour before'],
  ),
  c(
    'Launch tomorrow 9am remind me 1 hour before, remind me 1 hour before',
    { title: 'Launch', dueAt: '2026-11-23T09:00:00', reminders: [{ offsetMinutes: 60 }] },
    ['date:tomorrow 9am', 'reminder:remind me 1 hour before, remind me 1 hour before'],
  ),
  c(
    'Dentist tomorrow at 3pm remind me when due',
    { title: 'Dentist', dueAt: '2026-11-23T15:00:00', reminders: [{ offsetMinutes: 0 }] },
    ['date:tomorrow at 3pm', 'reminder:remind me when due'],
  ),
  c(
    'Standup every weekday at 9:30 remind me 5m before',
    {
      title: 'Standup',
      dueAt: '2026-11-23T09:30:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      reminders: [{ offsetMinutes: 5 }],
    },
    ['recurrence:every weekday', 'time:at 9:30', 'reminder:remind me 5m before'],
  ),
  c(
    'Dentist friday 3pm remind me 1 hour before and at 8am',
    {
      title: 'Dentist',
      dueAt: '2026-11-27T15:00:00',
      reminders: [{ offsetMinutes: 60 }, { at: '2026-11-27T07:00:00Z' }],
    },
    ['date:friday 3pm', 'reminder:remind me 1 hour before and at 8am'],
  ),
];
