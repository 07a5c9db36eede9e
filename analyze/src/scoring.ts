// A named door of @rift/analyze: the analyzer alone. `rift analyze` starts a worker thread per core,
// and each one loads its modules again; through this door it loads the models and nothing of
// training, the queue worker or their dependencies (the front door, src/index.ts, has all of them).
export type { Analyzer, AnalyzerInput } from './analyzer.ts';
export { createAnalyzer } from './nlp/index.ts';
