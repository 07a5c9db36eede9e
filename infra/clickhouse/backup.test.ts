import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRollups, type ClickHouse, createRedis, DeadLetters, forgetPosts, identifier, joinSql, POSTS_TABLE, type Redis, sql } from '@rift/core';
import { SourceStateStore } from '@rift/ingest';
import { createRule, RuleInputSchema } from '@rift/alerts';
import { ApiKeyStore, createView } from '@rift/api';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { backup, BackupError, restore } from './backup.ts';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';

let original: TestDatabase;
let wiped: TestDatabase;
let redis: Redis;
let dir: string;
const prefix = testQueuePrefix();

/** Every table's content as sorted JSON lines: stored posts, rollups summed per group, other tables raw. */
async function snapshot(clickhouse: ClickHouse): Promise<Record<string, string[]>> {
  const tables = await clickhouse.query<{ name: string; engine: string }>(sql`
    SELECT name, engine FROM system.tables WHERE database = ${clickhouse.database} AND engine != 'MaterializedView' AND name != 'schema_migrations' ORDER BY name`);
  const out: Record<string, string[]> = {};
  for (const { name, engine } of tables) {
    const columns = await clickhouse.query<{ name: string; type: string }>(sql`
      SELECT name, type FROM system.columns WHERE database = ${clickhouse.database} AND table = ${name}`);
    const aggregates = columns.filter((c) => c.type.startsWith('AggregateFunction(sum'));
    let rows: unknown[];
    if (aggregates.length) {
      // A rollup: its groups with their sums, leaving out groups that sum to nothing.
      const keys = columns.filter((c) => !aggregates.includes(c)).map((c) => identifier(c.name));
      const sums = aggregates.map((c) => sql`sumMerge(${identifier(c.name)}) AS ${identifier(c.name)}`);
      rows = await clickhouse.query(sql`SELECT ${joinSql([...keys, ...sums], ', ')} FROM ${clickhouse.table(name)} GROUP BY ${joinSql(keys, ', ')} HAVING posts != 0`);
    } else if (name === POSTS_TABLE) {
      rows = await clickhouse.query(sql`SELECT * FROM (SELECT * FROM ${clickhouse.table(name)} FINAL) WHERE sign = 1`);
    } else {
      rows = await clickhouse.query(engine.startsWith('Replacing') ? sql`SELECT * FROM ${clickhouse.table(name)} FINAL` : sql`SELECT * FROM ${clickhouse.table(name)}`);
    }
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function redisState(): Promise<Record<string, unknown>> {
  const hash = await redis.hgetall(`${prefix}:sources`);
  const seen = (await redis.smembers(`${prefix}:seen:demo`)).sort();
  const letters = await redis.lrange(`${prefix}:dead-letters`, 0, -1);
  return { hash, seen, letters };
}

beforeAll(async () => {
  original = await createTestDatabase();
  redis = createRedis(testRedisUrl());
  dir = mkdtempSync(path.join(tmpdir(), 'rift-backup-'));
  const ch = original.clickhouse;
  // A loaded stack: posts with a re-scored one and a forgotten one, keys (one revoked), a rule, a view, cursors, seen ids, a dead letter.
  await ch.insert(POSTS_TABLE, corpusRows());
  await ch.insert(POSTS_TABLE, rescoreRows());
  await forgetPosts(ch, { kind: 'post', source: 'demo', id: 'p1' }, 'test', { pollMs: 20 });
  const keys = new ApiKeyStore(ch);
  await keys.create('admin', 'kept');
  await keys.revoke((await keys.create('viewer', 'revoked')).info.id);
  await createRule(ch, RuleInputSchema.parse({ name: 'Oppose surges', metric: 'stance_oppose_share', comparator: '>', threshold: 0.6, window: '1h', interval: '1h', for: '1h', channels: {} }));
  await createView(ch, { name: 'June', page: 'explore', params: { from: '2024-06-01' } }, 'abcdefabcdef');
  await new SourceStateStore(redis, prefix).update('bluesky', (s) => ({ ...s, cursor: '2025-01-14T03:00:00Z|3mfix', posts_in: 12 }));
  await redis.sadd(`${prefix}:seen:demo`, 'a', 'b', 'c');
  await new DeadLetters(redis, prefix).add([{ stage: 'ingest', source: 'file', reason: 'line 3: text is empty', post: { id: 'x' } }]);
});

afterAll(async () => {
  await original?.drop();
  await wiped?.drop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis?.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe('rift backup and restore', () => {
  it('back up a loaded stack, wipe it, restore it: every table, rollup, key, rule and cursor equal', async () => {
    const before = await snapshot(original.clickhouse);
    const redisBefore = await redisState();
    expect(before.posts_v1).toHaveLength(8);
    expect(before.api_keys_v1).toHaveLength(2);
    expect(before.alert_rules_v1).toHaveLength(1);
    expect(before.forgotten_v1).toHaveLength(1);

    const manifest = await backup(original.clickhouse, redis, prefix, dir);
    expect(manifest.tables.posts_v1).toBe(8);
    expect(manifest.redis_keys).toBe(3);

    // Wipe: a fresh database, and the Redis keys gone.
    wiped = await createTestDatabase();
    await redis.del(...(await redis.keys(`${prefix}:*`)));
    expect(await redisState()).toEqual({ hash: {}, seen: [], letters: [] });

    await restore(wiped.clickhouse, redis, prefix, dir);
    expect(await snapshot(wiped.clickhouse)).toEqual(before);
    expect(await redisState()).toEqual(redisBefore);
    expect(await checkRollups(wiped.clickhouse)).toEqual(await checkRollups(original.clickhouse));
    // A restored key still authenticates: its hash came back as it was.
    expect((await new ApiKeyStore(wiped.clickhouse).list()).map((k) => [k.name, k.revoked]).sort()).toEqual([
      ['kept', false],
      ['revoked', true],
    ]);
  });

  it('refuses to restore into a database that holds data, and to back up over a backup', async () => {
    await expect(restore(original.clickhouse, redis, prefix, dir)).rejects.toThrow(BackupError);
    await expect(restore(original.clickhouse, redis, prefix, dir)).rejects.toThrow(/is not empty: restore into a fresh database/);
    await expect(backup(original.clickhouse, redis, prefix, dir)).rejects.toThrow(/already holds a backup/);
  });
});
