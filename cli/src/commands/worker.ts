import { openRuntime } from '../runtime.ts';
import { startAnalyzeRole } from '../roles/analyze-role.ts';
import { Shutdown } from '../shutdown.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'run a worker process that shares the queue with others (scale out)',
  usage: 'Usage: rift worker [--role analyze] [--concurrency N]\n\nRuns until SIGINT or SIGTERM, then hands unfinished batches back to the queue.',
  async run(args) {
    const { values } = parseCommandArgs(args, { role: { type: 'string', default: 'analyze' }, concurrency: { type: 'string' } });
    if (values.role !== 'analyze') throw new UsageError(`unknown role "${values.role}" (available: analyze)`);
    const runtime = await openRuntime({ name: 'rift-worker', migrate: true });
    const shutdown = new Shutdown((line) => runtime.log.info(line));
    const concurrency = positiveInteger(values.concurrency, '--concurrency', runtime.config.RIFT_ANALYZE_CONCURRENCY);
    startAnalyzeRole(runtime, shutdown, concurrency);
    shutdown.add('connections', () => runtime.close());
    shutdown.listen();
    await shutdown.done;
    return 0;
  },
};

export default command;
