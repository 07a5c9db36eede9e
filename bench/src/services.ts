/**
 * The benchmarks' own Redis and ClickHouse: fresh data directories under a temp folder and
 * ports of their own, so a bench never touches the user's data; stopped and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClickHouse, createRedis, identifier, loadConfig, type Redis, sql } from '@rift/core';
import { ensureLocalClickHouse, ensureLocalRedis, Migrator } from '@rift/infra';

/** Fixed so that two benches refuse to share servers; RIFT_BENCH_*_PORT moves them, e.g. beside another bench. */
function benchPorts() {
  const config = loadConfig();
  return { redis: config.RIFT_BENCH_REDIS_PORT, clickhouseHttp: config.RIFT_BENCH_CLICKHOUSE_HTTP_PORT, clickhouseTcp: config.RIFT_BENCH_CLICKHOUSE_TCP_PORT };
}

export interface BenchServices {
  dir: string;
  redisUrl: string;
  clickhouseUrl: string;
  database: string;
  clickhouse: ClickHouse;
  redis: Redis;
  clickhouseVersion: string;
  /** Process ids of the servers started here. */
  pids: { redis?: number; clickhouse?: number };
  /** Empties the database: every migration applied again from scratch. */
  resetDatabase(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchServices(log: (line: string) => void): Promise<BenchServices> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rift-bench-'));
  const ports = benchPorts();
  const [redisService, chService] = await Promise.all([
    ensureLocalRedis(dir, ports.redis, log),
    ensureLocalClickHouse(dir, ports.clickhouseHttp, ports.clickhouseTcp, log),
  ]);
  if (!redisService.process || !chService.process) {
    // Reusing them would mean sharing (and at the end dropping) another bench's database.
    await redisService.process?.stop();
    await chService.process?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`a server already answers on the bench ports (${Object.values(ports).join(', ')}): is another "rift bench" running? Stop it first.`);
  }
  const config = loadConfig({});
  const database = 'rift_bench';
  const options = { url: chService.url, username: config.CLICKHOUSE_USER, password: config.CLICKHOUSE_PASSWORD };
  const clickhouse = new ClickHouse({ ...options, database });
  const admin = new ClickHouse({ ...options, database: 'default' });
  const redis = createRedis(redisService.url);
  const [{ version }] = (await admin.query<{ version: string }>(sql`SELECT version() AS version`)) as [{ version: string }];

  async function resetDatabase(): Promise<void> {
    await admin.command(sql`DROP DATABASE IF EXISTS ${identifier(database)}`);
    const migrator = new Migrator(clickhouse);
    await migrator.up();
    await migrator.close();
  }
  await resetDatabase();

  return {
    dir,
    redisUrl: redisService.url,
    clickhouseUrl: chService.url,
    database,
    clickhouse,
    redis,
    clickhouseVersion: version,
    pids: { redis: redisService.process?.pid, clickhouse: chService.process?.pid },
    resetDatabase,
    async stop() {
      redis.disconnect();
      await admin.command(sql`DROP DATABASE IF EXISTS ${identifier(database)}`).catch(() => undefined);
      await admin.close();
      await clickhouse.close();
      // ClickHouse last, as everywhere: nothing may still be writing to it.
      await redisService.process?.stop();
      await chService.process?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
