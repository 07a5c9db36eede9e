/**
 * The Zeeschuimer branch of `rift import`: an export of RedNote, TikTok or Douyin items, read with
 * its own mappers (no --map) into the sources rednote, tiktok and douyin.
 */
import { describeZeeschuimerImport, importZeeschuimer, looksLikeZeeschuimer, PostProducer, readZeeschuimerFile, RelevanceFilter, RunRecorder, ZEESCHUIMER_RUN } from '@rift/ingest';
import { openRuntime } from '../runtime.ts';
import { ProgressLine } from '../progress.ts';
import { UsageError } from '../command.ts';

interface ImportFlags {
  format?: string;
  map?: string;
  source?: string;
  'match-topic'?: boolean;
}

/** --format zeeschuimer, or no --format and a .ndjson/.jsonl file whose lines carry the envelope. */
export async function isZeeschuimerImport(file: string, flags: ImportFlags): Promise<boolean> {
  const chosen = flags.format === 'zeeschuimer' || (flags.format === undefined && /\.(ndjson|jsonl)(\.gz)?$/i.test(file) && (await looksLikeZeeschuimer(file)));
  if (chosen && (flags.map || (flags.source && flags.source !== 'file'))) {
    throw new UsageError('a Zeeschuimer export has its own mapping and sources (rednote, tiktok, douyin): leave out --map and --source');
  }
  return chosen;
}

export async function runZeeschuimerImport(file: string, flags: ImportFlags): Promise<number> {
  const runtime = await openRuntime({ name: 'rift-import', migrate: true });
  const producer = new PostProducer(runtime.postsQueue, runtime.redis, { batchSize: runtime.config.RIFT_BATCH_SIZE, prefix: runtime.config.RIFT_QUEUE_PREFIX });
  const progress = new ProgressLine();
  try {
    const relevance = new RelevanceFilter(runtime.pack);
    let summary = '';
    // One run of the import, recorded (failed or not) like any other source's.
    await new RunRecorder(runtime.clickhouse, runtime.log).track(ZEESCHUIMER_RUN, 'import', async () => {
      const stats = await importZeeschuimer(readZeeschuimerFile(file), producer, {
        filter: (post) => (flags['match-topic'] ? relevance.apply(post) : relevance.annotate(post)),
        onProgress: (n) => progress.update(`import: ${n} lines read`),
      });
      summary = describeZeeschuimerImport(stats);
      return stats.queued;
    });
    progress.done(`import (zeeschuimer): ${summary}`);
  } finally {
    await runtime.close();
  }
  return 0;
}
