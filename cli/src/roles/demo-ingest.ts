import { feed, generateDemoPosts, PostProducer, RelevanceFilter, RunRecorder } from '@rift/ingest';
import type { Runtime } from '../runtime.ts';

export const DEMO_NOTICE =
  'Demo corpus: SYNTHETIC posts made by a deterministic generator (source "demo"), shaped by the ' +
  'timeline of the TikTok ban. They are not real posts and say so in every record.';

/**
 * Enqueues the synthetic demo corpus; posts already enqueued before are skipped. The load is
 * recorded as one run of the source "demo", like any other source's run.
 */
export async function enqueueDemo(
  runtime: Runtime,
  count: number,
  onProgress: (read: number, producer: PostProducer) => void,
): Promise<PostProducer> {
  const producer = new PostProducer(runtime.postsQueue, runtime.redis, {
    batchSize: runtime.config.RIFT_BATCH_SIZE,
    prefix: runtime.config.RIFT_QUEUE_PREFIX,
  });
  // Every demo post mentions the pack's terms by construction; record which, as live sources do.
  const relevance = new RelevanceFilter(runtime.pack);
  const items = (function* () {
    for (const post of generateDemoPosts({ count })) yield { post: relevance.annotate(post) };
  })();
  await new RunRecorder(runtime.clickhouse, runtime.log).track('demo', 'demo', () => feed(items, producer, 'demo', (read) => onProgress(read, producer)));
  return producer;
}
