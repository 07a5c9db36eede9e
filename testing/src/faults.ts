/**
 * Shared pieces of the fault-injection tests (and scripts/soak.ts): dedicated Redis and
 * ClickHouse servers that a test may stop and restart at will, `rift worker` child processes
 * that it may kill, the demo corpus as the load, and the reconciliation of what was sent with
 * what ClickHouse holds.
 *
 * Nothing here uses the shared test servers: those stay up for the other test files, while these
 * servers get their own ports and a data folder of their own under the system's temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { ClickHouse, createRedis, DeadLetters, isQueueIdle, type PostBatchJob, POSTS_TABLE, QueueName, type Redis, REPO_ROOT, SOURCE_HOURLY_TABLE, sql, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE } from '@rift/core';
import { feed, generateDemoPosts, PostProducer, type SourceItem } from '@rift/ingest';
import { clickhouseAnswers, ensureLocalClickHouse, ensureLocalRedis, Migrator, redisAnswers, type ManagedProcess } from '@rift/infra';

export { REPO_ROOT };
export const RIFT_BIN = path.join(REPO_ROOT, 'bin/rift.mjs');

/** Short locks so that a killed worker's batch comes back within seconds, not a minute. */
export const TEST_LOCK_MS = 4000;

export interface Ports {
  redis: number;
  clickhouseHttp: number;
  clickhouseTcp: number;
}

/** Polls `probe` until it is true; throws with `what` and the last detail after `timeoutMs`. */
export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await probe()) return;
    } catch (err) {
      last = ` (last error: ${(err as Error).message})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last}`);
    await sleep(everyMs);
  }
}

/**
 * A Redis and a ClickHouse of a test's own, plus clients for them. `stop*` / `start*` are the
 * faults: the servers come back on the same ports with the same data.
 */
export class FaultServices {
  readonly redisUrl: string;
  readonly clickhouseUrl: string;
  readonly database = 'rift_faults';
  readonly prefix = 'faults';
  readonly redis: Redis;
  readonly clickhouse: ClickHouse;
  readonly queue: Queue<PostBatchJob>;
  readonly deadLetters: DeadLetters;
  private redisProcess: ManagedProcess | undefined;
  private clickhouseProcess: ManagedProcess | undefined;
  private readonly lines: string[] = [];

  private constructor(
    readonly dir: string,
    readonly ports: Ports,
  ) {
    this.redisUrl = `redis://127.0.0.1:${ports.redis}`;
    this.clickhouseUrl = `http://127.0.0.1:${ports.clickhouseHttp}`;
    this.redis = createRedis(this.redisUrl);
    // ioredis reports every refused reconnect while Redis is down on purpose; that is expected here.
    this.redis.on('error', () => {});
    this.clickhouse = new ClickHouse({ url: this.clickhouseUrl, username: 'default', password: '', database: this.database });
    this.queue = new Queue<PostBatchJob>(QueueName.posts, { connection: this.redis, prefix: this.prefix });
    this.queue.on('error', () => {});
    this.deadLetters = new DeadLetters(this.redis, this.prefix);
  }

