// `rift import` of a researcher's CSV or JSONL, in a child process against the test services: an id
// column that names several posts stops the import before anything is queued, and the summary
// tells repeats within the file from posts stored by an earlier import.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { testClickHouseUrl } from '@rift/testing/clickhouse';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let pipeline: TestPipeline;
let dir: string;

beforeAll(async () => {
  // No worker: what matters here is what reaches the queue.
  pipeline = await startTestPipeline({ worker: false });
  dir = await mkdtemp(path.join(tmpdir(), 'rift-file-import-'));
});
afterAll(async () => {
  await pipeline?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function riftImport(file: string, ...flags: string[]): Promise<{ code: number; out: string }> {
  const env = {
    ...process.env,
    CLICKHOUSE_URL: testClickHouseUrl(),
    CLICKHOUSE_DB: pipeline.db.clickhouse.database,
    REDIS_URL: testRedisUrl(),
    RIFT_QUEUE_PREFIX: pipeline.prefix,
    LOG_LEVEL: 'warn',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), 'import', file, ...flags], { cwd: REPO_ROOT, env });
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

describe('rift import: ids within a file', () => {
  it('stops before queueing when a rounded id column makes many tweets one id, and shows the ids', async () => {
    const file = path.join(dir, 'rounded.csv');
    await writeFile(file, 'tweet_id,text,date\n1.54E+18,TikTok ban hearing today,2022-07-02\n1.54E+18,RedNote is next,2022-07-02\n1.54E+18,Call Congress,2022-07-03\n');
    const { code, out } = await riftImport(file, '--map', 'id=tweet_id,created_at=date');
    expect(code).not.toBe(0);
    expect(out).toMatch(/ids must be unique within a file, but 1 id is shared by rows with different content \(column "tweet_id"\): "1\.54E\+18" \(lines 2, 3, 4\)\. Nothing was queued\./);
    expect(await pipeline.queue.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0 });
  });

  it('counts repeats within the file apart from posts already stored by an earlier import', async () => {
    const a = JSON.stringify({ id: 'a', text: 'The House passed the TikTok bill 352-65', created_at: '2024-03-13T15:00:00Z' });
    const b = JSON.stringify({ id: 'b', text: 'Joining RedNote &amp; never looking back', created_at: '2025-01-13T15:00:00Z' });
    const file = path.join(dir, 'repeats.jsonl');
    await writeFile(file, [a, b, a, b].join('\n'));
    expect((await riftImport(file)).out).toMatch(/import: 4 rows read, 2 queued, 2 duplicates within the file, 0 already stored, 0 rejected/);
    expect((await riftImport(file)).out).toMatch(/import: 4 rows read, 0 queued, 2 duplicates within the file, 2 already stored, 0 rejected/);
    const jobs = await pipeline.queue.getJobs(['waiting']);
    const texts = jobs.flatMap((j) => (j.data as { posts: Array<{ text: string }> }).posts.map((p) => p.text)).sort();
    expect(texts).toEqual(['Joining RedNote & never looking back', 'The House passed the TikTok bill 352-65']);
  });
});
