// The front door of @rift/ingest: the sources, the run loop and the producer, as the CLI roles, the
// API's upload route and the harness use them. Its package.json exports only this file.
export { anyReachable } from './connectivity.ts';
export { feed, type SourceItem } from './feed.ts';
export { PoliteHttp, type PoliteHttpOptions } from './http/polite-http.ts';
export { startIngestWorker } from './ingest-worker.ts';
export { PostProducer, type ProducerOptions } from './producer.ts';
export { RelevanceFilter } from './relevance.ts';
export { RunRecorder } from './run-recorder.ts';
export { type RunOutcome, runSource } from './run-source.ts';
export { scheduleBackfill, scheduleSources } from './scheduler.ts';
export { sourcesOverview, type SourceState, SourceStateStore } from './source-state.ts';
export { generateDemoPosts } from './sources/demo.ts';
export { checkFileIds, describeIdConflicts } from './sources/file-ids.ts';
export { resolveFieldMap, suggestMapping } from './sources/file-map.ts';
export { readColumns, type ReadFileOptions, readPostsFromFile } from './sources/file.ts';
export { buildSources, enabledSourceNames, loadSourcesConfig, type SourcesConfig } from './sources/registry.ts';
export { type BackfillWindow, type Source } from './sources/source.ts';
export { sourceOfPlatform } from './sources/zeeschuimer/envelope.ts';
export { describeZeeschuimerImport, importZeeschuimer, ZEESCHUIMER_RUN } from './sources/zeeschuimer/import.ts';
export { looksLikeZeeschuimer, readZeeschuimerBody, readZeeschuimerFile } from './sources/zeeschuimer/read.ts';
