// Helpers of the browser end-to-end test: a time zone where it is daytime now (so "today" and
// "at HH:MM" cannot cross midnight during the run), wall-clock arithmetic in it, screenshots.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const ZONES = [
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

export function hourIn(zone: string, at: number): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at),
  );
}

/** A zone where it is between 09:00 and 20:00 now (there is always one). */
export function daytimeZone(now = Date.now()): string {
  return ZONES.find((zone) => hourIn(zone, now) >= 9 && hourIn(zone, now) < 20) ?? 'UTC';
}

/** 'HH:mm' of an instant in a zone. */
export function clock(zone: string, at: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The first whole minute at least `leadMs` from now. */
export function nextMinute(leadMs: number, now = Date.now()): number {
  return Math.ceil((now + leadMs) / 60_000) * 60_000;
}

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transitions (the phone menu sliding in, say) are shown finished, not halfway.
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled' });
}
