import { ClickHouse, identifier, localTableName, qualifiedTable, sql, type Sql, toDateTimeText, trustedSql } from '@rift/core';
import { clusterMigrations, replicationPath } from './cluster-schema.ts';
import { loadMigrations, type Migration } from './migration-files.ts';

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Applies migrations in order to a database; each statement is idempotent, each run recorded.
 * On a connection with a cluster, the cluster variant of each migration is applied (ON CLUSTER,
 * from any one server) and the ledger is itself replicated, so every server sees the same record.
 */
export class Migrator {
  private readonly admin: ClickHouse;

  constructor(private readonly clickhouse: ClickHouse) {
    // The target database may not exist yet, so create it through the server's default database.
    this.admin = new ClickHouse({ ...clickhouse.options, database: 'default' });
  }

  private get ledger() {
    return qualifiedTable(this.clickhouse.database, 'schema_migrations');
  }

  async applied(): Promise<AppliedRow[]> {
    await this.ensureLedger();
    return this.clickhouse.query<AppliedRow>(
      sql`SELECT version, name, checksum FROM ${this.ledger} FINAL WHERE applied = 1 ORDER BY version`,
    );
  }

  /** Applies every pending migration; returns the names applied. Refuses if an applied file changed. */
  async up(given = loadMigrations()): Promise<string[]> {
    const migrations = this.variant(given);
    const done = new Map((await this.applied()).map((row) => [Number(row.version), row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.version}_${migration.name} changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      for (const statement of migration.up) await this.clickhouse.command(trustedSql(statement));
      await this.record(migration, 1);
      applied.push(`${String(migration.version).padStart(3, '0')}_${migration.name}`);
    }
    return applied;
  }

  /** Reverts the most recent applied migration; returns its name, or undefined if none. */
  async down(given = loadMigrations()): Promise<string | undefined> {
    const migrations = this.variant(given);
    const last = (await this.applied()).at(-1);
    if (!last) return undefined;
    const migration = migrations.find((m) => m.version === Number(last.version));
    if (!migration) throw new Error(`applied migration ${last.version} has no file`);
    for (const statement of migration.down) await this.clickhouse.command(trustedSql(statement));
    await this.record(migration, 0);
    return `${String(migration.version).padStart(3, '0')}_${migration.name}`;
  }

  /** The statements this connection needs: the files as they are, or their cluster variant. */
  private variant(migrations: Migration[]): Migration[] {
    const cluster = this.clickhouse.cluster;
    return cluster ? clusterMigrations(migrations, { cluster, database: this.clickhouse.database }) : migrations;
  }

  private async ensureLedger(): Promise<void> {
    const database = this.clickhouse.database;
    const cluster = this.clickhouse.cluster;
    const columns = trustedSql(`(version UInt32, name String, checksum String, applied UInt8, at DateTime('UTC'), seq UInt64)`);
    if (!cluster) {
      await this.admin.command(sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`);
      await this.clickhouse.command(sql`CREATE TABLE IF NOT EXISTS ${this.ledger} ${columns} ENGINE = ReplacingMergeTree(seq) ORDER BY version`);
      return;
    }
    const onCluster: Sql = sql`ON CLUSTER ${identifier(cluster)}`;
    const local = qualifiedTable(database, localTableName('schema_migrations'));
    const path = replicationPath(database, localTableName('schema_migrations'));
    await this.admin.command(sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)} ${onCluster}`);
    await this.clickhouse.command(sql`CREATE TABLE IF NOT EXISTS ${local} ${onCluster} ${columns}
      ENGINE = ReplicatedReplacingMergeTree(${path}, '{replica}', seq) ORDER BY version`);
    await this.clickhouse.command(sql`CREATE TABLE IF NOT EXISTS ${this.ledger} ${onCluster} AS ${local}
      ENGINE = Distributed(${identifier(cluster)}, ${identifier(database)}, ${identifier(localTableName('schema_migrations'))}, version)`);
  }

  private async record(migration: Migration, applied: 0 | 1): Promise<void> {
    await this.clickhouse.insert('schema_migrations', [
      {
        version: migration.version,
        name: migration.name,
        checksum: migration.checksum,
        applied,
        at: toDateTimeText(new Date()),
        seq: Date.now(),
      },
    ]);
  }

  async close(): Promise<void> {
    await this.admin.close();
  }
}
