// Recurrence phrases; the first due date is the first occurrence at or after Sunday 2026-11-22 11:00.
import { type Case, c } from './case.ts';

export const recurrenceCases: Case[] = [
  c('Stretch every day', { title: 'Stretch', dueAt: '2026-11-22', recurrence: 'FREQ=DAILY' }, [
    'recurrence:every day',
  ]),
  c('Stretch daily', { title: 'Stretch', dueAt: '2026-11-22', recurrence: 'FREQ=DAILY' }, [
    'recurrence:daily',
  ]),
  c(
    'Standup every weekday at 9:30',
    { title: 'Standup', dueAt: '2026-11-23T09:30:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    ['recurrence:every weekday', 'time:at 9:30'],
  ),
  c(
    'Standup each weekday 9am',
    { title: 'Standup', dueAt: '2026-11-23T09:00:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    ['recurrence:each weekday', 'time:9am'],
  ),
  c('Gym every weekend', { title: 'Gym', dueAt: '2026-11-22', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' }, [
    'recurrence:every weekend',
  ]),
  c(
    'Yoga every mon and thu at 7pm',
    { title: 'Yoga', dueAt: '2026-11-23T19:00:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH' },
    ['recurrence:every mon and thu', 'time:at 7pm'],
  ),
  c(
    'Gym every mon wed fri at 7am',
    { title: 'Gym', dueAt: '2026-11-23T07:00:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' },
    ['recurrence:every mon wed fri', 'time:at 7am'],
  ),
  c('Trash every tuesday', { title: 'Trash', dueAt: '2026-11-24', recurrence: 'FREQ=WEEKLY;BYDAY=TU' }, [
    'recurrence:every tuesday',
  ]),
  c('Swim every monday', { title: 'Swim', dueAt: '2026-11-23', recurrence: 'FREQ=WEEKLY;BYDAY=MO' }, [
    'recurrence:every monday',
  ]),
  c(
    'Team sync every 2 weeks on mon, fri at 10am',
    { title: 'Team sync', dueAt: '2026-11-23T10:00:00', recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR' },
    ['recurrence:every 2 weeks on mon, fri', 'time:at 10am'],
  ),
  c(
    'Review every other week',
    { title: 'Review', dueAt: '2026-11-22', recurrence: 'FREQ=WEEKLY;INTERVAL=2' },
    ['recurrence:every other week'],
  ),
  c(
    'Mow lawn every other saturday',
    { title: 'Mow lawn', dueAt: '2026-11-28', recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA' },
    ['recurrence:every other saturday'],
  ),
  c(
    'Pay rent every month on the 1st',
    { title: 'Pay rent', dueAt: '2026-12-01', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1' },
    ['recurrence:every month on the 1st'],
  ),
  c(
    'Pay card monthly on the 15th',
    { title: 'Pay card', dueAt: '2026-12-15', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15' },
    ['recurrence:monthly on the 15th'],
  ),
  c(
    'Invoice every last day of the month',
    { title: 'Invoice', dueAt: '2026-11-30', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
    ['recurrence:every last day of the month'],
  ),
  c(
    'Drinks every last friday',
    { title: 'Drinks', dueAt: '2026-11-27', recurrence: 'FREQ=MONTHLY;BYDAY=-1FR' },
    ['recurrence:every last friday'],
  ),
  c(
    'Report every 2nd tuesday',
    { title: 'Report', dueAt: '2026-12-08', recurrence: 'FREQ=MONTHLY;BYDAY=2TU' },
    ['recurrence:every 2nd tuesday'],
  ),
  c(
    'Board meeting every first monday of the month at 10am',
    { title: 'Board meeting', dueAt: '2026-12-07T10:00:00', recurrence: 'FREQ=MONTHLY;BYDAY=1MO' },
    ['recurrence:every first monday of the month', 'time:at 10am'],
  ),
  c(
    'Birthday every jan 5',
    { title: 'Birthday', dueAt: '2027-01-05', recurrence: 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5' },
    ['recurrence:every jan 5'],
  ),
  c(
    'Anniversary every year on march 3rd',
    { title: 'Anniversary', dueAt: '2027-03-03', recurrence: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3' },
    ['recurrence:every year on march 3rd'],
  ),
  c(
    'Taxes yearly on apr 15',
    { title: 'Taxes', dueAt: '2027-04-15', recurrence: 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15' },
    ['recurrence:yearly on apr 15'],
  ),
  c(
    'Leap day party every feb 29',
    { title: 'Leap day party', dueAt: '2028-02-29', recurrence: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29' },
    ['recurrence:every feb 29'],
  ),
  c('Renew domain every year', { title: 'Renew domain', dueAt: '2026-11-22', recurrence: 'FREQ=YEARLY' }, [
    'recurrence:every year',
  ]),
  c(
    'Water plants every 3 days after done',
    { title: 'Water plants', dueAt: '2026-11-22', recurrence: 'FREQ=DAILY;INTERVAL=3 after completion' },
    ['recurrence:every 3 days after done'],
  ),
  c(
    'Descale every 3 days after completion',
    { title: 'Descale', dueAt: '2026-11-22', recurrence: 'FREQ=DAILY;INTERVAL=3 after completion' },
    ['recurrence:every 3 days after completion'],
  ),
  c(
    'Haircut every 6 weeks after done',
    { title: 'Haircut', dueAt: '2026-11-22', recurrence: 'FREQ=WEEKLY;INTERVAL=6 after completion' },
    ['recurrence:every 6 weeks after done'],
  ),
  c(
    'Clean fridge every! 2 weeks',
    { title: 'Clean fridge', dueAt: '2026-11-22', recurrence: 'FREQ=WEEKLY;INTERVAL=2 after completion' },
    ['recurrence:every! 2 weeks'],
  ),
  c('Backup every hour', { title: 'Backup', dueAt: '2026-11-22T11:00:00', recurrence: 'FREQ=HOURLY' }, [
    'recurrence:every hour',
  ]),
  c(
    'Check mail every 2 hours',
    { title: 'Check mail', dueAt: '2026-11-22T11:00:00', recurrence: 'FREQ=HOURLY;INTERVAL=2' },
    ['recurrence:every 2 hours'],
  ),
  c('Vitamins every morning', { title: 'Vitamins', dueAt: '2026-11-23T09:00:00', recurrence: 'FREQ=DAILY' }, [
    'recurrence:every morning',
  ]),
  // The part of the day decides an hour written without am/pm.
  c('Gym every morning at 7', { title: 'Gym', dueAt: '2026-11-23T07:00:00', recurrence: 'FREQ=DAILY' }, [
    'recurrence:every morning',
    'time:at 7',
  ]),
  c('Walk every evening at 8', { title: 'Walk', dueAt: '2026-11-22T20:00:00', recurrence: 'FREQ=DAILY' }, [
    'recurrence:every evening',
    'time:at 8',
  ]),
  c('Read every night at 10:30', { title: 'Read', dueAt: '2026-11-22T22:30:00', recurrence: 'FREQ=DAILY' }, [
    'recurrence:every night',
    'time:at 10:30',
  ]),
  c('Tea every afternoon at 4pm', { title: 'Tea', dueAt: '2026-11-22T16:00:00', recurrence: 'FREQ=DAILY' }, [
    'recurrence:every afternoon',
    'time:at 4pm',
  ]),
  c(
    'Quarterly review every quarter',
    { title: 'Quarterly review', dueAt: '2026-11-22', recurrence: 'FREQ=MONTHLY;INTERVAL=3' },
    ['recurrence:every quarter'],
  ),
  c(
    'Sync fortnightly on friday',
    { title: 'Sync', dueAt: '2026-11-27', recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR' },
    ['recurrence:fortnightly on friday'],
  ),
  c(
    'Pay rent every month starting jan 1',
    { title: 'Pay rent', dueAt: '2027-01-01', recurrence: 'FREQ=MONTHLY' },
    ['recurrence:every month', 'date:starting jan 1'],
  ),
  c(
    'Every day at 8pm walk the dog',
    { title: 'walk the dog', dueAt: '2026-11-22T20:00:00', recurrence: 'FREQ=DAILY' },
    ['recurrence:Every day', 'time:at 8pm'],
  ),
  c('Review budget monthly', { title: 'Review budget', dueAt: '2026-11-22', recurrence: 'FREQ=MONTHLY' }, [
    'recurrence:monthly',
  ]),
  c(
    'Water plants daily #home',
    { title: 'Water plants', tags: ['home'], dueAt: '2026-11-22', recurrence: 'FREQ=DAILY' },
    ['recurrence:daily', 'tag:#home'],
  ),
  c('Weekly report', { title: 'Weekly report' }),
  c('Daily standup at 9am', { title: 'Daily standup', dueAt: '2026-11-23T09:00:00' }, ['time:at 9am']),
  c('Read every chapter', { title: 'Read every chapter' }),
];
