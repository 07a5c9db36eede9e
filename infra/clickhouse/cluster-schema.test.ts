import { describe, expect, it } from 'vitest';
import { AUTHOR_DAYS_TABLE, localTableName, SOURCE_HOURLY_TABLE, TOPIC_TRENDS_DAILY_COMPACT_TABLE, TRENDS_DAILY_COMPACT_TABLE } from '@rift/core';
import { loadMigrations, parseMigration, type Migration } from './migration-files.ts';
import { clusterMigrations, ClusterSchemaError } from './cluster-schema.ts';

const target = { cluster: 'c1', database: 'db' };
const POSTS_DISTRIBUTED = 'CREATE TABLE db.posts_v1 ON CLUSTER c1 AS db.posts_v1_local\nENGINE = Distributed(c1, db, posts_v1_local, cityHash64(source, id))';

/** A migration of the kind other engineers add later: a new table, its view and backfill, and ALTERs of an old table. */
const FUTURE = parseMigration(
  '099_future.sql',
  `-- migrate:up
ALTER TABLE posts_v1 ADD COLUMN IF NOT EXISTS toxicity Float32 DEFAULT 0;
CREATE TABLE IF NOT EXISTS authors_daily_v1 (day DateTime('UTC'), author_handle String, posts AggregateFunction(sum, Int64))
ENGINE = SummingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (author_handle, day);
CREATE MATERIALIZED VIEW IF NOT EXISTS authors_daily_mv_v1 TO authors_daily_v1 AS
SELECT toStartOfDay(created_at) AS day, author_handle, sumState(toInt64(sign)) AS posts FROM posts_v1 GROUP BY day, author_handle;
INSERT INTO authors_daily_v1 SELECT toStartOfDay(created_at) AS day, author_handle, sumState(toInt64(sign)) AS posts
FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND text != 'FROM posts_v1' GROUP BY day, author_handle;
ALTER TABLE authors_daily_v1 DROP PARTITION 202401;
-- migrate:down
DROP TABLE IF EXISTS authors_daily_mv_v1;
DROP TABLE IF EXISTS authors_daily_v1;
ALTER TABLE posts_v1 DROP COLUMN IF EXISTS toxicity;
`,
);

