import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareIds, demoIds, FaultServices, reconcile, sendDemo, startWorker, storedCount, storedIds, waitForPosts, waitUntil, type RiftChild } from '@rift/testing/faults';

const N = 20_000;

describe('Redis restarted while the producer and the worker run', () => {
  let services: FaultServices;
  let worker: RiftChild | undefined;

  beforeAll(async () => {
    services = await FaultServices.start('redis-restart', { redis: 6483, clickhouseHttp: 8483, clickhouseTcp: 9483 });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await services?.close();
  });

  it('the queue survives on its append-only file: nothing lost, nothing duplicated', async () => {
    worker = await startWorker(services, 'worker');
    // 40 batches over about 12 s, so that both restarts fall while batches are being produced.
    const sending = sendDemo(services, N, { batchSize: 500, paceMs: 300 });

    await waitUntil('first rows stored', async () => (await storedCount(services.clickhouse)) > 0, 30_000, 50);
    await services.restartRedis();
    const afterFirst = await storedCount(services.clickhouse);
    await waitUntil('more rows stored after the restart', async () => (await storedCount(services.clickhouse)) > afterFirst, 30_000, 50);
    await services.restartRedis();

    const producer = await sending;
    expect(producer.stats).toMatchObject({ accepted: N, rejected: 0, duplicates: 0 });
    await waitForPosts(services, N, 60_000);

    expect(worker.alive).toBe(true);
    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: N, signed: N, rollup: N, dailyRollup: N, sourceRollup: N, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
    expect(compareIds(demoIds(N), await storedIds(services.clickhouse))).toEqual({ missing: [], unexpected: [], repeated: 0 });
    expect(await services.deadLetters.count()).toBe(0);
    expect((await services.jobCounts()).failed).toBe(0);
    // Every post was marked as enqueued, once: the seen set came back with the queue.
    expect(await services.redis.scard(`${services.prefix}:seen:demo`)).toBe(N);
    const outcomes = worker.batches();
    console.log(JSON.stringify({
      test: 'redis-restart',
      batchesWritten: outcomes.length,
      unchangedOnRetry: outcomes.reduce((n, o) => n + o.unchanged, 0),
    }));
  }, 150_000);
});
