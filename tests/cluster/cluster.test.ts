import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableName } from '@rift/core/clickhouse';
import { sql } from '@rift/core/sql';
import { checkRollups, isConsistent, rebuildRollupMonth } from '@rift/core/tables/rollups';
import { createTestDatabase, type TestDatabase } from '../../infra/src/testing/clickhouse.ts';
import { loadMigrations } from '../../infra/src/migrations.ts';
import { TestCluster, type RiftProcess } from './test-cluster.ts';
import { reconcileSource } from './reconcile.ts';

const BIG = Number(process.env.RIFT_CLUSTER_POSTS ?? 200_000);
const SMALL = 30_000;

describe('Rift on a cluster: ClickHouse 2 shards x 2 replicas with ZooKeeper, Redis Cluster of 3 masters, workers and API on other hosts', () => {
  let cluster: TestCluster;
  let single: TestDatabase;
  const running: RiftProcess[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.start((line) => {
      cluster?.lines.push(line);
      console.log(`[cluster] ${line}`);
    });
    single = await createTestDatabase();
  }, 300_000);

  afterAll(async () => {
    await single?.drop();
    await cluster?.close();
  }, 300_000);

  it('rift migrate --cluster creates every table and view of the single node, records each migration, and a second run changes nothing', async () => {
    const env = cluster.env('{rift-migrate}');
    const first = await cluster.rift(cluster.apiHost, ['migrate', '--cluster', 'rift_test'], env, 'migrate-1');
    expect(first.code, first.output).toBe(0);
    const again = await cluster.rift(cluster.apiHost, ['migrate', '--cluster', 'rift_test'], env, 'migrate-2');
    expect(again.output).toContain('schema is up to date');

    const singleTables = await single.clickhouse.query<{ name: string; engine: string }>(
      sql`SELECT name, engine FROM system.tables WHERE database = ${single.clickhouse.database} ORDER BY name`,
    );
    for (const node of cluster.clickhouseNodes) {
      const client = cluster.node(node);
      const tables = new Map(
        (await client.query<{ name: string; engine: string }>(sql`SELECT name, engine FROM system.tables WHERE database = ${client.database}`)).map((t) => [t.name, t.engine]),
      );
      await client.close();
      for (const table of singleTables) {
        if (table.engine === 'MaterializedView') {
          expect(tables.get(table.name), `${node.replica}: ${table.name}`).toBe('MaterializedView');
        } else {
          expect(tables.get(table.name), `${node.replica}: ${table.name}`).toBe('Distributed');
          expect(tables.get(localTableName(table.name)), `${node.replica}: ${localTableName(table.name)}`).toBe(`Replicated${table.engine}`);
        }
      }
    }
    const ledger = await cluster.clickhouse.query<{ version: number; checksum: string }>(
      sql`SELECT version, checksum FROM ${cluster.clickhouse.table('schema_migrations')} FINAL WHERE applied = 1 ORDER BY version`,
    );
    expect(ledger.map((r) => [Number(r.version), r.checksum])).toEqual(loadMigrations().map((m) => [m.version, m.checksum]));
  });

  it(`stores every post of a ${BIG.toLocaleString('en')}-post import spread over workers on two hosts exactly once, on both shards, with matching rollups`, async () => {
    const prefix = '{rift-big}';
    const source = 'cluster-big';
    const queue = cluster.queue(prefix);
    const workers = [await cluster.startWorker(cluster.workerHosts[0]!, prefix, 'big-w1'), await cluster.startWorker(cluster.workerHosts[1]!, prefix, 'big-w2')];
    running.push(...workers);
    const producer = await cluster.send(queue, prefix, source, BIG, 1);
    expect(producer.stats).toMatchObject({ accepted: BIG, rejected: 0, duplicates: 0 });
    await cluster.waitForPosts(queue, source, BIG, 600_000);

    expect(await reconcileSource(cluster.clickhouse, source)).toEqual(expectedCounts(BIG, (await reconcileSource(cluster.clickhouse, source)).topicExpected));
    for (const worker of workers) expect(worker.batches()).toBeGreaterThan(0);
    const replicas = await cluster.perReplica(source);
    expect(replicas.ch1).toBe(replicas.ch2);
    expect(replicas.ch3).toBe(replicas.ch4);
    expect(replicas.ch1! + replicas.ch3!).toBe(BIG);
    expect(Math.min(replicas.ch1!, replicas.ch3!)).toBeGreaterThan(BIG * 0.4);
    console.log(`[cluster] ${BIG} posts: shard 1 holds ${replicas.ch1}, shard 2 holds ${replicas.ch3}; batches by host: ${workers.map((w) => w.batches()).join(', ')}`);
    for (const worker of workers) await worker.process.stop();
    await queue.close();
  }, 900_000);
});

function expectedCounts(n: number, topics: number) {
  return { final: n, signed: n, rollup: n, dailyRollup: n, sourceRollup: n, topicRollup: topics, dailyTopicRollup: topics, topicExpected: topics };
}
