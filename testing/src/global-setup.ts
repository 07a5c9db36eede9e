import { loadConfig } from '@rift/core';
import { ensureServices, type Services } from '@rift/infra';
import { ensureChromium } from './chromium.ts';

let services: Services | undefined;

/**
 * Vitest global setup: real Redis and ClickHouse for the whole run, started from the system's
 * binaries (or reused, or taken from REDIS_URL / CLICKHOUSE_URL). Test files reach them through
 * the environment, which the test workers inherit. Chromium for the browser tests is installed
 * the same way, so a fresh machine needs nothing by hand.
 */
export async function setup(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(`[test services] ${line}`);
  // The environment is how vitest's workers learn the path; the setup is the harness, not the app.
  process.env.RIFT_CHROMIUM = ensureChromium(process.env.RIFT_CHROMIUM, log);
  services = await ensureServices(config, log);
  process.env.RIFT_TEST_REDIS_URL = services.redisUrl;
  process.env.RIFT_TEST_CLICKHOUSE_URL = services.clickhouseUrl;
}

export async function teardown(): Promise<void> {
  await services?.stop();
}
