import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../contract/problem.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const creds = { name: 'Dana', email: 'dana@example.com', password: 'a long passphrase' };

describe('accounts', () => {
  it('sign-up answers token and user, and the token works as a bearer', async () => {
    const res = await t.request('POST', '/api/auth/sign-up/email', { ...creds, timeZone: 'America/Chicago' });
    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({
      name: 'Dana',
      email: 'dana@example.com',
      timeZone: 'America/Chicago',
    });
    const me = await t.request('GET', '/api/me', undefined, { authorization: `Bearer ${res.body.token}` });
    expect(me.body).toMatchObject({ id: res.body.user.id, timeZone: 'America/Chicago' });
  });

  it('sign-in answers token and user; the cookie is a session for browsers', async () => {
    const res = await t.request('POST', '/api/auth/sign-in/email', {
      email: creds.email,
      password: creds.password,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), user: { email: creds.email } });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = await t.request('GET', '/api/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(creds.email);
  });

  it('sign-out ends the session', async () => {
    const { body } = await t.request('POST', '/api/auth/sign-in/email', {
      email: creds.email,
      password: creds.password,
    });
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await t.request('GET', '/api/me', undefined, auth)).status).toBe(200);
    expect((await t.request('POST', '/api/auth/sign-out', {}, auth)).status).toBe(200);
    expect((await t.request('GET', '/api/me', undefined, auth)).status).toBe(401);
  });

  it('answers failures as problem+json', async () => {
    const wrong = await t.request('POST', '/api/auth/sign-in/email', {
      email: creds.email,
      password: 'nope nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(ProblemSchema.parse(wrong.body).status).toBe(401);

    const twice = await t.request('POST', '/api/auth/sign-up/email', creds);
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(twice.status).toBeLessThan(500);
    expect(ProblemSchema.parse(twice.body).detail).toMatch(/exist/i);

    const short = await t.request('POST', '/api/auth/sign-up/email', {
      ...creds,
      email: 'x@example.com',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].path).toBe('body.password');

    const badEmail = await t.request('POST', '/api/auth/sign-up/email', { ...creds, email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors[0].path).toBe('body.email');
  });

  it('an unknown time zone at sign-up falls back to UTC', async () => {
    const res = await t.request('POST', '/api/auth/sign-up/email', {
      ...creds,
      email: 'z@example.com',
      timeZone: 'Nowhere/Land',
    });
    expect(res.status).toBe(200);
    expect(res.body.user.timeZone).toBe('UTC');
  });

  it('refuses requests without a valid session', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nonsense' },
      { cookie: 'better-auth.session_token=forged' },
    ];
    for (const headers of variants) {
      const res = await t.request('GET', '/api/tasks', undefined, headers);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});

describe('API clients and browsers', () => {
  it('lets a Node fetch client (Sec-Fetch-Mode only, no Origin) sign up', async () => {
    const res = await t.request(
      'POST',
      '/api/auth/sign-up/email',
      { ...creds, email: 'fetch@example.com' },
      { 'sec-fetch-mode': 'cors' },
    );
    expect(res.status).toBe(200);
  });

  it('still blocks a cross-site browser navigation login', async () => {
    const res = await t.request(
      'POST',
      '/api/auth/sign-in/email',
      { email: creds.email, password: creds.password },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    );
    expect(res.status).toBe(403);
  });
});
