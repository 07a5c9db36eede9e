/**
 * A small Rift cluster on this machine for the cluster tests: ZooKeeper, ClickHouse with two
 * shards of two replicas, a Redis Cluster of three masters with a replica each, and hosts for
 * analyze workers and the API, each on a host of its own (see hosts.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { ClickHouse, createRedis, isQueueIdle, loadConfig, loadTopicPack, localTableName, type PostBatchJob, type PostInput, POSTS_TABLE, QueueName, type Redis, REPO_ROOT, sql } from '@rift/core';
import { feed, generateDemoPosts, PostProducer, RelevanceFilter, type SourceItem } from '@rift/ingest';
import { waitUntil } from '@rift/testing/faults';
import { Host, Hosts, type HostProcess } from './hosts.ts';
import {
  CLUSTER_NAME,
  clickhouseNode,
  createRedisCluster,
  masterOf,
  redisCli,
  startClickHouse,
  startRedisNode,
  startZooKeeper,
  stopClickHouse,
  type ClickHouseNode,
  type RedisNode,
  type ZooKeeper,
} from './servers.ts';

export const RIFT_BIN = path.join(REPO_ROOT, 'bin/rift.mjs');
export const DATABASE = 'rift_cluster';
/** Short job locks, so that the batches of a killed worker host come back within seconds. */
const LOCK_MS = 4000;

/** Ports inside the ranges this test may use: 71xx Redis (bus 171xx), 87xx/97xx ClickHouse, 7181 ZooKeeper. */
const PORTS = { zookeeper: 7181, redis: 7101, clickhouseHttp: 8701, clickhouseTcp: 9701, interserver: 9751, api: 8780 };

export class TestCluster {
  readonly clickhouse: ClickHouse;
  readonly redis: Redis;
  readonly lines: string[] = [];
  private readonly workers: RiftProcess[] = [];
  private constructor(
    readonly hosts: Hosts,
    readonly dir: string,
    readonly zookeeper: ZooKeeper,
    readonly clickhouseNodes: ClickHouseNode[],
    readonly redisNodes: RedisNode[],
    readonly workerHosts: Host[],
    readonly apiHost: Host,
  ) {
    this.clickhouse = new ClickHouse({ url: this.initiator.url, username: 'default', password: '', database: DATABASE, cluster: CLUSTER_NAME });
    this.redis = createRedis(this.redisUrl);
    this.redis.on('error', () => {});
  }

  static async start(say: (line: string) => void): Promise<TestCluster> {
    const hosts = Hosts.create('rc6', 6, say);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rift-cluster-'));
    try {
      say(`hosts: ${hosts.description}`);
      const zookeeper = await startZooKeeper(hosts.add('zk'), PORTS.zookeeper, path.join(dir, 'zk'), say);
      const clickhouseNodes = [1, 2, 3, 4].map((i) => {
        const replica = `ch${i}`;
        const ports = { http: PORTS.clickhouseHttp + i - 1, tcp: PORTS.clickhouseTcp + i - 1, interserver: PORTS.interserver + i - 1 };
        return clickhouseNode(hosts.add(replica), i <= 2 ? 1 : 2, replica, ports, path.join(dir, replica));
      });
      const redisNodes: RedisNode[] = [1, 2, 3, 4, 5, 6].map((i) => ({ host: hosts.add(`redis${i}`), port: PORTS.redis + i - 1, dir: path.join(dir, `redis${i}`) }));
      await Promise.all([
        ...clickhouseNodes.map((node) => startClickHouse(node, clickhouseNodes, zookeeper, say)),
        ...redisNodes.map((node) => startRedisNode(node, say)),
      ]);
      await createRedisCluster(redisNodes, say);
      const workerHosts = [hosts.add('worker1'), hosts.add('worker2'), hosts.add('worker3')];
      const apiHost = hosts.add('api');
      say(`analyze workers on ${workerHosts.map((h) => `${h.name} ${h.address}`).join(', ')}; API on ${apiHost.name} ${apiHost.address}:${PORTS.api}`);
      return new TestCluster(hosts, dir, zookeeper, clickhouseNodes, redisNodes, workerHosts, apiHost);
    } catch (err) {
      await hosts.destroy();
      throw err;
    }
  }

