import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@rift/core';
import { errorBodySchema } from '../errors.ts';
import { querySummary } from '@rift/queries';

const responseSchema = {
  type: 'object',
  required: ['posts', 'synthetic_posts', 'first', 'last', 'model_versions', 'sources'],
  properties: {
    posts: { type: 'integer' },
    synthetic_posts: { type: 'integer' },
    first: { type: ['string', 'null'], description: 'created_at of the oldest post, ISO UTC' },
    last: { type: ['string', 'null'], description: 'created_at of the newest post, ISO UTC' },
    model_versions: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** GET /api/summary: what the store holds, so charts can say what they are drawn from. */
export function summaryRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get(
    '/api/summary',
    {
      schema: {
        summary: 'What the store holds',
        description: 'Posts stored (and how many are synthetic), the first and last created_at, the sources and the model versions, so a chart can say what it is drawn from.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: { 200: responseSchema, 503: errorBodySchema },
      },
    },
    async () => querySummary(clickhouse),
  );
}
