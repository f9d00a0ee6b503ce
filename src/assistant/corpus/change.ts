// Changing a named task: it is always searched first; an ambiguous name stops at the search (the
// reply asks which one), a task without a due date gets no "before" reminder.
import { type CorpusCase, c } from './case.ts';
import { T } from './tasks.ts';

export const CHANGE: CorpusCase[] = [
  // complete
  c('done with the quarterly report', [
    ['search_tasks', { query: 'quarterly report' }],
    ['complete_task', { id: T.report }],
  ]),
  c('I finished the quarterly report', [
    ['search_tasks', { query: 'quarterly report' }],
    ['complete_task', { id: T.report }],
  ]),
  c('mark the dentist appointment as done', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['complete_task', { id: T.dentist }],
  ]),
  c('complete call mom', [
    ['search_tasks', { query: 'call mom' }],
    ['complete_task', { id: T.mom }],
  ]),
  c('finished the expenses', [
    ['search_tasks', { query: 'expenses' }],
    ['complete_task', { id: T.expenses }],
  ]),
  c('I did the groceries', [
    ['search_tasks', { query: 'groceries' }],
    ['complete_task', { id: T.groceries }],
  ]),
  c('tick off call mom', [
    ['search_tasks', { query: 'call mom' }],
    ['complete_task', { id: T.mom }],
  ]),
  c('cross the gym session off my list', [
    ['search_tasks', { query: 'gym session' }],
    ['complete_task', { id: T.gym }],
  ]),
  c("I've completed file taxes", [
    ['search_tasks', { query: 'file taxes' }],
    ['complete_task', { id: T.taxes }],
  ]),
  c('mark water plants complete', [
    ['search_tasks', { query: 'water plants' }],
    ['complete_task', { id: T.plants }],
  ]),
  c('water plants is done', [
    ['search_tasks', { query: 'water plants' }],
    ['complete_task', { id: T.plants }],
  ]),
  c('done: buy groceries', [
    ['search_tasks', { query: 'buy groceries' }],
    ['complete_task', { id: T.groceries }],
  ]),
  c('check off water plants', [
    ['search_tasks', { query: 'water plants' }],
    ['complete_task', { id: T.plants }],
  ]),
  c('the gym session is done', [
    ['search_tasks', { query: 'gym session' }],
    ['complete_task', { id: T.gym }],
  ]),
  c('finish the car insurance renewal', [
    ['search_tasks', { query: 'car insurance renewal' }],
    ['complete_task', { id: T.insurance }],
  ]),
  c("I'm done with the lisbon flights", [
    ['search_tasks', { query: 'lisbon flights' }],
    ['complete_task', { id: T.flights }],
  ]),
  c('just finished the standup', [
    ['search_tasks', { query: 'standup' }],
    ['complete_task', { id: T.standup }],
  ]),
  c('call mom has been done', [
    ['search_tasks', { query: 'call mom' }],
    ['complete_task', { id: T.mom }],
  ]),
  // complete: not found / already
  c('done with the moon landing', [
    ['search_tasks', { query: 'moon landing' }],
    ['search_tasks', { query: 'moon land' }],
  ]),
  c('the laundry is done', [['search_tasks', { query: 'laundry' }]]),
  c('done with laundry', [['search_tasks', { query: 'laundry' }]]),
  // reopen
  c('reopen the laundry', [
    ['search_tasks', { query: 'laundry' }],
    ['reopen_task', { id: T.laundry }],
  ]),
  c('mark laundry as not done', [
    ['search_tasks', { query: 'laundry' }],
    ['reopen_task', { id: T.laundry }],
  ]),
  c('undo the laundry', [
    ['search_tasks', { query: 'laundry' }],
    ['reopen_task', { id: T.laundry }],
  ]),
  c('the laundry is not done', [
    ['search_tasks', { query: 'laundry' }],
    ['reopen_task', { id: T.laundry }],
  ]),
  c('restore do laundry', [
    ['search_tasks', { query: 'do laundry' }],
    ['reopen_task', { id: T.laundry }],
  ]),
  c('reopen call mom', [['search_tasks', { query: 'call mom' }]]),
  // delete
  c('delete the groceries task', [
    ['search_tasks', { query: 'groceries' }],
    ['delete_task', { id: T.groceries }],
  ]),
  c('remove the gym session', [
    ['search_tasks', { query: 'gym session' }],
    ['delete_task', { id: T.gym }],
  ]),
  c('get rid of the car insurance', [
    ['search_tasks', { query: 'car insurance' }],
    ['delete_task', { id: T.insurance }],
  ]),
  c('cancel the dentist appointment', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['delete_task', { id: T.dentist }],
  ]),
  c('scrap the lisbon flights', [
    ['search_tasks', { query: 'lisbon flights' }],
    ['delete_task', { id: T.flights }],
  ]),
  c('trash the car insurance renewal', [
    ['search_tasks', { query: 'car insurance renewal' }],
    ['delete_task', { id: T.insurance }],
  ]),
  c('the dentist appointment is cancelled', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['delete_task', { id: T.dentist }],
  ]),
  c('forget about the gym', [
    ['search_tasks', { query: 'gym' }],
    ['delete_task', { id: T.gym }],
  ]),
  c('drop buy groceries', [
    ['search_tasks', { query: 'buy groceries' }],
    ['delete_task', { id: T.groceries }],
  ]),
  c('delete the standup', [
    ['search_tasks', { query: 'standup' }],
    ['delete_task', { id: T.standup }],
  ]),
  c('remove water plants from my list', [
    ['search_tasks', { query: 'water plants' }],
    ['delete_task', { id: T.plants }],
  ]),
  c('delete the task file taxes', [
    ['search_tasks', { query: 'file taxes' }],
    ['delete_task', { id: T.taxes }],
  ]),
  // move / due
  c('move my dentist task to friday 3pm', [
    ['search_tasks', { query: 'dentist' }],
    ['update_task', { id: T.dentist, dueAt: '2026-11-27T15:00:00', allDay: false }],
  ]),
  c('reschedule the gym session to tomorrow 7am', [
    ['search_tasks', { query: 'gym session' }],
    ['update_task', { id: T.gym, dueAt: '2026-11-23T07:00:00', allDay: false }],
  ]),
  c('push the quarterly report to next monday', [
    ['search_tasks', { query: 'quarterly report' }],
    ['update_task', { id: T.report, dueAt: '2026-11-23', allDay: true }],
  ]),
  c('postpone file taxes by a week', [
    ['search_tasks', { query: 'file taxes' }],
    ['update_task', { id: T.taxes, dueAt: '2026-12-07', allDay: true }],
  ]),
  c('move call mom to 8pm', [
    ['search_tasks', { query: 'call mom' }],
    ['update_task', { id: T.mom, dueAt: '2026-11-22T20:00:00', allDay: false }],
  ]),
  c('change the due date of the dentist appointment to dec 3', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['update_task', { id: T.dentist, dueAt: '2026-12-03', allDay: true }],
  ]),
  c('the quarterly report is due thursday', [
    ['search_tasks', { query: 'quarterly report' }],
    ['update_task', { id: T.report, dueAt: '2026-11-26', allDay: true }],
  ]),
  c('bump the gym session to wednesday 6pm', [
    ['search_tasks', { query: 'gym session' }],
    ['update_task', { id: T.gym, dueAt: '2026-11-25T18:00:00', allDay: false }],
  ]),
  c('delay the dentist appointment by 2 days', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['update_task', { id: T.dentist, dueAt: '2026-11-27T14:00:00', allDay: false }],
  ]),
  c('push back the standup by an hour', [
    ['search_tasks', { query: 'standup' }],
    ['update_task', { id: T.standup, dueAt: '2026-11-23T10:00:00', allDay: false }],
  ]),
  c('move file taxes to december 1', [
    ['search_tasks', { query: 'file taxes' }],
    ['update_task', { id: T.taxes, dueAt: '2026-12-01', allDay: true }],
  ]),
  c('change call mom to tomorrow 6pm', [
    ['search_tasks', { query: 'call mom' }],
    ['update_task', { id: T.mom, dueAt: '2026-11-23T18:00:00', allDay: false }],
  ]),
  c('reschedule the dentist for next tuesday at 11', [
    ['search_tasks', { query: 'dentist' }],
    ['update_task', { id: T.dentist, dueAt: '2026-11-24T11:00:00', allDay: false }],
  ]),
  c('postpone buy groceries to tomorrow', [
    ['search_tasks', { query: 'buy groceries' }],
    ['update_task', { id: T.groceries, dueAt: '2026-11-23', allDay: true }],
  ]),
  c('make the lisbon flights due next friday', [
    ['search_tasks', { query: 'lisbon flights' }],
    ['update_task', { id: T.flights, dueAt: '2026-11-27', allDay: true }],
  ]),
  c('remove the due date from buy groceries', [
    ['search_tasks', { query: 'buy groceries' }],
    ['update_task', { id: T.groceries, dueAt: null }],
  ]),
  c('clear the deadline of file taxes', [
    ['search_tasks', { query: 'file taxes' }],
    ['update_task', { id: T.taxes, dueAt: null }],
  ]),
  c('move water plants to tomorrow', [
    ['search_tasks', { query: 'water plants' }],
    ['update_task', { id: T.plants, dueAt: '2026-11-23', allDay: true }],
  ]),
  c('shift the gym session to 8pm', [
    ['search_tasks', { query: 'gym session' }],
    ['update_task', { id: T.gym, dueAt: '2026-11-22T20:00:00', allDay: false }],
  ]),
  c('defer car insurance renewal to jan 5', [
    ['search_tasks', { query: 'car insurance renewal' }],
    ['update_task', { id: T.insurance, dueAt: '2027-01-05', allDay: true }],
  ]),
  // rename / priority / tags
  c('rename buy groceries to buy groceries and flowers', [
    ['search_tasks', { query: 'buy groceries' }],
    ['update_task', { id: T.groceries, title: 'buy groceries and flowers' }],
  ]),
  c('change the title of file taxes to file 2026 taxes', [
    ['search_tasks', { query: 'file taxes' }],
    ['update_task', { id: T.taxes, title: 'file 2026 taxes' }],
  ]),
  c('rename the gym session to yoga class', [
    ['search_tasks', { query: 'gym session' }],
    ['update_task', { id: T.gym, title: 'yoga class' }],
  ]),
  c('make the dentist appointment urgent', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['update_task', { id: T.dentist, priority: 'urgent' }],
  ]),
  c('set the priority of file taxes to low', [
    ['search_tasks', { query: 'file taxes' }],
    ['update_task', { id: T.taxes, priority: 'low' }],
  ]),
  c('prioritize call mom', [
    ['search_tasks', { query: 'call mom' }],
    ['update_task', { id: T.mom, priority: 'high' }],
  ]),
  c('set the dentist appointment to high priority', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['update_task', { id: T.dentist, priority: 'high' }],
  ]),
  c('mark file taxes as urgent', [
    ['search_tasks', { query: 'file taxes' }],
    ['update_task', { id: T.taxes, priority: 'urgent' }],
  ]),
  c('the lisbon flights are important', [
    ['search_tasks', { query: 'lisbon flights' }],
    ['update_task', { id: T.flights, priority: 'high' }],
  ]),
  c('lower the priority of call mom to low', [
    ['search_tasks', { query: 'call mom' }],
    ['update_task', { id: T.mom, priority: 'low' }],
  ]),
  c('deprioritize the gym session', [
    ['search_tasks', { query: 'gym session' }],
    ['update_task', { id: T.gym, priority: 'low' }],
  ]),
  c('call mom is urgent', [
    ['search_tasks', { query: 'call mom' }],
    ['update_task', { id: T.mom, priority: 'urgent' }],
  ]),
  c('make water plants low priority', [
    ['search_tasks', { query: 'water plants' }],
    ['update_task', { id: T.plants, priority: 'low' }],
  ]),
  c('tag the quarterly report with finance', [
    ['search_tasks', { query: 'quarterly report' }],
    ['update_task', { id: T.report, tags: ['work', 'finance'] }],
  ]),
  c('add #urgent to book flights', [
    ['search_tasks', { query: 'book flights' }],
    ['update_task', { id: T.flights, tags: ['travel', 'urgent'] }],
  ]),
  c('label book flights as holiday', [
    ['search_tasks', { query: 'book flights' }],
    ['update_task', { id: T.flights, tags: ['travel', 'holiday'] }],
  ]),
  c('add tags home and errands to buy groceries', [
    ['search_tasks', { query: 'buy groceries' }],
    ['update_task', { id: T.groceries, tags: ['home', 'errands'] }],
  ]),
  c('tag call mom with family and weekend', [
    ['search_tasks', { query: 'call mom' }],
    ['update_task', { id: T.mom, tags: ['family', 'weekend'] }],
  ]),
  // remind existing
  c('remind me an hour before the standup', [
    ['search_tasks', { query: 'standup' }],
    ['set_reminder', { id: T.standup, offsetMinutes: 60 }],
  ]),
  c('remind me 30 minutes before the dentist', [
    ['search_tasks', { query: 'dentist' }],
    ['set_reminder', { id: T.dentist, offsetMinutes: 30 }],
  ]),
  c('remind me about the quarterly report tomorrow at 9am', [
    ['search_tasks', { query: 'quarterly report' }],
    ['set_reminder', { id: T.report, at: '2026-11-23T08:00:00.000Z' }],
  ]),
  c('remind me of call mom 10 minutes before', [
    ['search_tasks', { query: 'call mom' }],
    ['set_reminder', { id: T.mom, offsetMinutes: 10 }],
  ]),
  c('set a reminder for file taxes a day before', [
    ['search_tasks', { query: 'file taxes' }],
    ['set_reminder', { id: T.taxes, offsetMinutes: 1440 }],
  ]),
  c('remind me about buy groceries at 5pm', [
    ['search_tasks', { query: 'buy groceries' }],
    ['set_reminder', { id: T.groceries, at: '2026-11-22T16:00:00.000Z' }],
  ]),
  c('remind me tomorrow morning about the lisbon flights', [
    ['search_tasks', { query: 'lisbon flights' }],
    ['set_reminder', { id: T.flights, at: '2026-11-23T08:00:00.000Z' }],
  ]),
  c('remind me 15 min before the gym session', [
    ['search_tasks', { query: 'gym session' }],
    ['set_reminder', { id: T.gym, offsetMinutes: 15 }],
  ]),
  c("remind me about the dentist when it's due", [
    ['search_tasks', { query: 'dentist' }],
    ['set_reminder', { id: T.dentist, offsetMinutes: 0 }],
  ]),
  c('remind me a week before car insurance renewal', [
    ['search_tasks', { query: 'car insurance renewal' }],
    ['set_reminder', { id: T.insurance, offsetMinutes: 10080 }],
  ]),
  c('set a reminder for the standup 5 minutes before', [
    ['search_tasks', { query: 'standup' }],
    ['set_reminder', { id: T.standup, offsetMinutes: 5 }],
  ]),
  c('add a reminder to the dentist appointment 2 hours before', [
    ['search_tasks', { query: 'dentist appointment' }],
    ['set_reminder', { id: T.dentist, offsetMinutes: 120 }],
  ]),
  c('remind me on friday at noon about the lisbon flights', [
    ['search_tasks', { query: 'lisbon flights' }],
    ['set_reminder', { id: T.flights, at: '2026-11-27T11:00:00.000Z' }],
  ]),
  c('remind me half an hour before call mom', [
    ['search_tasks', { query: 'call mom' }],
    ['set_reminder', { id: T.mom, offsetMinutes: 30 }],
  ]),
  c('remind me 2 days before file taxes', [
    ['search_tasks', { query: 'file taxes' }],
    ['set_reminder', { id: T.taxes, offsetMinutes: 2880 }],
  ]),
  c('remind me an hour before buy groceries', [['search_tasks', { query: 'buy groceries' }]]),
  // ambiguous
  c('done with the report', [['search_tasks', { query: 'report' }]]),
  c('move the report to tomorrow', [['search_tasks', { query: 'report' }]]),
  c('delete the report', [['search_tasks', { query: 'report' }]]),
];
