// rift rollups as an operator runs it: the real command in a child process, against a fresh database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, REPO_ROOT, sql, TOPIC_TRENDS_DAILY_TABLE } from '@rift/core';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestDatabase, testClickHouseUrl, type TestDatabase } from '@rift/testing/clickhouse';
import { testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.clickhouse.insert(POSTS_TABLE, corpusRows());
  await db.clickhouse.insert(POSTS_TABLE, rescoreRows());
});

afterAll(async () => {
  await db?.drop();
});

async function rift(...args: string[]): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, CLICKHOUSE_URL: testClickHouseUrl(), CLICKHOUSE_DB: db.clickhouse.database, REDIS_URL: testRedisUrl(), LOG_LEVEL: 'warn' };
  try {
    const { stdout } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), ...args], { cwd: REPO_ROOT, env });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('rift rollups', () => {
  it('verify reports a month whose daily rollup lost rows, rebuild repairs it, and verify agrees again', async () => {
    // The corpus: nine posts in June 2024, seven topic mentions.
    expect(await rift('rollups', 'verify')).toEqual({
      code: 0,
      stdout: '202406  posts 9  trends 9 (daily 9, compact 9)  topic mentions 7  topic trends 7 (daily 7, compact 7)  source hourly 9  authors 9 (daily 9)  author periods 9 (months 9)  ok\n',
    });
    await db.clickhouse.command(sql`ALTER TABLE ${db.clickhouse.table(TOPIC_TRENDS_DAILY_TABLE)} DROP PARTITION ${202406}`);
    const broken = await rift('rollups', 'verify');
    expect(broken).toEqual({ code: 1, stdout: '202406  posts 9  trends 9 (daily 9, compact 9)  topic mentions 7  topic trends 7 (daily 0, compact 7)  source hourly 9  authors 9 (daily 9)  author periods 9 (months 9)  MISMATCH\n' });
    expect((await rift('rollups', 'rebuild')).stdout).toBe('rebuilt 202406\n');
    expect((await rift('rollups', 'verify')).code).toBe(0);
    const days = await db.clickhouse.query<{ day: string; n: string }>(sql`
      SELECT toString(day) AS day, sumMerge(posts) AS n FROM ${db.clickhouse.table(TOPIC_TRENDS_DAILY_TABLE)}
      GROUP BY day HAVING n != 0 ORDER BY day`);
    expect(days.map((d) => [d.day, Number(d.n)])).toEqual([
      ['2024-06-03 00:00:00', 5],
      ['2024-06-04 00:00:00', 1],
      ['2024-06-10 00:00:00', 1],
    ]);
  });
});
