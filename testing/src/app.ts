import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { type ClickHouse, createRedis, QueueName, type Redis, type TopicPack } from '@rift/core';
import { createTestDatabase } from './clickhouse.ts';
import { testQueuePrefix, testRedisUrl } from './redis.ts';
import { buildApp, type AppDeps } from '@rift/api';

export const TEST_PACK: TopicPack = {
  id: 'test-pack',
  version: '1.2.3',
  title: 'A test pack',
  relevance_terms: ['tiktok'],
  stance_cues: { oppose_ban: [], support_ban: [], negators: [] },
  stance_frames: {},
  topics: { free_speech: ['speech'], national_security: ['security'] },
  actor_registry: { handles: {}, domains: {}, profile_cues: { public: [], us_government: [], foreign_government: [], media: [], company: [] }, entities: {}, speech_kinds: {}, roles: [] },
  events: [
    { date: '2025-01-19', label: 'TikTok goes dark' },
    { date: '2024-04-24', label: 'PAFACA signed' },
  ],
};

export interface TestApp {
  app: FastifyInstance;
  clickhouse: ClickHouse;
  redis: Redis;
  queue: Queue;
  queuePrefix: string;
  close(): Promise<void>;
}

/** The API on a fresh ClickHouse database and its own queue prefix on the test Redis. */
export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const redis = createRedis(testRedisUrl());
  const queuePrefix = testQueuePrefix();
  const queue = new Queue(QueueName.posts, { connection: redis, prefix: queuePrefix });
  const app = await buildApp({ clickhouse: db.clickhouse, redis, postsQueue: queue, queuePrefix, pack: TEST_PACK, ...overrides });
  return {
    app,
    clickhouse: db.clickhouse,
    redis,
    queue,
    queuePrefix,
    async close() {
      await app.close();
      await queue.close();
      redis.disconnect();
      await db.drop();
    },
  };
}
