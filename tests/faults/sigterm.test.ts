import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueueEvents } from 'bullmq';
import { QueueName } from '@rift/core';
import { redisAnswers, clickhouseAnswers } from '@rift/infra';
import {
  compareIds,
  demoIds,
  FaultServices,
  processesMentioning,
  reconcile,
  RiftChild,
  sendDemo,
  startWorker,
  storedCount,
  storedIds,
  waitForPosts,
  waitUntil,
} from '@rift/testing/faults';

const N = 20_000;
const WORKER_EXIT_BOUND_MS = 15_000;

describe('SIGTERM to an analyze worker in the middle of the load', () => {
  let services: FaultServices;
  let events: QueueEvents;
  const workers: RiftChild[] = [];
  let stalled = 0;

  beforeAll(async () => {
    services = await FaultServices.start('sigterm', { redis: 6484, clickhouseHttp: 8484, clickhouseTcp: 9484 });
    events = new QueueEvents(QueueName.posts, { connection: { url: services.redisUrl }, prefix: services.prefix });
    events.on('stalled', () => stalled++);
    await events.waitUntilReady();
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await events?.close();
    await services?.close();
  });

  it('exits within a bounded time handing its batches back; the next worker finishes exactly', async () => {
    const first = await startWorker(services, 'worker-1');
    workers.push(first);
    const sending = sendDemo(services, N, { batchSize: 500 });
    await waitUntil('rows stored with a batch in hand', async () => {
      const stored = await storedCount(services.clickhouse);
      return stored > 0 && stored < N && (await services.queue.getActiveCount()) > 0;
    }, 30_000, 20);

    const signalled = Date.now();
    first.kill('SIGTERM');
    const exit = await first.exited;
    const tookMs = exit.at - signalled;
    expect(exit.code).toBe(0);
    expect(tookMs).toBeLessThan(WORKER_EXIT_BOUND_MS);
    // Nothing is left active under a dead worker: its batches were finished or handed back, not left to stall.
    expect(await services.queue.getActiveCount()).toBe(0);
    const atExit = await storedCount(services.clickhouse);
    expect(atExit).toBeLessThan(N);

    const second = await startWorker(services, 'worker-2');
    workers.push(second);
    await sending;
    await waitForPosts(services, N, 45_000);

    expect(stalled).toBe(0);
    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: N, signed: N, rollup: N, dailyRollup: N, sourceRollup: N, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
    expect(compareIds(demoIds(N), await storedIds(services.clickhouse))).toEqual({ missing: [], unexpected: [], repeated: 0 });
    expect((await services.jobCounts()).failed).toBe(0);
    console.log(JSON.stringify({ test: 'sigterm worker', exitMs: tookMs, storedAtExit: atExit }));
  }, 120_000);
});

describe('SIGINT to `rift start`', () => {
  const ports = { redis: 6485, clickhouseHttp: 8485, clickhouseTcp: 9485, api: 18485 };
  let dir: string;
  let start: RiftChild | undefined;

  beforeAll(async () => {
    if (await redisAnswers(ports.redis)) throw new Error(`port ${ports.redis} is taken`);
    if (await clickhouseAnswers(`http://127.0.0.1:${ports.clickhouseHttp}`)) throw new Error(`port ${ports.clickhouseHttp} is taken`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'rift-start-'));
  });

  afterAll(() => {
    start?.kill('SIGKILL');
    // Only if the test failed: the servers it started under this test's own folder.
    for (const pid of processesMentioning(dir)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops everything it started: the listener, the worker, Redis and ClickHouse', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.REDIS_URL;
    delete env.CLICKHOUSE_URL;
    Object.assign(env, {
      RIFT_DATA_DIR: dir,
      RIFT_REDIS_PORT: String(ports.redis),
      RIFT_CLICKHOUSE_HTTP_PORT: String(ports.clickhouseHttp),
      RIFT_CLICKHOUSE_TCP_PORT: String(ports.clickhouseTcp),
      PORT: String(ports.api),
      RIFT_DEMO_POSTS: '20000',
      RIFT_BATCH_SIZE: '500',
      LOG_LEVEL: 'info',
    });
    start = new RiftChild(['start'], env, dir, 'rift-start');
    await start.waitFor('Rift dashboard: http://localhost:', 60_000);
    const health = await fetch(`http://127.0.0.1:${ports.api}/api/health`);
    expect(health.status).toBe(200);

    // Both servers run, started by `rift start` with their data in this test's folder.
    const servers = processesMentioning(dir);
    expect(servers).toHaveLength(2);

    // Ideally mid-load; on a fast machine the queue may have finished the corpus by the first progress line.
    const someStored = /[1-9]\d* analysed and stored|the queue has finished them/;
    await waitUntil('some demo posts stored', () => someStored.test(start!.text), 90_000, 100);
    const signalled = Date.now();
    start.kill('SIGINT');
    const exit = await start.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(30_000);

    expect(processesMentioning(dir)).toEqual([]);
    expect(await redisAnswers(ports.redis)).toBe(false);
    expect(await clickhouseAnswers(`http://127.0.0.1:${ports.clickhouseHttp}`)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${ports.api}/api/health`)).rejects.toThrow();
    console.log(JSON.stringify({ test: 'sigint rift start', exitMs: exit.at - signalled, serversStopped: servers.length }));
  }, 240_000);
});
