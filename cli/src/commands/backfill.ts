import { Queue } from 'bullmq';
import { QueueName, type IngestJob } from '@rift/core';
import { buildSources, scheduleBackfill } from '@rift/ingest';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

function day(value: string | undefined, name: string): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${name} must be a date like 2025-01-13`);
  return new Date(`${value}T00:00:00Z`);
}

const command: Command = {
  summary: 'queue a backfill of a date range for a source, split into windows',
  usage: [
    'Usage: rift backfill --source NAME --from YYYY-MM-DD --to YYYY-MM-DD [--days N]',
    '',
    'Splits [from, to) into windows of N days (default 7), one ingest job each; the ingest',
    'worker of rift start runs them. Queueing the same range twice adds no job.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, {
      source: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      days: { type: 'string' },
    });
    const from = day(values.from, '--from');
    const to = day(values.to, '--to');
    if (from >= to) throw new UsageError('--from must be before --to');
    const days = positiveInteger(values.days, '--days', 7);
    const runtime = await openRuntime({ name: 'rift-backfill' });
    const queue = new Queue<IngestJob>(QueueName.ingest, { connection: runtime.redis, prefix: runtime.config.RIFT_QUEUE_PREFIX });
    try {
      const sources = buildSources(runtime.sourcesConfig).map((c) => c.source);
      const source = sources.find((s) => s.name === values.source);
      if (!source) throw new UsageError(`no enabled source "${values.source ?? ''}"; enabled: ${sources.map((s) => s.name).join(', ')}`);
      if (!source.backfill) throw new UsageError(`${source.name} cannot search by date, so it cannot backfill`);
      const jobs = await scheduleBackfill(queue, source.name, from, to, days);
      console.log(`queued ${jobs} backfill windows of ${days} days for ${source.name}; rift sources shows progress`);
    } finally {
      await queue.close();
      await runtime.close();
    }
    return 0;
  },
};

export default command;
