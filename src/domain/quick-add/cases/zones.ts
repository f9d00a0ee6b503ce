// Other zones, the date line, and days around daylight-saving changes.
import { type Case, c } from './case.ts';

const NY = { zone: 'America/New_York' };
const TOKYO_MONDAY = { zone: 'Asia/Tokyo', now: '2026-11-22T20:00:00Z' }; // Monday 05:00 in Tokyo
const KOLKATA = { zone: 'Asia/Kolkata' }; // Sunday 15:30
const AUCKLAND = { zone: 'Pacific/Auckland' }; // Sunday 23:00
// New York springs forward on 2027-03-14 (02:00 → 03:00) and falls back on 2026-11-01.
const NY_SAT_BEFORE_SPRING = { zone: 'America/New_York', now: '2027-03-13T15:00:00Z' }; // 10:00 EST
const NY_SPRING_NIGHT = { zone: 'America/New_York', now: '2027-03-14T06:30:00Z' }; // 01:30 EST
const NY_SAT_BEFORE_FALL = { zone: 'America/New_York', now: '2026-10-31T16:00:00Z' }; // 12:00 EDT
// Berlin springs forward on 2027-03-28 and falls back on 2026-10-25 (03:00 CEST → 02:00 CET).
const BERLIN_SAT_BEFORE_SPRING = { now: '2027-03-27T10:00:00Z' }; // 11:00 CET
const BERLIN_SAT_BEFORE_FALL = { now: '2026-10-24T10:00:00Z' }; // 12:00 CEST
const BERLIN_FALL_NIGHT = { now: '2026-10-25T00:30:00Z' }; // 02:30 CEST, the first of two

