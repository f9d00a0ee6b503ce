// E-mail through SMTP (nodemailer), configured by SMTP_URL, e.g.
//   smtp://user:pass@mail.example.com:587?from=Taskstream%20%3Cno-reply%40example.com%3E
// `from` is ours (the sender address); every other query parameter is a nodemailer transport
// option. The delivery worker calls it; a failure is retried like a webhook call.
import type { Transporter } from 'nodemailer';
import type { EmailPayload, Mailer } from '../ports/notifications.ts';

export interface ReminderEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A short plain-text message with a simple HTML twin; the title is the task's. */
export function composeReminderEmail(payload: EmailPayload, appUrl: string): ReminderEmail {
  const { title, body } = payload.notification;
  const greeting = payload.name ? `Hello ${payload.name},` : 'Hello,';
  const text = [greeting, '', `Reminder: ${title}`, body, '', `Open Taskstream: ${appUrl}`, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p><strong>Reminder: ${escapeHtml(title)}</strong><br>${escapeHtml(body)}</p>`,
    `<p><a href="${escapeHtml(appUrl)}">Open Taskstream</a></p>`,
    '</body></html>',
  ].join('');
  // Subjects are one line: a title with line breaks would break the header.
  return { subject: `Reminder: ${title.replace(/\s+/g, ' ').slice(0, 200)}`, text, html };
}

export class SmtpMailer implements Mailer {
  /** nodemailer loads with the first e-mail: a process without SMTP_URL never pays for it. */
  private transport: Promise<Transporter> | null = null;
  private readonly transportUrl: string;
  private readonly from: string;
  private readonly appUrl: string;

  constructor(options: { smtpUrl: string; appUrl: string }) {
    const url = new URL(options.smtpUrl);
    const host = new URL(options.appUrl).hostname;
    this.from =
      url.searchParams.get('from') ??
      `Taskstream <no-reply@${/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : 'localhost'}>`;
    url.searchParams.delete('from');
    this.appUrl = options.appUrl;
    // Short timeouts unless the URL sets its own: a hung server costs one attempt, not minutes.
    for (const [name, ms] of [
      ['connectionTimeout', 10_000],
      ['greetingTimeout', 10_000],
      ['socketTimeout', 20_000],
    ] as const)
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
    this.transportUrl = url.toString();
  }

  private transporter(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then((m) => m.default.createTransport(this.transportUrl));
    return this.transport;
  }

  async sendReminder(payload: EmailPayload, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const mail = composeReminderEmail(payload, this.appUrl);
    const transport = await this.transporter();
    const sent = transport.sendMail({
      from: this.from,
      to: { name: payload.name, address: payload.to },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      sent.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  async close(): Promise<void> {
    (await this.transport)?.close();
  }
}
