/**
 * End to end: a JSONL file of N demo posts through readPostsFromFile -> producer -> queue ->
 * analyze worker processes (one per core) -> ClickHouse, until the last row is queryable.
 * Counts are reconciled exactly; peak memory of every process is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { type PostBatchJob, POSTS_TABLE, QueueName, REPO_ROOT, sql } from '@rift/core';
import { feed, generateDemoPosts, PostProducer, readPostsFromFile } from '@rift/ingest';
import type { BenchContext } from './context.ts';
import { MB, processCpuSeconds, processMemory, type Figure } from './figures.ts';
import { measureRawInsert } from './raw-insert.ts';

const TARGET_PER_2_CORES = 20_000;

export async function writeDemoFile(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  let buffer = '';
  for (const post of generateDemoPosts({ count, seed: 7 })) {
    buffer += `${JSON.stringify(post)}\n`;
    if (buffer.length > 1 << 20 && !out.write(buffer)) await once(out, 'drain');
    if (buffer.length > 1 << 20) buffer = '';
  }
  out.end(buffer);
  await once(out, 'finish');
}

function startWorker(ctx: BenchContext, prefix: string): ChildProcess {
  const { services } = ctx;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), 'worker', '--role', 'analyze'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      REDIS_URL: services.redisUrl,
      CLICKHOUSE_URL: services.clickhouseUrl,
      CLICKHOUSE_DB: services.database,
      RIFT_QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/** CPU seconds used so far by the producer (this process), each worker, Redis and ClickHouse. */
async function cpuOfEach(ctx: BenchContext, workers: ChildProcess[]): Promise<Map<string, number>> {
  const usage = process.cpuUsage();
  const cpu = new Map<string, number>([['producer', (usage.user + usage.system) / 1e6]]);
  const workerCpu = await Promise.all(workers.map((w) => (w.pid ? processCpuSeconds(w.pid) : undefined)));
  cpu.set('analyze_workers', workerCpu.reduce<number>((a, b) => a + (b ?? 0), 0));
  for (const [name, pid] of Object.entries(ctx.services.pids)) {
    const seconds = pid ? await processCpuSeconds(pid) : undefined;
    if (seconds !== undefined) cpu.set(name, seconds);
  }
  return cpu;
}

async function countRows(ctx: BenchContext, final: boolean): Promise<number> {
  const table = ctx.services.clickhouse.table(POSTS_TABLE);
  const query = final ? sql`SELECT count() AS n FROM ${table} FINAL WHERE sign = 1` : sql`SELECT count() AS n FROM ${table}`;
  const [row] = await ctx.services.clickhouse.query<{ n: string | number }>(query);
  return Number(row?.n ?? 0);
}

