// Webhook signatures. Every call carries
//   Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>
// where body is the exact bytes of the request body and the key is the webhook's secret as UTF-8
// text (the whole "whsec_…" string). Signing the timestamp with the body lets a receiver refuse
// replays: reject when |now - t| exceeds its tolerance (5 minutes is usual). A receiver accepts
// when any v1 value matches, so a future secret rotation can send two.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Webhook-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

function digest(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signWebhook(secret: string, timestamp: number, body: string | Uint8Array): string {
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
}

export function parseSignature(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** What a receiver does: true when a v1 signature matches and the timestamp is recent enough. */
export function verifyWebhookSignature(input: {
  header: string;
  body: string | Uint8Array;
  secret: string;
  now: Date;
  toleranceSeconds?: number;
}): boolean {
  const parsed = parseSignature(input.header);
  if (!parsed) return false;
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.now.getTime() / 1000 - parsed.timestamp) > tolerance) return false;
  const expected = Buffer.from(digest(input.secret, parsed.timestamp, input.body), 'hex');
  return parsed.signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
}