  /** The server Rift's processes connect to; a replica of shard 2, so shard 1's replicas can be stopped. */
  get initiator(): ClickHouseNode {
    return this.clickhouseNodes[3]!;
  }

  get redisUrl(): string {
    return `redis+cluster://${this.redisNodes.map((n) => `${n.host.address}:${n.port}`).join(',')}`;
  }

  get apiUrl(): string {
    return `http://${this.apiHost.address}:${PORTS.api}`;
  }

  /** What a `rift` process on any host needs to use this cluster. */
  env(prefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      REDIS_URL: this.redisUrl,
      CLICKHOUSE_URL: this.initiator.url,
      CLICKHOUSE_DB: DATABASE,
      CLICKHOUSE_CLUSTER: CLUSTER_NAME,
      RIFT_QUEUE_PREFIX: prefix,
      RIFT_JOB_LOCK_MS: String(LOCK_MS),
      RIFT_DATA_DIR: path.join(this.dir, 'rift-data'),
      LOG_LEVEL: 'debug',
      ...extra,
    };
  }

  /** Runs a `rift` command on a host to its end; returns its exit code and output. */
  async rift(host: Host, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<{ code: number | null; output: string }> {
    const log = path.join(this.dir, `${label}.log`);
    const child = host.spawn(label, process.execPath, [RIFT_BIN, ...args], log, env);
    const { code } = await child.exited;
    return { code, output: readFileSync(log, 'utf8') };
  }

  /** `rift worker` on a host, once it logs that it started. */
  async startWorker(host: Host, prefix: string, label: string, env = this.env(prefix)): Promise<RiftProcess> {
    const log = path.join(this.dir, `${label}.log`);
    const process_ = host.spawn(label, process.execPath, [RIFT_BIN, 'worker', '--role', 'analyze', '--concurrency', '2'], log, env);
    const worker = new RiftProcess(process_, log);
    this.workers.push(worker);
    await worker.waitFor('"msg":"analyze worker started"', 60_000);
    return worker;
  }

  /** `rift serve` on the API host. */
  async startApi(prefix: string): Promise<RiftProcess> {
    const log = path.join(this.dir, 'api.log');
    const env = this.env(prefix, { HOST: this.apiHost.address, PORT: String(PORTS.api), LOG_LEVEL: 'warn' });
    const api = new RiftProcess(this.apiHost.spawn('api', process.execPath, [RIFT_BIN, 'serve'], log, env), log);
    await waitUntil(`the API at ${this.apiUrl}`, async () => (await fetch(`${this.apiUrl}/api/health`).catch(() => undefined))?.ok === true, 60_000);
    return api;
  }

  queue(prefix: string): Queue<PostBatchJob> {
    const queue = new Queue<PostBatchJob>(QueueName.posts, { connection: this.redis, prefix });
    queue.on('error', () => {});
    return queue;
  }

  /**
   * Sends `count` demo posts, relabelled as coming from `source`, through a producer on the test
   * host, with their matched terms marked as `rift start` marks the demo load's.
   */
  async send(queue: Queue<PostBatchJob>, prefix: string, source: string, count: number, seed: number): Promise<PostProducer> {
    return this.sendPosts(queue, prefix, source, demoPosts(source, count, seed));
  }

  /** Sends the given posts (of `source`) as `send` does. */
  async sendPosts(queue: Queue<PostBatchJob>, prefix: string, source: string, posts: Iterable<PostInput>): Promise<PostProducer> {
    const producer = new PostProducer(queue, this.redis, { batchSize: 500, prefix });
    const relevance = new RelevanceFilter(loadTopicPack(loadConfig().RIFT_TOPIC_PACK));
    async function* items(): AsyncGenerator<SourceItem> {
      for (const post of posts) yield { post: relevance.annotate(post) };
    }
    await feed(items(), producer, source);
    return producer;
  }

  async waitForPosts(queue: Queue<PostBatchJob>, source: string, n: number, timeoutMs: number): Promise<void> {
    await waitUntil(`${n} posts of ${source} stored and an idle queue`, async () => (await this.stored(source)) === n && (await isQueueIdle(queue)), timeoutMs, 500);
  }

  async stored(source: string): Promise<number> {
    try {
      const rows = await this.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${this.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = ${source}`);
      return Number(rows[0]?.n ?? 0);
    } catch {
      return -1;
    }
  }

  /** A client for one server, reading its own local tables. */
  node(node: ClickHouseNode): ClickHouse {
    return new ClickHouse({ url: node.url, username: 'default', password: '', database: DATABASE });
  }

  /** Posts of a source on each server's local table, after each replica has fetched what its shard holds. */
  async perReplica(source: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const node of this.clickhouseNodes) {
      const client = this.node(node);
      await client.command(sql`SYSTEM SYNC REPLICA ${client.table(localTableName(POSTS_TABLE))}`);
      const rows = await client.query<{ n: string }>(sql`SELECT count() AS n FROM ${client.table(localTableName(POSTS_TABLE))} FINAL WHERE source = ${source}`);
      counts[node.replica] = Number(rows[0]?.n ?? 0);
      await client.close();
    }
    return counts;
  }

  async stopClickHouse(node: ClickHouseNode): Promise<void> {
    await stopClickHouse(node);
  }

  async startClickHouse(node: ClickHouseNode): Promise<void> {
    await startClickHouse(node, this.clickhouseNodes, this.zookeeper, (line) => this.lines.push(line));
  }

  /** The Redis master holding the queue's slot (the prefix's hash tag). */
  queueMaster(prefix: string): RedisNode {
    return masterOf(this.redisNodes, prefix.slice(prefix.indexOf('{'), prefix.indexOf('}') + 1));
  }

  async restartRedisNode(node: RedisNode): Promise<void> {
    await startRedisNode(node, (line) => this.lines.push(line));
  }

  /**
   * After each test: stops the workers it left running and starts every server a fault test stopped
   * or killed, so that a test that fails halfway does not leave the next one a broken cluster.
   */
  async heal(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.process.stop(15_000)));
    for (const node of this.clickhouseNodes.filter((n) => !n.process?.alive())) {
      this.lines.push(`healing: starting ClickHouse ${node.replica} again`);
      await this.startClickHouse(node);
    }
    const down = this.redisNodes.filter((n) => !n.process?.alive());
    for (const node of down) {
      this.lines.push(`healing: starting Redis ${node.host.address}:${node.port} again`);
      await this.restartRedisNode(node);
    }
    if (down.length > 0) {
      await waitUntil('every Redis node to report cluster_state:ok', () => this.redisNodes.every((n) => redisCli(n, ['cluster', 'info']).includes('cluster_state:ok')), 60_000, 250);
    }
  }

  async close(): Promise<void> {
    await this.clickhouse.close().catch(() => {});
    this.redis.disconnect();
    await this.hosts.destroy();
    if (!process.env.RIFT_CLUSTER_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The demo corpus with its own source name, so each test counts only its own posts. */
export function demoPosts(source: string, count: number, seed: number): PostInput[] {
  return [...generateDemoPosts({ count, seed })].map((post) => ({ ...post, source }));
}

/** A `rift` process on a host, with the lines it logged. */
export class RiftProcess {
  constructor(
    readonly process: HostProcess,
    readonly logFile: string,
  ) {}

  get text(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  /** The 'batch written' debug lines of an analyze worker: one per batch it stored. */
  batches(): number {
    return this.text.split('\n').filter((line) => line.includes('"msg":"batch written"')).length;
  }

  async waitFor(pattern: string, timeoutMs: number): Promise<void> {
    await waitUntil(`${pattern} in ${this.logFile}`, () => {
      const text = this.text;
      if (!this.process.alive() && !text.includes(pattern)) throw new Error(`exited first; output:\n${text.slice(-2000)}`);
      return text.includes(pattern);
    }, timeoutMs, 200);
  }
}
