import { afterEach, describe, expect, it } from 'vitest';
import { POSTS_TABLE, sql, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_HOURLY_TABLE, TRENDS_HOURLY_VIEW } from '@rift/core';
import { loadMigrations, parseMigration } from './migration-files.ts';
import { Migrator } from './migrator.ts';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';

describe('parseMigration', () => {
  it('splits up and down statements and ignores comments', () => {
    const m = parseMigration('007_x.sql', '-- about\n-- migrate:up\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n-- note\nSELECT 1;\n-- migrate:down\nDROP TABLE a;\n');
    expect(m.version).toBe(7);
    expect(m.up).toEqual(['CREATE TABLE a (x UInt8) ENGINE = Memory', 'SELECT 1']);
    expect(m.down).toEqual(['DROP TABLE a']);
  });

  it('refuses badly named files', () => {
    expect(() => parseMigration('x.sql', '-- migrate:up\n-- migrate:down\n')).toThrow(/001_name/);
  });
});

describe('migrations on a real ClickHouse', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('apply from scratch, record what ran, and are a no-op the second time', async () => {
    db = await createTestDatabase();
    const migrator = new Migrator(db.clickhouse);
    expect(await migrator.up()).toEqual([]);
    const applied = await migrator.applied();
    expect(applied.map((r) => Number(r.version))).toEqual(loadMigrations().map((m) => m.version));
    const tables = await db.clickhouse.query<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${db.clickhouse.database} ORDER BY name`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([POSTS_TABLE, TRENDS_HOURLY_TABLE, TRENDS_HOURLY_VIEW, TOPIC_TRENDS_HOURLY_TABLE, 'schema_migrations']),
    );
    await migrator.close();
  });

  it('roll back the latest migration and apply it again', async () => {
    db = await createTestDatabase();
    const migrator = new Migrator(db.clickhouse);
    const last = loadMigrations().at(-1)!;
    expect(await migrator.down()).toBe(`${String(last.version).padStart(3, '0')}_${last.name}`);
    expect((await migrator.applied()).map((r) => Number(r.version))).not.toContain(last.version);
    expect(await migrator.up()).toHaveLength(1);
    await migrator.close();
  });
});
