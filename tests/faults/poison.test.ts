import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { type Analyzer, createAnalyzer, startAnalyzeWorker } from '@rift/analyze';
import { createLogger, loadConfig, loadTopicPack } from '@rift/core';
import { feed, generateDemoPosts, type SourceItem } from '@rift/ingest';
import { compareIds, demoIds, FaultServices, reconcile, RiftChild, startWorker, storedIds, waitForPosts } from '@rift/testing/faults';

const N = 2000;
const POISON = [
  { source: 'demo', id: 'poison-1', created_at: '2025-01-18T04:12:00Z', text: 'TikTok goes dark tonight and the ban is real 😡 #tiktokban' },
  { source: 'demo', id: 'poison-2', created_at: '2025-01-19T17:40:00Z', text: 'TikTok is back online. Was the ban ever going to stick?' },
];

describe('a poison post (one that makes the analysis throw)', () => {
  let services: FaultServices;
  let inProcess: Worker | undefined;
  let worker: RiftChild | undefined;

  beforeAll(async () => {
    services = await FaultServices.start('poison', { redis: 6487, clickhouseHttp: 8487, clickhouseTcp: 9487 });
  });

  afterAll(async () => {
    await inProcess?.close();
    worker?.kill('SIGKILL');
    await services?.close();
  });

  const rift = (label: string, ...args: string[]) => RiftChild.run(args, services.env(), services.dir, label);

  it('goes to the dead-letter list with its error while its batch-mates are written; rift dlq lists, retries and purges it', async () => {
    // The real analyzer with a defect that only these two texts trigger, as an analyzer bug would.
    const real = createAnalyzer(loadTopicPack(loadConfig().RIFT_TOPIC_PACK));
    const poisonTexts = new Set(POISON.map((p) => p.text));
    const flawed: Analyzer = {
      modelVersion: real.modelVersion,
      analyze: (input) => {
        if (poisonTexts.has(input.text)) throw new RangeError('tokenizer ran past the end of the text');
        return real.analyze(input);
      },
    };
    inProcess = startAnalyzeWorker({
      connection: services.redis,
      prefix: services.prefix,
      clickhouse: services.clickhouse,
      analyzer: flawed,
      concurrency: 2,
      log: createLogger('silent', 'poison-test'),
    });

    // Each poison post sits in the middle of a batch of 500.
    const demo = [...generateDemoPosts({ count: N })];
    const items: SourceItem[] = [...demo.slice(0, 250), POISON[0]!, ...demo.slice(250, 1250), POISON[1]!, ...demo.slice(1250)].map((post) => ({ post }));
    const producer = services.producer(500);
    await feed(items, producer, 'demo');
    expect(producer.stats).toMatchObject({ accepted: N + 2, rejected: 0 });
    await waitForPosts(services, N, 30_000);
    await inProcess.close();
    inProcess = undefined;

    // Every batch-mate is stored; the two poison posts are not, and are dead letters with the error.
    expect(compareIds(demoIds(N), await storedIds(services.clickhouse))).toEqual({ missing: [], unexpected: [], repeated: 0 });
    const letters = await services.deadLetters.list(0, 10);
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(letter).toMatchObject({ stage: 'analyze', source: 'demo', reason: 'analysis failed: tokenizer ran past the end of the text' });
    }
    expect(letters.map((l) => (l.post as { id: string }).id).sort()).toEqual(['poison-1', 'poison-2']);
    expect((await services.jobCounts()).failed).toBe(0);

    // rift dlq list: one JSON entry a line, the total on stderr.
    const list = await rift('dlq-list-1', 'dlq', 'list');
    expect(list.code).toBe(0);
    const listed = list.output.split('\n').filter((l) => l.startsWith('{"at"')).map((l) => JSON.parse(l) as { reason: string; post: { id: string } });
    expect(listed.map((l) => l.post.id).sort()).toEqual(['poison-1', 'poison-2']);
    expect(listed.every((l) => l.reason.startsWith('analysis failed: '))).toBe(true);
    expect(list.output).toContain('2 dead letters in all');

    // rift dlq retry --limit 1: the first one goes back on the queue; a worker with the real
    // (sound) analyzer stores it.
    const retried = letters[0]!.post as { id: string };
    const retry = await rift('dlq-retry', 'dlq', 'retry', '--limit', '1');
    expect(retry.code).toBe(0);
    expect(retry.output).toContain('retried 1: 1 queued, 0 failed validation again');
    worker = await startWorker(services, 'worker');
    await waitForPosts(services, N + 1, 30_000);
    expect((await storedIds(services.clickhouse)).filter((id) => id.startsWith('poison-'))).toEqual([retried.id]);
    expect(await services.deadLetters.count()).toBe(1);

    // rift dlq purge: the other one is gone for good.
    const purge = await rift('dlq-purge', 'dlq', 'purge');
    expect(purge.code).toBe(0);
    expect(purge.output).toContain('purged 1 dead letters');
    const empty = await rift('dlq-list-2', 'dlq', 'list');
    expect(empty.output).toContain('0 dead letters in all');
    expect(await services.deadLetters.count()).toBe(0);

    const r = await reconcile(services.clickhouse);
    expect(r).toEqual({ final: N + 1, signed: N + 1, rollup: N + 1, dailyRollup: N + 1, sourceRollup: N + 1, topicRollup: r.topicExpected, dailyTopicRollup: r.topicExpected, topicExpected: r.topicExpected });
  }, 120_000);
});
