import { Queue } from 'bullmq';
import { QueueName, type IngestJob } from '@rift/core';
import { anyReachable, buildSources, PostProducer, scheduleSources, startIngestWorker } from '@rift/ingest';
import type { Runtime } from '../runtime.ts';
import type { Shutdown } from '../shutdown.ts';

export type IngestRoleResult = { online: true; sources: string[] } | { online: false; reason: string };

/**
 * Schedules the configured live sources and runs them, unless none of their services can be
 * reached (offline), in which case nothing is scheduled and the caller says so.
 */
export async function startIngestRole(runtime: Runtime, shutdown: Shutdown): Promise<IngestRoleResult> {
  const configured = buildSources(runtime.sourcesConfig);
  if (configured.length === 0) return { online: false, reason: 'no live source is enabled in the configuration' };
  if (!(await anyReachable(configured.map((c) => c.probeUrl)))) {
    return { online: false, reason: `none of the ${configured.length} configured sources' services answered (no internet?)` };
  }
  const queue = new Queue<IngestJob>(QueueName.ingest, { connection: runtime.redis, prefix: runtime.config.RIFT_QUEUE_PREFIX });
  const httpBySource = new Map(configured.map((c) => [c.source.name, c.http]));
  const { worker, abort } = startIngestWorker({
    connection: runtime.redis,
    clickhouse: runtime.clickhouse,
    prefix: runtime.config.RIFT_QUEUE_PREFIX,
    sources: configured.map((c) => c.source),
    pack: runtime.pack,
    createProducer: () =>
      new PostProducer(runtime.postsQueue, runtime.redis, { batchSize: runtime.config.RIFT_BATCH_SIZE, prefix: runtime.config.RIFT_QUEUE_PREFIX }),
    http: (source) => httpBySource.get(source.name)!,
    log: runtime.log,
  });
  await scheduleSources(queue, configured.map((c) => c.source));
  shutdown.add('ingest worker', async () => {
    // Stop in-flight source runs at their next page; their cursors only cover enqueued pages.
    abort.abort();
    await worker.close();
    await queue.close();
  });
  return { online: true, sources: configured.map((c) => c.source.name) };
}
