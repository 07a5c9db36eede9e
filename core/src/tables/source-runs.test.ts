import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { insertSourceRun, newRunId, queryRuns, type SourceRun } from './source-runs.ts';
import { SOURCE_RUNS_TABLE } from './names.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const at = (iso: string) => new Date(iso);
const run = (source: string, started: string, error?: string): SourceRun => ({
  id: newRunId(),
  source,
  kind: 'poll',
  started_at: at(started),
  finished_at: new Date(at(started).getTime() + 30_000),
  posts_collected: error ? 0 : 12,
  error,
});

describe(SOURCE_RUNS_TABLE, () => {
  it('keeps a run written twice (a retried insert) as one run', async () => {
    const once = run('twice', '2025-02-01T10:05:00Z');
    await insertSourceRun(db.clickhouse, once);
    await insertSourceRun(db.clickhouse, once);
    const runs = await queryRuns(db.clickhouse, { from: at('2025-02-01T00:00:00Z'), to: at('2025-02-02T00:00:00Z'), sources: ['twice'] });
    expect(runs).toEqual([
      { id: once.id, source: 'twice', kind: 'poll', started_at: once.started_at, finished_at: once.finished_at, ok: true, posts_collected: 12, error: '' },
    ]);
  });

  it('reads the runs of the chosen sources that started in [from, to), oldest first, with their errors', async () => {
    await insertSourceRun(db.clickhouse, run('a', '2025-03-01T09:59:59Z'));
    await insertSourceRun(db.clickhouse, run('a', '2025-03-01T11:00:00Z', 'HTTP 503 "unavailable"\nretry later'));
    await insertSourceRun(db.clickhouse, run('a', '2025-03-01T10:00:00Z'));
    await insertSourceRun(db.clickhouse, run('b', '2025-03-01T10:30:00Z', 'timeout'));
    await insertSourceRun(db.clickhouse, run('a', '2025-03-01T12:00:00Z'));
    const window = { from: at('2025-03-01T10:00:00Z'), to: at('2025-03-01T12:00:00Z') };
    const a = await queryRuns(db.clickhouse, { ...window, sources: ['a'] });
    expect(a.map((r) => [r.started_at.toISOString(), r.ok, r.error])).toEqual([
      ['2025-03-01T10:00:00.000Z', true, ''],
      ['2025-03-01T11:00:00.000Z', false, 'HTTP 503 "unavailable"\nretry later'],
    ]);
    expect((await queryRuns(db.clickhouse, window)).map((r) => r.source)).toEqual(['a', 'b', 'a']);
  });

  it('cuts a very long error text without splitting a character', async () => {
    const long = run('long', '2025-04-01T00:00:00Z', '😀'.repeat(3000));
    await insertSourceRun(db.clickhouse, long);
    const [stored] = await queryRuns(db.clickhouse, { from: at('2025-04-01T00:00:00Z'), to: at('2025-04-02T00:00:00Z'), sources: ['long'] });
    expect(stored!.error).toBe('😀'.repeat(2000));
  });
});
