import { ensureDebianPackage } from '@rift/infra';

/**
 * The browser tests' Chromium: RIFT_CHROMIUM when set, else Debian's `chromium`, installed with
 * apt-get exactly as Redis and ClickHouse are when it is missing (root or passwordless sudo),
 * or a message saying what to install. Never a download by playwright.
 */
export function ensureChromium(configured: string | undefined, log: (line: string) => void): string {
  if (configured) return configured;
  return ensureDebianPackage('chromium', 'chromium', log, 'or point RIFT_CHROMIUM at a Chromium binary.');
}
