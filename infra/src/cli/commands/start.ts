import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_NOTICE, enqueueDemo } from '../../demo-ingest.ts';
import { startAnalyzeRole, startApiRole } from '../../roles.ts';
import { openRuntime } from '../../runtime.ts';
import { Shutdown } from '../../shutdown.ts';
import { ProgressLine } from '../progress.ts';
import type { Command } from '../command.ts';

const command: Command = {
  summary: 'run everything: services, migrations, workers, the demo corpus and the dashboard',
  usage: 'Usage: rift start\n\nCtrl-C stops everything this command started.',
  async run() {
    const runtime = await openRuntime({ name: 'rift', migrate: true });
    const shutdown = new Shutdown((line) => console.error(line));
    shutdown.listen();
    await startApiRole(runtime, shutdown);
    const { counters } = startAnalyzeRole(runtime, shutdown, runtime.config.RIFT_ANALYZE_CONCURRENCY);
    shutdown.add('connections and services', () => runtime.close());
    console.log(`Rift dashboard: http://localhost:${runtime.config.PORT}  (Ctrl-C to stop)`);

    const count = runtime.config.RIFT_DEMO_POSTS;
    if (count > 0) {
      console.log(DEMO_NOTICE);
      const progress = new ProgressLine();
      const status = (read: number) =>
        `demo: ${read}/${count} generated, ${counters.written} analysed and stored, ${counters.deadLettered} dead letters`;
      try {
        const producer = await enqueueDemo(runtime, count, (read) => progress.update(status(read)));
        while (!shutdown.stopping && !(await queueIsIdle(runtime.postsQueue))) {
          progress.update(status(count));
          await sleep(250);
        }
        const s = producer.stats;
        progress.done(
          `demo: ${s.accepted} posts queued (${s.duplicates} were already loaded), ${counters.written} analysed and stored; the dashboard is ready`,
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

async function queueIsIdle(queue: { getJobCounts(...types: string[]): Promise<Record<string, number>> }): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

export default command;
