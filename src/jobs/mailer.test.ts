import { describe, expect, it } from 'vitest';
import { composeReminderEmail } from './mailer.ts';

const notification = {
  id: 'n1',
  kind: 'reminder',
  taskId: 't1',
  title: 'Pay <rent> & "bills"',
  body: 'Due Tue 1 Dec 2026',
  createdAt: '2026-11-30T09:00:00.000Z',
  readAt: null,
};

describe('composeReminderEmail', () => {
  it('says the title and when it is due, in text and escaped HTML', () => {
    const mail = composeReminderEmail(
      { to: 'ann@example.com', name: 'Ann', notification },
      'https://tasks.example.com',
    );
    expect(mail.subject).toBe('Reminder: Pay <rent> & "bills"');
    expect(mail.text).toContain('Hello Ann,');
    expect(mail.text).toContain('Reminder: Pay <rent> & "bills"\nDue Tue 1 Dec 2026');
    expect(mail.text).toContain('https://tasks.example.com');
    expect(mail.html).toContain('Pay &#60;rent&#62; &#38; &#34;bills&#34;');
    expect(mail.html).not.toContain('<rent>');
    expect(mail.html).toContain('href="https://tasks.example.com"');
  });

  it('keeps the subject on one line', () => {
    const mail = composeReminderEmail(
      { to: 'a@example.com', name: '', notification: { ...notification, title: 'two\r\nlines' } },
      'http://127.0.0.1:3000',
    );
    expect(mail.subject).toBe('Reminder: two lines');
    expect(mail.text.startsWith('Hello,')).toBe(true);
  });
});