export async function benchEndToEnd(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.e2ePosts ?? (ctx.quick ? 20_000 : 1_000_000);
  const cores = os.availableParallelism();
  const file = path.join(ctx.services.dir, `e2e-${n}.jsonl`);
  ctx.log(`end-to-end: writing ${n} demo posts to ${file}`);
  await writeDemoFile(file, n);

  const prefix = `bench-e2e-${Date.now()}`;
  const queue = new Queue<PostBatchJob>(QueueName.posts, { connection: ctx.services.redis, prefix });
  const workers = Array.from({ length: cores }, () => startWorker(ctx, prefix));
  const peaks = new Map<number, number>();
  const idle = new Map<number, number>();
  const sample = async () => {
    for (const w of workers) {
      const mem = w.pid ? await processMemory(w.pid) : undefined;
      if (mem && w.pid) peaks.set(w.pid, mem.peakRss);
    }
  };
  try {
    for (const deadline = Date.now() + 120_000; (await queue.getWorkers()).length < cores; ) {
      if (Date.now() > deadline) throw new Error('end-to-end: the analyze workers did not connect within 120 s');
      await sleep(200);
    }
    for (const w of workers) if (w.pid) idle.set(w.pid, (await processMemory(w.pid))?.rss ?? 0);
    const producerIdle = process.memoryUsage().rss;
    let producerPeak = producerIdle;
    const memoryTimer = setInterval(() => {
      producerPeak = Math.max(producerPeak, process.memoryUsage().rss);
      void sample();
    }, 500);
    ctx.log(`end-to-end: ${cores} analyze workers connected; importing`);
    const cpuBefore = await cpuOfEach(ctx, workers);
    const started = performance.now();
    const producer = new PostProducer(queue, ctx.services.redis, { batchSize: 1000, prefix });
    await feed(readPostsFromFile(file, { source: 'bench' }), producer, 'bench');
    let seen = 0;
    let lastChange = Date.now();
    let lastLog = Date.now();
    while (seen < n) {
      const now = await countRows(ctx, false);
      if (now !== seen) lastChange = Date.now();
      seen = now;
      if (Date.now() - lastLog > 15_000) {
        ctx.log(`end-to-end: ${seen} of ${n} rows in ClickHouse`);
        lastLog = Date.now();
      }
      if (Date.now() - lastChange > 120_000) break;
      if (seen < n) await sleep(100);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpuOfEach(ctx, workers);
    clearInterval(memoryTimer);
    await sample();
    const final = await countRows(ctx, true);
    const s = producer.stats;
    if (final !== n || s.accepted !== n) {
      throw new Error(
        `end-to-end: LOST OR EXTRA POSTS: file ${n}, queued ${s.accepted} (rejected ${s.rejected}, duplicates ${s.duplicates}), posts_v1 FINAL ${final}, rows ${seen}`,
      );
    }
    ctx.log(`end-to-end: reconciled: ${n} in the file, ${s.accepted} queued, ${final} in posts_v1 FINAL`);
    const rate = n / seconds;
    const target = (TARGET_PER_2_CORES / 2) * cores;
    const cpuMicros = new Map([...cpuAfter].map(([name, after]) => [name, ((after - (cpuBefore.get(name) ?? 0)) / n) * 1e6]));
    const totalCpuMicros = [...cpuMicros.values()].reduce((a, b) => a + b, 0);
    ctx.log('end-to-end: ClickHouse alone inserting the same rows');
    // The pipeline's figures stand even if the peer cannot be measured (say, ClickHouse overloaded).
    const raw = await measureRawInsert(ctx).catch((err: Error) => {
      ctx.log(`end-to-end: ClickHouse's own insert could not be measured: ${err.message}`);
      return { rowsPerSecond: undefined, clickhouseCpuMicros: undefined };
    });
    const workerPeaks = [...peaks.values()];
    const workerIdle = [...idle.values()];
    const figures: Figure[] = [
      {
        name: `e2e.posts_per_s.${cores}_workers`,
        value: rate,
        unit: 'posts/s',
        peer: raw.rowsPerSecond === undefined ? undefined : 'ClickHouse alone inserting the same rows (JSONEachRow over HTTP, 20,000 a statement, every rollup)',
        peer_value: raw.rowsPerSecond,
        target: { op: '>=', value: target },
        runs: `one run of ${n.toLocaleString('en-US')} posts (${seconds.toFixed(1)} s), counts reconciled; load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
        note:
          rate >= target
            ? undefined
            : `the machine's CPU is shared (load average ${os.loadavg()[0]!.toFixed(1)} on ${cores} cores at the end); ` +
              `the pipeline used ${Math.round(totalCpuMicros)} us of CPU per post in all (e2e.cpu_per_post.*), which on ${cores} idle cores allows ` +
              `${Math.round((cores * 1e6) / totalCpuMicros).toLocaleString('en-US')} posts/s (e2e.cpu_bound_posts_per_s)`,
      },
      {
        name: `e2e.cpu_bound_posts_per_s.${cores}_cores`,
        value: (cores * 1e6) / totalCpuMicros,
        unit: 'posts/s',
        peer: raw.clickhouseCpuMicros === undefined ? undefined : 'the same for ClickHouse alone inserting the same rows',
        peer_value: raw.clickhouseCpuMicros ? (cores * 1e6) / raw.clickhouseCpuMicros : undefined,
        target: { op: '>=', value: target },
        runs: `${cores} cores / CPU time per post of every process of the pipeline (/proc utime + stime), so other users' load does not count`,
      },
      ...[...cpuMicros].map(([name, micros]): Figure => ({
        name: `e2e.cpu_per_post.${name}`,
        value: micros,
        unit: 'us',
        peer: raw.clickhouseCpuMicros === undefined ? undefined : 'ClickHouse alone inserting the same rows',
        peer_value: raw.clickhouseCpuMicros,
        runs: `CPU time (user + system) during the import / ${n.toLocaleString('en-US')} posts`,
      })),
      { name: 'e2e.peak_rss.producer', value: producerPeak / MB, unit: 'MiB', peer: 'same process before import', peer_value: producerIdle / MB, runs: 'sampled every 500 ms' },
      {
        name: 'e2e.peak_rss.analyze_worker',
        value: Math.max(...workerPeaks) / MB,
        unit: 'MiB',
        peer: 'same process idle, connected',
        peer_value: Math.max(...workerIdle) / MB,
        runs: `VmHWM, largest of ${workerPeaks.length} workers`,
      },
    ];
    for (const [name, pid] of Object.entries(ctx.services.pids)) {
      const mem = pid ? await processMemory(pid) : undefined;
      if (!mem) continue;
      figures.push({
        name: `e2e.peak_rss.${name}`,
        value: mem.peakRss / MB,
        unit: 'MiB',
        peer: 'current RSS after the run',
        peer_value: mem.rss / MB,
        runs: 'VmHWM since the bench started it',
        note:
          name === 'redis'
            ? 'Redis keeps the last 1,000 completed batches with their posts (postJobOptions.removeOnComplete), so its memory grows to about 1,000 x batch size posts and then stays there: bounded by that count, not by the file size'
            : undefined,
      });
    }
    return figures;
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? once(w, 'exit') : undefined)));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await ctx.services.redis.del(`${prefix}:seen:bench`);
  }
}
