import type { RouteOptions } from 'fastify';
import { errorBodySchema } from '../errors.ts';

/** A route's schema as @fastify/swagger reads it (only the parts the document needs). */
export interface DocumentedSchema {
  description?: string;
  querystring?: { properties?: Record<string, unknown> };
  response?: Record<string, unknown>;
  security?: unknown[];
  operationId?: string;
  [key: string]: unknown;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The role access control asks of a route (api/src/auth/access.ts): declared, else by method. */
function neededRole(route: RouteOptions): string {
  const declared = (route.config as { role?: string } | undefined)?.role;
  if (declared) return declared;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.every((m) => READ_METHODS.has(m)) ? 'viewer' : 'admin';
}

/** `GET /api/alerts/:id/history` as `getApiAlertsIdHistory`: unique per route, stable across releases. */
function operationId(method: string, url: string): string {
  const words = url.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * What the document says of a route beyond its validation schema, so that the document is whole
 * without repeating it in every route:
 * - a query string that accepts no parameters is left out (@fastify/swagger would otherwise list
 *   its `type` and `additionalProperties` keywords as parameters);
 * - a route that declares no success answer gets a 200 described by its summary;
 * - every route may answer 401 (a wrong key) and 429 (too many requests or refused keys);
 * - security: viewer reads take a key or none (public reads), everything else needs a key; a
 *   route's own `security` (a viewer route that still needs a key) wins.
 */
export function documentRoute(schema: DocumentedSchema, url: string, route: RouteOptions): DocumentedSchema {
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  const documented: DocumentedSchema = { ...schema, operationId: schema.operationId ?? operationId(method, url) };
  if (schema.querystring && Object.keys(schema.querystring.properties ?? {}).length === 0) delete documented.querystring;
  const response = { ...(schema.response ?? {}) };
  if (!Object.keys(response).some((code) => /^2(\d\d|XX)$/.test(code))) response['200'] = { description: schema.summary ?? 'Success' };
  response['401'] ??= { ...errorBodySchema, description: 'No key, or a wrong, malformed or revoked one' };
  response['429'] ??= { ...errorBodySchema, description: 'Too many requests, or too many refused keys, from this client' };
  documented.response = response;
  const role = neededRole(route);
  if (!schema.security) documented.security = role === 'viewer' ? [{ apiKey: [] }, {}] : [{ apiKey: [] }];
  if (role !== 'viewer' && schema.description) documented.description = `${schema.description}\n\nNeeds an API key with the ${role} role.`;
  return documented;
}
