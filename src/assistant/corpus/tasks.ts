// The tasks the corpus talks about: one user in Europe/Berlin on Sunday 22 November 2026, 11:00.
import type { TaskDto } from '../../../contract/task.ts';
import { fakeTask } from './fake-tools.ts';

export const NOW = new Date('2026-11-22T10:00:00Z');
export const ZONE = 'Europe/Berlin';

const id = (n: number) => `0190b7a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const T = {
  report: id(1),
  expenses: id(2),
  dentist: id(3),
  standup: id(4),
  groceries: id(5),
  mom: id(6),
  taxes: id(7),
  laundry: id(8),
  plants: id(9),
  gym: id(10),
  insurance: id(11),
  flights: id(12),
} as const;

export const TASKS: TaskDto[] = [
  fakeTask({
    id: T.report,
    title: 'Write quarterly report',
    dueAt: '2026-11-24T16:00:00.000Z',
    tags: ['work'],
  }),
  fakeTask({ id: T.expenses, title: 'Report expenses', tags: ['work'] }),
  fakeTask({ id: T.dentist, title: 'Dentist appointment', dueAt: '2026-11-25T13:00:00.000Z' }),
  fakeTask({
    id: T.standup,
    title: 'Team standup',
    dueAt: '2026-11-23T08:00:00.000Z',
    recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', basis: 'due' },
    seriesId: T.standup,
  }),
  fakeTask({ id: T.groceries, title: 'Buy groceries' }),
  fakeTask({ id: T.mom, title: 'Call mom', dueAt: '2026-11-22T17:00:00.000Z', tags: ['family'] }),
  fakeTask({
    id: T.taxes,
    title: 'File taxes',
    dueAt: '2026-11-29T23:00:00.000Z',
    allDay: true,
    priority: 'high',
  }),
  fakeTask({
    id: T.laundry,
    title: 'Do laundry',
    status: 'completed',
    completedAt: '2026-11-21T10:00:00.000Z',
  }),
  fakeTask({ id: T.plants, title: 'Water plants', dueAt: '2026-11-22T23:00:00.000Z', allDay: true }),
  fakeTask({ id: T.gym, title: 'Gym session', dueAt: '2026-11-23T17:00:00.000Z' }),
  fakeTask({
    id: T.insurance,
    title: 'Car insurance renewal',
    dueAt: '2026-12-14T23:00:00.000Z',
    allDay: true,
  }),
  fakeTask({ id: T.flights, title: 'Book flights to Lisbon', tags: ['travel'] }),
];
