// Priority marks and #tags.
import { type Case, c } from './case.ts';

export const priorityCases: Case[] = [
  c('Buy milk !high', { title: 'Buy milk', priority: 'high' }, ['priority:!high']),
  c('Buy milk !urgent', { title: 'Buy milk', priority: 'urgent' }, ['priority:!urgent']),
  c('Buy milk !low', { title: 'Buy milk', priority: 'low' }, ['priority:!low']),
  c('Buy milk !medium', { title: 'Buy milk', priority: 'medium' }, ['priority:!medium']),
  c('Buy milk !none', { title: 'Buy milk', priority: 'none' }, ['priority:!none']),
  c('Buy milk !HIGH', { title: 'Buy milk', priority: 'high' }, ['priority:!HIGH']),
  c('File taxes !1', { title: 'File taxes', priority: 'urgent' }, ['priority:!1']),
  c('File taxes !2', { title: 'File taxes', priority: 'high' }, ['priority:!2']),
  c('File taxes !3', { title: 'File taxes', priority: 'medium' }, ['priority:!3']),
  c('File taxes !4', { title: 'File taxes', priority: 'none' }, ['priority:!4']),
  c('Call bank !!', { title: 'Call bank', priority: 'high' }, ['priority:!!']),
  c('Call bank !!!', { title: 'Call bank', priority: 'urgent' }, ['priority:!!!']),
  c('p1 Renew passport', { title: 'Renew passport', priority: 'urgent' }, ['priority:p1']),
  c('Renew passport P3', { title: 'Renew passport', priority: 'medium' }, ['priority:P3']),
  c('Call Ana !high !low', { title: 'Call Ana', priority: 'low' }, ['priority:!high', 'priority:!low']),
  c('Wow!! that was fast', { title: 'Wow!! that was fast' }),
  c('Upgrade to p10 plan', { title: 'Upgrade to p10 plan' }),
  c('!!', { title: '!!', priority: 'high' }, ['priority:!!']),
];

export const tagCases: Case[] = [
  c('Plan trip #travel #family', { title: 'Plan trip', tags: ['travel', 'family'] }, [
    'tag:#travel',
    'tag:#family',
  ]),
  c('Fix bug #work/backend.', { title: 'Fix bug.', tags: ['work/backend'] }, ['tag:#work/backend']),
  c('Read #Books #books #BOOKS', { title: 'Read', tags: ['Books'] }, [
    'tag:#Books',
    'tag:#books',
    'tag:#BOOKS',
  ]),
  c('Fix issue #123', { title: 'Fix issue #123' }),
  c('Learn C# basics', { title: 'Learn C# basics' }),
  c('Tidy desk #home-office-', { title: 'Tidy desk', tags: ['home-office'] }, ['tag:#home-office']),
  c('Email (#work) Anna', { title: 'Email Anna', tags: ['work'] }, ['tag:#work']),
  c('Groceries #einkäufe', { title: 'Groceries', tags: ['einkäufe'] }, ['tag:#einkäufe']),
  c('#inbox', { title: '#inbox', tags: ['inbox'] }, ['tag:#inbox']),
  c(
    'Prep slides #work !high #q4_review',
    { title: 'Prep slides', priority: 'high', tags: ['work', 'q4_review'] },
    ['tag:#work', 'priority:!high', 'tag:#q4_review'],
  ),
  c('Call #monday-club', { title: 'Call', tags: ['monday-club'] }, ['tag:#monday-club']),
];
