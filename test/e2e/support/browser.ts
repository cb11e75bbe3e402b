import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

// Debian's Chromium (package `chromium`), never a downloaded browser. In CI (or with
// REQUIRE_BROWSER set) a missing browser fails the suite; elsewhere the suite says it is skipped.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserRequired = Boolean(process.env.CI || process.env.REQUIRE_BROWSER);
export const browserAvailable = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Scrollbars as a reader sees them: headless hides them by default, which would hide a table
    // that scrolls without showing it.
    ignoreDefaultArgs: ['--hide-scrollbars'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
