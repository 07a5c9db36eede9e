/**
 * What copy clustering costs: the same demo posts, end to end (file -> producer -> queue ->
 * analyze worker processes -> ClickHouse, until every row is stored), with copy clusters on and
 * off, alternating (on, off, off, on, ...) so that a busy moment on the machine falls on both.
 * Each run starts on an empty database and band index. Both sides run the worker process of
 * copy-clustering-worker.ts, which differs only in that switch; the ratio of each on run to its
 * neighbouring off run is the figure (the issue's bound: clustering adds at most 10%). Beside it,
 * the CPU time the workers, Redis and ClickHouse spent on each run, which other users' load on a
 * shared machine disturbs far less than wall time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { type PostBatchJob, POSTS_TABLE, QueueName, REPO_ROOT, sql } from '@rift/core';
import { feed, PostProducer, readPostsFromFile } from '@rift/ingest';
import type { BenchContext } from './context.ts';
import { writeDemoFile } from './end-to-end.ts';
import { median, processCpuSeconds, type Figure } from './figures.ts';

const WORKER = fileURLToPath(new URL('./copy-clustering-worker.ts', import.meta.url));
const COST_BOUND = 1.1;
type Mode = 'on' | 'off';

function startWorker(ctx: BenchContext, prefix: string, mode: Mode): ChildProcess {
  const { services } = ctx;
  return spawn(process.execPath, ['--import', 'tsx', WORKER, mode], {
    cwd: REPO_ROOT,
    env: { ...process.env, REDIS_URL: services.redisUrl, CLICKHOUSE_URL: services.clickhouseUrl, CLICKHOUSE_DB: services.database, RIFT_QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? once(w, 'exit') : undefined)));
}

/** CPU seconds so far of the worker processes, Redis and ClickHouse. */
async function pipelineCpu(ctx: BenchContext, workers: ChildProcess[]): Promise<number> {
  const pids = [...workers.map((w) => w.pid), ctx.services.pids.redis, ctx.services.pids.clickhouse];
  const seconds = await Promise.all(pids.map((pid) => (pid ? processCpuSeconds(pid) : undefined)));
  return seconds.reduce<number>((a, b) => a + (b ?? 0), 0);
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  clusters: number;
}

/** Seconds from the first post sent to the last row stored, the CPU spent meanwhile, and the distinct copy clusters stored. */
async function oneRun(ctx: BenchContext, file: string, n: number, mode: Mode): Promise<Run> {
  const { services } = ctx;
  await services.resetDatabase();
  const prefix = `bench-copies-${mode}-${Date.now()}`;
  const queue = new Queue<PostBatchJob>(QueueName.posts, { connection: services.redis, prefix });
  const cores = os.availableParallelism();
  const workers = Array.from({ length: cores }, () => startWorker(ctx, prefix, mode));
  const table = services.clickhouse.table(POSTS_TABLE);
  try {
    for (const deadline = Date.now() + 120_000; (await queue.getWorkers()).length < cores; ) {
      if (Date.now() > deadline) throw new Error('copy clustering: the analyze workers did not connect within 120 s');
      await sleep(200);
    }
    const cpuBefore = await pipelineCpu(ctx, workers);
    const started = performance.now();
    const producer = new PostProducer(queue, services.redis, { batchSize: 1000, prefix });
    await feed(readPostsFromFile(file, { source: 'bench' }), producer, 'bench');
    for (let stalled = Date.now(); ; await sleep(100)) {
      const [row] = await services.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${table}`);
      if (Number(row?.n) >= n) break;
      if (Date.now() - stalled > 300_000) throw new Error(`copy clustering: only ${row?.n} of ${n} rows after 300 s`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (await pipelineCpu(ctx, workers)) - cpuBefore;
    const [row] = await services.clickhouse.query<{ posts: string; clusters: string }>(
      sql`SELECT count() AS posts, uniqExact(copy_cluster) AS clusters FROM ${table} FINAL WHERE sign = 1`,
    );
    if (Number(row?.posts) !== n) throw new Error(`copy clustering: expected ${n} posts, found ${row?.posts}`);
    return { seconds, cpuSeconds, clusters: Number(row?.clusters) };
  } finally {
    await stopWorkers(workers);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const keys = await services.redis.keys(`${prefix}:*`);
    if (keys.length) await services.redis.del(...keys);
  }
}

export async function benchCopyClustering(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.quick ? 5_000 : 20_000;
  const pairs = ctx.quick ? 1 : 3;
  const file = path.join(ctx.services.dir, `copies-${n}.jsonl`);
  await writeDemoFile(file, n);
  const seconds: Record<Mode, number[]> = { on: [], off: [] };
  const cpu: Record<Mode, number[]> = { on: [], off: [] };
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const clusters: Record<Mode, number> = { on: 0, off: 0 };
  for (let pair = 0; pair < pairs; pair++) {
    // ABBA: the side that runs first alternates, so a trend in the machine's load cancels.
    const order: Mode[] = pair % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
    for (const mode of order) {
      const run = await oneRun(ctx, file, n, mode);
      seconds[mode].push(run.seconds);
      cpu[mode].push(run.cpuSeconds);
      clusters[mode] = run.clusters;
      ctx.log(`copy clustering: ${mode}, ${n.toLocaleString('en-US')} posts in ${run.seconds.toFixed(1)} s (${run.cpuSeconds.toFixed(1)} CPU s), ${run.clusters.toLocaleString('en-US')} clusters`);
    }
    ratios.push(seconds.on.at(-1)! / seconds.off.at(-1)!);
    cpuRatios.push(cpu.on.at(-1)! / cpu.off.at(-1)!);
  }
  // The switch is checked, not assumed: off leaves every post its own cluster, on joins the demo's copies.
  if (clusters.off !== n || clusters.on >= n) throw new Error(`copy clustering: clusters on ${clusters.on}, off ${clusters.off}, for ${n} posts`);
  const runs = `${pairs} pairs of runs of ${n.toLocaleString('en-US')} demo posts, alternating; ${os.availableParallelism()} worker processes; load average ${os.loadavg()[0]!.toFixed(1)} at the end`;
  return [
    {
      name: 'e2e.copy_clustering.seconds',
      value: median(seconds.on),
      unit: 's',
      peer: 'the same posts with copy clustering off',
      peer_value: median(seconds.off),
      runs: `${runs}; with clustering ${clusters.on.toLocaleString('en-US')} clusters, without ${clusters.off.toLocaleString('en-US')}`,
    },
    {
      name: 'e2e.copy_clustering.cost_ratio',
      value: median(ratios),
      unit: 'x',
      peer: 'no clustering',
      peer_value: 1,
      target: { op: '<=', value: COST_BOUND },
      runs: `median of ${pairs} ratios, each run with clustering over its neighbouring run without: ${ratios.map((r) => r.toFixed(3)).join(', ')}`,
    },
    {
      name: 'e2e.copy_clustering.cpu_ratio',
      value: median(cpuRatios),
      unit: 'x',
      peer: 'no clustering',
      peer_value: 1,
      target: { op: '<=', value: COST_BOUND },
      runs: `CPU time (user + system) of the workers, Redis and ClickHouse per run, with over without, median of ${pairs}: ${cpuRatios.map((r) => r.toFixed(3)).join(', ')}; CPU s with ${cpu.on.map((c) => c.toFixed(1)).join(', ')}, without ${cpu.off.map((c) => c.toFixed(1)).join(', ')}`,
    },
  ];
}
