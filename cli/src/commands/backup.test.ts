// rift backup and rift restore as an operator runs them: the real commands in child processes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouse, identifier, POSTS_TABLE, REPO_ROOT, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { corpusRows } from '@rift/testing/corpus';
import { createTestDatabase, testClickHouseUrl, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let db: TestDatabase;
let dir: string;
const target = `rift_test_${randomBytes(6).toString('hex')}`;
const prefix = testQueuePrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  await db.clickhouse.insert(POSTS_TABLE, corpusRows());
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'rift-backup-cli-')), 'copy');
});

afterAll(async () => {
  await db.clickhouse.command(sql`DROP DATABASE IF EXISTS ${identifier(target)}`);
  await db?.drop();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

async function rift(database: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, CLICKHOUSE_URL: testClickHouseUrl(), CLICKHOUSE_DB: database, REDIS_URL: testRedisUrl(), RIFT_QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), ...args], { cwd: REPO_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('rift backup --to / rift restore --from', () => {
  it('copies the posts into another database, and refuses to restore twice', async () => {
    const saved = await rift(db.clickhouse.database, 'backup', '--to', dir);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/^backed up to .*posts_v1 9/);
    const restored = await rift(target, 'restore', '--from', dir);
    expect(restored.code, restored.stderr).toBe(0);
    const copy = new ClickHouse({ ...db.clickhouse.options, database: target });
    const [row] = await copy.query<{ n: string }>(sql`SELECT sumMerge(posts) AS n FROM ${copy.table(TRENDS_HOURLY_TABLE)}`);
    expect(Number(row!.n)).toBe(9);
    await copy.close();
    const again = await rift(target, 'restore', '--from', dir);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/is not empty/);
  });
});
