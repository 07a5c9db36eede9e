/** The API as the benchmarks build it: the real buildApp on the bench services, with no rate limit. */
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@rift/api';
import { ClickHouse, createRedis, loadConfig, loadTopicPack, QueueName } from '@rift/core';

export interface BenchAppOptions {
  redisUrl: string;
  clickhouseUrl: string;
  database: string;
}

/** Builds the app with its own connections; `close` closes the app, then the connections. */
export async function buildBenchApp(options: BenchAppOptions): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const config = loadConfig({});
  const redis = createRedis(options.redisUrl);
  const clickhouse = new ClickHouse({ url: options.clickhouseUrl, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD, database: options.database });
  const queuePrefix = `bench-api-${process.pid}`;
  const postsQueue = new Queue(QueueName.posts, { connection: redis, prefix: queuePrefix });
  const app = await buildApp({
    clickhouse,
    redis,
    postsQueue,
    queuePrefix,
    pack: loadTopicPack(config.RIFT_TOPIC_PACK),
    logger: false,
    // The rate limit would measure itself; the export must not stop at the API's row cap.
    protection: { rateLimitPerMinute: 1_000_000_000, queryTimeoutSeconds: 600 },
  });
  return {
    app,
    async close() {
      await app.close();
      await postsQueue.close();
      redis.disconnect();
      await clickhouse.close();
    },
  };
}
