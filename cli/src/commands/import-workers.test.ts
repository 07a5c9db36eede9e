// rift import --workers N: the command runs its own analyze worker processes and returns once
// every row of the file is stored, counted once in posts_v1 and in the rollups.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPosts, REPO_ROOT, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { createTestDatabase, testClickHouseUrl, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'rift-import-workers-'));
});

afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('rift import --workers', () => {
  it('analyses and stores every row with its own worker processes before it returns', async () => {
    const n = 3000;
    const lines = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `w${i}`, text: `TikTok ban post number ${i}`, created_at: new Date(Date.UTC(2025, 0, 1 + (i % 40), i % 24)).toISOString() }),
    );
    const file = path.join(dir, 'posts.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const env = {
      ...process.env,
      CLICKHOUSE_URL: testClickHouseUrl(),
      CLICKHOUSE_DB: db.clickhouse.database,
      REDIS_URL: testRedisUrl(),
      RIFT_QUEUE_PREFIX: testQueuePrefix(),
      RIFT_BATCH_SIZE: '500',
      LOG_LEVEL: 'warn',
    };
    const { stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), 'import', file, '--workers', '2'], { cwd: REPO_ROOT, env, timeout: 120_000 });
    expect(stderr).toMatch(new RegExp(`${n} queued, analysed and stored`));
    expect(await countPosts(db.clickhouse)).toBe(n);
    const [rollup] = await db.clickhouse.query<{ n: string }>(sql`SELECT sumMerge(posts) AS n FROM ${db.clickhouse.table(TRENDS_HOURLY_TABLE)}`);
    expect(Number(rollup!.n)).toBe(n);
  }, 150_000);
});
