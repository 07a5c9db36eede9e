// The front door of @rift/api: the Fastify app and server, and the queries, exports and alerts the
// CLI and the bench run outside HTTP. Its package.json exports only this file.
export { createRule, listRules } from './alerts/rule-store.ts';
export { RuleInputSchema } from './alerts/rule.ts';
export { syncSchedules } from './alerts/scheduler.ts';
export { evaluateAndRecord, type EvaluationOutcome, startAlertsWorker } from './alerts/worker.ts';
export { type AppDeps, buildApp } from './app.ts';
export { ApiKeyStore, KeyStoreError } from './auth/key-store.ts';
export { isRole, type Role, ROLES } from './auth/roles.ts';
export { serializer } from './export/format.ts';
export { buildMethodology, SOFTWARE_VERSION } from './export/methodology.ts';
export { type ExportRequest, parseExportRequest } from './export/request.ts';
export { sampleCsv, sampleKeyCsv } from './export/sample-csv.ts';
export { drawSample, parseSampleRequest, type SampleRequest } from './export/sample.ts';
export { exportChunks, exportSql } from './export/stream.ts';
export { protectionFromConfig } from './plugins/protection.ts';
export { queryAuthorPoints } from './queries/author-trends.ts';
export { type PostQueryInput } from './queries/post-query.ts';
export { DAILY, HOURLY } from './queries/rollup-choice.ts';
export { querySummary } from './queries/summary.ts';
export { trendCacheSettings } from './queries/trend-cache.ts';
export { type TrendRequest } from './queries/trend-request.ts';
export { queryTrendPoints, trendSql } from './queries/trends.ts';
export { startServer } from './server.ts';
export { type AuthorMoments, VECTOR_LENGTH } from './stats/clustered.ts';
export { type TaskReport } from './validation/compare.ts';
export { parseCsv } from './validation/csv-reader.ts';
export { validateCodedSheet } from './validation/validate.ts';
export { createView } from './views/view-store.ts';
