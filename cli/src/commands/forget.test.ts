// rift forget as an operator runs it: the real command in a child process, against a fresh database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, REPO_ROOT } from '@rift/core';
import { corpusRows } from '@rift/testing/corpus';
import { createTestDatabase, testClickHouseUrl, type TestDatabase } from '@rift/testing/clickhouse';
import { testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.clickhouse.insert(POSTS_TABLE, corpusRows());
});

afterAll(async () => {
  await db?.drop();
});

async function rift(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, CLICKHOUSE_URL: testClickHouseUrl(), CLICKHOUSE_DB: db.clickhouse.database, REDIS_URL: testRedisUrl(), LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), ...args], { cwd: REPO_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('rift forget', () => {
  it('forgets one post, lists the tombstone, and refuses a call that names nothing', async () => {
    expect(await rift('forget', '--source', 'demo', '--id', 'p1')).toMatchObject({ code: 0, stdout: 'forgot 1 stored post; a tombstone keeps them from coming back\n' });
    const listed = await rift('forget', '--list', '--json');
    expect(listed.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { kind: 'post', source: 'demo', id: 'p1', author_handle: '', posts: 1, actor: 'cli', forgotten_at: expect.any(String) },
    ]);
    // The audit log has the same deletion, and rift audit shows it.
    const audit = await rift('audit', '--type', 'posts', '--json');
    expect(audit.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { at: expect.any(String), actor: 'cli', action: 'forget', object_type: 'posts', object_id: 'demo/p1', detail: { kind: 'post', source: 'demo', id: 'p1', posts: 1 } },
    ]);
    const usage = await rift('forget');
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toMatch(/give --source S \[--id ID\] or --author HANDLE/);
  });
});
