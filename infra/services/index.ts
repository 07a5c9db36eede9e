import type { Config } from '@rift/core';
import { ensureLocalClickHouse } from './local-clickhouse.ts';
import { ensureLocalRedis } from './local-redis.ts';
import type { ManagedProcess } from './process-control.ts';

export interface Services {
  redisUrl: string;
  clickhouseUrl: string;
  /** Stops the servers this call started, ClickHouse last so that flushed writes land. */
  stop(): Promise<void>;
}

/**
 * The Redis and ClickHouse that Rift talks to: the ones named by REDIS_URL / CLICKHOUSE_URL,
 * or local servers run from the system's binaries with data under RIFT_DATA_DIR.
 */
export async function ensureServices(config: Config, log: (line: string) => void): Promise<Services> {
  const started: ManagedProcess[] = [];
  const [redis, clickhouse] = await Promise.all([
    config.REDIS_URL ? { url: config.REDIS_URL } : ensureLocalRedis(config.RIFT_DATA_DIR, config.RIFT_REDIS_PORT, log),
    config.CLICKHOUSE_URL
      ? { url: config.CLICKHOUSE_URL }
      : ensureLocalClickHouse(config.RIFT_DATA_DIR, config.RIFT_CLICKHOUSE_HTTP_PORT, config.RIFT_CLICKHOUSE_TCP_PORT, log),
  ]);
  if ('process' in redis && redis.process) started.push(redis.process);
  if ('process' in clickhouse && clickhouse.process) started.push(clickhouse.process);
  return {
    redisUrl: redis.url,
    clickhouseUrl: clickhouse.url,
    async stop() {
      for (const process of started) await process.stop();
    },
  };
}
