// rift keys as an operator runs it: the real command in a child process, against a fresh
// ClickHouse database; the key it prints is then tried against the API built on that database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, QueueName, REPO_ROOT } from '@rift/core';
import { buildApp } from '@rift/api';
import { TEST_PACK } from '@rift/testing/app';
import { createTestDatabase, testClickHouseUrl, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function rift(...args: string[]) {
  return run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), 'keys', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CLICKHOUSE_URL: testClickHouseUrl(), CLICKHOUSE_DB: db.clickhouse.database, REDIS_URL: testRedisUrl(), LOG_LEVEL: 'warn' },
  });
}

describe('rift keys', () => {
  it('creates a key, printed alone on the last line, that the API accepts until it is revoked', async () => {
    const created = await rift('create', '--role', 'analyst', '--name', 'cli test');
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^rift_[0-9a-f]{12}_[0-9a-f]{64}_[0-9a-f]{8}$/);
    const id = key.slice(5, 17);

    const list = await rift('list');
    expect(list.stdout).toMatch(new RegExp(`^${id}  analyst  \\S+  active   cli test$`, 'm'));
    expect(list.stdout).not.toContain(key.slice(18));
    const json = (await rift('list', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json).toEqual([{ id, name: 'cli test', role: 'analyst', created_at: expect.any(String), revoked: false }]);

    const redis = createRedis(testRedisUrl());
    const queuePrefix = testQueuePrefix();
    const queue = new Queue(QueueName.posts, { connection: redis, prefix: queuePrefix });
    const app = await buildApp({ clickhouse: db.clickhouse, redis, postsQueue: queue, queuePrefix, pack: TEST_PACK, protection: { publicReads: false, keyCacheMs: 0 } });
    try {
      const ask = () => app.inject({ url: '/api/events', headers: { authorization: `Bearer ${key}` } });
      expect((await ask()).statusCode).toBe(200);
      expect((await rift('revoke', id)).stdout.trim()).toBe(`revoked key ${id}`);
      expect((await ask()).statusCode).toBe(401);
      expect((await rift('list')).stdout).toMatch(new RegExp(`^${id}  analyst  \\S+  revoked  cli test$`, 'm'));
    } finally {
      await app.close();
      await queue.close();
      redis.disconnect();
    }
  });

  it('refuses a bad role or a missing name with exit code 2, and an unknown id with 1', async () => {
    await expect(rift('create', '--role', 'root', '--name', 'x')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--role must be one of: viewer, analyst, admin/) });
    await expect(rift('create', '--role', 'viewer')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--name is required/) });
    await expect(rift('revoke', '000000000000')).rejects.toMatchObject({ code: 1, stdout: 'no key 000000000000\n' });
    await expect(rift('revoke', 'not-an-id')).rejects.toMatchObject({ code: 2 });
  });
});
