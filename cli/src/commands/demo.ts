import { DEMO_NOTICE, enqueueDemo } from '../roles/demo-ingest.ts';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import { ProgressLine } from '../progress.ts';
import type { Command } from '../command.ts';

const command: Command = {
  summary: 'enqueue the synthetic demo corpus for analysis',
  usage: 'Usage: rift demo [--count N]\n\nPosts already enqueued are skipped; a worker (rift worker, rift start) analyses them.',
  async run(args) {
    const { values } = parseCommandArgs(args, { count: { type: 'string' } });
    const runtime = await openRuntime({ name: 'rift-demo', migrate: true });
    const count = positiveInteger(values.count, '--count', runtime.config.RIFT_DEMO_POSTS);
    console.log(DEMO_NOTICE);
    const progress = new ProgressLine();
    try {
      const producer = await enqueueDemo(runtime, count, (read) => progress.update(`demo: ${read}/${count} generated`));
      const s = producer.stats;
      progress.done(`demo: ${s.accepted} queued in ${s.batches} batches, ${s.duplicates} already queued before, ${s.rejected} rejected`);
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
