import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDITED_OBJECTS, type AuditedObject, type ClickHouse, listAudit } from '@rift/core';
import { errorBodySchema } from '../errors.ts';

/** Who a request acts as, for the audit log: its key, or "anonymous" (never for a write, which needs a key). */
export function requestActor(request: FastifyRequest): string {
  return request.client ? `key:${request.client.id}` : 'anonymous';
}

const entrySchema = {
  type: 'object',
  required: ['at', 'actor', 'action', 'object_type', 'object_id', 'detail'],
  properties: {
    at: { type: 'string', description: 'ISO 8601, whole seconds' },
    actor: { type: 'string', description: '"key:ID" for a request with that API key, "cli" for a command on the host' },
    action: { type: 'string', enum: ['create', 'update', 'delete', 'revoke', 'forget'] },
    object_type: { type: 'string', enum: AUDITED_OBJECTS },
    object_id: { type: 'string' },
    detail: { type: 'object', additionalProperties: true },
  },
} as const;

/** GET /api/audit: the audit log, newest first, for admins. */
export function auditRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: { limit: number; object_type?: AuditedObject } }>(
    '/api/audit',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'The audit log',
        description: 'Who created, changed or deleted an API key, an alert rule, a saved view, a validation run or stored posts, and when; newest first.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100, description: 'Entries to answer, newest first' },
            object_type: { type: 'string', enum: AUDITED_OBJECTS, description: 'Only entries about this kind of object' },
          },
        },
        response: {
          200: { type: 'object', required: ['entries'], properties: { entries: { type: 'array', items: entrySchema } } },
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          503: errorBodySchema,
        },
      },
    },
    async (request) => ({ entries: await listAudit(clickhouse, { limit: request.query.limit, type: request.query.object_type }) }),
  );
}
