import { DeadLetters } from '@rift/core';
import { PostProducer } from '@rift/ingest';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'list, retry or purge the dead-letter list (posts that failed validation or analysis)',
  usage: [
    'Usage: rift dlq list [--limit N]   one JSON entry a line: at, stage, source, reason, post',
    '       rift dlq retry [--limit N]  put entries back on the queue (failing again re-adds them)',
    '       rift dlq purge              delete every entry',
  ].join('\n'),
  async run(args) {
    const [action, ...rest] = args;
    const { values } = parseCommandArgs(rest, { limit: { type: 'string' } });
    const limit = positiveInteger(values.limit, '--limit', action === 'list' ? 100 : 1_000_000);
    if (!action || !['list', 'retry', 'purge'].includes(action)) throw new UsageError('expected list, retry or purge');
    const runtime = await openRuntime({ name: 'rift-dlq' });
    const deadLetters = new DeadLetters(runtime.redis, runtime.config.RIFT_QUEUE_PREFIX);
    try {
      if (action === 'list') {
        for (const entry of await deadLetters.list(0, limit)) console.log(JSON.stringify(entry));
        console.error(`${await deadLetters.count()} dead letters in all`);
      } else if (action === 'purge') {
        console.log(`purged ${await deadLetters.purge()} dead letters`);
      } else {
        const entries = await deadLetters.take(limit);
        const producer = new PostProducer(runtime.postsQueue, runtime.redis, {
          batchSize: runtime.config.RIFT_BATCH_SIZE,
          prefix: runtime.config.RIFT_QUEUE_PREFIX,
          redeliver: true,
        });
        for (const entry of entries) await producer.add(entry.post, entry.source);
        await producer.flush();
        console.log(`retried ${entries.length}: ${producer.stats.accepted} queued, ${producer.stats.rejected} failed validation again`);
      }
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
