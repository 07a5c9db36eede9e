import { setTimeout as sleep } from 'node:timers/promises';
import { isQueueIdle } from '@rift/core';
import { DEMO_NOTICE, enqueueDemo } from '../roles/demo-ingest.ts';
import { startAlertsRole } from '../roles/alerts-role.ts';
import { startIngestRole } from '../roles/ingest-role.ts';
import { startAnalyzeRole } from '../roles/analyze-role.ts';
import { startApiRole } from '../roles/api-role.ts';
import { openRuntime } from '../runtime.ts';
import { Shutdown } from '../shutdown.ts';
import { defaultWorkerCount, WorkerProcesses } from '../worker-processes.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import { ProgressLine } from '../progress.ts';
import type { Command } from '../command.ts';

const command: Command = {
  summary: 'run everything: services, migrations, workers, live sources (or the demo corpus offline) and the dashboard',
  usage: [
    'Usage: rift start [--workers N]',
    '',
    '  --workers N   analyze workers: this process and N-1 `rift worker` processes (default: one per core)',
    '',
    'Ctrl-C stops everything this command started.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, { workers: { type: 'string' } });
    const workers = positiveInteger(values.workers, '--workers', defaultWorkerCount());
    // Listen first: Ctrl-C while the servers start must still stop them, not orphan them.
    const shutdown = new Shutdown((line) => console.error(line));
    shutdown.listen();
    const runtime = await openRuntime({ name: 'rift', migrate: true });
    if (shutdown.stopping) {
      await runtime.close();
      return 130;
    }
    await startApiRole(runtime, shutdown);
    const { counters } = startAnalyzeRole(runtime, shutdown, runtime.config.RIFT_ANALYZE_CONCURRENCY);
    const extraWorkers = new WorkerProcesses(workers - 1, runtime.log);
    shutdown.add('analyze worker processes', () => extraWorkers.stop());
    await startAlertsRole(runtime, shutdown);
    console.log(`Rift dashboard: http://localhost:${runtime.config.PORT}  (Ctrl-C to stop)`);

    const live = await startIngestRole(runtime, shutdown);
    // Last step: every role above has stopped using the connections by then.
    shutdown.add('connections and services', () => runtime.close());
    const demoMode = runtime.sourcesConfig.demo;
    if (live.online) console.log(`Live sources scheduled: ${live.sources.join(', ')} (rift sources shows their state)`);
    else console.log(`Live sources: offline, ${live.reason}.${demoMode === 'never' ? '' : ' Falling back to the synthetic demo corpus.'}`);

    const count = runtime.config.RIFT_DEMO_POSTS;
    const loadDemo = demoMode === 'always' || (demoMode === 'auto' && !live.online);
    if (loadDemo && count > 0) {
      console.log(DEMO_NOTICE);
      const progress = new ProgressLine();
      const here = workers > 1 ? ` by this process (${workers - 1} more worker processes share the queue)` : '';
      const status = (read: number) =>
        `demo: ${read}/${count} generated, ${counters.written} analysed and stored${here}, ${counters.deadLettered} dead letters`;
      try {
        const producer = await enqueueDemo(runtime, count, (read) => progress.update(status(read)));
        // Printed at once: off a terminal the next line may be the last, and the count so far is news.
        progress.update(status(count), true);
        while (!shutdown.stopping && !(await isQueueIdle(runtime.postsQueue))) {
          progress.update(status(count));
          await sleep(250);
        }
        const s = producer.stats;
        progress.done(
          `demo: ${s.accepted} posts queued (${s.duplicates} were already loaded), the queue has finished them; the dashboard is ready`,
        );
      } catch (err) {
        // Connections close under the loop when Ctrl-C comes mid-load; anything else is a real failure.
        if (!shutdown.stopping) throw err;
      }
    }
    await shutdown.done;
    return 0;
  },
};

export default command;
