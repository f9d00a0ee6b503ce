// Debian's Chromium driven by playwright-core (INFRA.md: `npx playwright install` cannot work here).
// Each launch gets a fresh profile: playwright's own temporary user data dir, removed on close.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Whether the browser tests run: outside CI they are skipped when Chromium is missing (with a
 * note); under CI=true they always run, so a missing Chromium fails them instead.
 */
export function chromiumAvailable(): boolean {
  if (process.env.CI === 'true') return true;
  const found = existsSync(CHROMIUM);
  if (!found) console.warn(`web e2e skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return found;
}

export interface LaunchedBrowser {
  browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 60_000 });
  return {
    browser,
    newContext: (options) => browser.newContext(options),
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
