/**
 * One worker thread of the all-cores analysis benchmark: builds its own labeller, then for each
 * { ms } message labels texts for that long and answers { posts, seconds }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLabeller, timedRun, type SystemName } from './analysis-systems.ts';

const { system, texts, warmupMs } = workerData as { system: SystemName; texts: string[]; warmupMs: number };
const label = createLabeller(system);
timedRun(label, texts, warmupMs); // warm-up, so the first measured round is not the JIT's
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (message: { ms: number }) => {
  parentPort!.postMessage(timedRun(label, texts, message.ms));
});
