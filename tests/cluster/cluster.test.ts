import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '@rift/api';
import { checkRollups, ClickHouse, createLogger, DeadLetters, isConsistent, loadConfig, localTableName, POSTS_TABLE, rebuildRollupMonth, RollupRepair, serversNotReady, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { feed, RelevanceFilter, SourceStateStore } from '@rift/ingest';
import { startTestPipeline } from '@rift/testing/pipeline';
import { waitUntil, type Reconciliation } from '@rift/testing/faults';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { loadMigrations } from '@rift/infra';
import { demoPosts, TestCluster } from './test-cluster.ts';
import { CLUSTER_NAME, redisCli } from './servers.ts';
import { reconcileSource } from './reconcile.ts';

const BIG = Number(process.env.RIFT_CLUSTER_POSTS ?? 200_000);
const SMALL = 30_000;

describe('Rift on a cluster: ClickHouse 2 shards x 2 replicas with ZooKeeper, Redis Cluster of 3 masters, workers and API on other hosts', () => {
  let cluster: TestCluster;
  let single: TestDatabase;

  beforeAll(async () => {
    cluster = await TestCluster.start((line) => {
      cluster?.lines.push(line);
      console.log(`[cluster] ${line}`);
    });
    single = await createTestDatabase();
  }, 300_000);

  // A fault test that fails halfway must not leave its stopped server or its workers to the next.
  afterEach(async () => {
    await cluster?.heal();
  }, 300_000);

  afterAll(async () => {
    await single?.drop();
    await cluster?.close();
  }, 600_000);

  it('rift migrate --cluster creates every table and view of the single node, records each migration, and a second run changes nothing', async () => {
    const env = cluster.env('{rift-migrate}');
    const first = await cluster.rift(cluster.apiHost, ['migrate', '--cluster', CLUSTER_NAME], env, 'migrate-1');
    expect(first.code, first.output).toBe(0);
    const again = await cluster.rift(cluster.apiHost, ['migrate', '--cluster', CLUSTER_NAME], env, 'migrate-2');
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

  it('keeps seen sets, cursors, dead letters and rollup repair marks on the Redis Cluster, all in the queue\'s slot', async () => {
    const prefix = '{rift-state}';
    const queue = cluster.queue(prefix);
    const first = await cluster.send(queue, prefix, 'cluster-state', 1000, 7);
    const again = await cluster.send(queue, prefix, 'cluster-state', 1000, 7);
    expect(first.stats).toMatchObject({ accepted: 1000, duplicates: 0 });
    expect(again.stats).toMatchObject({ accepted: 0, duplicates: 1000 });
    expect(await queue.getWaitingCount()).toBe(2);

    const sources = new SourceStateStore(cluster.redis, prefix);
    await sources.update('cluster-state', (state) => ({ ...state, cursor: 'page-7' }));
    expect((await sources.get('cluster-state')).cursor).toBe('page-7');
    const deadLetters = new DeadLetters(cluster.redis, prefix);
    const letter = { stage: 'ingest' as const, source: 'cluster-state', reason: 'test', post: { id: 'x' } };
    expect(await deadLetters.add([letter])).toBe(1);
    expect(await deadLetters.add([letter])).toBe(0);
    expect((await deadLetters.take(10)).map((d) => d.reason)).toEqual(['test']);
    const repair = new RollupRepair(cluster.redis, prefix, cluster.clickhouse, queue, createLogger('silent', 'test'));
    await repair.markSuspect([202501]);
    expect(await repair.suspectMonths()).toEqual([202501]);

    // Every key under the prefix, from every master: all on the queue's master, all in one slot.
    const masters = cluster.redisNodes.filter((n) => n.process?.alive() && redisCli(n, ['role']).startsWith('master'));
    const keysOn = (node: (typeof masters)[number]) => redisCli(node, ['--scan', '--pattern', `${prefix}*`]).trim().split('\n').filter(Boolean);
    const master = cluster.queueMaster(prefix);
    const keys = keysOn(master);
    expect(keys.length).toBeGreaterThan(5);
    for (const other of masters.filter((n) => n !== master)) expect(keysOn(other)).toEqual([]);
    expect(new Set(keys.map((key) => redisCli(master, ['cluster', 'keyslot', key]).trim())).size).toBe(1);
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it(`stores every post of a ${BIG.toLocaleString('en')}-post import spread over workers on two hosts exactly once, on both shards, with matching rollups`, async () => {
    const prefix = '{rift-big}';
    const source = 'cluster-big';
    const queue = cluster.queue(prefix);
    const workers = [await cluster.startWorker(cluster.workerHosts[0]!, prefix, 'big-w1'), await cluster.startWorker(cluster.workerHosts[1]!, prefix, 'big-w2')];
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

  it('loses nothing when a worker host dies (SIGKILL of every process on it) in the middle of a batch', async () => {
    const prefix = '{rift-kill}';
    const source = 'cluster-kill';
    const queue = cluster.queue(prefix);
    const doomed = await cluster.startWorker(cluster.workerHosts[0]!, prefix, 'kill-w1');
    const survivor = await cluster.startWorker(cluster.workerHosts[1]!, prefix, 'kill-w2');
    const sending = cluster.send(queue, prefix, source, SMALL, 2);
    await waitUntil('the first worker host to have written a batch and to hold more', async () => doomed.batches() > 0 && (await queue.getActiveCount()) > 0 && (await cluster.stored(source)) < SMALL, 120_000, 20);
    await cluster.workerHosts[0]!.kill();
    expect(doomed.process.alive()).toBe(false);
    const atKill = await cluster.stored(source);
    expect(atKill).toBeLessThan(SMALL);
    const producer = await sending;
    expect(producer.stats).toMatchObject({ accepted: SMALL, rejected: 0, duplicates: 0 });
    await cluster.waitForPosts(queue, source, SMALL, 300_000);
    const r = await reconcileSource(cluster.clickhouse, source);
    expect(r).toEqual(expectedCounts(SMALL, r.topicExpected));
    expect(survivor.batches()).toBeGreaterThan(0);
    console.log(`[cluster] worker host killed with ${atKill} of ${SMALL} posts stored; the other host wrote ${survivor.batches()} batches`);
    await survivor.process.stop();
    await queue.close();
  }, 600_000);

  it('loses nothing when a ClickHouse replica stops during writes, and the replica catches up when it returns', async () => {
    const prefix = '{rift-replica}';
    const source = 'cluster-replica';
    const queue = cluster.queue(prefix);
    // ch1 is the replica of shard 1 that every server writes to and reads from while it is up.
    const stopped = cluster.clickhouseNodes[0]!;
    const workers = [await cluster.startWorker(cluster.workerHosts[0]!, prefix, 'replica-w1'), await cluster.startWorker(cluster.workerHosts[1]!, prefix, 'replica-w2')];
    // Two halves: the first is being written when ch1 stops, the second is sent only once it is
    // down, so its posts can be stored nowhere but on ch2 (the workers store 30,000 posts in about
    // 20 s, less than a server takes to shut down, so one stream would be over before the stop).
    const posts = demoPosts(source, SMALL, 3);
    const [before, after] = [posts.slice(0, SMALL / 2), posts.slice(SMALL / 2)];
    const repair = new RollupRepair(cluster.redis, prefix, cluster.clickhouse, queue, createLogger('silent', 'test'));
    await waitUntil('every server up and caught up', async () => (await serversNotReady(cluster.clickhouse)).length === 0, 60_000, 250);
    const sendingFirst = cluster.sendPosts(queue, prefix, source, before);
    await waitUntil('a quarter of the posts stored', async () => (await cluster.stored(source)) > SMALL / 4, 120_000, 50);
    const stopStarted = Date.now();
    await cluster.stopClickHouse(stopped);
    const stopMs = Date.now() - stopStarted;
    // ch1 down and no other server: its shard-mate ch2 may be waiting for parts only ch1 holds,
    // and on a busy machine a replica of the other shard may still be fetching its partner's.
    const notReady = await serversNotReady(cluster.clickhouse);
    expect(notReady[0]).toBe(`${stopped.host.address}:${stopped.tcpPort} (down)`);
    for (const other of notReady.slice(1)) expect(other).toMatch(/^[\d.]+:\d+ \(catching up/);
    // A month marked for rollup repair, as an interrupted insert marks it: each batch written now
    // tries a repair, which must wait for ch1 rather than pause the queue while it is down.
    await repair.markSuspect([202501]);
    // Read through ch2 now: it lacks the parts ch1 took just before it stopped until ch1 returns.
    const atStop = await cluster.stored(source);
    const producers = [await sendingFirst, await cluster.sendPosts(queue, prefix, source, after)];
    await waitUntil('the second half stored while the replica is down', async () => (await cluster.stored(source)) >= atStop + after.length, 120_000, 100);
    const whileDown = await cluster.stored(source);
    // Inserts cut off by the stopping replica mark their own months too; none is repaired while ch1 is down.
    expect(await repair.suspectMonths()).toContain(202501);
    await cluster.startClickHouse(stopped);
    const returned = Date.now();
    for (const producer of producers) expect(producer.stats).toMatchObject({ accepted: SMALL / 2, rejected: 0, duplicates: 0 });
    await cluster.waitForPosts(queue, source, SMALL, 300_000);
    // Until the replicas of shard 1 have fetched each other's parts, a read may go to one that lacks
    // some (its rollups short): the answer is exact once both have caught up.
    await waitUntil('every server up and caught up', async () => (await serversNotReady(cluster.clickhouse)).length === 0, 120_000, 250);
    const catchUpMs = Date.now() - returned;
    const r = await reconcileSource(cluster.clickhouse, source);
    expect(r).toEqual(expectedCounts(SMALL, r.topicExpected));
    const replicas = await cluster.perReplica(source);
    expect(replicas.ch1).toBe(replicas.ch2);
    expect(replicas.ch3).toBe(replicas.ch4);
    expect(replicas.ch1! + replicas.ch3!).toBe(SMALL);
    // Every server ready again: the postponed repair runs and clears every mark, and the counts stay exact.
    await repair.repair();
    expect(await repair.suspectMonths()).toEqual([]);
    expect(await reconcileSource(cluster.clickhouse, source)).toEqual(expectedCounts(SMALL, r.topicExpected));
    console.log(`[cluster] ch1 stopped (SIGTERM, ${stopMs} ms to exit) with ${atStop} posts readable; ${whileDown} readable while it was down; every post stored and every replica caught up ${catchUpMs} ms after its return; every replica agrees: ${JSON.stringify(replicas)}`);
    for (const worker of workers) await worker.process.stop();
    await queue.close();
  }, 600_000);

  it('loses and duplicates nothing when the Redis master holding the queue is killed and its replica takes over during an import', async () => {
    const prefix = '{rift-failover}';
    const source = 'cluster-failover';
    const queue = cluster.queue(prefix);
    const workers = [await cluster.startWorker(cluster.workerHosts[0]!, prefix, 'failover-w1'), await cluster.startWorker(cluster.workerHosts[1]!, prefix, 'failover-w2')];
    const master = cluster.queueMaster(prefix);
    const sending = cluster.send(queue, prefix, source, SMALL, 4);
    await waitUntil('a fifth of the posts stored', async () => (await cluster.stored(source)) > SMALL / 5, 120_000, 50);
    master.process!.kill('SIGKILL');
    await master.process!.exited;
    const atKill = await cluster.stored(source);
    await waitUntil('a replica to take over the queue\'s slot', () => cluster.queueMaster(prefix) !== master, 60_000, 250);
    const successor = cluster.queueMaster(prefix);
    const producer = await sending;
    expect(producer.stats).toMatchObject({ accepted: SMALL, rejected: 0, duplicates: 0 });
    await cluster.waitForPosts(queue, source, SMALL, 300_000);
    const r = await reconcileSource(cluster.clickhouse, source);
    expect(r).toEqual(expectedCounts(SMALL, r.topicExpected));
    expect(await new DeadLetters(cluster.redis, prefix).count()).toBe(0);
    // The old master comes back as a replica of the new one.
    await cluster.restartRedisNode(master);
    await waitUntil('the old master to rejoin as a replica', () => redisCli(master, ['role']).startsWith('slave'), 60_000, 250);
    console.log(`[cluster] Redis master ${master.host.address}:${master.port} killed at ${atKill} posts stored; ${successor.host.address}:${successor.port} took over; ${SMALL} stored once each`);
    for (const worker of workers) await worker.process.stop();
    await queue.close();
  }, 600_000);

  it('answers the same trends, divide, posts, gaps and export from the API on another host as a single node on the same posts', async () => {
    const prefix = '{rift-api}';
    const source = 'cluster-api';
    const posts = demoPosts(source, 20_000, 5);
    const queue = cluster.queue(prefix);
    const worker = await cluster.startWorker(cluster.workerHosts[2]!, prefix, 'api-w3');
    await cluster.send(queue, prefix, source, 20_000, 5);
    await cluster.waitForPosts(queue, source, 20_000, 300_000);
    await worker.process.stop();
    await queue.close();
    const api = await cluster.startApi(prefix);

    const pipeline = await startTestPipeline();
    const relevance = new RelevanceFilter(pipeline.pack);
    await feed(posts.map((post) => ({ post: relevance.annotate(post) })), pipeline.producer(), source);
    await pipeline.drained();
    const app = await startServer(
      { clickhouse: pipeline.db.clickhouse, redis: pipeline.redis, postsQueue: pipeline.queue, queuePrefix: pipeline.prefix, pack: pipeline.pack },
      { host: '127.0.0.1', port: 0 },
    );
    const singleUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      // An explicit window: without one, the window defaults to the span of every source stored, and the cluster holds others.
      const s = `source=${source}&from=2024-03-01&to=2026-01-01`;
      const w = (from: string, to: string) => `source=${source}&from=${from}&to=${to}`;
      const paths = [
        `/api/trends?${s}&metric=volume&granularity=day`,
        `/api/trends?${w('2025-01-10', '2025-01-25')}&metric=volume&granularity=hour`,
        `/api/trends?${s}&metric=stance_oppose_share&group_by=actor&granularity=week`,
        `/api/trends?${s}&metric=sentiment_mean&group_by=lang&granularity=week`,
        `/api/trends?${s}&metric=volume&group_by=topic&granularity=week`,
        `/api/divide?${s}`,
        `/api/movers?${w('2025-01-01', '2025-02-01')}`,
        `/api/posts?${w('2025-01-15', '2025-01-20')}&limit=200`,
        `/api/gaps?${s}&granularity=day`,
        `/api/export?${w('2025-01-01', '2025-03-01')}&format=jsonl`,
      ];
      for (const p of paths) {
        const [onCluster, onSingle] = await Promise.all([fetch(cluster.apiUrl + p), fetch(singleUrl + p)]);
        const [a, b] = await Promise.all([onCluster.text(), onSingle.text()]);
        expect(onCluster.status, `${p}: ${a.slice(0, 300)}`).toBe(200);
        expect(onSingle.status, p).toBe(200);
        expect(a.length, p).toBeGreaterThan(100);
        expect(normalise(a), p).toEqual(normalise(b));
      }
    } finally {
      await app.close();
      await pipeline.close();
      await api.process.stop();
    }
  }, 600_000);

  it('re-scores every stored post on the cluster: each row replaced once on its own shard, rollups still exact', async () => {
    // A database of its own, so that `rift rescore` (which re-sends every stored post) has only these.
    const database = 'rift_cluster_rescore';
    const source = 'cluster-rescore';
    const prefix = '{rift-rescore}';
    const n = 5000;
    const env = cluster.env(prefix, { CLICKHOUSE_DB: database });
    const migrate = await cluster.rift(cluster.apiHost, ['migrate', '--cluster', CLUSTER_NAME], env, 'rescore-migrate');
    expect(migrate.code, migrate.output).toBe(0);
    const clickhouse = new ClickHouse({ url: cluster.initiator.url, username: 'default', password: '', database, cluster: CLUSTER_NAME });
    const queue = cluster.queue(prefix);
    const idle = async (what: (r: Reconciliation) => boolean) => {
      const r = await reconcileSource(clickhouse, source);
      return what(r) && (await queue.getJobCounts('waiting', 'active', 'delayed')).active === 0 && (await queue.getWaitingCount()) === 0;
    };
    const first = await cluster.startWorker(cluster.workerHosts[0]!, prefix, 'rescore-w1', env);
    await cluster.send(queue, prefix, source, n, 6);
    await waitUntil(`${n} posts stored`, () => idle((r) => r.final === n), 300_000, 500);
    await first.process.stop();
    const before = await reconcileSource(clickhouse, source);

    // A topic pack of another version is another model version: every post's analysis changes.
    const packDir = mkdtempSync(path.join(os.tmpdir(), 'rift-pack-'));
    const pack = JSON.parse(readFileSync(loadConfig().RIFT_TOPIC_PACK, 'utf8')) as { version: string };
    pack.version = `${pack.version}-cluster`;
    const packFile = path.join(packDir, 'pack.json');
    writeFileSync(packFile, JSON.stringify(pack));
    const rescoreEnv = { ...env, RIFT_TOPIC_PACK: packFile };
    const second = await cluster.startWorker(cluster.workerHosts[1]!, prefix, 'rescore-w2', rescoreEnv);
    const rescore = await cluster.rift(cluster.apiHost, ['rescore'], rescoreEnv, 'rescore');
    expect(rescore.code, rescore.output).toBe(0);
    const rescored = async () =>
      Number((await clickhouse.query<{ n: string }>(
        sql`SELECT count() AS n FROM (SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1 AND model_version LIKE '%-cluster%'`,
      ))[0]?.n);
    await waitUntil('every post re-scored', async () => (await rescored()) === n && (await idle(() => true)), 300_000, 500);
    await second.process.stop();
    await queue.close();
    const after = await reconcileSource(clickhouse, source);
    await clickhouse.close();
    // Each replaced post adds its sign -1 copy and a new row: the signed sum and the rollups stay exact.
    expect(before).toEqual(expectedCounts(n, before.topicExpected));
    expect(after).toEqual(expectedCounts(n, after.topicExpected));
  }, 600_000);

  it('rift rollups verify finds a month whose rollup lost rows on one shard, and rebuild repairs it, on the cluster', async () => {
    expect((await checkRollups(cluster.clickhouse)).every(isConsistent)).toBe(true);
    const month = 202501;
    // Losing the month on shard 2 only: the sum over shards is then short by that shard's posts.
    const shard2 = cluster.node(cluster.clickhouseNodes[2]!);
    await shard2.command(sql`ALTER TABLE ${shard2.table(localTableName(TRENDS_HOURLY_TABLE))} DROP PARTITION ${month}`);
    await shard2.close();
    const broken = (await checkRollups(cluster.clickhouse)).find((c) => c.month === month)!;
    expect(broken.trends).toBeLessThan(broken.posts);
    await rebuildRollupMonth(cluster.clickhouse, month);
    const checks = await checkRollups(cluster.clickhouse);
    expect(checks.every(isConsistent)).toBe(true);
    expect(checks.find((c) => c.month === month)!.trends).toBe(broken.posts);
  }, 300_000);
});

/**
 * Timings, the time of the request and when each store wrote a row differ between two servers; nothing else may, except the
 * last digits of a sum of floats, which the shards add up in another order (counts stay exact).
 */
function normalise(body: string): unknown {
  const strip = (value: unknown): unknown => {
    if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => !['took_ms', 'generated_at', 'elapsed_ms', 'ingested_at'].includes(k)).map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };
  try {
    return strip(JSON.parse(body));
  } catch {
    return body.split('\n').map((line) => (line ? strip(JSON.parse(line)) : line));
  }
}

function expectedCounts(n: number, topics: number) {
  return { final: n, signed: n, rollup: n, dailyRollup: n, sourceRollup: n, topicRollup: topics, dailyTopicRollup: topics, topicExpected: topics };
}
