import { createAnalyzer } from '@rift/analyze';
import { storedPosts } from '@rift/core';
import { feed, PostProducer } from '@rift/ingest';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { ProgressLine } from '../progress.ts';
import type { Command } from '../command.ts';

const command: Command = {
  summary: 're-score stored posts after a model change (the new rows replace the old)',
  usage: [
    'Usage: rift rescore [--all]',
    '',
    'Sends every stored post scored by another model version than the current one back through',
    'the queue (--all: every stored post). Workers (rift worker, rift start) score them; the writer',
    'replaces each changed row and the rollups follow.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, { all: { type: 'boolean', default: false } });
    const runtime = await openRuntime({ name: 'rift-rescore', migrate: true });
    const current = createAnalyzer(runtime.pack).modelVersion;
    const producer = new PostProducer(runtime.postsQueue, runtime.redis, {
      batchSize: runtime.config.RIFT_BATCH_SIZE,
      prefix: runtime.config.RIFT_QUEUE_PREFIX,
      redeliver: true,
    });
    const progress = new ProgressLine();
    try {
      const posts = (async function* () {
        for await (const post of storedPosts(runtime.clickhouse, values.all ? undefined : current)) yield { post };
      })();
      const read = await feed(posts, producer, 'rescore', (n) => progress.update(`rescore: ${n} posts queued`));
      progress.done(`rescore: ${read} posts queued for model ${current}; ${producer.stats.rejected} failed validation (rift dlq list)`);
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
