import { randomBytes } from 'node:crypto';
import { ClickHouse, identifier, loadConfig, sql } from '@rift/core';
import { Migrator } from '@rift/infra';

export function testClickHouseUrl(): string {
  const url = process.env.RIFT_TEST_CLICKHOUSE_URL;
  if (!url) throw new Error('RIFT_TEST_CLICKHOUSE_URL is not set: run tests through vitest so that the global setup starts ClickHouse');
  return url;
}

export interface TestDatabase {
  clickhouse: ClickHouse;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied, so the migrations are what is tested. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const config = loadConfig();
  const database = `rift_test_${randomBytes(6).toString('hex')}`;
  const clickhouse = new ClickHouse({
    url: testClickHouseUrl(),
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database,
  });
  const migrator = new Migrator(clickhouse);
  await migrator.up();
  await migrator.close();
  return {
    clickhouse,
    async drop() {
      const admin = new ClickHouse({ ...clickhouse.options, database: 'default' });
      await admin.command(sql`DROP DATABASE IF EXISTS ${identifier(database)}`);
      await admin.close();
      await clickhouse.close();
    },
  };
}
