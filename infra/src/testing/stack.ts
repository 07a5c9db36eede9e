import { Queue, type Worker } from 'bullmq';
import type { AddressInfo } from 'node:net';
import { createAnalyzer } from '@rift/analyze/nlp/index';
import { startAnalyzeWorker } from '@rift/analyze/worker';
import { loadConfig } from '@rift/core/config';
import { createLogger } from '@rift/core/log';
import { QueueName, type PostBatchJob } from '@rift/core/queues';
import { createRedis } from '@rift/core/redis';
import { loadTopicPack } from '@rift/core/topic-pack';
import { startServer } from '@rift/api/server';
import { feed } from '@rift/ingest/feed';
import { PostProducer } from '@rift/ingest/producer';
import { generateDemoPosts } from '@rift/ingest/sources/demo';
import { DASHBOARD_DIR } from '../roles.ts';
import { createTestDatabase } from './clickhouse.ts';
import { testQueuePrefix, testRedisUrl } from './redis.ts';

export interface TestStack {
  baseUrl: string;
  close(): Promise<void>;
}

async function untilDrained(queue: Queue): Promise<void> {
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The whole of Rift on real services for browser tests: a fresh database, demo posts sent through
 * the real queue and analyze worker, and the API serving the built dashboard on a free port.
 */
export async function startTestStack(options: { posts?: number } = {}): Promise<TestStack> {
  const db = await createTestDatabase();
  const redis = createRedis(testRedisUrl());
  const prefix = testQueuePrefix();
  const queue = new Queue<PostBatchJob>(QueueName.posts, { connection: redis, prefix });
  const pack = loadTopicPack(loadConfig().RIFT_TOPIC_PACK);
  const worker: Worker = startAnalyzeWorker({
    connection: redis,
    prefix,
    clickhouse: db.clickhouse,
    analyzer: createAnalyzer(pack),
    concurrency: 2,
    log: createLogger('silent', 'test-stack'),
  });
  const producer = new PostProducer(queue, redis, { batchSize: 1000, prefix });
  const posts = (function* () {
    for (const post of generateDemoPosts({ count: options.posts ?? 20_000 })) yield { post };
  })();
  await feed(posts, producer, 'demo');
  await untilDrained(queue);
  await worker.close();

  const app = await startServer(
    { clickhouse: db.clickhouse, redis, postsQueue: queue, queuePrefix: prefix, pack, dashboardDir: DASHBOARD_DIR },
    { host: '127.0.0.1', port: 0 },
  );
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await queue.obliterate({ force: true });
      await queue.close();
      redis.disconnect();
      await db.drop();
    },
  };
}
