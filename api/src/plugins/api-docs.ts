import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { SOFTWARE_VERSION } from '../export/methodology.ts';
import { documentRoute, type DocumentedSchema } from './api-docs-transform.ts';

/** Where the API describes itself: the page, and the document at `${DOCS_PREFIX}/json` and `/yaml`. */
export const DOCS_PREFIX = '/api/docs';

const DESCRIPTION = [
  'Rift measures how far apart the public and its government stand on a policy. Every read takes the',
  'filters in its query string and answers JSON (exports stream CSV or JSONL); errors are',
  '`{ "error": ..., "message": ... }` with the HTTP status.',
  '',
  'Keys: send `Authorization: Bearer KEY`. Reads need the viewer role (open without a key when the',
  'server allows public reads); routes that need more say which role (analyst or admin) in their description.',
].join('\n');

/**
 * The OpenAPI 3 document, built by @fastify/swagger from every route's JSON schema, and a page
 * that renders it (Swagger UI, whose files ship inside @fastify/swagger-ui, so it works offline
 * under the API's CSP: scripts and styles are files from this origin). Must be installed before
 * the routes: the document lists the routes added after it.
 */
export async function installApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Rift API', version: SOFTWARE_VERSION, description: DESCRIPTION, license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' } },
      // Relative: the document describes whichever host serves it.
      servers: [{ url: '/', description: 'The server that serves this document' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A Rift API key (rift keys create)' } } },
      // Reads take a key or none (when the server allows public reads); see each route.
      security: [{ apiKey: [] }, {}],
    },
    transform: ({ schema, url, route }) => (schema ? { schema: documentRoute(schema as DocumentedSchema, url, route) as typeof schema, url } : { schema, url }),
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // BaseLayout: the document alone. The standalone layout's top bar draws a logo whose inline
    // <style> the CSP refuses, and offers to load documents from other URLs, which Rift does not need.
    uiConfig: { layout: 'BaseLayout', docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0 },
    theme: { title: 'Rift API' },
  });
}
