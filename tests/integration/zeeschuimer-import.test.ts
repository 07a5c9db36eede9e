// Zeeschuimer exports as a researcher brings them in: `rift import FILE` in a child process (the
// format found from the file's envelope), the real queue, the analyze worker and ClickHouse.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters, POSTS_TABLE, REPO_ROOT, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { testClickHouseUrl } from '@rift/testing/clickhouse';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
const FIXTURES = 'ingest/src/sources/zeeschuimer/fixtures';

let pipeline: TestPipeline;
beforeAll(async () => {
  pipeline = await startTestPipeline();
});
afterAll(() => pipeline?.close());

async function riftImport(file: string, ...flags: string[]): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), 'import', path.join(FIXTURES, file), ...flags], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      CLICKHOUSE_URL: testClickHouseUrl(),
      CLICKHOUSE_DB: pipeline.db.clickhouse.database,
      REDIS_URL: testRedisUrl(),
      RIFT_QUEUE_PREFIX: pipeline.prefix,
      LOG_LEVEL: 'warn',
    },
  });
  return `${stdout}${stderr}`;
}

describe('rift import of Zeeschuimer exports', () => {
  it('stores every post of every platform and capture path once, with exact counts from file to ClickHouse', { timeout: 180_000 }, async () => {
    // No --format: every line carries Zeeschuimer's envelope.
    expect(await riftImport('rednote-api.ndjson')).toMatch(
      /import \(zeeschuimer\): 6 lines read, 3 queued, 0 already stored, 1 duplicates within the file, 1 stubs without content \(not imported\), 1 rejected \(rift dlq list\) \[rednote 3\]/,
    );
    // The first note again, from its own page: already stored.
    expect(await riftImport('rednote-embedded.ndjson')).toMatch(/3 lines read, 2 queued, 1 already stored, 0 duplicates within the file, 0 stubs/);
    expect(await riftImport('rednote-html.ndjson', '--format', 'zeeschuimer')).toMatch(/2 lines read, 1 queued, 0 already stored, 0 duplicates within the file, 1 stubs/);
    expect(await riftImport('rednote-comments.ndjson')).toMatch(/3 lines read, 2 queued, .* 1 stubs/);
    expect(await riftImport('tiktok-api.ndjson')).toMatch(/3 lines read, 2 queued, .* 1 stubs .* \[tiktok 2\]/);
    expect(await riftImport('tiktok-embedded.ndjson')).toMatch(/2 lines read, 1 queued, 1 already stored/);
    expect(await riftImport('tiktok-comments.ndjson')).toMatch(/2 lines read, 2 queued/);
    expect(await riftImport('douyin-api.ndjson')).toMatch(/2 lines read, 1 queued, .* 1 stubs .* \[douyin 1\]/);
    expect(await riftImport('douyin-embedded.ndjson')).toMatch(/1 lines read, 1 queued/);
    await pipeline.drained();

    const db = pipeline.db.clickhouse;
    const bySource = await db.query<{ source: string; n: string }>(
      sql`SELECT source, count() AS n FROM ${db.table(POSTS_TABLE)} FINAL WHERE sign = 1 GROUP BY source ORDER BY source`,
    );
    expect(bySource.map((r) => [r.source, Number(r.n)])).toEqual([['douyin', 2], ['rednote', 8], ['tiktok', 5]]);
    const rollup = await db.query<{ n: string }>(sql`SELECT sumMerge(posts) AS n FROM ${db.table(TRENDS_HOURLY_TABLE)}`);
    expect(Number(rollup[0]!.n)).toBe(15);

    const tile = await db.query<{ text: string; missing_fields: string[]; likes: number; lang: string }>(
      sql`SELECT text, missing_fields, likes, lang FROM ${db.table(POSTS_TABLE)} FINAL WHERE source = 'rednote' AND id = '678ac4d9000000002106c7fb'`,
    );
    expect(tile).toEqual([{ text: 'TikTok要被禁了吗？美国人都来小红书了', missing_fields: ['created_at', 'author.handle', 'engagement.reposts', 'engagement.replies', 'body'], likes: 23000, lang: 'zh' }]);
    const complete = await db.query<{ n: string }>(sql`SELECT count() AS n FROM ${db.table(POSTS_TABLE)} FINAL WHERE sign = 1 AND empty(missing_fields)`);
    expect(Number(complete[0]!.n)).toBe(10);

    const letters = await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 10);
    expect(letters.map((l) => `${l.source}: ${l.reason}`)).toEqual([expect.stringMatching(/^zeeschuimer: line 5: invalid JSON/)]);
  });

  it('adds nothing when the same exports come again', async () => {
    expect(await riftImport('rednote-api.ndjson')).toMatch(/6 lines read, 0 queued, 3 already stored/);
    expect(await riftImport('tiktok-api.ndjson')).toMatch(/3 lines read, 0 queued, 2 already stored/);
    await pipeline.drained();
    const db = pipeline.db.clickhouse;
    const total = await db.query<{ n: string }>(sql`SELECT count() AS n FROM ${db.table(POSTS_TABLE)} FINAL WHERE sign = 1`);
    expect(Number(total[0]!.n)).toBe(15);
  });
});