describe('the cluster variant of the migrations', () => {
  it('keeps each migration\'s version, name and checksum, so the ledger records it like the single-node file', () => {
    const single = loadMigrations();
    const cluster = clusterMigrations(single, target);
    expect(cluster.map((m) => [m.version, m.name, m.checksum])).toEqual(single.map((m) => [m.version, m.name, m.checksum]));
  });

  it('turns every MergeTree table into a replicated local table and a Distributed table sharded by its sorting key', () => {
    const [posts] = clusterMigrations(loadMigrations(), target);
    expect(posts!.up).toHaveLength(2);
    expect(posts!.up[0]).toMatch(/^CREATE TABLE IF NOT EXISTS db\.posts_v1_local ON CLUSTER c1 \(/);
    expect(posts!.up[0]).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/db/posts_v1_local', '{replica}', version)");
    expect(posts!.up[0]).toContain('ORDER BY (source, id)');
    expect(posts!.up[1]).toBe(
      'CREATE TABLE IF NOT EXISTS db.posts_v1 ON CLUSTER c1 AS db.posts_v1_local\nENGINE = Distributed(c1, db, posts_v1_local, cityHash64(source, id))',
    );
    expect(posts!.down).toEqual(['DROP TABLE IF EXISTS db.posts_v1 ON CLUSTER c1', 'DROP TABLE IF EXISTS db.posts_v1_local ON CLUSTER c1']);
  });

  it('handles a later migration it has never seen: column ALTERs on both tables, views on local tables, backfills through Distributed ones', () => {
    const future = clusterMigrations([...loadMigrations(), FUTURE], target).at(-1)!;
    expect(future.up).toEqual([
      'ALTER TABLE db.posts_v1_local ON CLUSTER c1 ADD COLUMN IF NOT EXISTS toxicity Float32 DEFAULT 0',
      'DROP TABLE IF EXISTS db.posts_v1 ON CLUSTER c1',
      POSTS_DISTRIBUTED,
      expect.stringContaining("ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/db/authors_daily_v1_local', '{replica}') PARTITION BY"),
      expect.stringContaining('Distributed(c1, db, authors_daily_v1_local, cityHash64(author_handle, day))'),
      expect.stringMatching(/^CREATE MATERIALIZED VIEW IF NOT EXISTS db\.authors_daily_mv_v1 ON CLUSTER c1 TO db\.authors_daily_v1_local AS\n.* FROM db\.posts_v1_local GROUP BY/s),
      expect.stringMatching(/^INSERT INTO db\.authors_daily_v1 SELECT .*FROM \(SELECT \* FROM db\.posts_v1 FINAL\) WHERE sign = 1 AND text != 'FROM posts_v1'/s),
      'ALTER TABLE db.authors_daily_v1_local ON CLUSTER c1 DROP PARTITION 202401',
    ]);
    expect(future.down).toEqual([
      'DROP TABLE IF EXISTS db.authors_daily_mv_v1 ON CLUSTER c1',
      'DROP TABLE IF EXISTS db.authors_daily_v1 ON CLUSTER c1',
      'DROP TABLE IF EXISTS db.authors_daily_v1_local ON CLUSTER c1',
      'ALTER TABLE db.posts_v1_local ON CLUSTER c1 DROP COLUMN IF EXISTS toxicity',
      'DROP TABLE IF EXISTS db.posts_v1 ON CLUSTER c1',
      POSTS_DISTRIBUTED,
    ]);
  });

  it('gives the stored migrations that change columns (011, 040, 041) a form that ALTERs the local tables and recreates the Distributed ones', () => {
    const cluster = clusterMigrations(loadMigrations(), target);
    const byName = (version: number) => cluster.find((m) => m.version === version)!;
    const onTopic = byName(11).up;
    expect(onTopic[0]).toBe('ALTER TABLE db.posts_v1_local ON CLUSTER c1 ADD COLUMN on_topic UInt8 DEFAULT toUInt8(notEmpty(matched_terms))');
    expect(onTopic.slice(1, 3)).toEqual(['DROP TABLE IF EXISTS db.posts_v1 ON CLUSTER c1', POSTS_DISTRIBUTED]);
    expect(onTopic[3]).toMatch(/^ALTER TABLE db\.trends_hourly_v1_local ON CLUSTER c1 MODIFY COLUMN stance Enum8\(/);
    expect(onTopic[5]).toMatch(/^CREATE TABLE db\.trends_hourly_v1 ON CLUSTER c1 AS db\.trends_hourly_v1_local\nENGINE = Distributed\(c1, db, trends_hourly_v1_local, /);
    expect(onTopic).toContainEqual(expect.stringMatching(/^CREATE MATERIALIZED VIEW IF NOT EXISTS db\.trends_hourly_mv_v1 ON CLUSTER c1 TO db\.trends_hourly_v1_local AS\n.*FROM db\.posts_v1_local\n/s));
    expect(onTopic).toContainEqual(expect.stringMatching(/^INSERT INTO db\.trends_hourly_v1 \(.*FROM \(SELECT \* FROM db\.posts_v1 FINAL\).*FROM db\.trends_hourly_v1 WHERE stance = 'off_topic'/s));
    expect(byName(40).up).toEqual([
      'ALTER TABLE db.posts_v1_local ON CLUSTER c1 ADD COLUMN missing_fields Array(String) AFTER synthetic',
      'DROP TABLE IF EXISTS db.posts_v1 ON CLUSTER c1',
      POSTS_DISTRIBUTED,
    ]);
    expect(byName(41).down[0]).toBe('ALTER TABLE db.posts_v1_local ON CLUSTER c1 DROP COLUMN context_text');
    expect(byName(30).up[0]).toContain("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/db/forgotten_v1_local', '{replica}')");
    expect(byName(31).up[1]).toContain('Distributed(c1, db, audit_log_v1_local, cityHash64(at, object_type, object_id))');
  });

  it('refuses, naming the migration, what it cannot make safe on a cluster', () => {
    const refuse = (text: string) => () => clusterMigrations([parseMigration('098_bad.sql', `-- migrate:up\n${text};\n-- migrate:down\n`)], target);
    expect(refuse("CREATE TABLE t (a String) ENGINE = Memory")).toThrow(/098_bad: engine Memory has no replicated form/);
    expect(refuse('CREATE TABLE t (a String) ENGINE = MergeTree() ORDER BY a;\nCREATE MATERIALIZED VIEW v TO t POPULATE AS SELECT a FROM t')).toThrow(ClusterSchemaError);
    expect(refuse('CREATE MATERIALIZED VIEW v ENGINE = MergeTree() ORDER BY a AS SELECT 1 AS a')).toThrow(/needs a TO table/);
    expect(refuse('RENAME TABLE a TO b')).toThrow(/no cluster form for this statement/);
    expect(refuse('CREATE TABLE t (a String) ENGINE = MergeTree() ORDER BY a;\nALTER TABLE t ADD COLUMN b String, DROP PARTITION 1')).toThrow(/separate statements/);
  });
});

/**
 * The objects that applying every migration's up part leaves, name -> engine ('view' for a view),
 * read from the statements themselves, so that a new migration is covered without touching this test.
 */
function schemaAfter(migrations: readonly Migration[], qualifier = ''): Map<string, string> {
  const objects = new Map<string, string>();
  const name = `${qualifier.replace('.', '\\.')}([A-Za-z_][A-Za-z0-9_]*)`;
  const create = new RegExp(`^CREATE\\s+(MATERIALIZED\\s+)?(TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${name}\\b`, 'i');
  const drop = new RegExp(`^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?${name}\\b`, 'i');
  for (const statement of migrations.flatMap((m) => m.up)) {
    let match: RegExpExecArray | null;
    if ((match = create.exec(statement))) {
      const engine = /\bENGINE\s*=\s*([A-Za-z]+)/i.exec(statement);
      objects.set(match[3]!, match[2]!.toUpperCase() === 'VIEW' ? 'view' : (engine?.[1] ?? 'unknown'));
    } else if ((match = drop.exec(statement))) {
      objects.delete(match[1]!);
    }
  }
  return objects;
}

describe('the cluster schema generated from the migrations', () => {
  it('has every table and view that the migrations leave on a single node: each table as a replicated local table and a Distributed table, each view as itself', () => {
    const single = schemaAfter(loadMigrations());
    const cluster = schemaAfter(clusterMigrations(loadMigrations(), target), 'db.');
    expect(single.size).toBeGreaterThan(0);
    const expected = new Map<string, string>();
    for (const [name, engine] of single) {
      if (engine === 'view') {
        expected.set(name, 'view');
      } else {
        expected.set(localTableName(name), `Replicated${engine}`);
        expected.set(name, 'Distributed');
      }
    }
    // Sorted entries, so a failure names the missing or extra object.
    const sorted = (objects: Map<string, string>) => [...objects].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(cluster)).toEqual(sorted(expected));
    // The rollups the old hand-kept mirror lacked, among others.
    for (const table of [SOURCE_HOURLY_TABLE, AUTHOR_DAYS_TABLE, TRENDS_DAILY_COMPACT_TABLE, TOPIC_TRENDS_DAILY_COMPACT_TABLE]) {
      expect(cluster.get(table)).toBe('Distributed');
    }
  });
});
