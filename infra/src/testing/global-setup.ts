import { loadConfig } from '@rift/core/config';
import { ensureServices, type Services } from '../services/index.ts';

let services: Services | undefined;

/**
 * Vitest global setup: real Redis and ClickHouse for the whole run, started from the system's
 * binaries (or reused, or taken from REDIS_URL / CLICKHOUSE_URL). Test files reach them through
 * the environment, which the test workers inherit.
 */
export async function setup(): Promise<void> {
  const config = loadConfig();
  services = await ensureServices(config, (line) => console.log(`[test services] ${line}`));
  process.env.RIFT_TEST_REDIS_URL = services.redisUrl;
  process.env.RIFT_TEST_CLICKHOUSE_URL = services.clickhouseUrl;
}

export async function teardown(): Promise<void> {
  await services?.stop();
}
