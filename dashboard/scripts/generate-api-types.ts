// Writes the API's OpenAPI document and the TypeScript types generated from it, which
// dashboard/src/api/types.ts names for the dashboard. Run after changing a route's schema:
//   npm run -w @rift/dashboard generate:api-types
// src/api/openapi-types.test.ts fails while the checked-in files differ from what this writes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '@rift/api';
import { loadConfig, loadTopicPack } from '@rift/core';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/api');
export const DOCUMENT_FILE = path.join(API_DIR, 'openapi.json');
export const TYPES_FILE = path.join(API_DIR, 'openapi.d.ts');

/**
 * The document as the API serves it at /api/docs/json. Building the app sends no query (the
 * routes query per request), so empty placeholders stand in for ClickHouse, Redis and the queue.
 */
export async function apiDocument(): Promise<OpenAPI3> {
  const app = await buildApp({
    clickhouse: {} as never,
    redis: {} as never,
    postsQueue: {} as never,
    queuePrefix: 'openapi',
    pack: loadTopicPack(loadConfig({}).RIFT_TOPIC_PACK),
  });
  try {
    return app.swagger() as unknown as OpenAPI3;
  } finally {
    await app.close();
  }
}

export const documentText = (doc: OpenAPI3): string => `${JSON.stringify(doc, null, 2)}\n`;

export async function typesText(doc: OpenAPI3): Promise<string> {
  return `${COMMENT_HEADER}${astToString(await openapiTS(doc))}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const doc = await apiDocument();
  writeFileSync(DOCUMENT_FILE, documentText(doc));
  writeFileSync(TYPES_FILE, await typesText(doc));
  console.log(`wrote ${path.relative(process.cwd(), DOCUMENT_FILE)} and ${path.relative(process.cwd(), TYPES_FILE)}`);
}
