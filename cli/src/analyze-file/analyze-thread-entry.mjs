// Entry of `rift analyze`'s worker threads when their bundle cannot be written (compiled-thread.ts):
// TypeScript is loaded through tsx here as in bin/rift.mjs, because Node 20 does not pass the main
// thread's loader hooks on to worker threads.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-thread.ts');
