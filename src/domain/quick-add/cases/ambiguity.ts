// Precision over recall: words that only look like dates stay in the title.
import { type Case, c } from './case.ts';

export const ambiguityCases: Case[] = [
  c('Call May', { title: 'Call May' }),
  c('Read March of the Penguins', { title: 'Read March of the Penguins' }),
  c('Book flight to Paris in June', { title: 'Book flight to Paris in June' }),
  c('Buy 2 apples', { title: 'Buy 2 apples' }),
  c('Read 1984', { title: 'Read 1984' }),
  c('Call 911', { title: 'Call 911' }),
  c('Buy 1/2 gallon milk', { title: 'Buy 1/2 gallon milk' }),
  c('Bake with 3/4 cup flour', { title: 'Bake with 3/4 cup flour' }),
  c('Buy sun cream', { title: 'Buy sun cream' }),
  c('I sat down with Tom', { title: 'I sat down with Tom' }),
  c('Call mom sun', { title: 'Call mom sun' }),
  c('call may 5 times', { title: 'call may 5 times' }),
  c('Dentist May 5', { title: 'Dentist', dueAt: '2027-05-05' }, ['date:May 5']),
  c('Check in', { title: 'Check in' }),
  c('Check in #travel', { title: 'Check in', tags: ['travel'] }, ['tag:#travel']),
  c('Section 5.3 review', { title: 'Section 5.3 review' }),
  c('Every day', { title: 'Every day', dueAt: '2026-11-22', recurrence: 'FREQ=DAILY' }, [
    'recurrence:Every day',
  ]),
  c('   ', { title: 'Untitled' }),
];
