// E-mail reminders through a real SMTP server: test/support/smtp-sink.ts runs as its own process
// (smtp-server on 127.0.0.1) and reports what it received; nothing is mocked.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, notifications } from '../../src/db/schema.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.ts';
import { fire, reminderDue } from '../support/notify.ts';

interface Mail {
  from: string | null;
  to: string[];
  data: string;
}

let sink: ChildProcess;
let port: number;
const mails: Mail[] = [];

beforeAll(async () => {
  sink = spawn(process.execPath, [fileURLToPath(new URL('../support/smtp-sink.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: sink.stdout! });
  port = await new Promise<number>((resolve, reject) => {
    sink.once('exit', (code) => reject(new Error(`smtp-sink exited with ${code}`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line);
      if ('port' in message) resolve(message.port);
      else mails.push(message);
    });
  });
});
afterAll(() => {
  sink.kill('SIGTERM');
});

async function mailsTo(address: string, count: number, timeoutMs = 10_000): Promise<Mail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mails.filter((m) => m.to.includes(address));
    if (found.length >= count) return found;
    if (Date.now() > deadline)
      throw new Error(`expected ${count} e-mails to ${address}, got ${found.length}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A header of a raw message, unfolded. */
const header = (raw: string, name: string) =>
  new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(raw)?.[1]?.replace(/\r\n[ \t]/g, ' ');

async function remindedTask(t: TestApp, client: ApiClient, title: string) {
  const res = await client.post('/api/tasks', {
    title,
    dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    reminders: [{ offsetMinutes: 30 }],
  });
  expect(res.status).toBe(201);
  const event = reminderDue(res.body, client.userId, new Date());
  await fire(t, event);
  return { task: res.body, event };
}

describe('with SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  afterAll(() => t.close());

  it('a due reminder sends one e-mail to the user with the task title', async () => {
    const ann = await t.signUp({ name: 'Ann' });
    const { event } = await remindedTask(t, ann, 'Call the plumber');
    const [mail] = await mailsTo(ann.email, 1);
    expect(mail!.to).toEqual([ann.email]);
    expect(header(mail!.data, 'To')).toContain(ann.email);
    expect(header(mail!.data, 'Subject')).toBe('Reminder: Call the plumber');
    expect(header(mail!.data, 'Content-Type')).toMatch(/multipart\/alternative/);
    expect(mail!.data).toContain('Call the plumber');
    expect(mail!.data).toContain('text/html');

    // Redelivery of the reminder sends nothing more.
    await t.app.bus.publish([event]);
    await new Promise((r) => setTimeout(r, 500));
    expect(mails.filter((m) => m.to.includes(ann.email))).toHaveLength(1);
    const rows = await t.app.database.db.select().from(deliveries).where(eq(deliveries.userId, ann.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'email', state: 'delivered', attempts: 1, eventId: event.id });
  });

  it('each user gets their own reminders only', async () => {
    const bob = await t.signUp({ name: 'Bob' });
    const cara = await t.signUp({ name: 'Cara' });
    await remindedTask(t, bob, 'Bob task');
    await remindedTask(t, cara, 'Cara task');
    const [toBob] = await mailsTo(bob.email, 1);
    const [toCara] = await mailsTo(cara.email, 1);
    expect(header(toBob!.data, 'Subject')).toBe('Reminder: Bob task');
    expect(header(toCara!.data, 'Subject')).toBe('Reminder: Cara task');
  });
});

describe('without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a due reminder makes the in-app notification and no e-mail row', async () => {
    const dana = await t.signUp({ name: 'Dana' });
    await remindedTask(t, dana, 'No mail please');
    const db = t.app.database.db;
    expect(await db.select().from(notifications).where(eq(notifications.userId, dana.userId))).toHaveLength(
      1,
    );
    expect(await db.select().from(deliveries).where(eq(deliveries.channel, 'email'))).toEqual([]);
    expect(mails.filter((m) => m.to.includes(dana.email))).toEqual([]);
  });
});
