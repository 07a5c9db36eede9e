import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import { QueueName } from '@rift/core';
import { feed, generateDemoPosts } from '@rift/ingest';
import {
  compareIds,
  demoIds,
  FaultServices,
  FreezableProxy,
  reconcile,
  sendDemo,
  startWorker,
  storedCount,
  storedIds,
  waitForPosts,
  waitUntil,
  type RiftChild,
} from '@rift/testing/faults';

const N = 20_000;

describe('an analyze worker killed with SIGKILL in the middle of a batch', () => {
  let services: FaultServices;
  let events: QueueEvents;
  const workers: RiftChild[] = [];
  const proxies: FreezableProxy[] = [];
  let stalled = 0;

  beforeAll(async () => {
    services = await FaultServices.start('sigkill', { redis: 6481, clickhouseHttp: 8481, clickhouseTcp: 9481 });
    events = new QueueEvents(QueueName.posts, { connection: { url: services.redisUrl }, prefix: services.prefix });
    events.on('stalled', () => stalled++);
    await events.waitUntilReady();
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    for (const p of proxies) await p.close();
    await events?.close();
    await services?.close();
  });

  it('loses nothing and stores nothing twice once another worker takes over', async () => {
    const first = await startWorker(services, 'worker-1');
    workers.push(first);
    const sending = sendDemo(services, N, { batchSize: 500 });

    // Kill it while it holds a batch, once the first rows have landed.
    await waitUntil('first rows stored with a batch in hand', async () => {
      const stored = await storedCount(services.clickhouse);
      return stored > 0 && stored < N && (await services.queue.getActiveCount()) > 0;
    }, 30_000, 20);
    first.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = await storedCount(services.clickhouse);
    expect(atKill).toBeLessThan(N);

    const second = await startWorker(services, 'worker-2');
    workers.push(second);
    const producer = await sending;
    expect(producer.stats).toMatchObject({ accepted: N, rejected: 0, duplicates: 0 });

    // Kill the second one as well, mid-batch, so that a batch may lose its worker twice.
    await waitUntil('more rows stored with a batch in hand', async () => {
      const stored = await storedCount(services.clickhouse);
      return stored > atKill && stored < N && (await services.queue.getActiveCount()) > 0;
    }, 30_000, 20);
    second.kill('SIGKILL');
    await second.exited;

    const third = await startWorker(services, 'worker-3');
    workers.push(third);
    await waitForPosts(services, N, 120_000);

    // The batches the dead workers held came back through BullMQ's stalled-job check.
    expect(stalled).toBeGreaterThanOrEqual(2);
    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: N, signed: N, rollup: N, dailyRollup: N, sourceRollup: N, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
    expect(compareIds(demoIds(N), await storedIds(services.clickhouse))).toEqual({ missing: [], unexpected: [], repeated: 0 });
    const outcomes = workers.flatMap((w) => w.batches());
    console.log(JSON.stringify({
      test: 'worker-sigkill',
      storedAtFirstKill: atKill,
      stalledBatches: stalled,
      batchesWritten: outcomes.length,
      // Rows a re-delivered batch found already stored: the kill came after its INSERT.
      unchangedOnRetry: outcomes.reduce((n, o) => n + o.unchanged, 0),
    }));
    expect(await services.deadLetters.count()).toBe(0);
    expect((await services.jobCounts()).failed).toBe(0);
  }, 120_000);

  it('a batch whose worker dies twice is still written, once', async () => {
    // Only the workers started here may take the batch.
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    const before = await storedCount(services.clickhouse);
    // Workers whose ClickHouse hangs: each takes the batch and holds it until it is killed.
    const hungWorker = async (label: string) => {
      const proxy = await FreezableProxy.start(services.ports.clickhouseHttp);
      proxies.push(proxy);
      const worker = await startWorker(services, label, 1, { CLICKHOUSE_URL: proxy.url });
      workers.push(worker);
      proxy.freeze();
      return worker;
    };
    const [a, b] = await Promise.all([hungWorker('hung-a'), hungWorker('hung-b')]);
    const posts = [...generateDemoPosts({ count: 500, seed: 3 })].map((post) => ({ post: { ...post, id: `twice-${post.id}` } }));
    await feed(posts, services.producer(500), 'demo');
    await waitUntil('the batch taken', async () => (await services.queue.getActiveCount()) === 1, 30_000, 20);
    const [job] = await services.queue.getActive();
    a.kill('SIGKILL');
    b.kill('SIGKILL');
    await Promise.all([a.exited, b.exited]);

    // A third worker finds the batch stalled, takes it, hangs as well, and is killed in turn.
    const c = await hungWorker('hung-c');
    await waitUntil('the batch stalled once and taken again', async () => {
      const now = await services.queue.getJob(job!.id!);
      return now?.stalledCounter === 1 && (await now.getState()) === 'active';
    }, 20_000, 50);
    c.kill('SIGKILL');
    await c.exited;

    // BullMQ's default (maxStalledCount 1) would now fail the batch for good.
    const d = await startWorker(services, 'worker-4');
    workers.push(d);
    await waitForPosts(services, before + 500, 90_000);
    const done = await services.queue.getJob(job!.id!);
    expect(done?.stalledCounter).toBe(2);
    expect(await done?.getState()).toBe('completed');
    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: before + 500, signed: before + 500, rollup: before + 500, dailyRollup: before + 500, sourceRollup: before + 500, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
    expect((await storedIds(services.clickhouse)).filter((id) => id.startsWith('twice-'))).toHaveLength(500);
    expect(await services.deadLetters.count()).toBe(0);
    expect((await services.jobCounts()).failed).toBe(0);
  }, 90_000);
});
