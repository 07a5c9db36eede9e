import { Queue, type Worker } from 'bullmq';
import { type Analyzer, createAnalyzer, startAnalyzeWorker } from '@rift/analyze';
import { createLogger, createRedis, isQueueIdle, loadConfig, loadTopicPack, type PostBatchJob, QueueName, type Redis, RollupRepair, type TopicPack } from '@rift/core';
import { PostProducer, type ProducerOptions } from '@rift/ingest';
import { createTestDatabase, type TestDatabase } from './clickhouse.ts';
import { testQueuePrefix, testRedisUrl } from './redis.ts';

/** The real pipeline on the test services: its own database, queue prefix and analyze worker. */
export interface TestPipeline {
  db: TestDatabase;
  redis: Redis;
  prefix: string;
  queue: Queue<PostBatchJob>;
  pack: TopicPack;
  analyzer: Analyzer;
  producer(options?: Partial<ProducerOptions>): PostProducer;
  /** Resolves when no job waits, runs or is delayed. */
  drained(): Promise<void>;
  /** Starts the analyze worker again after stopWorker (or a pipeline started without one). */
  startWorker(): void;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestPipeline(options: { analyzer?: Analyzer; worker?: boolean } = {}): Promise<TestPipeline> {
  const db = await createTestDatabase();
  const redis = createRedis(testRedisUrl());
  const prefix = testQueuePrefix();
  const queue = new Queue<PostBatchJob>(QueueName.posts, { connection: redis, prefix });
  const pack = loadTopicPack(loadConfig().RIFT_TOPIC_PACK);
  const analyzer = options.analyzer ?? createAnalyzer(pack);
  let worker: Worker | undefined;
  const startWorker = () => {
    worker ??= startAnalyzeWorker({
      connection: redis,
      prefix,
      clickhouse: db.clickhouse,
      analyzer,
      concurrency: 2,
      log: createLogger('silent', 'test'),
      rollupRepair: new RollupRepair(redis, prefix, db.clickhouse, queue, createLogger('silent', 'test')),
    });
  };
  if (options.worker !== false) startWorker();
  const stopWorker = async () => {
    await worker?.close();
    worker = undefined;
  };
  return {
    db,
    redis,
    prefix,
    queue,
    pack,
    analyzer,
    producer: (overrides = {}) => new PostProducer(queue, redis, { batchSize: 500, prefix, ...overrides }),
    async drained() {
      while (!(await isQueueIdle(queue))) await new Promise((r) => setTimeout(r, 100));
    },
    startWorker,
    stopWorker,
    async close() {
      await stopWorker();
      await queue.obliterate({ force: true });
      await queue.close();
      redis.disconnect();
      await db.drop();
    },
  };
}
