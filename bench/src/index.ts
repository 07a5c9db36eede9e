// Front door of the bench: what `rift bench` runs and prints. The standalone scripts
// (bench-nlp.ts, soak.ts) are started with tsx and export nothing.
export { benchAnalysis } from './analysis.ts';
export { benchAnalysisProcess } from './analysis-process.ts';
export { benchApiLoad } from './api-load.ts';
export { benchClassifiers } from './classifiers.ts';
export type { BenchContext } from './context.ts';
export { benchCopyClustering } from './copy-clustering.ts';
export { benchEndToEnd } from './end-to-end.ts';
export { benchExport } from './export.ts';
export { jsonLine, textLine, type Figure } from './figures.ts';
export { describeMachine, writeBenchmarksFile } from './markdown.ts';
export { benchQueries } from './queries.ts';
export { startBenchServices } from './services.ts';
