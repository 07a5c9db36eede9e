// Entry of the benchmarks' worker threads: TypeScript is loaded through tsx here as in bin/rift.mjs,
// because Node 20 does not pass the main thread's loader hooks on to worker threads.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