  /** Starts both servers in a fresh temp folder; refuses ports that something already answers on. */
  static async start(name: string, ports: Ports): Promise<FaultServices> {
    if (await redisAnswers(ports.redis)) throw new Error(`port ${ports.redis} already has a Redis: a fault test needs a server of its own`);
    if (await clickhouseAnswers(`http://127.0.0.1:${ports.clickhouseHttp}`)) {
      throw new Error(`port ${ports.clickhouseHttp} already has a ClickHouse: a fault test needs a server of its own`);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), `rift-${name}-`));
    const self = new FaultServices(dir, ports);
    await Promise.all([self.startRedis(), self.startClickHouse()]);
    const migrator = new Migrator(self.clickhouse);
    await migrator.up();
    await migrator.close();
    return self;
  }

  /** False from a stopClickHouse() until the next startClickHouse(). */
  get clickhouseRunning(): boolean {
    return this.clickhouseProcess !== undefined;
  }

  get log(): readonly string[] {
    return this.lines;
  }

  async startRedis(): Promise<void> {
    const started = await ensureLocalRedis(this.dir, this.ports.redis, (line) => this.lines.push(line));
    if (!started.process) throw new Error(`Redis on port ${this.ports.redis} was not started by this test`);
    this.redisProcess = started.process;
  }

  /** SIGTERM (Redis writes its append-only file and exits), then waits until the port is dead. */
  async stopRedis(): Promise<void> {
    await this.redisProcess?.stop();
    this.redisProcess = undefined;
    await waitUntil('Redis to stop answering', async () => !(await redisAnswers(this.ports.redis)), 10_000);
  }

  async restartRedis(): Promise<void> {
    await this.stopRedis();
    await this.startRedis();
  }

  async startClickHouse(): Promise<void> {
    const started = await ensureLocalClickHouse(this.dir, this.ports.clickhouseHttp, this.ports.clickhouseTcp, (line) => this.lines.push(line));
    if (!started.process) throw new Error(`ClickHouse on port ${this.ports.clickhouseHttp} was not started by this test`);
    this.clickhouseProcess = started.process;
  }

  async stopClickHouse(): Promise<void> {
    await this.clickhouseProcess?.stop();
    this.clickhouseProcess = undefined;
    await waitUntil('ClickHouse to stop answering', async () => !(await clickhouseAnswers(this.clickhouseUrl)), 20_000);
  }

  /** What a `rift` child process needs to use these servers. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      REDIS_URL: this.redisUrl,
      CLICKHOUSE_URL: this.clickhouseUrl,
      CLICKHOUSE_DB: this.database,
      RIFT_QUEUE_PREFIX: this.prefix,
      RIFT_JOB_LOCK_MS: String(TEST_LOCK_MS),
      LOG_LEVEL: 'debug',
      ...extra,
    };
  }

  /** A producer of the demo corpus onto this queue. */
  producer(batchSize = 500): PostProducer {
    return new PostProducer(this.queue, this.redis, { batchSize, prefix: this.prefix });
  }

  async jobCounts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
  }

  /** True when no batch waits, runs or waits for a retry. */
  idle(): Promise<boolean> {
    return isQueueIdle(this.queue);
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => {});
    this.redis.disconnect();
    await this.clickhouse.close().catch(() => {});
    await Promise.all([this.redisProcess?.stop(), this.clickhouseProcess?.stop()]);
    if (!process.env.RIFT_FAULTS_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A `rift` command running as a child process, with its output in a log file. */
export class RiftChild {
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private output = '';

  constructor(args: string[], env: NodeJS.ProcessEnv, logDir: string, label: string) {
    this.logFile = path.join(logDir, `${label}.log`);
    const file = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(process.execPath, [RIFT_BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString();
      file.write(chunk);
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        file.end();
        resolve({ code, signal, at: Date.now() });
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything written to stdout and stderr so far. */
  get text(): string {
    return this.output;
  }

  /** Pino JSON lines with this message. */
  count(message: string): number {
    return this.output.split('\n').filter((line) => line.includes(`"msg":"${message}"`)).length;
  }

  /** The outcomes a worker logged for the batches it wrote (its 'batch written' debug lines). */
  batches(): Array<{ job: string; inserted: number; replaced: number; unchanged: number; deadLettered: number }> {
    return this.output
      .split('\n')
      .filter((line) => line.includes('"msg":"batch written"'))
      .map((line) => JSON.parse(line) as { job: string; inserted: number; replaced: number; unchanged: number; deadLettered: number });
  }

  async waitFor(pattern: string | RegExp, timeoutMs: number): Promise<void> {
    await waitUntil(`${String(pattern)} from ${this.logFile}`, () => {
      if (!this.alive && !matches(this.output, pattern)) throw new Error(`exited first; output:\n${this.output.slice(-2000)}`);
      return matches(this.output, pattern);
    }, timeoutMs, 100);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** Runs to the end: exit code and output. */
  static async run(args: string[], env: NodeJS.ProcessEnv, logDir: string, label: string, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
    const child = new RiftChild(args, env, logDir, label);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const { code } = await child.exited;
    clearTimeout(timer);
    return { code, output: child.text };
  }
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/** `rift worker --role analyze` on the services, ready once it logs that it started. */
export async function startWorker(services: FaultServices, label: string, concurrency = 2, extraEnv: Record<string, string> = {}): Promise<RiftChild> {
  const worker = new RiftChild(['worker', '--role', 'analyze', '--concurrency', String(concurrency)], services.env(extraEnv), services.dir, label);
  await worker.waitFor('"msg":"analyze worker started"', 30_000);
  return worker;
}

/**
 * Sends `count` demo posts through a producer. `paceMs` spreads the batches out in time (a pause
 * after each batch), so that faults land while batches keep arriving.
 */
export async function sendDemo(
  services: FaultServices,
  count: number,
  options: { batchSize?: number; seed?: number; paceMs?: number } = {},
): Promise<PostProducer> {
  const batchSize = options.batchSize ?? 500;
  const producer = services.producer(batchSize);
  async function* items(): AsyncGenerator<SourceItem> {
    let n = 0;
    for (const post of generateDemoPosts({ count, seed: options.seed })) {
      yield { post };
      if (options.paceMs && ++n % batchSize === 0) await sleep(options.paceMs);
    }
  }
  await feed(items(), producer, 'demo');
  return producer;
}

/** The ids the demo generator gives `count` posts. */
export function demoIds(count: number, seed?: number): Set<string> {
  const ids = new Set<string>();
  for (const post of generateDemoPosts({ count, seed })) ids.add(post.id);
  return ids;
}

export interface Reconciliation {
  /** `SELECT count() FROM posts_v1 FINAL`: one row per post. */
  final: number;
  /** Live rows without FINAL: rows with sign 1 minus rows with sign -1; a duplicate insert shows here. */
  signed: number;
  /** `sumMerge(posts)` of trends_hourly_v1, of trends_daily_v1 and of source_hourly_v1. */
  rollup: number;
  dailyRollup: number;
  sourceRollup: number;
  /** `sumMerge(posts)` of topic_trends_hourly_v1 and topic_trends_daily_v1, and what both must be: the topics of the stored posts. */
  topicRollup: number;
  dailyTopicRollup: number;
  topicExpected: number;
}

export async function reconcile(clickhouse: ClickHouse): Promise<Reconciliation> {
  const one = async (query: ReturnType<typeof sql>) => Number((await clickhouse.query<{ n: string }>(query))[0]?.n ?? 0);
  return {
    final: await one(sql`SELECT count() AS n FROM ${clickhouse.table(POSTS_TABLE)} FINAL`),
    signed: await one(sql`SELECT sum(toInt64(sign)) AS n FROM ${clickhouse.table(POSTS_TABLE)}`),
    rollup: await one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(TRENDS_HOURLY_TABLE)}`),
    dailyRollup: await one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(TRENDS_DAILY_TABLE)}`),
    sourceRollup: await one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(SOURCE_HOURLY_TABLE)}`),
    topicRollup: await one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(TOPIC_TRENDS_HOURLY_TABLE)}`),
    dailyTopicRollup: await one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(TOPIC_TRENDS_DAILY_TABLE)}`),
    topicExpected: await one(sql`SELECT sum(length(topics)) AS n FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1`),
  };
}

/** Ids stored once (FINAL, sign 1) in posts_v1. */
export async function storedIds(clickhouse: ClickHouse): Promise<string[]> {
  const rows = await clickhouse.query<{ id: string }>(sql`SELECT id FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1`);
  return rows.map((r) => r.id);
}

/** Expected ids that are not stored, and stored ids that were not expected. */
export function compareIds(expected: Set<string>, stored: string[]): { missing: string[]; unexpected: string[]; repeated: number } {
  const seen = new Set(stored);
  return {
    missing: [...expected].filter((id) => !seen.has(id)),
    unexpected: [...seen].filter((id) => !expected.has(id)),
    repeated: stored.length - seen.size,
  };
}

/** Posts stored, or -1 while ClickHouse does not answer. */
export async function storedCount(clickhouse: ClickHouse): Promise<number> {
  try {
    const rows = await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${clickhouse.table(POSTS_TABLE)} FINAL`);
    return Number(rows[0]?.n ?? 0);
  } catch {
    return -1;
  }
}

