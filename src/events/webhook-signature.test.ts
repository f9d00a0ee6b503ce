import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignature, signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'whsec_test';
const now = new Date('2026-11-22T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('webhook signatures', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t." + body>', () => {
    const body = '{"id":"1"}';
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies what it signed, for any body and secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, key) => {
        const header = signWebhook(key, t, body);
        expect(verifyWebhookSignature({ header, body, secret: key, now })).toBe(true);
      }),
    );
  });

  it('refuses a changed body, another secret, an old timestamp or a malformed header', () => {
    const body = '{"type":"todo.task.created"}';
    const header = signWebhook(secret, t, body);
    expect(verifyWebhookSignature({ header, body: `${body} `, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ header, body, secret: 'whsec_other', now })).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(verifyWebhookSignature({ header, body, secret, now: later })).toBe(false);
    expect(verifyWebhookSignature({ header, body, secret, now: later, toleranceSeconds: 600 })).toBe(true);
    expect(verifyWebhookSignature({ header: 'sha256=abc', body, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ header: `t=${t}`, body, secret, now })).toBe(false);
  });

  it('accepts any matching v1 among several (secret rotation)', () => {
    const body = 'x';
    const good = signWebhook(secret, t, body).split(',')[1];
    const header = `t=${t},v1=${'0'.repeat(64)},${good}`;
    expect(parseSignature(header)?.signatures).toHaveLength(2);
    expect(verifyWebhookSignature({ header, body, secret, now })).toBe(true);
  });
});
