// The front door of @rift/api: the Fastify app and server, and the exports, samples, validation
// and keys the CLI and the bench run outside HTTP. Its package.json exports only this file.
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
export { startServer } from './server.ts';
export { type TaskReport } from './validation/compare.ts';
export { parseCsv } from './validation/csv-reader.ts';
export { validateCodedSheet } from './validation/validate.ts';
export { createView } from './views/view-store.ts';
