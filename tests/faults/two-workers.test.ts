import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareIds, demoIds, FaultServices, reconcile, sendDemo, startWorker, storedIds, waitForPosts, type RiftChild } from '@rift/testing/faults';

const N = 20_000;
const BATCH = 500;

describe('two `rift worker --role analyze --concurrency 2` processes on one queue', () => {
  let services: FaultServices;
  const workers: RiftChild[] = [];

  beforeAll(async () => {
    services = await FaultServices.start('two-workers', { redis: 6486, clickhouseHttp: 8486, clickhouseTcp: 9486 });
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await services?.close();
  });

  it('share the batches and store every post exactly once', async () => {
    workers.push(...(await Promise.all([startWorker(services, 'worker-a', 2), startWorker(services, 'worker-b', 2)])));
    const producer = await sendDemo(services, N, { batchSize: BATCH });
    expect(producer.stats).toMatchObject({ accepted: N, batches: N / BATCH });
    await waitForPosts(services, N, 60_000);

    const [a, b] = workers.map((w) => w.batches());
    // Both took part, and no batch was handled by both: each batch written once, each post inserted once.
    expect(a!.length).toBeGreaterThan(0);
    expect(b!.length).toBeGreaterThan(0);
    const all = [...a!, ...b!];
    expect(all).toHaveLength(N / BATCH);
    expect(new Set(all.map((o) => o.job)).size).toBe(N / BATCH);
    expect(all.reduce((n, o) => n + o.inserted, 0)).toBe(N);
    expect(all.reduce((n, o) => n + o.unchanged + o.replaced + o.deadLettered, 0)).toBe(0);

    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: N, signed: N, rollup: N, dailyRollup: N, sourceRollup: N, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
    expect(compareIds(demoIds(N), await storedIds(services.clickhouse))).toEqual({ missing: [], unexpected: [], repeated: 0 });
    expect((await services.jobCounts()).failed).toBe(0);
    console.log(JSON.stringify({ test: 'two-workers', batchesA: a!.length, batchesB: b!.length }));
  }, 120_000);
});
