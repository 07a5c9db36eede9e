import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  compareIds,
  demoIds,
  FaultServices,
  FreezableProxy,
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
const OUTAGE_MS = 30_000;

describe('ClickHouse unavailable for 30 s while batches arrive', () => {
  let services: FaultServices;
  let worker: RiftChild | undefined;
  const others: RiftChild[] = [];

  beforeAll(async () => {
    services = await FaultServices.start('ch-outage', { redis: 6482, clickhouseHttp: 8482, clickhouseTcp: 9482 });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    for (const w of others) w.kill('SIGKILL');
    await services?.close();
  });

  it('the worker backs off, keeps its batches and catches up: nothing lost, nothing twice', async () => {
    worker = await startWorker(services, 'worker');
    // 40 batches, one every 0.8 s: they keep arriving through the whole outage.
    const sending = sendDemo(services, N, { batchSize: 500, paceMs: 800 });
    await waitUntil('first rows stored', async () => (await storedCount(services.clickhouse)) > 0, 30_000, 50);

    await services.stopClickHouse();
    const outageStart = Date.now();
    let maxDelayed = 0;
    while (Date.now() - outageStart < OUTAGE_MS) {
      maxDelayed = Math.max(maxDelayed, (await services.jobCounts()).delayed ?? 0);
      await sleep(500);
    }
    const duringOutage = await services.jobCounts();
    await services.startClickHouse();

    await waitForPosts(services, N, 60_000);
    const producer = await sending;
    expect(producer.stats).toMatchObject({ accepted: N, rejected: 0, duplicates: 0 });

    // Batches failed against the dead ClickHouse and waited for a retry; the worker itself lived on.
    expect(maxDelayed).toBeGreaterThan(0);
    expect(worker.alive).toBe(true);
    expect(worker.count('batch failed; the queue will retry it')).toBeGreaterThan(0);
    expect(worker.count('batch failed for good; its posts go to the dead-letter list')).toBe(0);

    // An INSERT cut by the outage may have reached posts_v1 without its rows in some rollups (hourly
    // or daily); the worker rebuilds those months once writes succeed again, so every rollup catches up.
    await waitUntil('rollups equal to the stored posts', async () => {
      const c = await reconcile(services.clickhouse);
      return c.rollup === N && c.dailyRollup === N && c.sourceRollup === N && c.topicRollup === c.topicExpected && c.dailyTopicRollup === c.topicExpected;
    }, 60_000, 250);
    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: N, signed: N, rollup: N, dailyRollup: N, sourceRollup: N, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
    expect(compareIds(demoIds(N), await storedIds(services.clickhouse))).toEqual({ missing: [], unexpected: [], repeated: 0 });
    expect(await services.deadLetters.count()).toBe(0);
    const after = await services.jobCounts();
    expect(after.failed).toBe(0);
    console.log(JSON.stringify({
      test: 'clickhouse-outage',
      maxDelayedDuringOutage: maxDelayed,
      queueAtOutageEnd: duringOutage,
      failedAttempts: worker.count('batch failed; the queue will retry it'),
      rollupMonthsRebuilt: worker.count('rollups rebuilt from the stored posts after an interrupted insert'),
    }));
  }, 150_000);

  it('a batch that runs out of attempts goes to the dead-letter list, and rift dlq retry brings it home', async () => {
    worker?.kill('SIGKILL');
    await worker?.exited;
    const before = await storedCount(services.clickhouse);
    // A worker whose ClickHouse is gone for good (connections refused), and a batch allowed one attempt.
    const proxy = await FreezableProxy.start(services.ports.clickhouseHttp);
    const broken = await startWorker(services, 'broken', 1, { CLICKHOUSE_URL: proxy.url });
    others.push(broken);
    await proxy.close();
    const posts = [0, 1, 2].map((n) => ({ source: 'demo', id: `gave-up-${n}`, created_at: '2025-01-19T12:00:00Z', text: `TikTok ban day ${n}: still scrolling` }));
    await services.queue.add('batch', { source: 'demo', posts }, { attempts: 1 });

    await waitUntil('the batch dead-lettered', async () => (await services.deadLetters.count()) === 3, 20_000, 100);
    const letters = await services.deadLetters.list(0, 10);
    expect(letters.map((l) => (l.post as { id: string }).id).sort()).toEqual(['gave-up-0', 'gave-up-1', 'gave-up-2']);
    for (const letter of letters) {
      expect(letter.stage).toBe('analyze');
      expect(letter.reason).toMatch(/^batch failed after 1 attempts: ClickHouse unreachable/);
    }
    expect(broken.count('batch failed for good; its posts go to the dead-letter list')).toBe(1);
    broken.kill('SIGKILL');

    const retry = await RiftChild.run(['dlq', 'retry'], services.env(), services.dir, 'dlq-retry');
    expect(retry.output).toContain('retried 3: 3 queued');
    others.push(await startWorker(services, 'healthy'));
    await waitForPosts(services, before + 3, 30_000);
    expect(await services.deadLetters.count()).toBe(0);
    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: before + 3, signed: before + 3, rollup: before + 3, dailyRollup: before + 3, sourceRollup: before + 3, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
  }, 90_000);
});
