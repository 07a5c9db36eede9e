import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, sql } from '@rift/core';
import { PRESS_RELEASE, SAME_HASHTAG_POSTS, syndicatedCopy } from '@rift/testing/press-release';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';

/**
 * Copy clusters given by the real analyze worker: posts go through the producer, BullMQ and the
 * worker's posts writer, which asks the Redis band index for each new post's cluster.
 */
describe('copy clusters through the real pipeline', () => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startTestPipeline();
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('stores edited copies of a press release under the release\'s cluster and unrelated posts under their own', async () => {
    const producer = pipeline.producer({ batchSize: 25 });
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 17, 10, minute)).toISOString();
    await producer.add({ source: 'rss', id: 'release', created_at: at(0), text: PRESS_RELEASE, matched_terms: ['tiktok'] }, 'rss');
    await producer.flush();
    await pipeline.drained();
    for (let n = 0; n < 60; n++) await producer.add({ source: 'rss', id: `copy-${n}`, created_at: at(1 + n), text: syndicatedCopy(n), matched_terms: ['tiktok'] }, 'rss');
    for (const [i, text] of SAME_HASHTAG_POSTS.entries()) await producer.add({ source: 'rss', id: `own-${i}`, created_at: at(2), text, matched_terms: ['tiktok'] }, 'rss');
    await producer.flush();
    await pipeline.drained();
    const rows = await pipeline.db.clickhouse.query<{ cluster: string; n: string }>(sql`
      SELECT copy_cluster AS cluster, count() AS n FROM (SELECT * FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1
      GROUP BY cluster ORDER BY n DESC, cluster`);
    expect(rows[0]).toEqual({ cluster: 'rss:release', n: '61' });
    expect(rows.slice(1)).toEqual(SAME_HASHTAG_POSTS.map((_, i) => ({ cluster: `rss:own-${i}`, n: '1' })));
  });
});