export const zoneCases: Case[] = [
  c('Call Ana tomorrow 9am', { title: 'Call Ana', dueAt: '2026-11-23T09:00:00' }, ['date:tomorrow 9am'], NY),
  c('Call Ana at 9am', { title: 'Call Ana', dueAt: '2026-11-22T09:00:00' }, ['time:at 9am'], NY),
  c('Call Ana in 2 hours', { title: 'Call Ana', dueAt: '2026-11-22T07:00:00' }, ['date:in 2 hours'], NY),
  c('Submit report today', { title: 'Submit report', dueAt: '2026-11-23' }, ['date:today'], TOKYO_MONDAY),
  c(
    'Dinner the day after tomorrow',
    { title: 'Dinner', dueAt: '2026-11-25' },
    ['date:the day after tomorrow'],
    TOKYO_MONDAY,
  ),
  c('Dentist friday', { title: 'Dentist', dueAt: '2026-11-27' }, ['date:friday'], TOKYO_MONDAY),
  c('Plan next week', { title: 'Plan', dueAt: '2026-11-30' }, ['date:next week'], TOKYO_MONDAY),
  c('Call home tomorrow', { title: 'Call home', dueAt: '2026-11-23' }, ['date:tomorrow'], AUCKLAND),
  c('Call home at 9am', { title: 'Call home', dueAt: '2026-11-23T09:00:00' }, ['time:at 9am'], AUCKLAND),
  c(
    'Pay rent every month on the 1st at 9am',
    { title: 'Pay rent', dueAt: '2026-12-01T09:00:00', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1' },
    ['recurrence:every month on the 1st', 'time:at 9am'],
    KOLKATA,
  ),
  c(
    'Call Ana at 9am remind me 1 hour before',
    { title: 'Call Ana', dueAt: '2026-11-23T09:00:00', reminders: [{ offsetMinutes: 60 }] },
    ['time:at 9am', 'reminder:remind me 1 hour before'],
    KOLKATA,
  ),
  c(
    'Dentist friday 9am remind me at 8am',
    { title: 'Dentist', dueAt: '2026-11-27T09:00:00', reminders: [{ at: '2026-11-27T02:30:00Z' }] },
    ['date:friday 9am', 'reminder:remind me at 8am'],
    KOLKATA,
  ),
];

export const dstCases: Case[] = [
  c(
    'Gym tomorrow 9am',
    { title: 'Gym', dueAt: '2027-03-14T09:00:00' },
    ['date:tomorrow 9am'],
    NY_SAT_BEFORE_SPRING,
  ),
  c(
    'Gym tomorrow 9am remind me at 8am',
    { title: 'Gym', dueAt: '2027-03-14T09:00:00', reminders: [{ at: '2027-03-14T12:00:00Z' }] },
    ['date:tomorrow 9am', 'reminder:remind me at 8am'],
    NY_SAT_BEFORE_SPRING,
  ),
  c(
    'Run every day at 2:30am',
    { title: 'Run', dueAt: '2027-03-14T02:30:00', recurrence: 'FREQ=DAILY' },
    ['recurrence:every day', 'time:at 2:30am'],
    NY_SAT_BEFORE_SPRING,
  ),
  c('Call in 2 hours', { title: 'Call', dueAt: '2027-03-14T04:30:00' }, ['date:in 2 hours'], NY_SPRING_NIGHT),
  c(
    'Dentist tomorrow at 9am remind me at 8am',
    { title: 'Dentist', dueAt: '2026-11-01T09:00:00', reminders: [{ at: '2026-11-01T13:00:00Z' }] },
    ['date:tomorrow at 9am', 'reminder:remind me at 8am'],
    NY_SAT_BEFORE_FALL,
  ),
  c(
    'Brunch tomorrow 9am',
    { title: 'Brunch', dueAt: '2027-03-28T09:00:00' },
    ['date:tomorrow 9am'],
    BERLIN_SAT_BEFORE_SPRING,
  ),
  c(
    'Brunch tomorrow 9am remind me at 8am',
    { title: 'Brunch', dueAt: '2027-03-28T09:00:00', reminders: [{ at: '2027-03-28T06:00:00Z' }] },
    ['date:tomorrow 9am', 'reminder:remind me at 8am'],
    BERLIN_SAT_BEFORE_SPRING,
  ),
  c(
    'Yoga every day at 9am',
    { title: 'Yoga', dueAt: '2027-03-28T09:00:00', recurrence: 'FREQ=DAILY' },
    ['recurrence:every day', 'time:at 9am'],
    BERLIN_SAT_BEFORE_SPRING,
  ),
  c(
    'Call tomorrow 9am remind me at 8am',
    { title: 'Call', dueAt: '2026-10-25T09:00:00', reminders: [{ at: '2026-10-25T07:00:00Z' }] },
    ['date:tomorrow 9am', 'reminder:remind me at 8am'],
    BERLIN_SAT_BEFORE_FALL,
  ),
  c(
    'Stretch in 3 hours',
    { title: 'Stretch', dueAt: '2026-10-25T04:30:00' },
    ['date:in 3 hours'],
    BERLIN_FALL_NIGHT,
  ),
];

/** The and the design's own examples. */
export const exampleCases: Case[] = [
  c(
    'Pay rent every month on the 1st at 9am #home !high remind 1 day before',
    {
      title: 'Pay rent',
      priority: 'high',
      tags: ['home'],
      dueAt: '2026-12-01T09:00:00',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      reminders: [{ offsetMinutes: 1440 }],
    },
    [
      'recurrence:every month on the 1st',
      'time:at 9am',
      'tag:#home',
      'priority:!high',
      'reminder:remind 1 day before',
    ],
  ),
  c(
    'Sprint review every 2 weeks on mon, fri !!',
    {
      title: 'Sprint review',
      priority: 'high',
      dueAt: '2026-11-23',
      recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR',
    },
    ['recurrence:every 2 weeks on mon, fri', 'priority:!!'],
  ),
  c(
    'Call the landlord in 2 hours remind me 30 minutes before',
    { title: 'Call the landlord', dueAt: '2026-11-22T13:00:00', reminders: [{ offsetMinutes: 30 }] },
    ['date:in 2 hours', 'reminder:remind me 30 minutes before'],
  ),
];
