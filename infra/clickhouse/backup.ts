/**
 * `rift backup --to DIR` and `rift restore --from DIR`: every table and the Redis state that
 * matters, as plain files that any later Rift can read back.
 *
 * Why a logical dump and not FREEZE or BACKUP: ClickHouse 18.16 has only `ALTER TABLE ... FREEZE`,
 * which hard-links parts inside the server's own data folder (so it needs the server's disk, and
 * restoring means copying parts into detached/ by hand); `BACKUP` exists only from 22.x on. A dump
 * through the HTTP interface in Native format (binary, exact for every type) works the same on
 * both, from any host that reaches ClickHouse.
 *
 * Consistent while ingest runs: posts_v1 is read in one SELECT (one snapshot of its parts), as
 * its stored posts (FINAL, sign = 1); the rollups are not dumped but rebuilt on restore by the
 * materialized views as the posts are inserted, so they always agree with the posts. The other
 * tables (keys, rules, alert state, views, runs, tombstones) are small and each read in one go.
 * Batches still on the queue are not in the backup: drain it (or accept that sources re-poll
 * from their saved cursors) before relying on one.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip as gunzip, createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { type ClickHouse, POSTS_TABLE, type Redis, ROLLUP_TABLE_NAMES, sql } from '@rift/core';

const MANIFEST = 'manifest.json';
const REDIS_FILE = 'redis.jsonl.gz';
const FORMAT_VERSION = 1;
/** Tables that are bookkeeping of the migrator itself: the target's migrations recreate them. */
const SKIPPED = new Set(['schema_migrations']);

/** The Redis keys worth keeping, after the prefix: cursors, what was enqueued, dead letters, rollup months to repair. */
const REDIS_KEYS = ['sources', 'seen:*', 'dead-letters', 'rollups:suspect-months'];

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface Manifest {
  format: number;
  created_at: string;
  migrations: number[];
  tables: Record<string, number>;
  redis_keys: number;
}

async function dumpedTables(clickhouse: ClickHouse): Promise<string[]> {
  const rows = await clickhouse.query<{ name: string }>(sql`
    SELECT name FROM system.tables WHERE database = ${clickhouse.database} AND engine != 'MaterializedView' AND NOT startsWith(name, '.inner') ORDER BY name`);
  return rows.map((r) => r.name).filter((name) => !SKIPPED.has(name) && !ROLLUP_TABLE_NAMES.includes(name));
}

async function appliedMigrations(clickhouse: ClickHouse): Promise<number[]> {
  const rows = await clickhouse.query<{ version: string }>(sql`SELECT toUInt32(version) AS version FROM ${clickhouse.table('schema_migrations')} ORDER BY version`);
  return [...new Set(rows.map((r) => Number(r.version)))];
}

function selectFor(clickhouse: ClickHouse, table: string) {
  // Stored posts only: what the rollups are rebuilt from on restore.
  if (table === POSTS_TABLE) return sql`SELECT * FROM (SELECT * FROM ${clickhouse.table(table)} FINAL) WHERE sign = 1`;
  return sql`SELECT * FROM ${clickhouse.table(table)}`;
}

async function countRows(clickhouse: ClickHouse, query: ReturnType<typeof sql>): Promise<number> {
  const rows = await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM (${query})`);
  return Number(rows[0]?.n ?? 0);
}

async function redisKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for (const pattern of REDIS_KEYS) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:${pattern}`, 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...new Set(keys)].sort();
}

/** Writes DIR/manifest.json, DIR/tables/NAME.native.gz and DIR/redis.jsonl.gz. */
export async function backup(clickhouse: ClickHouse, redis: Redis, prefix: string, dir: string): Promise<Manifest> {
  await mkdir(path.join(dir, 'tables'), { recursive: true });
  if ((await readdir(dir)).includes(MANIFEST)) throw new BackupError(`${dir} already holds a backup; choose an empty folder`);
  const tables: Record<string, number> = {};
  for (const table of await dumpedTables(clickhouse)) {
    const query = selectFor(clickhouse, table);
    const bytes = Readable.from(clickhouse.streamBytes(query, 'Native'));
    await pipeline(bytes, createGzip(), createWriteStream(path.join(dir, 'tables', `${table}.native.gz`)));
    // Counted after the dump: posts written meanwhile may be in the count but not the file, so the
    // restore checks against its own inserts, and the manifest's number is for people.
    tables[table] = await countRows(clickhouse, query);
  }
  const keys = await redisKeys(redis, prefix);
  const lines: string[] = [];
  for (const key of keys) {
    const [dump, ttl] = await Promise.all([redis.dumpBuffer(key), redis.pttl(key)]);
    if (dump) lines.push(JSON.stringify({ key: key.slice(prefix.length + 1), ttl: ttl > 0 ? ttl : 0, dump: dump.toString('base64') }));
  }
  await writeFile(path.join(dir, REDIS_FILE), gzipSync(lines.join('\n')));
  const manifest: Manifest = { format: FORMAT_VERSION, created_at: new Date().toISOString(), migrations: await appliedMigrations(clickhouse), tables, redis_keys: lines.length };
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function readManifest(dir: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch (err) {
    throw new BackupError(`${dir} holds no readable backup (${MANIFEST}: ${(err as Error).message})`);
  }
  if (manifest.format !== FORMAT_VERSION) throw new BackupError(`backup format ${manifest.format} is not one this Rift reads (${FORMAT_VERSION})`);
  return manifest;
}

/**
 * Loads a backup into an empty, migrated database and the Redis prefix. Refuses a database that
 * holds data (a restore adds rows; into a live one it would double them) or whose migrations differ.
 */
export async function restore(clickhouse: ClickHouse, redis: Redis, prefix: string, dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  const migrations = await appliedMigrations(clickhouse);
  const missing = manifest.migrations.filter((v) => !migrations.includes(v));
  if (missing.length) throw new BackupError(`the backup was made with migrations this database lacks (${missing.join(', ')}); upgrade Rift first`);
  for (const table of [...Object.keys(manifest.tables), ...ROLLUP_TABLE_NAMES]) {
    const [row] = await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${clickhouse.table(table)}`);
    if (Number(row?.n ?? 0) > 0) throw new BackupError(`table ${table} is not empty: restore into a fresh database (CLICKHOUSE_DB) or drop its data first`);
  }
  for (const table of Object.keys(manifest.tables)) {
    // Into posts_v1, the materialized views rebuild every rollup from the restored posts.
    await clickhouse.insertBytes(table, 'Native', createReadStream(path.join(dir, 'tables', `${table}.native.gz`)).pipe(gunzip()));
  }
  const text = gunzipSync(await readFile(path.join(dir, REDIS_FILE))).toString('utf8');
  for (const line of text.split('\n').filter(Boolean)) {
    const { key, ttl, dump } = JSON.parse(line) as { key: string; ttl: number; dump: string };
    await redis.restore(`${prefix}:${key}`, ttl, Buffer.from(dump, 'base64'), 'REPLACE');
  }
  return manifest;
}

