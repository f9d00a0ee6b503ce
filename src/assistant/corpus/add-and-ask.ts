// Adding tasks, asking about them, and what the interpreter must not act on.
import { type CorpusCase, c } from './case.ts';

export const ADD_AND_ASK: CorpusCase[] = [
  // add
  c('add call mom every sunday at 6pm', [['quick_add', { text: 'call mom every sunday at 6pm' }]]),
  c('add buy milk', [['quick_add', { text: 'buy milk' }]]),
  c('Add "Pay rent every month on the 1st at 9am #home !high"', [
    ['quick_add', { text: 'Pay rent every month on the 1st at 9am #home !high' }],
  ]),
  c('create a task to renew passport next month', [['quick_add', { text: 'renew passport next month' }]]),
  c('new task: prepare slides for monday 10am !urgent', [
    ['quick_add', { text: 'prepare slides monday 10am !urgent' }],
  ]),
  c('add weekly review every friday at 4pm remind me 15 minutes before', [
    ['quick_add', { text: 'weekly review every friday at 4pm remind me 15 minutes before' }],
  ]),
  c('create task buy birthday present for anna by saturday', [
    ['quick_add', { text: 'buy birthday present for anna by saturday' }],
  ]),
  c('new todo: book haircut', [['quick_add', { text: 'book haircut' }]]),
  c('Add task: email Sarah about the contract tomorrow morning', [
    ['quick_add', { text: 'email Sarah about the contract tomorrow morning' }],
  ]),
  c('jot down: pick up dry cleaning', [['quick_add', { text: 'pick up dry cleaning' }]]),
  c('note to self call the plumber', [['quick_add', { text: 'call the plumber' }]]),
  c('can you add pay electricity bill on the 15th please', [
    ['quick_add', { text: 'pay electricity bill on the 15th' }],
  ]),
  c('put eggs on my shopping list', [['quick_add', { text: 'eggs' }]]),
  c('todo: clean the garage this weekend', [['quick_add', { text: 'clean the garage this weekend' }]]),
  c('schedule dentist for friday 3pm', [['quick_add', { text: 'dentist friday 3pm' }]]),
  c('add team lunch on thursday at 12:30 #work', [
    ['quick_add', { text: 'team lunch on thursday at 12:30 #work' }],
  ]),
  c('add stretch every weekday at 7am', [['quick_add', { text: 'stretch every weekday at 7am' }]]),
  c('add change bed sheets every 2 weeks', [['quick_add', { text: 'change bed sheets every 2 weeks' }]]),
  c('add pay credit card bill on the 20th !high', [
    ['quick_add', { text: 'pay credit card bill on the 20th !high' }],
  ]),
  c('add water the garden every other day', [['quick_add', { text: 'water the garden every other day' }]]),
  c('please add book a table for two tomorrow 7pm', [
    ['quick_add', { text: 'book a table for two tomorrow 7pm' }],
  ]),
  c('create a new task called update the website', [['quick_add', { text: 'update the website' }]]),
  c('add a task: read chapter 4 by friday', [['quick_add', { text: 'read chapter 4 by friday' }]]),
  c('new task cancel gym membership !low', [['quick_add', { text: 'cancel gym membership !low' }]]),
  c('add pick up parcel at 5pm remind me 30 minutes before', [
    ['quick_add', { text: 'pick up parcel at 5pm remind me 30 minutes before' }],
  ]),
  c('add call the landlord in 2 hours', [['quick_add', { text: 'call the landlord in 2 hours' }]]),
  c('add submit timesheet every friday at 5pm', [
    ['quick_add', { text: 'submit timesheet every friday at 5pm' }],
  ]),
  c('add renew car insurance on dec 10 remind me 1 week before', [
    ['quick_add', { text: 'renew car insurance on dec 10 remind me 1 week before' }],
  ]),
  c('add backup laptop every month', [['quick_add', { text: 'backup laptop every month' }]]),
  c('add dinner with Sam tomorrow 7pm #personal', [
    ['quick_add', { text: 'dinner with Sam tomorrow 7pm #personal' }],
  ]),
  c('add Meeting with Alex next tuesday at 3pm p1', [
    ['quick_add', { text: 'Meeting with Alex next tuesday at 3pm p1' }],
  ]),
  c('save buy flowers for mum', [['quick_add', { text: 'buy flowers for mum' }]]),
  c('capture idea for the blog post', [['quick_add', { text: 'idea for the blog post' }]]),
  c('log expense report #work', [['quick_add', { text: 'expense report #work' }]]),
  c('add quarterly planning every quarter', [['quick_add', { text: 'quarterly planning every quarter' }]]),
  c('hey, add feed the cat tonight', [['quick_add', { text: 'feed the cat tonight' }]]),
  c('add send invoice to Acme by end of month', [
    ['quick_add', { text: 'send invoice to Acme by end of month' }],
  ]),
  c('add pay the water bill', [['quick_add', { text: 'pay the water bill' }]]),
  c('create reminder to call grandma on sunday', [['quick_add', { text: 'call grandma on sunday' }]]),
  // remind to (new task with a reminder)
  c('remind me to take out the trash tomorrow at 7pm', [
    ['quick_add', { text: 'take out the trash tomorrow at 7pm remind me when due' }],
  ]),
  c('remind me to call the bank', [['quick_add', { text: 'call the bank' }]]),
  c('please remind me to water the plants at 8pm', [
    ['quick_add', { text: 'water the plants at 8pm remind me when due' }],
  ]),
  c('remind me to check the oven in 20 minutes', [
    ['quick_add', { text: 'check the oven in 20 minutes remind me when due' }],
  ]),
  c("don't forget to send the invoice friday 10am", [
    ['quick_add', { text: 'send the invoice friday 10am remind me when due' }],
  ]),
  c('set a reminder to stretch at 3pm', [['quick_add', { text: 'stretch at 3pm remind me when due' }]]),
  // needs / wants
  c('I need to pick up the kids at 3pm', [['quick_add', { text: 'pick up the kids at 3pm' }]]),
  c('I have to renew my driving license next month', [
    ['quick_add', { text: 'renew my driving license next month' }],
  ]),
  c('I want to add buy batteries', [['quick_add', { text: 'buy batteries' }]]),
  c('I should call the dentist tomorrow', [['quick_add', { text: 'call the dentist tomorrow' }]]),
  c('gotta finish the slides by monday', [['quick_add', { text: 'finish the slides by monday' }]]),
  // queries
  c("what's overdue?", [['list_tasks', { limit: 20, overdue: true }]]),
  c('what tasks are overdue', [['list_tasks', { limit: 20, overdue: true }]]),
  c('am I behind on anything?', [['list_tasks', { limit: 20, overdue: true }]]),
  c("what's due today?", [['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-22' }]]),
  c('what do I need to do today', [
    ['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-22' }],
  ]),
  c('what do I have tomorrow', [['list_tasks', { limit: 20, dueFrom: '2026-11-23', dueTo: '2026-11-23' }]]),
  c('tasks for tomorrow', [['list_tasks', { limit: 20, dueFrom: '2026-11-23', dueTo: '2026-11-23' }]]),
  c('my agenda for today', [['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-22' }]]),
  c('show my tasks', [['list_tasks', { limit: 20 }]]),
  c("what's on my plate this week", [
    ['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-28' }],
  ]),
  c('anything due next week?', [['list_tasks', { limit: 20, dueFrom: '2026-11-23', dueTo: '2026-11-29' }]]),
  c('show me everything due this weekend', [
    ['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-22' }],
  ]),
  c("what's coming up?", [['list_tasks', { limit: 20, dueFrom: '2026-11-22' }]]),
  c('what is due on friday', [['list_tasks', { limit: 20, dueFrom: '2026-11-27', dueTo: '2026-11-27' }]]),
  c("what's due on dec 5", [['list_tasks', { limit: 20, dueFrom: '2026-12-05', dueTo: '2026-12-05' }]]),
  c('what do I have in the next 3 days', [
    ['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-25' }],
  ]),
  c('list high priority tasks', [['list_tasks', { limit: 20, priority: ['high', 'urgent'] }]]),
  c('which tasks are high priority', [['list_tasks', { limit: 20, priority: ['high', 'urgent'] }]]),
  c('urgent tasks', [['list_tasks', { limit: 20, priority: ['urgent'] }]]),
  c("what's urgent", [['list_tasks', { limit: 20, priority: ['urgent'] }]]),
  c('show low priority tasks', [['list_tasks', { limit: 20, priority: ['low'] }]]),
  c('show tasks tagged work', [['list_tasks', { limit: 20, tags: ['work'] }]]),
  c('show #travel tasks', [['list_tasks', { limit: 20, tags: ['travel'] }]]),
  c('list my work tasks tagged work', [['list_tasks', { limit: 20, tags: ['work'] }]]),
  c('anything urgent tagged work?', [['list_tasks', { limit: 20, priority: ['urgent'], tags: ['work'] }]]),
  c('what did I finish?', [['list_tasks', { limit: 20, status: 'completed', sort: '-updatedAt' }]]),
  c('what have I completed', [['list_tasks', { limit: 20, status: 'completed', sort: '-updatedAt' }]]),
  c('show completed tasks', [['list_tasks', { limit: 20, status: 'completed', sort: '-updatedAt' }]]),
  c("what's next", [['list_tasks', { limit: 5 }]]),
  c('what should I work on next', [['list_tasks', { limit: 5 }]]),
  c("what's left to do", [['list_tasks', { limit: 20 }]]),
  c('how many tasks do I have', [['list_tasks', { limit: 20 }]]),
  c('overdue', [['list_tasks', { limit: 20, overdue: true }]]),
  c('today', [['list_tasks', { limit: 20, dueFrom: '2026-11-22', dueTo: '2026-11-22' }]]),
  c('my todo list', [['list_tasks', { limit: 20 }]]),
  c('is there anything overdue tagged family?', [
    ['list_tasks', { limit: 20, overdue: true, tags: ['family'] }],
  ]),
  // search
  c('do I have anything about taxes?', [['search_tasks', { query: 'taxes' }]]),
  c('when is the dentist', [['search_tasks', { query: 'dentist' }]]),
  c('find lisbon', [['search_tasks', { query: 'lisbon' }]]),
  c('search for groceries', [['search_tasks', { query: 'groceries' }]]),
  c('look up insurance', [['search_tasks', { query: 'insurance' }]]),
  c('do I have anything called standup', [['search_tasks', { query: 'standup' }]]),
  c('is the dentist appointment done?', [['search_tasks', { query: 'dentist appointment' }]]),
  c('where is the taxes task', [['search_tasks', { query: 'taxes' }]]),
  c('any tasks about flights?', [['search_tasks', { query: 'flights' }]]),
  // notifications
  c('any notifications?', [['list_notifications', {}]]),
  c('unread notifications', [['list_notifications', { unread: true }]]),
  c('what notifications do I have', [['list_notifications', {}]]),
  c('check my notifications', [['list_notifications', {}]]),
  c("what's new", [['list_notifications', { unread: true }]]),
  c('show my inbox', [['list_notifications', {}]]),
  // greetings / unknown
  c('hi', []),
  c('good morning', []),
  c('help', []),
  c('what can you do', []),
  c('thanks', []),
  c('thank you', []),
  c("what's the weather like", []),
  c('asdfgh', []),
  c('tell me a joke', []),
  c('make me a sandwich', []),
  c('who won the game last night', []),
  c('why', []),
  c('123', []),
  c('delete', []),
  c('move the gym session', []),
  c('remind me about report', []),
  c('mom is called', []),
];