/** Waits until `n` posts are stored and the queue is idle. */
export async function waitForPosts(services: FaultServices, n: number, timeoutMs: number): Promise<void> {
  await waitUntil(`${n} posts stored and an idle queue`, async () => (await storedCount(services.clickhouse)) === n && (await services.idle()), timeoutMs, 250);
}

/**
 * Pids of live processes whose command line or working folder mentions `needle` (a test's unique
 * temp folder). Redis rewrites its command line, but `--dir` makes it work in its data folder.
 */
export function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // not ours to read
      }
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') + ' ' + cwd;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // A zombie has exited already; only its parent's bookkeeping is left.
      if (cmdline.includes(needle) && !/^\d+ \(.*\) Z /.test(stat)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * A TCP relay in front of ClickHouse that can be frozen: it then stops reading what its clients
 * send, so their requests hang (ClickHouse never sees them) as they would against a hung server,
 * while other processes still reach ClickHouse directly.
 */
export class FreezableProxy {
  private frozen = false;
  private readonly clients = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<FreezableProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FreezableProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => {
      proxy.clients.add(client);
      client.on('close', () => proxy.clients.delete(client));
      client.on('error', () => {});
      if (proxy.frozen) {
        client.pause();
        return;
      }
      const upstream = net.connect(targetPort, '127.0.0.1');
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  freeze(): void {
    this.frozen = true;
    for (const client of this.clients) {
      client.unpipe();
      client.pause();
    }
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
